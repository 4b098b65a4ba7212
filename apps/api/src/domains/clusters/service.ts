import type { Cluster, ClusterProfile, ClusterResource } from '@console/contracts'
import type { Prisma } from '@console/db'
import { recordAudit } from '../../lib/audit.ts'
import type { RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError, notFound } from '../../lib/errors.ts'
import { type ClusterBody, type ClusterKind, isNameTaken, validateClusterBody } from './cluster-validation.ts'
import { eksClusterKind } from './eks-validation.ts'
import { appendClusterEvent, listClusterEventsAfter, toClusterEvent } from './event-log.ts'
import { type ClusterRecord, forceDeleteAvailableAt, toCluster, toClusterResource, visibleClusters } from './mapping.ts'
import { tkeClusterKind } from './tke-validation.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const AUDIT_KIND = 'spectrocluster'
const API = 'api'

const recordSelect = {
  id: true,
  tenantId: true,
  projectId: true,
  name: true,
  description: true,
  cloudType: true,
  cloudAccountId: true,
  profileId: true,
  labels: true,
  spec: true,
  state: true,
  conditions: true,
  deletionRequestedAt: true,
  createdBy: true,
  createdAt: true,
  updatedAt: true,
  profile: { select: { name: true, version: true } },
} satisfies Prisma.ClusterSelect

type SelectedRow = Prisma.ClusterGetPayload<{ select: typeof recordSelect }>

function toRecord(row: SelectedRow): ClusterRecord {
  const { profile, ...rest } = row
  return { ...rest, profileName: profile?.name ?? null, profileVersion: profile?.version ?? null }
}

/** A cluster the caller's scope sees (Deleted ones too: their record answers with state Deleted). */
async function findVisible(deps: Deps, ctx: RequestContext, uid: string): Promise<ClusterRecord> {
  const row = UUID.test(uid)
    ? await deps.prisma.cluster.findFirst({ where: { ...visibleClusters(ctx), id: uid }, select: recordSelect })
    : null
  if (!row) throw notFound('Cluster', uid)
  return toRecord(row)
}

/** The uid and state of a cluster the scope sees; 404 otherwise. */
export async function findVisibleCluster(deps: Deps, ctx: RequestContext, uid: string) {
  const row = await findVisible(deps, ctx, uid)
  return { uid: row.id, name: row.name, state: row.state }
}

export async function getCluster(deps: Deps, ctx: RequestContext, uid: string): Promise<Cluster> {
  const row = await findVisible(deps, ctx, uid)
  const resources = await deps.prisma.cloudResource.findMany({
    where: { clusterId: row.id },
    orderBy: { createdAt: 'asc' },
    select: { key: true, kind: true, cloudId: true, name: true, region: true, state: true },
  })
  return toCluster(row, resources.map(toClusterResource), deps.config.forceDeleteGraceSeconds)
}

/** Events of a visible cluster, oldest first, after `afterSeq` when given. */
export async function listClusterEvents(deps: Deps, ctx: RequestContext, uid: string, afterSeq?: string) {
  const row = await findVisible(deps, ctx, uid)
  const rows = await listClusterEventsAfter(deps.prisma, row.id, parseSeq(afterSeq))
  return { items: rows.map(toClusterEvent) }
}

export function parseSeq(value: string | undefined): bigint {
  if (value === undefined || value === '') return 0n
  if (!/^\d{1,19}$/.test(value))
    throw new AppError('ValidationError', 'afterSeq must be an event seq', [{ path: 'afterSeq', message: 'Not a seq' }])
  return BigInt(value)
}

/** The stored spec: the accepted body's spec with every profile layer's effective values (overrides win). */
function specToStore(body: ClusterBody, profile: ClusterProfile): Prisma.InputJsonValue {
  const overrides = body.spec.profiles[0]?.packValues ?? []
  const packValues = profile.spec.template.packs.map((pack) => {
    const override = overrides.find((o) => o.name === pack.name && (!o.tag || o.tag === pack.tag))
    return { name: pack.name, tag: pack.tag, layer: pack.layer, values: override?.values ?? pack.values ?? '' }
  })
  return {
    ...body.spec,
    profiles: [{ uid: profile.metadata.uid, packValues }],
  } as unknown as Prisma.InputJsonValue
}

