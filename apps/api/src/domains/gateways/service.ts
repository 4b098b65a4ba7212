import type { Gateway, GatewayHeartbeat, GatewayInstaller, GatewayState } from '@console/contracts'
import type { Prisma } from '@console/db'
import type { RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError } from '../../lib/errors.ts'
import { liveClusterWhere } from '../clusters/mapping.ts'
import { appendGatewayEvent } from './events.ts'
import { auditGateway, type GatewayRow } from './pairing.ts'

const isUuid = (uid: string) => /^[0-9a-f-]{36}$/i.test(uid)

export interface GatewaySpec {
  vcenterServer?: string
  username?: string
  insecure?: boolean
  placement?: Gateway['spec']['placement']
  sshKeys?: string[]
  ntpServers?: string[]
  ipAllocation?: 'Static' | 'DHCP'
  ipPoolUid?: string
  /** The agent's start-up settings, as it paired. */
  installer?: Gateway['spec']['installer']
}

type Condition = Gateway['status']['conditions'][number]

/** Numeric comparison of dotted versions (1.10.0 > 1.9.3); a leading `v` is ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .replace(/^v/, '')
      .split(/[.-]/)
      .map((p) => Number.parseInt(p, 10) || 0)
  const [x, y] = [parts(a), parts(b)]
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0)
    if (d !== 0) return Math.sign(d)
  }
  return 0
}

export function toGateway(deps: Deps, row: GatewayRow): Gateway {
  const spec = row.spec as GatewaySpec
  const state = row.state as GatewayState
  const unhealthyMs = deps.config.gateways.unhealthySeconds * 1000
  const last = row.lastHeartbeatAt
  const latest = deps.config.gateways.latestAgentVersion
  const upgradable = latest && row.agentVersion && compareVersions(row.agentVersion, latest) < 0
  return {
    metadata: { uid: row.id, name: row.name, creationTimestamp: row.createdAt.toISOString() },
    spec: {
      cloudAccountUid: row.cloudAccountId ?? undefined,
      ipAddress: row.ipAddress ?? undefined,
      size: row.size,
      vcenterServer: spec.vcenterServer,
      username: spec.username,
      placement: spec.placement,
      sshKeys: spec.sshKeys ?? [],
      ntpServers: spec.ntpServers ?? [],
      ipAllocation: spec.ipAllocation,
      ipPoolUid: spec.ipPoolUid,
      installer: spec.installer ?? {},
    },
    status: {
      state,
      isActive: !row.deletedAt,
      isReady: state === 'Running',
      health: {
        state: !last ? 'Unknown' : Date.now() - last.getTime() > unhealthyMs ? 'Unhealthy' : 'Healthy',
        lastHeartBeatTimestamp: last?.toISOString(),
        agentVersion: row.agentVersion ?? undefined,
      },
      upgradeAvailable: upgradable ? { version: latest } : undefined,
      conditions: row.conditions as Condition[],
    },
  }
}

/** A gateway of the caller's tenant (gateways are tenant-wide), not deleted, or 404. */
export async function findGateway(deps: Deps, ctx: RequestContext, uid: string): Promise<GatewayRow> {
  const row = isUuid(uid)
    ? await deps.prisma.gateway.findFirst({ where: { id: uid, tenantId: ctx.actor.tenantId, deletedAt: null } })
    : null
  if (!row) throw new AppError('NotFound', `Private Cloud Gateway ${uid} not found`)
  return row
}

export async function listGateways(deps: Deps, ctx: RequestContext) {
  const rows = await deps.prisma.gateway.findMany({
    where: { tenantId: ctx.actor.tenantId, deletedAt: null },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  })
  return { items: rows.map((row) => toGateway(deps, row)) }
}

export const getGateway = async (deps: Deps, ctx: RequestContext, uid: string) =>
  toGateway(deps, await findGateway(deps, ctx, uid))

export async function listGatewayEvents(deps: Deps, ctx: RequestContext, uid: string) {
  const gateway = await findGateway(deps, ctx, uid)
  const rows = await deps.prisma.gatewayEvent.findMany({
    where: { gatewayId: gateway.id },
    orderBy: { seq: 'asc' },
    take: 500,
  })
  return {
    items: rows.map((row) => ({
      uid: row.id,
      reason: row.reason,
      message: row.message,
      severity: row.severity,
      state: (row.state ?? undefined) as GatewayState | undefined,
      createdAt: row.createdAt.toISOString(),
    })),
  }
}

