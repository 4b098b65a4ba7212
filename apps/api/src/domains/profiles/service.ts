import { loadCatalog } from '@console/catalog'
import type { ClusterProfile, ClusterProfileCloneBody } from '@console/contracts'
import {
  type ClusterProfileBody,
  type ClusterProfileCreateQuery,
  type ClusterProfileListQuery,
  type ProfileValidation,
  validateProfile,
} from '@console/contracts'
import type { Prisma } from '@console/db'
import { recordAudit } from '../../lib/audit.ts'
import type { RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError, notFound } from '../../lib/errors.ts'
import { listMeta, pageWindow } from '../../lib/pagination.ts'
import { liveClusterWhere } from '../clusters/mapping.ts'
import {
  assertProfileValid,
  assertVersionFree,
  clashWhere,
  type Db,
  lockProfileNames,
  type ProfileRow,
  rowFields,
  templateOf,
  toClusterProfile,
} from './store.ts'
import { findProfileUsers } from './usage.ts'
import { bumpPatch, compareVersions, highestVersion } from './versions.ts'

export { seedProfiles, seedProfilesForEveryTenant } from './seed.ts'
export {
  liveClustersUsingProfiles,
  type ProfileUsageLookup,
  type ProfileUser,
  setProfileUsageLookup,
} from './usage.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const kind = 'clusterProfile'

/** What a scope sees: in a project, its own profiles and the tenant-wide ones; in tenant scope, the tenant-wide ones. */
function visibleWhere(ctx: RequestContext): Prisma.ClusterProfileWhereInput {
  const tenantId = ctx.actor.tenantId
  return ctx.projectUid
    ? { tenantId, OR: [{ projectId: ctx.projectUid }, { projectId: null }] }
    : { tenantId, projectId: null }
}

async function findVisibleRow(db: Db, ctx: RequestContext, uid: string): Promise<ProfileRow> {
  const row = UUID.test(uid)
    ? await db.clusterProfile.findFirst({ where: { AND: [visibleWhere(ctx), { id: uid }] } })
    : null
  if (!row) throw notFound('Cluster profile', uid)
  return row
}

/** A profile the caller may change: visible, and owned by the request's scope (tenant-wide ones change in tenant scope). */
async function findOwnedRow(db: Db, ctx: RequestContext, uid: string): Promise<ProfileRow> {
  const row = await findVisibleRow(db, ctx, uid)
  if (row.projectId !== (ctx.projectUid ?? null)) {
    throw new AppError(
      'Forbidden',
      `Cluster profile ${row.name} ${row.version} is tenant-wide: change it in tenant scope, or clone it into this project.`,
    )
  }
  return row
}

export async function listClusterProfiles(deps: Deps, ctx: RequestContext, query: ClusterProfileListQuery) {
  const filters: Prisma.ClusterProfileWhereInput = {}
  if (query.cloudType) filters.cloudType = query.cloudType
  if (query.type) filters.type = query.type
  const where = { AND: [visibleWhere(ctx), filters] }
  const window = pageWindow(query)
  const [rows, total] = await Promise.all([
    deps.prisma.clusterProfile.findMany({ where, orderBy: [{ name: 'asc' }, { createdAt: 'asc' }], ...window }),
    deps.prisma.clusterProfile.count({ where }),
  ])
  const users = await findProfileUsers(
    deps,
    rows.map((row) => row.id),
  )
  return {
    items: rows.map((row) => toClusterProfile(row, users.get(row.id) ?? [])),
    listmeta: listMeta(window, rows.length, total),
  }
}

export async function getClusterProfile(deps: Deps, ctx: RequestContext, uid: string): Promise<ClusterProfile> {
  const row = await findVisibleRow(deps.prisma, ctx, uid)
  const users = await findProfileUsers(deps, [row.id])
  return toClusterProfile(row, users.get(row.id) ?? [])
}

/** Every problem of a profile at once, per pack, as the profile editor shows them; saves nothing. */
export function validateClusterProfile(body: ClusterProfileBody): ProfileValidation {
  return validateProfile(body, loadCatalog())
}

