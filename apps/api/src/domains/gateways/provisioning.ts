import { randomUUID } from 'node:crypto'
import type {
  GatewayAccount,
  GatewayCloudConfig,
  IpPoolSpec,
  VcenterAccess,
  VmAddress,
  VmSpec,
} from '@console/contracts'
import type { Prisma } from '@console/db'
import type { RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError } from '../../lib/errors.ts'
import { openSecret, sealSecret } from '../../lib/secret-box.ts'
import { allocateAddresses } from '../ip-pools/allocation.ts'
import { appendGatewayEvent } from './events.ts'
import { auditGateway, type GatewayRow } from './pairing.ts'
import { findGateway, type GatewaySpec } from './service.ts'
import { queueTask, runTask, type TaskFinishedHook, type TaskOutcome } from './task-queue.ts'

/** The gateway's own nodes (decision 011). */
const GATEWAY_NODE = { cpu: 4, memoryMiB: 8192, diskGiB: 60 }
/** States in which the agent is connected and answers vCenter questions. */
const ANSWERING = ['Pending', 'Running']

export type PlacementProperty =
  | 'datacenters'
  | 'computeclusters'
  | 'datastores'
  | 'networks'
  | 'resourcepools'
  | 'folders'

function assertAnswering(gateway: GatewayRow) {
  if (!ANSWERING.includes(gateway.state)) {
    throw new AppError(
      'InvalidState',
      `Gateway ${gateway.name} is ${gateway.state}; it answers vCenter calls when Pending or Running`,
      {
        state: gateway.state,
      },
    )
  }
}

/** The stored vCenter access of a gateway (password decrypted), or 409 when none was given yet. */
function storedAccess(deps: Deps, gateway: GatewayRow): VcenterAccess {
  const spec = gateway.spec as GatewaySpec
  if (!spec.vcenterServer || !spec.username || !gateway.secretCiphertext) {
    throw new AppError('InvalidState', `Gateway ${gateway.name} has no vCenter account yet: configure it first`)
  }
  const password = openSecret(deps.keys.encryption, gateway.secretCiphertext, gateway.id)
  return { vcenterServer: spec.vcenterServer, username: spec.username, password, insecure: spec.insecure ?? false }
}

/** An agent's refusal as the API's error: credentials problems are 422 CloudCredentialsInvalid, the rest rejected requests. */
export function taskError(outcome: TaskOutcome): AppError | undefined {
  if (!('error' in outcome)) return undefined
  const { code, message } = outcome.error
  const credentials = /auth|login|credential|password|permission/i.test(code)
  return new AppError(credentials ? 'CloudCredentialsInvalid' : 'CloudRequestRejected', message, { code })
}

/** POST|PUT /v1/overlords/vsphere/{uid}/account: validated by the gateway's agent, then stored. */
export async function saveGatewayAccount(deps: Deps, ctx: RequestContext, uid: string, body: GatewayAccount) {
  const gateway = await findGateway(deps, ctx, uid)
  assertAnswering(gateway)
  const outcome = await runTask(deps, gateway.id, { kind: 'vcenter.validate', payload: { vcenter: body.account } })
  const error = taskError(outcome)
  if (error) {
    await auditGateway(
      deps.prisma,
      ctx,
      gateway,
      'validationFailed',
      `vCenter account of gateway ${gateway.name} failed validation`,
      {
        vcenterServer: body.account.vcenterServer,
        username: body.account.username,
        code: outcome && 'error' in outcome ? outcome.error.code : undefined,
      },
    )
    throw error
  }
  const { vcenterServer, username, insecure } = body.account
  await deps.prisma.$transaction(async (tx) => {
    await tx.gateway.update({
      where: { id: gateway.id },
      data: {
        spec: { ...(gateway.spec as GatewaySpec), vcenterServer, username, insecure } as Prisma.InputJsonValue,
        secretCiphertext: sealSecret(deps.keys.encryption, body.account.password, gateway.id),
      },
    })
    // The vSphere cloud account created with the gateway follows its credentials.
    if (gateway.cloudAccountId) {
      await tx.cloudAccount.update({
        where: { id: gateway.cloudAccountId },
        data: {
          spec: { vcenterServer, username, insecure, overlordUid: gateway.id, gatewayAccount: true },
          secretCiphertext: sealSecret(
            deps.keys.encryption,
            JSON.stringify({ password: body.account.password }),
            gateway.cloudAccountId,
          ),
          identity: { accountId: vcenterServer, principal: username },
          validatedAt: new Date(),
        },
      })
    }
    await appendGatewayEvent(tx, gateway.id, {
      reason: 'AccountValidated',
      message: `vCenter ${vcenterServer} accepted the account ${username}`,
    })
    await auditGateway(tx, ctx, gateway, 'update', `vCenter account of gateway ${gateway.name} set`, {
      vcenterServer,
      username,
    })
  })
}

