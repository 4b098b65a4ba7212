import { createHash, randomUUID } from 'node:crypto'
import type { Prisma, PrismaClient } from '@console/db'
import type { LedgerEntry, ResourceLedger } from '@console/providers'

type ResourceRow = Prisma.CloudResourceGetPayload<object>

function toEntry(row: ResourceRow): LedgerEntry {
  return {
    key: row.key,
    kind: row.kind,
    region: row.region,
    cloudId: row.cloudId ?? undefined,
    name: row.name ?? undefined,
    state: row.state as LedgerEntry['state'],
    clientToken: row.clientToken,
    attrs: (row.attrs ?? {}) as Record<string, unknown>,
  }
}

/**
 * The idempotency token of a resource: derived from the cluster and the key, so every pass (on any
 * worker, after any crash) sends the same token for the same resource and the cloud creates it once.
 */
export function clientTokenFor(clusterId: string, key: string): string {
  const hex = createHash('sha256').update(`${clusterId}/${key}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

/**
 * The resource ledger of one cluster over the CloudResource table. `guard` runs before every write
 * and throws when the pass must not write any more (the cluster was force deleted, the worker stops).
 */
export function createResourceLedger(options: {
  prisma: PrismaClient
  clusterId: string
  cloud: string
  guard: () => Promise<void>
}): ResourceLedger {
  const { prisma, clusterId, cloud, guard } = options
  const where = (key: string) => ({ clusterId_key: { clusterId, key } })
  async function update(key: string, data: Prisma.CloudResourceUpdateInput) {
    await guard()
    const result = await prisma.cloudResource.updateMany({ where: { clusterId, key }, data })
    if (result.count === 0) throw new Error(`Resource ledger: no entry "${key}" for cluster ${clusterId}`)
  }
  async function merged(key: string, attrs: Record<string, unknown>): Promise<Prisma.InputJsonValue> {
    const current = await prisma.cloudResource.findUnique({ where: where(key), select: { attrs: true } })
    return { ...((current?.attrs ?? {}) as Record<string, unknown>), ...attrs } as Prisma.InputJsonValue
  }
  return {
    async get(key) {
      const row = await prisma.cloudResource.findUnique({ where: where(key) })
      return row ? toEntry(row) : undefined
    },
    async list() {
      const rows = await prisma.cloudResource.findMany({ where: { clusterId }, orderBy: { createdAt: 'asc' } })
      return rows.map(toEntry)
    },
    async begin(key, init) {
      await guard()
      const existing = await prisma.cloudResource.findUnique({ where: where(key) })
      if (existing && existing.state !== 'deleted') return toEntry(existing)
      const fields = {
        kind: init.kind,
        region: init.region,
        name: init.name ?? null,
        attrs: (init.attrs ?? {}) as Prisma.InputJsonValue,
        state: 'creating',
        cloudId: null,
      }
      const row = existing
        ? // Created again after it was deleted: a new resource, so a new token.
          await prisma.cloudResource.update({ where: where(key), data: { ...fields, clientToken: randomUUID() } })
        : await prisma.cloudResource.upsert({
            where: where(key),
            create: { clusterId, key, cloud, clientToken: clientTokenFor(clusterId, key), ...fields },
            update: {},
          })
      return toEntry(row)
    },
    async created(key, { cloudId, attrs }) {
      await update(key, { cloudId, state: 'created', ...(attrs ? { attrs: await merged(key, attrs) } : {}) })
    },
    async annotate(key, attrs) {
      await update(key, { attrs: await merged(key, attrs) })
    },
    async deleting(key) {
      await update(key, { state: 'deleting' })
    },
    async deleted(key) {
      await update(key, { state: 'deleted' })
    },
  }
}
