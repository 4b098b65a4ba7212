import { checkIpPool, type IpPool, type IpPoolBody, type IpPoolSpec, poolAddresses, poolSize } from '@console/contracts'
import { Prisma } from '@console/db'
import { recordAudit } from '../../lib/audit.ts'
import type { RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError } from '../../lib/errors.ts'
import { findGateway } from '../gateways/service.ts'

const AUDIT_KIND = 'ippool'
const TX = { maxWait: 30_000, timeout: 30_000 }
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const withAllocations = {
  allocations: {
    select: { address: true, holder: true, clusterId: true, cluster: { select: { name: true } } },
    orderBy: { address: 'asc' },
  },
} satisfies Prisma.IpPoolInclude
type PoolRow = Prisma.IpPoolGetPayload<{ include: typeof withAllocations }>
type StoredSpec = Omit<IpPoolSpec, 'restrictToSingleCluster'>

function storedSpec(row: { spec: Prisma.JsonValue; restrictToSingleCluster: boolean }): IpPoolSpec {
  return { ...(row.spec as unknown as StoredSpec), restrictToSingleCluster: row.restrictToSingleCluster }
}

/** Distinct clusters holding addresses of a pool, by name. */
function clustersOf(row: PoolRow): Array<{ uid: string; name: string }> {
  const seen = new Map<string, string>()
  for (const a of row.allocations) if (a.clusterId) seen.set(a.clusterId, a.cluster?.name ?? a.clusterId)
  return [...seen].map(([uid, name]) => ({ uid, name })).sort((x, y) => x.name.localeCompare(y.name))
}

function toIpPool(row: PoolRow): IpPool {
  const spec = storedSpec(row)
  const allottedIps = row.allocations.map((a) => a.address)
  return {
    metadata: {
      uid: row.id,
      name: row.name,
      creationTimestamp: row.createdAt.toISOString(),
      lastModifiedTimestamp: row.updatedAt.toISOString(),
    },
    spec: {
      pool: spec.pool,
      prefix: spec.prefix,
      gateway: spec.gateway,
      nameserver: { addresses: spec.nameserver?.addresses ?? [] },
      restrictToSingleCluster: spec.restrictToSingleCluster,
    },
    status: {
      allottedIps,
      availableIps: Math.max(0, poolSize(spec) - allottedIps.length),
      associatedClusters: clustersOf(row),
      inUse: allottedIps.length > 0,
    },
  }
}

/** Runs the shared rules against the gateway's other pools; 422 with every problem by path. */
async function validate(deps: Deps, gatewayId: string, body: IpPoolBody, exceptId?: string) {
  const others = await deps.prisma.ipPool.findMany({
    where: { gatewayId, NOT: exceptId ? { id: exceptId } : undefined },
    select: { name: true, spec: true },
  })
  const problems = checkIpPool(
    body,
    others.map((o) => ({ name: o.name, spec: o.spec as unknown as StoredSpec })),
  )
  if (problems.length > 0) {
    throw new AppError('UnprocessableEntity', `The IP pool is not valid: ${problems[0]?.message}`, problems)
  }
  const clash = await deps.prisma.ipPool.findFirst({
    where: {
      gatewayId,
      name: { equals: body.metadata.name, mode: 'insensitive' },
      NOT: exceptId ? { id: exceptId } : undefined,
    },
    select: { id: true },
  })
  if (clash) {
    throw new AppError('AlreadyExists', `An IP pool named "${body.metadata.name}" already exists on this gateway`, [
      { path: ['metadata', 'name'], message: 'A pool with this name already exists on this gateway' },
    ])
  }
}

const specOf = (body: IpPoolBody): Prisma.InputJsonValue => {
  const { pool, prefix, gateway, nameserver } = body.spec
  return { pool, prefix, gateway, nameserver: { addresses: nameserver.addresses } }
}

const nameTaken = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'

async function findPool(deps: Deps, gatewayId: string, poolUid: string): Promise<PoolRow> {
  const row = UUID.test(poolUid)
    ? await deps.prisma.ipPool.findFirst({ where: { id: poolUid, gatewayId }, include: withAllocations })
    : null
  if (!row) throw new AppError('NotFound', `IP pool ${poolUid} not found`)
  return row
}

export async function listIpPools(deps: Deps, ctx: RequestContext, gatewayUid: string) {
  const gateway = await findGateway(deps, ctx, gatewayUid)
  return listGatewayIpPools(deps, gateway.id)
}

/** The pools of a gateway the caller already reached (through one of its accounts, say). */
export async function listGatewayIpPools(deps: Deps, gatewayId: string) {
  const rows = await deps.prisma.ipPool.findMany({
    where: { gatewayId },
    include: withAllocations,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  })
  return { items: rows.map(toIpPool) }
}

