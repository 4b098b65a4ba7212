import type { Cluster, ClusterCloudType, ClusterCondition, ClusterResource, ClusterState } from '@console/contracts'
import type { Prisma } from '@console/db'
import type { RequestContext } from '../../lib/context.ts'

/** The columns a cluster read needs (never the whole row with relations it does not show). */
export interface ClusterRecord {
  id: string
  tenantId: string
  projectId: string | null
  name: string
  description: string | null
  cloudType: string
  /** Null once a Deleted cluster's account or profile version is deleted too. */
  cloudAccountId: string | null
  profileId: string | null
  labels: unknown
  spec: unknown
  state: string
  conditions: unknown
  deletionRequestedAt: Date | null
  createdBy: string | null
  createdAt: Date
  updatedAt: Date
  profileName: string | null
  profileVersion: string | null
}

/**
 * Clusters that still use their cloud account and profile version: every one not Deleted. A Deleted
 * cluster keeps its row for history; deleting its account or profile then clears the reference.
 */
export const liveClusterWhere = { deletedAt: null, NOT: { state: 'Deleted' } } satisfies Prisma.ClusterWhereInput

/** What a scope sees: its project's clusters; in tenant scope (Tenant Admin) every cluster of the tenant. */
export function visibleClusters(ctx: RequestContext): Prisma.ClusterWhereInput {
  return ctx.projectUid ? { tenantId: ctx.actor.tenantId, projectId: ctx.projectUid } : { tenantId: ctx.actor.tenantId }
}

/** When Force Delete becomes available: the grace period after the deletion request, while Deleting. */
export function forceDeleteAvailableAt(
  row: Pick<ClusterRecord, 'state' | 'deletionRequestedAt'>,
  graceSeconds: number,
): Date | undefined {
  if (row.state !== 'Deleting' || !row.deletionRequestedAt) return undefined
  return new Date(row.deletionRequestedAt.getTime() + graceSeconds * 1000)
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

/** Where a cluster runs, for lists and the overview: its region, or (vSphere) its datacenter. */
export function regionIn(cloudConfig: Record<string, unknown>): string | undefined {
  if (typeof cloudConfig.region === 'string') return cloudConfig.region
  const placement = cloudConfig.placement as { datacenter?: unknown } | undefined
  return typeof placement?.datacenter === 'string' ? placement.datacenter : undefined
}

/** The profile uid in the accepted create body (`spec.profiles[0].uid`). */
function acceptedProfileUid(spec: Record<string, unknown>): string {
  const first = Array.isArray(spec.profiles) ? record(spec.profiles[0]) : {}
  return typeof first.uid === 'string' ? first.uid : ''
}

export function toCluster(row: ClusterRecord, resources: ClusterResource[], graceSeconds: number): Cluster {
  const spec = record(row.spec)
  const cloudConfig = record(spec.cloudConfig)
  const available = forceDeleteAvailableAt(row, graceSeconds)
  return {
    metadata: {
      uid: row.id,
      name: row.name,
      description: row.description ?? undefined,
      labels: record(row.labels) as Record<string, string>,
      annotations: { projectUid: row.projectId ?? undefined, createdBy: row.createdBy ?? undefined },
      creationTimestamp: row.createdAt.toISOString(),
      lastModifiedTimestamp: row.updatedAt.toISOString(),
    },
    spec: {
      cloudType: row.cloudType as ClusterCloudType,
      // A Deleted cluster's history keeps the uids it was created with, even once those are deleted.
      cloudAccountUid: row.cloudAccountId ?? String(spec.cloudAccountUid ?? ''),
      profiles: [
        {
          uid: row.profileId ?? acceptedProfileUid(spec),
          name: row.profileName ?? '',
          version: row.profileVersion ?? '',
        },
      ],
      cloudConfig,
      clusterConfig: record(spec.clusterConfig),
      machinepoolconfig: Array.isArray(spec.machinepoolconfig)
        ? (spec.machinepoolconfig as Array<Record<string, unknown>>)
        : [],
    },
    status: {
      state: row.state as ClusterState,
      conditions: Array.isArray(row.conditions) ? (row.conditions as ClusterCondition[]) : [],
      region: regionIn(cloudConfig),
      deletionRequestedAt: row.deletionRequestedAt?.toISOString(),
      forceDeleteAvailableAt: available?.toISOString(),
      resources,
    },
  }
}

export function toClusterResource(row: {
  key: string
  kind: string
  cloudId: string | null
  name: string | null
  region: string
  state: string
}): ClusterResource {
  return {
    key: row.key,
    kind: row.kind,
    cloudId: row.cloudId ?? undefined,
    name: row.name ?? undefined,
    region: row.region,
    state: row.state,
  }
}