/** GET /v1/overlords/vsphere/ova: our "installer" is the gateway agent, as a container or a Node program. */
export function installerInfo(deps: Deps, consoleEndpoint: string): GatewayInstaller {
  const image = deps.config.gateways.agentImage
  const args = `--console-endpoint ${consoleEndpoint} --pairing-code <PIN> --name <Installer Name>`
  return {
    location: image,
    instructions: [
      `docker run -d --name pcg-agent --restart unless-stopped -v pcg-state:/var/lib/pcg-agent ${image} ${args}`,
      // From a checkout, as any user: the default /var/lib/pcg-agent is the image's and most users cannot write it.
      `pnpm --filter @console/pcg-agent start -- ${args} --state-dir .data/pcg-agent`,
    ],
  }
}

/**
 * The agent's heartbeat: address, version, and the way back from Unhealthy or Upgrading. Answers the
 * state the gateway moved to, if it moved.
 */
export async function recordHeartbeat(
  deps: Deps,
  gateway: GatewayRow,
  body: GatewayHeartbeat,
): Promise<GatewayState | undefined> {
  const latest = deps.config.gateways.latestAgentVersion
  const upgraded = gateway.state === 'Upgrading' && (!latest || compareVersions(body.agentVersion, latest) >= 0)
  const recovered = gateway.state === 'Unhealthy'
  const next: GatewayState | undefined = upgraded || recovered ? 'Running' : undefined
  return deps.prisma.$transaction(async (tx) => {
    const changed = await tx.gateway.updateMany({
      where: { id: gateway.id, state: gateway.state },
      data: { ipAddress: body.ipAddress, agentVersion: body.agentVersion, lastHeartbeatAt: new Date(), state: next },
    })
    if (next && changed.count > 0) {
      await appendGatewayEvent(tx, gateway.id, {
        reason: upgraded ? 'Upgraded' : 'Healthy',
        message: upgraded
          ? `Gateway ${gateway.name} runs agent ${body.agentVersion}`
          : `Gateway ${gateway.name} is heartbeating again`,
        state: next,
      })
    }
    if (changed.count === 0) {
      // The state moved meanwhile (a sweep, a reset): still record that the agent is alive.
      await tx.gateway.update({
        where: { id: gateway.id },
        data: { ipAddress: body.ipAddress, agentVersion: body.agentVersion, lastHeartbeatAt: new Date() },
      })
    }
    return changed.count > 0 ? next : undefined
  })
}

/** Running gateways whose agent stopped heartbeating become Unhealthy. Answers how many. */
export async function sweepGatewayHealth(deps: Deps): Promise<number> {
  const before = new Date(Date.now() - deps.config.gateways.unhealthySeconds * 1000)
  const rows = await deps.prisma.gateway.updateManyAndReturn({
    where: { state: 'Running', deletedAt: null, lastHeartbeatAt: { lt: before } },
    data: { state: 'Unhealthy' },
  })
  for (const row of rows) {
    await appendGatewayEvent(deps.prisma, row.id, {
      reason: 'Unhealthy',
      message: `Gateway ${row.name} has not sent a heartbeat since ${row.lastHeartbeatAt?.toISOString()}`,
      severity: 'Warning',
      state: 'Unhealthy',
    })
  }
  return rows.length
}

const RESETTABLE: GatewayState[] = ['Error', 'Provisioning', 'Unhealthy', 'Running']

/** PUT /v1/overlords/{uid}/reset: back to Pending to reconfigure; the agent keeps its credential. */
export async function resetGateway(deps: Deps, ctx: RequestContext, uid: string): Promise<void> {
  const gateway = await findGateway(deps, ctx, uid)
  if (!RESETTABLE.includes(gateway.state as GatewayState)) {
    throw new AppError(
      'InvalidState',
      `Gateway ${gateway.name} is ${gateway.state}; only ${RESETTABLE.join(', ')} can be reset`,
    )
  }
  await deps.prisma.$transaction(async (tx) => {
    // Provisioning work nobody took yet is withdrawn; cluster work stays.
    await tx.gatewayTask.updateMany({
      where: { gatewayId: gateway.id, clusterId: null, state: 'queued' },
      data: { state: 'failed', error: { code: 'Cancelled', message: 'The gateway was reset' } },
    })
    await tx.gateway.update({ where: { id: gateway.id }, data: { state: 'Pending', conditions: [] } })
    await appendGatewayEvent(tx, gateway.id, {
      reason: 'Reset',
      message: `Gateway ${gateway.name} reset to Pending by ${ctx.actor.name}`,
      state: 'Pending',
    })
    await auditGateway(tx, ctx, gateway, 'update', `Private Cloud Gateway ${gateway.name} reset`)
  })
}

