import { type ClusterListQuery, type ClusterState, clusterStates, type ListMeta } from '@console/contracts'
import type { RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError } from '../../lib/errors.ts'
import { ListItemCache, listItemKey } from './list-item-cache.ts'
import { type ListItemRow, listItemJson } from './list-item-json.ts'

/** The columns of a list item (of the spec only cloudConfig: region, VPC — not the pools or layer values). */
const LIST_COLUMNS = `c."id", c."projectId", c."name", c."description", c."cloudType", c."cloudAccountId", c."profileId",
  c."labels", c."spec" -> 'cloudConfig' AS "cloudConfig", c."state", c."conditions", c."deletionRequestedAt",
  c."createdBy", c."createdAt", c."updatedAt", p."name" AS "profileName", p."version" AS "profileVersion"`

/** A row's version: the `xmin` of the cluster row and of its profile's (see ListItemCache). */
const VERSION_COLUMNS = `c.xmin::text AS "clusterXmin", p.xmin::text AS "profileXmin"`
const FROM = `FROM "Cluster" c LEFT JOIN "ClusterProfile" p ON p."id" = c."profileId"`
/** The items of a page not in the cache, by id (the page's query has already scoped them). */
const ITEMS_TEXT = `SELECT ${LIST_COLUMNS}, ${VERSION_COLUMNS} ${FROM} WHERE c."tenantId" = $1::uuid AND c."id" = ANY($2::uuid[])`

interface PageRow {
  id: string
  createdAt: string
  clusterXmin: string
  profileXmin: string | null
}
type VersionedItemRow = ListItemRow & { clusterXmin: string; profileXmin: string | null }

/** One item cache per API (its JSON depends on the API's force delete grace period). */
const itemCaches = new WeakMap<Deps, ListItemCache>()
function itemCacheOf(deps: Deps): ListItemCache {
  const cache = itemCaches.get(deps) ?? new ListItemCache()
  itemCaches.set(deps, cache)
  return cache
}

/** Every column as Postgres' text: listItemJson writes the answer from it (no JSON.parse, no Dates). */
const asText = (text: string) => text
const textTypes = { getTypeParser: () => asText }

/**
 * Named prepared statements, one per query text (scope × filters × cursor × page size), so that Postgres
 * parses each once per connection and, after five executions, settles on a generic plan instead of
 * planning every request (planning costs as much as running this query). The page size is written
 * into the text, not a parameter: with `LIMIT $n` the generic plan is costed for 10 % of the table and
 * never chosen. Bounded: texts past the first MAX_STATEMENTS (unusual page sizes) go unnamed.
 */
const MAX_STATEMENTS = 64
const statementNames = new Map<string, string>()
function statementName(text: string): string | undefined {
  let name = statementNames.get(text)
  if (!name && statementNames.size < MAX_STATEMENTS) {
    name = `cluster_list_${statementNames.size}`
    statementNames.set(text, name)
  }
  return name
}