export async function createClusterProfile(
  deps: Deps,
  ctx: RequestContext,
  body: ClusterProfileBody,
  query: ClusterProfileCreateQuery,
): Promise<{ uid: string }> {
  assertProfileValid(body)
  const tenantId = ctx.actor.tenantId
  const projectId = ctx.projectUid ?? null
  const fields = rowFields(body)
  return deps.prisma.$transaction(async (tx) => {
    await lockProfileNames(tx, tenantId, [fields.name])
    await assertVersionFree(tx, { tenantId, projectId, name: fields.name, version: fields.version })
    const row = await tx.clusterProfile.create({
      data: { ...fields, tenantId, projectId, publishedAt: query.publish ? new Date() : null },
    })
    await recordAudit(tx, ctx, {
      actionType: 'create',
      resource: { kind, uid: row.id, name: row.name },
      message: `Cluster profile ${row.name} ${row.version} created${query.publish ? ' and published' : ' as a draft'}`,
      details: { version: row.version, cloudType: row.cloudType, type: row.type, published: query.publish },
    })
    return { uid: row.id }
  })
}

/**
 * PUT: a draft is changed in place (answers undefined → 204). A published version is immutable, so
 * the change becomes a new draft version of the same name (answers its uid → 201): the body's
 * version when it is higher than every existing version of the name, else the highest one with
 * its patch bumped (1.0.0 → 1.0.1). A published profile cannot be renamed; clone it instead.
 */
export async function updateClusterProfile(
  deps: Deps,
  ctx: RequestContext,
  uid: string,
  body: ClusterProfileBody,
): Promise<{ uid: string } | undefined> {
  const found = await findOwnedRow(deps.prisma, ctx, uid)
  assertProfileValid(body)
  const tenantId = ctx.actor.tenantId
  const fields = rowFields(body)
  return deps.prisma.$transaction(async (tx) => {
    await lockProfileNames(tx, tenantId, [found.name, fields.name])
    // Read again under the lock: a publish may have landed since.
    const row = await findOwnedRow(tx, ctx, uid)
    if (row.publishedAt === null) {
      await assertVersionFree(tx, { tenantId, projectId: row.projectId, ...fields, exceptId: row.id })
      await tx.clusterProfile.update({ where: { id: row.id }, data: fields })
      await recordAudit(tx, ctx, {
        actionType: 'update',
        resource: { kind, uid: row.id, name: fields.name },
        message: `Cluster profile ${fields.name} ${fields.version} updated`,
        details: { version: fields.version, previousName: row.name, previousVersion: row.version },
      })
      return undefined
    }
    if (fields.name !== row.name) {
      throw new AppError(
        'InvalidState',
        `Cluster profile ${row.name} ${row.version} is published: its versions keep the name ${row.name}; clone it to start a profile under another name`,
        [{ path: 'metadata.name', message: `Keep the name ${row.name}, or clone the profile` }],
      )
    }
    const existing = await tx.clusterProfile.findMany({
      where: { AND: [clashWhere(tenantId, row.projectId), { name: row.name }] },
      select: { version: true },
    })
    const highest = highestVersion(existing.map((other) => other.version)) ?? row.version
    const version = compareVersions(fields.version, highest) > 0 ? fields.version : bumpPatch(highest)
    const created = await tx.clusterProfile.create({
      data: { ...fields, version, tenantId, projectId: row.projectId, publishedAt: null },
    })
    await recordAudit(tx, ctx, {
      actionType: 'create',
      resource: { kind, uid: created.id, name: created.name },
      message: `Cluster profile ${created.name} ${version} created as a draft from published version ${row.version}`,
      details: { version, fromUid: row.id, fromVersion: row.version },
    })
    return { uid: created.id }
  })
}