/** POST|PUT /v1/overlords/{uid}/upgrade: the agent restarts with the newer version; its heartbeat ends it. */
export async function upgradeGateway(deps: Deps, ctx: RequestContext, uid: string): Promise<void> {
  const gateway = await findGateway(deps, ctx, uid)
  const view = toGateway(deps, gateway)
  if (!view.status.upgradeAvailable) throw new AppError('InvalidState', `Gateway ${gateway.name} is up to date`)
  if (gateway.state !== 'Running') {
    throw new AppError(
      'InvalidState',
      `Gateway ${gateway.name} is ${gateway.state}; only a Running gateway is upgraded`,
    )
  }
  const version = view.status.upgradeAvailable.version
  await deps.prisma.$transaction(async (tx) => {
    await tx.gateway.update({ where: { id: gateway.id }, data: { state: 'Upgrading' } })
    await appendGatewayEvent(tx, gateway.id, {
      reason: 'Upgrading',
      message: `Gateway ${gateway.name} upgrading to agent ${version}`,
      state: 'Upgrading',
    })
    await auditGateway(tx, ctx, gateway, 'update', `Private Cloud Gateway ${gateway.name} upgrade to ${version}`)
  })
}

async function clustersUsingGateway(db: Deps['prisma'] | Prisma.TransactionClient, gatewayId: string) {
  return db.cluster.findMany({
    where: { cloudAccount: { gatewayId }, ...liveClusterWhere },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  })
}

/**
 * DELETE /v1/overlords/{uid}: refused while live clusters use one of its vSphere accounts. Otherwise the
 * gateway is marked deleted, its credential revoked and its accounts removed; its VMs are the admin's.
 */
export async function deleteGateway(deps: Deps, ctx: RequestContext, uid: string): Promise<{ msg: string }> {
  const gateway = await findGateway(deps, ctx, uid)
  const refuseIfUsed = (users: Array<{ id: string; name: string }>) => {
    if (users.length === 0) return
    throw new AppError(
      'InUse',
      `Gateway ${gateway.name} is used by the cluster(s) ${users.map((c) => c.name).join(', ')}; delete them first`,
      { clusters: users.map((c) => ({ uid: c.id, name: c.name })) },
    )
  }
  refuseIfUsed(await clustersUsingGateway(deps.prisma, gateway.id))
  await deps.prisma.$transaction(async (tx) => {
    // Locking its accounts makes a concurrent cluster create wait (its foreign key takes a share lock on
    // the account), so no live cluster can appear between this check and the delete.
    await tx.$queryRaw`SELECT 1 FROM "CloudAccount" WHERE "gatewayId" = ${gateway.id}::uuid FOR UPDATE`
    refuseIfUsed(await clustersUsingGateway(tx, gateway.id))
    const now = new Date()
    await tx.gatewayTask.updateMany({
      where: { gatewayId: gateway.id, state: { in: ['queued', 'leased'] } },
      data: { state: 'failed', error: { code: 'Cancelled', message: 'The gateway was deleted' } },
    })
    await tx.gateway.update({
      where: { id: gateway.id },
      data: { deletedAt: now, credentialRevokedAt: now, cloudAccountId: null },
    })
    // Only Deleted clusters still point at these accounts; their reference is cleared (SetNull).
    await tx.cloudAccount.deleteMany({ where: { gatewayId: gateway.id } })
    // The gateway's own nodes give their static addresses back.
    await tx.ipAllocation.deleteMany({ where: { holder: { startsWith: `gateway/${gateway.id}/` } } })
    await appendGatewayEvent(tx, gateway.id, { reason: 'Deleted', message: `Gateway ${gateway.name} deleted` })
    await auditGateway(tx, ctx, gateway, 'delete', `Private Cloud Gateway ${gateway.name} deleted`)
  })
  return {
    msg: `Gateway ${gateway.name} deleted and its agent credential revoked. Delete the gateway's virtual machines (pcg-${gateway.name}-*) and the installer VM from vSphere.`,
  }
}