/** GET /v1/overlords/vsphere/{uid}/properties/{what}: the placement drop-downs, asked of vCenter by the agent. */
export async function listPlacementProperty(
  deps: Deps,
  ctx: RequestContext,
  uid: string,
  what: PlacementProperty,
  parents: { datacenter?: string; computecluster?: string },
) {
  const gateway = await findGateway(deps, ctx, uid)
  assertAnswering(gateway)
  return listVcenterProperty(deps, gateway.id, storedAccess(deps, gateway), what, parents)
}

/** One placement list of a vCenter, asked of a gateway's agent with these credentials. */
export async function listVcenterProperty(
  deps: Deps,
  gatewayId: string,
  vcenter: VcenterAccess,
  what: PlacementProperty,
  parents: { datacenter?: string; computecluster?: string },
): Promise<{ items: Array<{ id: string; name: string }> }> {
  const needsDc = what !== 'datacenters'
  const needsCc = ['datastores', 'networks', 'resourcepools'].includes(what)
  if (needsDc && !parents.datacenter) {
    throw new AppError('ValidationError', `${what} need a datacenter`, [
      { path: 'datacenter', message: 'Choose a Datacenter' },
    ])
  }
  if (needsCc && !parents.computecluster) {
    throw new AppError('ValidationError', `${what} need a compute cluster`, [
      { path: 'computecluster', message: 'Choose a Compute Cluster' },
    ])
  }
  const outcome = await runTask(deps, gatewayId, { kind: 'vcenter.inventory', payload: { vcenter, what, ...parents } })
  const error = taskError(outcome)
  if (error) throw error
  const items = ('result' in outcome ? outcome.result.items : undefined) as
    | Array<{ id: unknown; name: unknown }>
    | undefined
  return { items: (items ?? []).map((i) => ({ id: String(i.id), name: String(i.name) })) }
}

/**
 * Static addresses for the gateway's nodes: `count` addresses of the IP pool `ipPoolUid` of this gateway,
 * held by "gateway/<uid>/<node>" (decision 011; idempotent, so a resize keeps the first nodes' addresses
 * and a retried Confirm gets the same ones). DHCP nodes get no address here.
 */
export async function allocateGatewayAddresses(
  deps: Deps,
  gateway: GatewayRow,
  config: { staticIp: boolean; ipPoolUid?: string },
  count: number,
): Promise<Array<VmAddress | undefined>> {
  if (!config.staticIp) return Array.from({ length: count }, () => undefined)
  const pool = config.ipPoolUid
    ? await deps.prisma.ipPool.findFirst({ where: { id: config.ipPoolUid, gatewayId: gateway.id } })
    : null
  if (!pool) {
    throw new AppError('UnprocessableEntity', `Static IP needs an IP pool of gateway ${gateway.name}`, [
      { path: 'ipPoolUid', message: 'Choose an IP pool of this gateway' },
    ])
  }
  const spec = pool.spec as unknown as IpPoolSpec
  const addresses = await allocateAddresses(deps.prisma, {
    poolId: pool.id,
    holderPrefix: `gateway/${gateway.id}`,
    count,
  })
  return addresses.map((ip) => ({
    ip,
    prefix: spec.prefix,
    gateway: spec.gateway,
    nameservers: spec.nameserver?.addresses ?? [],
  }))
}

async function queueGatewayNodes(
  deps: Deps,
  gateway: GatewayRow,
  spec: GatewaySpec,
  size: number,
  addresses: Array<VmAddress | undefined>,
) {
  const placement = spec.placement
  if (!placement) throw new AppError('InvalidState', `Gateway ${gateway.name} has no placement`)
  const vms: VmSpec[] = addresses.slice(0, size).map((address, i) => ({
    name: `pcg-${gateway.name}-${i + 1}`,
    placement,
    ...GATEWAY_NODE,
    address,
    // The SSH Public Key the agent was started with reaches the gateway's nodes too.
    sshKeys: [
      ...new Set([...(spec.sshKeys ?? []), ...(spec.installer?.sshPublicKey ? [spec.installer.sshPublicKey] : [])]),
    ],
    ntpServers: spec.ntpServers ?? [],
  }))
  await queueTask(deps, gateway.id, { kind: 'vms.ensure', payload: { vcenter: storedAccess(deps, gateway), vms } })
}

/**
 * POST|PUT /v1/overlords/vsphere/{uid}/cloudconfig. A Pending gateway with a vCenter account is provisioned
 * (→ Provisioning; its vms.ensure result makes it Running). A PUT on a Running gateway updates it and, with a
 * larger size, resizes it (1 → 3); a smaller size is refused.
 */