/** Publishes a draft (checked again against today's catalog); publishing a published version changes nothing. */
export async function publishClusterProfile(deps: Deps, ctx: RequestContext, uid: string): Promise<void> {
  const found = await findOwnedRow(deps.prisma, ctx, uid)
  await deps.prisma.$transaction(async (tx) => {
    await lockProfileNames(tx, ctx.actor.tenantId, [found.name])
    const row = await findOwnedRow(tx, ctx, uid)
    if (row.publishedAt !== null) return
    assertProfileValid({ spec: { template: templateOf(row) } })
    await tx.clusterProfile.update({ where: { id: row.id }, data: { publishedAt: new Date() } })
    await recordAudit(tx, ctx, {
      actionType: 'update',
      resource: { kind, uid: row.id, name: row.name },
      message: `Cluster profile ${row.name} ${row.version} published`,
      details: { version: row.version, published: true },
    })
  })
}

/**
 * Copies a visible profile (a tenant-wide one may be cloned into a project) into the request's
 * scope as a new draft: the body's name, and its version or else the source's.
 */
export async function cloneClusterProfile(
  deps: Deps,
  ctx: RequestContext,
  uid: string,
  body: ClusterProfileCloneBody,
): Promise<{ uid: string }> {
  const source = await findVisibleRow(deps.prisma, ctx, uid)
  const template = templateOf(source)
  assertProfileValid({ spec: { template } })
  const tenantId = ctx.actor.tenantId
  const projectId = ctx.projectUid ?? null
  const name = body.metadata.name
  const version = body.spec.version ?? source.version
  return deps.prisma.$transaction(async (tx) => {
    await lockProfileNames(tx, tenantId, [name])
    await assertVersionFree(tx, { tenantId, projectId, name, version })
    const row = await tx.clusterProfile.create({
      data: {
        tenantId,
        projectId,
        name,
        version,
        description: body.metadata.description ?? source.description,
        cloudType: source.cloudType,
        type: source.type,
        packs: source.packs as Prisma.InputJsonValue,
      },
    })
    await recordAudit(tx, ctx, {
      actionType: 'create',
      resource: { kind, uid: row.id, name },
      message: `Cluster profile ${name} ${version} cloned from ${source.name} ${source.version}`,
      details: { version, clonedFrom: source.id },
    })
    return { uid: row.id }
  })
}

/** Deletes a version; refused with 409 `InUse`, naming the clusters, while a live cluster deploys it. */
export async function deleteClusterProfile(deps: Deps, ctx: RequestContext, uid: string): Promise<void> {
  const row = await findOwnedRow(deps.prisma, ctx, uid)
  const users = (await findProfileUsers(deps, [row.id])).get(row.id) ?? []
  if (users.length > 0) throw inUse(row, users)
  await deps.prisma.$transaction(async (tx) => {
    // Locked, a concurrent cluster create waits for this delete (and then fails its foreign key):
    // no live cluster appears between the check and the delete. Deleted clusters' references are cleared.
    await tx.$queryRaw`SELECT 1 FROM "ClusterProfile" WHERE "id" = ${row.id}::uuid FOR UPDATE`
    const late = await tx.cluster.findMany({
      where: { profileId: row.id, ...liveClusterWhere },
      select: { id: true, name: true },
      orderBy: { name: 'asc' },
    })
    if (late.length > 0)
      throw inUse(
        row,
        late.map((c) => ({ uid: c.id, name: c.name })),
      )
    await tx.clusterProfile.delete({ where: { id: row.id } })
    await recordAudit(tx, ctx, {
      actionType: 'delete',
      resource: { kind, uid: row.id, name: row.name },
      message: `Cluster profile ${row.name} ${row.version} deleted`,
      details: { version: row.version },
    })
  })
}

function inUse(row: ProfileRow, clusters: Array<{ uid: string; name: string }>): AppError {
  const what = `Cluster profile ${row.name} ${row.version}`
  const names = clusters.map((cluster) => cluster.name).join(', ')
  const plural = clusters.length > 1
  return new AppError(
    'InUse',
    `${what} is used by cluster${plural ? 's' : ''} ${names}: delete ${plural ? 'them' : 'it'} first`,
    { clusters },
  )
}
