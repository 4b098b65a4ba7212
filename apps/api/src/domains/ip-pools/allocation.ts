import { checkPoolCapacity, type IpPoolSpec, poolAddresses, poolSize } from '@console/contracts'
import type { PrismaClient } from '@console/db'
import { AppError } from '../../lib/errors.ts'

/**
 * Static addresses from a gateway's IP pools (decision 011), for the vSphere cluster driver and the
 * gateway's own nodes. One transaction locks the pool row (`SELECT … FOR UPDATE`), so concurrent
 * callers queue on the pool and never receive the same address; the unique (poolId, address) index is
 * the last line of defence. On the embedded database (one session) the transactions simply run one
 * after another.
 */

export interface AllocateRequest {
  poolId: string
  /** What holds the addresses: "cluster/<uid>" or "gateway/<uid>"; the holders are `<prefix>/<0..count-1>`. */
  holderPrefix: string
  /** The cluster the addresses are for (none for a gateway's own nodes). */
  clusterId?: string
  count: number
}

export const holderKeys = (holderPrefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${holderPrefix}/${i}`)

const TX = { maxWait: 60_000, timeout: 60_000 }

/**
 * The addresses for `count` holders, lowest free first, in holder order. Idempotent: holders that already
 * hold an address keep it (re-running after a crash answers the same addresses). Refuses (409) when fewer
 * addresses are free than needed, or when the pool is restricted to a single cluster that is not this one.
 */
export async function allocateAddresses(prisma: PrismaClient, request: AllocateRequest): Promise<string[]> {
  const { poolId, holderPrefix, clusterId, count } = request
  if (!Number.isInteger(count) || count < 0) throw new AppError('ValidationError', `Cannot allocate ${count} addresses`)
  const holders = holderKeys(holderPrefix, count)
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<
      Array<{ id: string }>
    >`SELECT "id" FROM "IpPool" WHERE "id" = ${poolId}::uuid FOR UPDATE`
    if (locked.length === 0) throw new AppError('NotFound', `IP pool ${poolId} not found`)
    const pool = await tx.ipPool.findUniqueOrThrow({ where: { id: poolId } })
    const held = await tx.ipAllocation.findMany({
      where: { poolId },
      select: { address: true, holder: true, clusterId: true },
    })
    if (pool.restrictToSingleCluster && clusterId) {
      const other = held.find((a) => a.clusterId !== null && a.clusterId !== clusterId)
      if (other?.clusterId) {
        const owner = await tx.cluster.findUnique({ where: { id: other.clusterId }, select: { name: true } })
        throw new AppError(
          'Conflict',
          `IP pool ${pool.name} is restricted to a single cluster and is held by ${owner?.name ?? other.clusterId}`,
          { pool: pool.name, cluster: { uid: other.clusterId, name: owner?.name } },
        )
      }
    }
    const byHolder = new Map(held.map((a) => [a.holder, a.address]))
    const missing = holders.filter((h) => !byHolder.has(h))
    if (missing.length > 0) {
      const used = new Set(held.map((a) => a.address))
      const free = poolAddresses(pool.spec as unknown as IpPoolSpec).filter((a) => !used.has(a))
      if (free.length < missing.length) {
        throw new AppError(
          'Conflict',
          `IP pool ${pool.name} has ${free.length} free address${free.length === 1 ? '' : 'es'}; ${missing.length} needed`,
          { pool: pool.name, available: free.length, needed: missing.length },
        )
      }
      const rows = missing.map((holder, i) => ({
        poolId,
        holder,
        address: free[i] as string,
        clusterId: clusterId ?? null,
      }))
      await tx.ipAllocation.createMany({ data: rows })
      for (const row of rows) byHolder.set(row.holder, row.address)
    }
    return holders.map((h) => byHolder.get(h) as string)
  }, TX)
}

/** Give addresses back: every address of a cluster, or every address of one holder prefix. Answers how many. */
export async function releaseAddresses(
  prisma: PrismaClient,
  target: { clusterId: string } | { holderPrefix: string },
): Promise<number> {
  const where =
    'clusterId' in target
      ? { clusterId: target.clusterId }
      : { OR: [{ holder: target.holderPrefix }, { holder: { startsWith: `${target.holderPrefix}/` } }] }
  const { count } = await prisma.ipAllocation.deleteMany({ where })
  return count
}

/**
 * The capacity rule for the cluster validation: a cluster using the pool needs at least nodes + 3 free
 * addresses (addresses it already holds count as free for it). Undefined when it fits, else the problem.
 */
export async function poolCapacityProblem(
  prisma: PrismaClient,
  { poolId, nodes, clusterId }: { poolId: string; nodes: number; clusterId?: string },
) {
  const pool = await prisma.ipPool.findUnique({ where: { id: poolId } })
  if (!pool) return { message: `IP pool ${poolId} not found`, needed: nodes + 3, available: 0 }
  const held = await prisma.ipAllocation.count({
    where: { poolId, ...(clusterId ? { NOT: { clusterId } } : {}) },
  })
  const availableIps = poolSize(pool.spec as unknown as IpPoolSpec) - held
  return checkPoolCapacity({ name: pool.name, availableIps }, nodes)
}