interface Cursor {
  offset: number
  createdAt: Date
  id: string
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.offset}|${cursor.createdAt.toISOString()}|${cursor.id}`).toString('base64url')
}

function decodeCursor(token: string): Cursor {
  const [offset, createdAt, id] = Buffer.from(token, 'base64url').toString('utf8').split('|')
  const date = new Date(createdAt ?? '')
  if (!offset || !/^\d+$/.test(offset) || Number.isNaN(date.getTime()) || !id || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError('ValidationError', 'Invalid continue token', [{ path: 'continue', message: 'Invalid token' }])
  }
  return { offset: Number(offset), createdAt: date, id }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * The cluster list (GET /v1/spectroclusters and the dashboard search): live clusters of the scope,
 * newest first, keyset-paginated on (createdAt desc, id) — the `continue` token carries the last
 * row's position, so page N costs the same as page 1. Answers the JSON text of `{items, listmeta}`
 * (the contract's clusterListSchema).
 *
 * Speed (the hot path: ≥ 2,000 pages/s wanted, see bench/cluster-list.ts and
 * docs/decisions/007-hot-paths-list-and-engine.md): one plain-SQL query on the pool under Prisma, as a
 * named prepared statement, that reads only the page's ids and row versions. It is one range scan of a
 * partial index on live clusters (Cluster_live_project_idx, or Cluster_live_tenant_idx in tenant scope:
 * Deleted rows are not in them) that stops after `limit + 1` rows; a state filter may use the (…,
 * state, createdAt, id) index instead. An item unchanged since it was last answered comes from the
 * ListItemCache (keyed by row version, so never stale); the others are read in full by one more query
 * and written as JSON straight from the rows' text (listItemJson). Only
 * what a list item shows is read: of the spec only `cloudConfig` (so `clusterConfig` is {} and
 * `machinepoolconfig` [] in list items), and `status.resources` is empty (GET the cluster for all of
 * it). There is no total count (it would cost a scan per request): `listmeta.count` is the number of
 * items up to and including this page, and `continue` is set when more follow.
 */
export async function listClusters(deps: Deps, ctx: RequestContext, query: ClusterListQuery): Promise<Buffer> {
  const cursor = query.continue ? decodeCursor(query.continue) : undefined
  const offset = cursor?.offset ?? 0
  if (query.state === 'Deleted') return pageJson([], { count: offset, limit: query.limit, offset })
  const values: unknown[] = [ctx.actor.tenantId]
  const param = (value: unknown) => `$${values.push(value)}`
  // `state <> 'Deleted'` is written out (not a parameter) so that the partial indexes apply to every plan.
  const where = [`c."tenantId" = $1::uuid`, `c."state" <> 'Deleted'`]
  if (ctx.projectUid) where.push(`c."projectId" = ${param(ctx.projectUid)}::uuid`)
  if (query.state) where.push(`c."state" = ${param(query.state)}`)
  if (query.cloudType) where.push(`c."cloudType" = ${param(query.cloudType)}`)
  if (query.search) where.push(`c."name" ILIKE ${param(`%${escapeLike(query.search)}%`)}`)
  if (cursor) {
    // createdAt is a UTC timestamp without time zone (as Prisma stores it); the ISO string's Z is ignored by
    // the cast. `createdAt <= after` bounds the index scan; the OR picks up after the last row.
    const after = param(cursor.createdAt.toISOString())
    where.push(
      `c."createdAt" <= ${after}::timestamp`,
      `(c."createdAt" < ${after}::timestamp OR c."id" > ${param(cursor.id)}::uuid)`,
    )
  }
  const take = query.limit + 1
  if (!Number.isSafeInteger(take) || take < 2) throw new Error(`invalid page size ${query.limit}`)
  const text = `SELECT c."id", c."createdAt", ${VERSION_COLUMNS} ${FROM}
    WHERE ${where.join(' AND ')}
    ORDER BY c."createdAt" DESC, c."id" ASC
    LIMIT ${take}`
  const { rows } = await deps.sql.pool.query<PageRow>({
    name: deps.sql.preparedStatements ? statementName(text) : undefined,
    text,
    values,
    types: textTypes,
  })
  const page = rows.length > query.limit ? rows.slice(0, query.limit) : rows
  const last = page.at(-1)
  return pageJson(await itemsJson(deps, ctx.actor.tenantId, page), {
    count: offset + page.length,
    limit: query.limit,
    offset,
    continue:
      rows.length > query.limit && last
        ? encodeCursor({
            offset: offset + page.length,
            createdAt: new Date(`${last.createdAt.replace(' ', 'T')}Z`),
            id: last.id,
          })
        : undefined,
  })
}

/**
 * The JSON of a page's items: from the cache when the row is unchanged, otherwise read in full (one
 * query for all the misses) and cached. A row changed between the two queries is answered as read by
 * the second, the newer of the two.
 */
async function itemsJson(deps: Deps, tenantId: string, page: PageRow[]): Promise<Buffer[]> {
  const cache = itemCacheOf(deps)
  const items = page.map((row) => cache.get(listItemKey(row)))
  const missing = page.filter((_, i) => items[i] === undefined).map((row) => row.id)
  if (missing.length === 0) return items as Buffer[]
  const { rows } = await deps.sql.pool.query<VersionedItemRow>({
    name: deps.sql.preparedStatements ? 'cluster_list_items' : undefined,
    text: ITEMS_TEXT,
    values: [tenantId, missing],
    types: textTypes,
  })
  const grace = deps.config.forceDeleteGraceSeconds
  const read = new Map<string, Buffer>()
  for (const row of rows) {
    const json = Buffer.from(listItemJson(row, grace))
    cache.set(listItemKey(row), json)
    read.set(row.id, json)
  }
  return page.flatMap((row, i) => items[i] ?? read.get(row.id) ?? [])
}

const PAGE_START = Buffer.from('{"items":[')
const COMMA = Buffer.from(',')

/** The page's JSON as one buffer: the cached items' bytes copied once, never re-encoded. */
function pageJson(items: Buffer[], listmeta: ListMeta): Buffer {
  const parts: Buffer[] = [PAGE_START]
  items.forEach((item, i) => {
    if (i > 0) parts.push(COMMA)
    parts.push(item)
  })
  parts.push(Buffer.from(`],"listmeta":${JSON.stringify(listmeta)}}`))
  return Buffer.concat(parts)
}

/** Property names Palette clients filter the dashboard search on, mapped onto the list's filters. */
const NAME_PROPERTIES = new Set(['clusterName', 'name', 'metadata.name'])
const STATE_PROPERTIES = new Set(['clusterState', 'state', 'status.state'])
const CLOUD_PROPERTIES = new Set(['environment', 'cloudType', 'spec.cloudType'])

/** Collects `{property, values}` from Palette's nested filter groups, or from a flat `{clusterName, state, cloudType}`. */
function collectFilters(node: unknown, out: Array<{ property: string; values: string[] }>, depth = 0) {
  if (!node || typeof node !== 'object' || depth > 6) return
  if (Array.isArray(node)) {
    for (const item of node) collectFilters(item, out, depth + 1)
    return
  }
  const o = node as Record<string, unknown>
  if (typeof o.property === 'string') {
    // The compared values sit under `values` / `value` (Palette: condition.string.match.values), next to the operator.
    const values: string[] = []
    const walk = (v: unknown, d: number, inValues: boolean) => {
      if (d > 6) return
      if (typeof v === 'string' && inValues) values.push(v)
      else if (Array.isArray(v)) for (const x of v) walk(x, d + 1, inValues)
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) walk(x, d + 1, inValues || k === 'values' || k === 'value')
    }
    walk(o.condition, 0, typeof o.condition === 'string')
    out.push({ property: o.property, values })
    return
  }
  for (const [key, value] of Object.entries(o)) {
    if (NAME_PROPERTIES.has(key) || STATE_PROPERTIES.has(key) || CLOUD_PROPERTIES.has(key)) {
      const values: string[] = []
      if (typeof value === 'string') values.push(value)
      else if (Array.isArray(value)) values.push(...value.filter((v): v is string => typeof v === 'string'))
      else if (value && typeof value === 'object')
        values.push(...Object.values(value).filter((v): v is string => typeof v === 'string'))
      out.push({ property: key, values })
    } else collectFilters(value, out, depth + 1)
  }
}

/**
 * POST /v1/dashboard/spectroclusters/search: a minimal mapping of Palette's `{filter, sort}` onto the
 * list — a name filter becomes `search` (contains), a state filter `state`, an environment/cloud
 * filter `cloudType` (the first value each); the order is always newest first.
 */
export function searchToListQuery(
  body: { filter?: unknown; sort?: unknown },
  page: { limit: number; continue?: string },
): ClusterListQuery {
  const found: Array<{ property: string; values: string[] }> = []
  collectFilters(body.filter, found)
  const query: ClusterListQuery = { limit: page.limit, continue: page.continue }
  for (const { property, values } of found) {
    const value = values[0]
    if (!value) continue
    if (NAME_PROPERTIES.has(property)) query.search = value.slice(0, 63)
    else if (STATE_PROPERTIES.has(property) && (clusterStates as readonly string[]).includes(value))
      query.state = value as ClusterState
    else if (CLOUD_PROPERTIES.has(property) && ['tencent', 'aws', 'eks', 'vsphere'].includes(value))
      query.cloudType = value as ClusterListQuery['cloudType']
  }
  return query
}