export async function saveGatewayCloudConfig(
  deps: Deps,
  ctx: RequestContext,
  uid: string,
  body: GatewayCloudConfig,
  method: 'POST' | 'PUT',
) {
  const gateway = await findGateway(deps, ctx, uid)
  storedAccess(deps, gateway)
  const resize = gateway.state === 'Running' && body.size > gateway.size
  if (gateway.state === 'Running' && body.size < gateway.size) {
    throw new AppError('UnprocessableEntity', `Gateway ${gateway.name} has ${gateway.size} nodes; it cannot shrink`, [
      { path: 'size', message: 'A gateway is resized from 1 to 3 nodes only' },
    ])
  }
  const provision = gateway.state === 'Pending'
  if (!provision && !(method === 'PUT' && gateway.state === 'Running')) {
    throw new AppError('InvalidState', `Gateway ${gateway.name} is ${gateway.state}; reset it to configure it again`)
  }
  const spec: GatewaySpec = {
    ...(gateway.spec as GatewaySpec),
    placement: body.placement,
    sshKeys: body.sshKeys,
    ntpServers: body.ntpServers,
    ipAllocation: body.staticIp ? 'Static' : 'DHCP',
    ipPoolUid: body.ipPoolUid,
  }
  const addresses = provision || resize ? await allocateGatewayAddresses(deps, gateway, body, body.size) : []
  await deps.prisma.$transaction(async (tx) => {
    const next = provision || resize ? 'Provisioning' : gateway.state
    const changed = await tx.gateway.updateMany({
      where: { id: gateway.id, state: gateway.state },
      data: { spec: spec as Prisma.InputJsonValue, size: body.size, state: next, conditions: [] },
    })
    if (changed.count === 0) throw new AppError('Conflict', `Gateway ${gateway.name} changed meanwhile; retry`)
    if (next !== gateway.state) {
      await appendGatewayEvent(tx, gateway.id, {
        reason: resize ? 'Resizing' : 'Provisioning',
        message: resize
          ? `Gateway ${gateway.name} resizing from ${gateway.size} to ${body.size} nodes`
          : `Gateway ${gateway.name} provisioning ${body.size} node(s) in ${body.placement.datacenter}/${body.placement.computecluster}`,
        state: 'Provisioning',
      })
    }
    await auditGateway(tx, ctx, gateway, 'update', `Private Cloud Gateway ${gateway.name} configured`, {
      size: body.size,
      placement: body.placement,
      ipAllocation: spec.ipAllocation,
    })
  })
  if (provision || resize) await queueGatewayNodes(deps, gateway, spec, body.size, addresses)
}

/** The gateway's own vms.ensure finished: Running with its vSphere cloud account, or Error. */
export const onGatewayTaskFinished: TaskFinishedHook = async (deps, task, outcome) => {
  if (task.clusterId || task.kind !== 'vms.ensure') return
  const gateway = await deps.prisma.gateway.findUnique({ where: { id: task.gatewayId } })
  if (!gateway || gateway.deletedAt || gateway.state !== 'Provisioning') return
  const now = new Date().toISOString()
  if ('error' in outcome) {
    const condition = {
      type: 'Provisioned',
      status: 'False',
      reason: outcome.error.code,
      message: outcome.error.message,
      lastTransitionTime: now,
    }
    await deps.prisma.$transaction(async (tx) => {
      await tx.gateway.update({ where: { id: gateway.id }, data: { state: 'Error', conditions: [condition] } })
      await appendGatewayEvent(tx, gateway.id, {
        reason: 'ProvisioningFailed',
        message: `Gateway ${gateway.name} provisioning failed: ${outcome.error.message}`,
        severity: 'Error',
        state: 'Error',
      })
    })
    return
  }
  const spec = gateway.spec as GatewaySpec
  await deps.prisma.$transaction(async (tx) => {
    let cloudAccountId = gateway.cloudAccountId
    if (!cloudAccountId) {
      cloudAccountId = randomUUID()
      const password = openSecret(deps.keys.encryption, gateway.secretCiphertext, gateway.id)
      await tx.cloudAccount.create({
        data: {
          id: cloudAccountId,
          tenantId: gateway.tenantId,
          cloudType: 'vsphere',
          name: gateway.name,
          description: `Created with the Private Cloud Gateway ${gateway.name}`,
          spec: {
            vcenterServer: spec.vcenterServer,
            username: spec.username,
            insecure: spec.insecure ?? false,
            overlordUid: gateway.id,
            gatewayAccount: true,
          },
          secretCiphertext: sealSecret(deps.keys.encryption, JSON.stringify({ password }), cloudAccountId),
          // As for added vSphere accounts: vCenter and the user it accepted.
          identity: { accountId: spec.vcenterServer ?? '', principal: spec.username ?? '' },
          validatedAt: new Date(),
          gatewayId: gateway.id,
        },
      })
    }
    const condition = {
      type: 'Provisioned',
      status: 'True',
      reason: 'NodesRunning',
      message: '',
      lastTransitionTime: now,
    }
    await tx.gateway.update({
      where: { id: gateway.id },
      data: { state: 'Running', cloudAccountId, conditions: [condition] },
    })
    await appendGatewayEvent(tx, gateway.id, {
      reason: 'Running',
      message: `Gateway ${gateway.name} is Running with ${gateway.size} node(s)`,
      state: 'Running',
    })
  })
}