/**
 * POST /v1/spectroclusters/{tke,eks,aws}: validates exactly as …/validate does (422 with that answer when
 * invalid, writing nothing), then in one transaction inserts the Pending cluster (its name unique among
 * the project's live clusters, under an advisory lock on project + name), its first event and the audit
 * record, and finally enqueues its first reconcile pass. Nothing here depends on the cloud: the kind
 * brings the schema and the checks, the engine the cloud's driver.
 */
export async function createCluster<Body extends ClusterBody, Credentials>(
  deps: Deps,
  ctx: RequestContext,
  kind: ClusterKind<Body, Credentials>,
  input: unknown,
): Promise<{ uid: string }> {
  const { validation, body, profile } = await validateClusterBody(deps, ctx, kind, input)
  if (!validation.valid || !body || !profile || !ctx.projectUid) {
    const first = validation.errors[0]
    throw new AppError(
      'UnprocessableEntity',
      `The cluster does not validate (${validation.errors.length} problem(s))${first ? `: ${first.path}: ${first.message}` : ''}`,
      validation,
    )
  }
  const projectId = ctx.projectUid
  const { name, description, labels } = body.metadata
  const uid = await deps.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`cluster-name:${projectId}`}), hashtext(${name}))`
    if (await isNameTaken(tx, ctx.actor.tenantId, projectId, name)) {
      throw new AppError('AlreadyExists', `A cluster named ${name} already exists in this project`, [
        { path: 'metadata.name', message: `A cluster named ${name} already exists in this project` },
      ])
    }
    const row = await tx.cluster.create({
      data: {
        tenantId: ctx.actor.tenantId,
        projectId,
        name,
        description: description || null,
        cloudType: kind.cloudType,
        cloudAccountId: body.spec.cloudAccountUid,
        profileId: profile.metadata.uid,
        labels,
        spec: specToStore(body, profile),
        state: 'Pending',
        createdBy: ctx.actor.userId,
      },
      select: { id: true },
    })
    await appendClusterEvent(tx, row.id, {
      reason: 'Created',
      message: `Cluster ${name} requested by ${ctx.actor.email}`,
      component: API,
      state: 'Pending',
    })
    await recordAudit(tx, ctx, {
      actionType: 'create',
      resource: { kind: AUDIT_KIND, uid: row.id, name },
      message: `Cluster ${name} created`,
      details: { cloudType: kind.cloudType, region: body.spec.cloudConfig.region, profile: profile.metadata.name },
    })
    return row.id
  })
  await enqueueClusterPass(deps, uid)
  return { uid }
}

/** POST /v1/spectroclusters/tke. */
export function createTkeCluster(deps: Deps, ctx: RequestContext, input: unknown): Promise<{ uid: string }> {
  return createCluster(deps, ctx, tkeClusterKind, input)
}

/** POST /v1/spectroclusters/eks. */
export function createEksCluster(deps: Deps, ctx: RequestContext, input: unknown): Promise<{ uid: string }> {
  return createCluster(deps, ctx, eksClusterKind, input)
}

/** Asks the engine for a pass; when that fails the engine's sweep still finds the cluster. */
export async function enqueueClusterPass(deps: Deps, uid: string) {
  try {
    await deps.engine?.enqueue(uid)
  } catch {
    // The state change is committed; the engine's periodic sweep enqueues clusters without a pending pass.
  }
}

const DELETABLE = ['Pending', 'Provisioning', 'Running', 'Error'] as const

/**
 * DELETE /v1/spectroclusters/{uid}: Pending/Provisioning/Running/Error → Deleting (with
 * deletionRequestedAt, an event and an audit record) and a reconcile pass. Already Deleting: nothing
 * to do (idempotent). Deleted: 404, as for a cluster that does not exist (its GET still answers the record).
 */
export async function deleteCluster(deps: Deps, ctx: RequestContext, uid: string): Promise<void> {
  const row = await findVisible(deps, ctx, uid)
  if (row.state === 'Deleted') throw new AppError('NotFound', `Cluster ${row.name} is already deleted`)
  if (row.state === 'Deleting') return
  const changed = await deps.prisma.$transaction(async (tx) => {
    const updated = await tx.cluster.updateMany({
      where: { id: row.id, state: { in: [...DELETABLE] } },
      data: { state: 'Deleting', deletionRequestedAt: new Date() },
    })
    if (updated.count === 0) return false
    await appendClusterEvent(tx, row.id, {
      reason: 'DeletionRequested',
      message: `Deletion of cluster ${row.name} requested by ${ctx.actor.email}`,
      component: API,
      state: 'Deleting',
    })
    await recordAudit(tx, ctx, {
      actionType: 'delete',
      resource: { kind: AUDIT_KIND, uid: row.id, name: row.name },
      projectUid: row.projectId ?? undefined,
      message: `Cluster ${row.name} deletion started`,
      details: { previousState: row.state },
    })
    return true
  })
  if (changed) await enqueueClusterPass(deps, row.id)
}

/**
 * DELETE /v1/spectroclusters/{uid}?forceDelete=true (Tenant Admin, Project Admin): only for a cluster
 * that has been Deleting for the grace period. Never calls the cloud: it cancels the pending passes,
 * marks the cluster Deleted (a running pass sees that and stops writing) and answers the ledger's
 * resources that were not confirmed deleted, which the admin may have to clean up by hand.
 */
export async function forceDeleteCluster(
  deps: Deps,
  ctx: RequestContext,
  uid: string,
): Promise<{ leftovers: ClusterResource[] }> {
  // The route needs clusters.write like any delete; the force variant needs more, from the same role table.
  if (!ctx.permissions.has('clusters.forceDelete')) {
    throw new AppError('Forbidden', 'Only Tenant Admins and Project Admins may force delete a cluster.')
  }
  const row = await findVisible(deps, ctx, uid)
  if (row.state !== 'Deleting') {
    throw new AppError(
      'InvalidState',
      `Force delete is only for a cluster stuck in Deleting; ${row.name} is ${row.state}`,
      {
        state: row.state,
      },
    )
  }
  const availableAt = forceDeleteAvailableAt(row, deps.config.forceDeleteGraceSeconds)
  if (availableAt && availableAt.getTime() > Date.now()) {
    throw new AppError(
      'Conflict',
      `Force delete becomes available at ${availableAt.toISOString()}, once the cluster has been deleting for ${graceText(deps.config.forceDeleteGraceSeconds)}`,
      { forceDeleteAvailableAt: availableAt.toISOString() },
    )
  }
  await deps.engine?.cancelPending(row.id).catch(() => 0)
  const leftovers = await deps.prisma.$transaction(async (tx) => {
    const updated = await tx.cluster.updateMany({
      where: { id: row.id, state: 'Deleting' },
      data: { state: 'Deleted', deletedAt: new Date() },
    })
    if (updated.count === 0) throw new AppError('InvalidState', `Cluster ${row.name} is no longer Deleting`)
    const remaining = await tx.cloudResource.findMany({
      where: { clusterId: row.id, state: { not: 'deleted' } },
      orderBy: { createdAt: 'asc' },
      select: { key: true, kind: true, cloudId: true, name: true, region: true, state: true },
    })
    const list = remaining.map(toClusterResource)
    // Static addresses go back to their IP pools (decision 012): VMs that remain must be removed with them.
    await tx.ipAllocation.deleteMany({ where: { clusterId: row.id } })
    const described = list.map((r) => `${r.kind} ${r.cloudId ?? r.name ?? r.key} (${r.region})`).join(', ')
    await appendClusterEvent(tx, row.id, {
      reason: 'ForceDeleted',
      message: list.length
        ? `Cluster ${row.name} force deleted by ${ctx.actor.email}; these cloud resources may remain: ${described}`
        : `Cluster ${row.name} force deleted by ${ctx.actor.email}; no cloud resource is known to remain`,
      severity: list.length ? 'Warning' : 'Normal',
      component: API,
      state: 'Deleted',
    })
    await recordAudit(tx, ctx, {
      actionType: 'forceDelete',
      resource: { kind: AUDIT_KIND, uid: row.id, name: row.name },
      projectUid: row.projectId ?? undefined,
      message: `Cluster ${row.name} force deleted`,
      details: { forceDelete: true, leftovers: list },
    })
    return list
  })
  return { leftovers }
}

/** The grace period in words: "15 minutes", "1 minute", "30 seconds", "90 seconds". */
export function graceText(seconds: number): string {
  if (seconds >= 60 && seconds % 60 === 0) return seconds === 60 ? '1 minute' : `${seconds / 60} minutes`
  return seconds === 1 ? '1 second' : `${seconds} seconds`
}