export async function createIpPool(
  deps: Deps,
  ctx: RequestContext,
  gatewayUid: string,
  body: IpPoolBody,
): Promise<{ uid: string }> {
  const gateway = await findGateway(deps, ctx, gatewayUid)
  await validate(deps, gateway.id, body)
  const { name } = body.metadata
  try {
    return await deps.prisma.$transaction(async (tx) => {
      const row = await tx.ipPool.create({
        data: {
          gatewayId: gateway.id,
          name,
          spec: specOf(body),
          restrictToSingleCluster: body.spec.restrictToSingleCluster,
        },
      })
      await recordAudit(tx, ctx, {
        actionType: 'create',
        resource: { kind: AUDIT_KIND, uid: row.id, name },
        message: `IP pool ${name} created on gateway ${gateway.name}`,
        details: {
          gatewayUid: gateway.id,
          spec: specOf(body),
          restrictToSingleCluster: body.spec.restrictToSingleCluster,
        },
      })
      return { uid: row.id }
    })
  } catch (error) {
    if (nameTaken(error))
      throw new AppError('AlreadyExists', `An IP pool named "${name}" already exists on this gateway`)
    throw error
  }
}

export async function updateIpPool(
  deps: Deps,
  ctx: RequestContext,
  gatewayUid: string,
  poolUid: string,
  body: IpPoolBody,
): Promise<void> {
  const gateway = await findGateway(deps, ctx, gatewayUid)
  const existing = await findPool(deps, gateway.id, poolUid)
  await validate(deps, gateway.id, body, existing.id)
  const { name } = body.metadata
  try {
    await deps.prisma.$transaction(async (tx) => {
      // The same lock the allocator takes: no address is handed out while the pool changes shape.
      await tx.$queryRaw`SELECT "id" FROM "IpPool" WHERE "id" = ${existing.id}::uuid FOR UPDATE`
      const held = await tx.ipAllocation.findMany({
        where: { poolId: existing.id },
        select: { address: true, clusterId: true, cluster: { select: { name: true } } },
      })
      const kept = new Set(poolAddresses(body.spec))
      const outside = held.filter((a) => !kept.has(a.address)).map((a) => a.address)
      if (outside.length > 0) {
        throw new AppError(
          'InUse',
          `IP pool ${existing.name} cannot leave out addresses in use: ${outside.slice(0, 10).join(', ')}${outside.length > 10 ? ', …' : ''}`,
          { addressesInUse: outside },
        )
      }
      const clusters = new Map(
        held.filter((a) => a.clusterId).map((a) => [a.clusterId, a.cluster?.name ?? a.clusterId]),
      )
      if (body.spec.restrictToSingleCluster && !existing.restrictToSingleCluster && clusters.size > 1) {
        const names = [...clusters.values()].sort()
        throw new AppError(
          'InUse',
          `IP pool ${existing.name} cannot be restricted to a single cluster: ${names.join(', ')} hold addresses`,
          { associatedClusters: [...clusters].map(([uid, n]) => ({ uid, name: n })) },
        )
      }
      await tx.ipPool.update({
        where: { id: existing.id },
        data: { name, spec: specOf(body), restrictToSingleCluster: body.spec.restrictToSingleCluster },
      })
      await recordAudit(tx, ctx, {
        actionType: 'update',
        resource: { kind: AUDIT_KIND, uid: existing.id, name },
        message:
          existing.name === name
            ? `IP pool ${name} updated on gateway ${gateway.name}`
            : `IP pool ${existing.name} renamed to ${name} on gateway ${gateway.name}`,
        details: {
          gatewayUid: gateway.id,
          spec: specOf(body),
          restrictToSingleCluster: body.spec.restrictToSingleCluster,
        },
      })
    }, TX)
  } catch (error) {
    if (nameTaken(error))
      throw new AppError('AlreadyExists', `An IP pool named "${name}" already exists on this gateway`)
    throw error
  }
}

export async function deleteIpPool(deps: Deps, ctx: RequestContext, gatewayUid: string, poolUid: string) {
  const gateway = await findGateway(deps, ctx, gatewayUid)
  const existing = await findPool(deps, gateway.id, poolUid)
  await deps.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "IpPool" WHERE "id" = ${existing.id}::uuid FOR UPDATE`
    const row = await tx.ipPool.findUniqueOrThrow({ where: { id: existing.id }, include: withAllocations })
    if (row.allocations.length > 0) {
      const clusters = clustersOf(row)
      const gatewayNodes = row.allocations.filter((a) => !a.clusterId).length
      const holders = [
        ...clusters.map((c) => c.name),
        ...(gatewayNodes > 0 ? [`the gateway's own nodes (${gatewayNodes})`] : []),
      ]
      throw new AppError(
        'InUse',
        `IP pool ${row.name} has ${row.allocations.length} address${row.allocations.length === 1 ? '' : 'es'} in use by ${holders.join(', ')}`,
        { associatedClusters: clusters, gatewayNodeAddresses: gatewayNodes },
      )
    }
    await tx.ipPool.delete({ where: { id: row.id } })
    await recordAudit(tx, ctx, {
      actionType: 'delete',
      resource: { kind: AUDIT_KIND, uid: row.id, name: row.name },
      message: `IP pool ${row.name} deleted from gateway ${gateway.name}`,
      details: { gatewayUid: gateway.id },
    })
  }, TX)
}
