import {
  type Cluster,
  type ClusterListQuery,
  type ClusterState,
  clusterStates,
  type ListMeta,
} from '@console/contracts'
import { Prisma } from '@console/db'
import type { RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError } from '../../lib/errors.ts'
import { type ClusterRecord, toCluster } from './mapping.ts'

const LISTED_STATES = clusterStates.filter((s) => s !== 'Deleted')

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
 * row's position, so page N costs the same as page 1.
 *
 * Speed: one query. In a project, it is a UNION ALL of one index range scan per listed state over
 * Cluster(tenantId, projectId, state, createdAt desc, id), each stopping after `limit + 1` rows, so
 * Deleted clusters are skipped by the index and no large sort happens. Only what a list item shows is
 * read: of the spec only `cloudConfig` (so `clusterConfig` is {} and `machinepoolconfig` [] in list
 * items), and `status.resources` is empty (GET the cluster for all of it). There
 * is no total count (it would cost a scan per request): `listmeta.count` is the number of items up
 * to and including this page, and `continue` is set when more follow.
 */
export async function listClusters(
  deps: Deps,
  ctx: RequestContext,
  query: ClusterListQuery,
): Promise<{ items: Cluster[]; listmeta: ListMeta }> {
  const cursor = query.continue ? decodeCursor(query.continue) : undefined
  const take = query.limit + 1
  const states: readonly ClusterState[] = query.state ? (query.state === 'Deleted' ? [] : [query.state]) : LISTED_STATES
  const filters: Prisma.Sql[] = [Prisma.sql`"tenantId" = ${ctx.actor.tenantId}::uuid`]
  if (ctx.projectUid) filters.push(Prisma.sql`"projectId" = ${ctx.projectUid}::uuid`)
  if (query.cloudType) filters.push(Prisma.sql`"cloudType" = ${query.cloudType}`)
  if (query.search) filters.push(Prisma.sql`"name" ILIKE ${`%${escapeLike(query.search)}%`}`)
  if (cursor) {
    const after = Prisma.sql`(${cursor.createdAt.toISOString()}::timestamptz AT TIME ZONE 'UTC')`
    filters.push(
      // createdAt is a UTC timestamp without time zone, as Prisma stores it.
      Prisma.sql`("createdAt" < ${after} OR ("createdAt" = ${after} AND "id" > ${cursor.id}::uuid))`,
    )
  }
  const where = Prisma.join(filters, ' AND ')
  const perState = states.map(
    // A list item is a summary: of the spec only cloudConfig (region, VPC) is read, not the pools or layer values.
    (state) => Prisma.sql`(SELECT "id", "tenantId", "projectId", "name", "description", "cloudType", "cloudAccountId",
        "profileId", "labels", jsonb_build_object('cloudConfig', "spec"->'cloudConfig') AS "spec", "state", "conditions",
        "deletionRequestedAt", "createdBy", "createdAt", "updatedAt"
      FROM "Cluster" WHERE ${where} AND "state" = ${state}
      ORDER BY "createdAt" DESC, "id" ASC LIMIT ${take})`,
  )
  const rows =
    perState.length === 0
      ? []
      : await deps.prisma.$queryRaw<ClusterRecord[]>`
          SELECT c.*, p."name" AS "profileName", p."version" AS "profileVersion"
          FROM (${Prisma.join(perState, ' UNION ALL ')}) c
          LEFT JOIN "ClusterProfile" p ON p."id" = c."profileId"
          ORDER BY c."createdAt" DESC, c."id" ASC
          LIMIT ${take}`
  const page = rows.slice(0, query.limit)
  const offset = cursor?.offset ?? 0
  const last = page.at(-1)
  const grace = deps.config.forceDeleteGraceSeconds
  return {
    items: page.map((row) => toCluster(row, [], grace)),
    listmeta: {
      count: offset + page.length,
      limit: query.limit,
      offset,
      continue:
        rows.length > query.limit && last
          ? encodeCursor({ offset: offset + page.length, createdAt: last.createdAt, id: last.id })
          : undefined,
    },
  }
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
