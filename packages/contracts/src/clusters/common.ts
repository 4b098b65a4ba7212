import { z } from 'zod'
import { listOf } from '../common.ts'

export const clusterStates = ['Pending', 'Provisioning', 'Running', 'Error', 'Deleting', 'Deleted'] as const
export const clusterStateSchema = z.enum(clusterStates)
export type ClusterState = z.infer<typeof clusterStateSchema>

export const clusterCloudTypes = ['tencent', 'aws', 'eks', 'vsphere'] as const
export const clusterCloudTypeSchema = z.enum(clusterCloudTypes)
export type ClusterCloudType = z.infer<typeof clusterCloudTypeSchema>

/** Cluster Name: a DNS-1123 label, because it names cloud resources and Kubernetes objects. */
export const clusterNameSchema = z
  .string()
  .min(1, 'Cluster Name is required')
  .max(63, 'Cluster Name must be at most 63 characters')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'Use lower-case letters, digits and dashes; start and end with a letter or digit',
  )

/** Tags as the UI takes them (`key:value`) and as metadata.labels stores them. */
export const tagKeySchema = z
  .string()
  .min(1, 'Tag key is required')
  .max(63, 'Tag key must be at most 63 characters')
  .regex(/^[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?$/, 'Tag keys use letters, digits and . _ / -')
export const tagValueSchema = z
  .string()
  .max(63, 'Tag value must be at most 63 characters')
  .regex(/^[A-Za-z0-9._/-]*$/, 'Tag values use letters, digits and . _ / -')
export const labelsSchema = z.record(tagKeySchema, tagValueSchema).default({})

/** Parse "key:value" tags as typed in the wizard; returns the labels or the first problem. */
export function parseTags(input: string[]): { labels: Record<string, string> } | { error: string } {
  const labels: Record<string, string> = {}
  for (const raw of input) {
    const tag = raw.trim()
    if (!tag) continue
    const at = tag.indexOf(':')
    if (at <= 0) return { error: `"${tag}" is not key:value` }
    const key = tag.slice(0, at).trim()
    const value = tag.slice(at + 1).trim()
    const k = tagKeySchema.safeParse(key)
    if (!k.success) return { error: `${key}: ${k.error.issues[0]?.message}` }
    const v = tagValueSchema.safeParse(value)
    if (!v.success) return { error: `${key}: ${v.error.issues[0]?.message}` }
    if (key in labels) return { error: `Tag ${key} is given twice` }
    labels[key] = value
  }
  return { labels }
}

const octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)'
const ipv4 = new RegExp(`^${octet}(\\.${octet}){3}$`)
export const cidrSchema = z.string().refine((v) => {
  const [ip, prefix, extra] = v.split('/')
  return (
    extra === undefined &&
    ip !== undefined &&
    ipv4.test(ip) &&
    prefix !== undefined &&
    /^\d{1,2}$/.test(prefix) &&
    Number(prefix) <= 32
  )
}, 'Enter an IPv4 CIDR such as 203.0.113.0/24')

export const taintSchema = z.object({
  key: z
    .string()
    .min(1, 'Taint key is required')
    .regex(/^([a-z0-9.-]+\/)?[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/, 'Invalid taint key'),
  value: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'Invalid taint value')
    .max(63),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
})

/** A Kubernetes node label key: an optional DNS-subdomain prefix and `/`, then a name of up to 63 characters. */
export const nodeLabelKeySchema = z
  .string()
  .min(1, 'Label key is required')
  .max(317, 'Label key is too long')
  .refine((key) => {
    const slash = key.lastIndexOf('/')
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined
    const name = slash >= 0 ? key.slice(slash + 1) : key
    if (
      prefix !== undefined &&
      (prefix.length > 253 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix))
    )
      return false
    return name.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name)
  }, 'Label keys are a name of letters, digits, - _ . (at most 63), optionally after a DNS prefix and /')
/** A Kubernetes node label value: empty, or up to 63 letters, digits, - _ . starting and ending alphanumeric. */
export const nodeLabelValueSchema = z
  .string()
  .max(63, 'Label value must be at most 63 characters')
  .regex(
    /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/,
    'Label values use letters, digits and - _ . (start and end with a letter or digit)',
  )

/** One layer's overridden values in the create body. */
export const packValuesSchema = z.object({ name: z.string().min(1), tag: z.string().optional(), values: z.string() })
export const clusterProfileRefSchema = z.object({
  uid: z.string().min(1, 'Add a cluster profile'),
  packValues: z.array(packValuesSchema).default([]),
})
/** A create body's `spec.profiles`: the one cluster profile the cluster deploys. */
export const clusterProfilesSchema = z
  .array(clusterProfileRefSchema)
  .min(1, 'Add a cluster profile')
  .max(1, 'One cluster profile per cluster')

/** A create body's `metadata`: **Cluster Name**, **Description** and **Tags** (as labels). */
export const clusterMetadataSchema = z.object({
  name: clusterNameSchema,
  description: z.string().max(512, 'Description must be at most 512 characters').optional(),
  labels: labelsSchema,
})

export const clusterConditionSchema = z.object({
  type: z.string(),
  status: z.enum(['True', 'False', 'Unknown']),
  reason: z.string(),
  message: z.string(),
  lastTransitionTime: z.iso.datetime(),
})
export type ClusterCondition = z.infer<typeof clusterConditionSchema>

export const clusterResourceSchema = z.object({
  key: z.string(),
  kind: z.string(),
  cloudId: z.string().optional(),
  name: z.string().optional(),
  region: z.string(),
  state: z.string(),
})
export type ClusterResource = z.infer<typeof clusterResourceSchema>

export const clusterSchema = z.object({
  metadata: z.object({
    uid: z.string(),
    name: z.string(),
    description: z.string().optional(),
    labels: z.record(z.string(), z.string()),
    annotations: z.object({ projectUid: z.string().optional(), createdBy: z.string().optional() }),
    creationTimestamp: z.iso.datetime(),
    lastModifiedTimestamp: z.iso.datetime(),
  }),
  spec: z.object({
    cloudType: clusterCloudTypeSchema,
    cloudAccountUid: z.string(),
    profiles: z.array(z.object({ uid: z.string(), name: z.string(), version: z.string() })),
    cloudConfig: z.record(z.string(), z.unknown()),
    clusterConfig: z.record(z.string(), z.unknown()),
    machinepoolconfig: z.array(z.record(z.string(), z.unknown())),
  }),
  status: z.object({
    state: clusterStateSchema,
    conditions: z.array(clusterConditionSchema),
    region: z.string().optional(),
    deletionRequestedAt: z.iso.datetime().optional(),
    /** When Force Delete becomes available (Deleting + the grace period). */
    forceDeleteAvailableAt: z.iso.datetime().optional(),
    /** The ledger: what the engine created in the cloud and its state. */
    resources: z.array(clusterResourceSchema),
  }),
})
export type Cluster = z.infer<typeof clusterSchema>
export const clusterListSchema = listOf(clusterSchema)

/**
 * Query of GET /v1/spectroclusters. Cluster lists have no total count (it would cost a scan per
 * request on large tenants): `listmeta.count` is the number of items up to and including this page,
 * and `continue` (a keyset cursor) is set while more follow. List items are summaries: their spec
 * carries `cloudConfig` only (`clusterConfig` {}, `machinepoolconfig` []) and `status.resources` is
 * empty; GET the cluster for all of it.
 */
export const clusterListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  continue: z.string().optional(),
  state: clusterStateSchema.optional(),
  cloudType: clusterCloudTypeSchema.optional(),
  /** Case-insensitive substring of the name. */
  search: z.string().max(63).optional(),
})
export type ClusterListQuery = z.infer<typeof clusterListQuerySchema>

export const clusterEventSchema = z.object({
  metadata: z.object({ uid: z.string(), creationTimestamp: z.iso.datetime() }),
  reason: z.string(),
  message: z.string(),
  severity: z.enum(['Normal', 'Warning', 'Error']),
  source: z.object({ component: z.string() }),
  /** Monotonic across the installation: a live stream resumes after the last one it saw. */
  seq: z.string(),
  state: clusterStateSchema.optional(),
})
export type ClusterEvent = z.infer<typeof clusterEventSchema>
export const clusterEventListSchema = z.object({ items: z.array(clusterEventSchema) })

/** The answer of POST /v1/spectroclusters/{cloud}/validate: every problem at once. */
export const clusterValidationSchema = z.object({
  valid: z.boolean(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
  warnings: z.array(z.object({ path: z.string(), message: z.string() })),
})
export type ClusterValidation = z.infer<typeof clusterValidationSchema>

/** The answer of a force delete: what may remain in the cloud. */
export const forceDeleteResultSchema = z.object({ leftovers: z.array(clusterResourceSchema) })

/**
 * GET /v1/spectroclusters/{uid}/events/stream (server-sent events). Each `cluster-event` carries a
 * {@link ClusterEvent} (its SSE id is the event's seq, so a reconnecting EventSource resumes after it);
 * an event that changed the state is followed by a `cluster-state` carrying {@link ClusterStateChange}.
 * The scope may be given as `?projectUid=` because EventSource cannot send the ProjectUid header.
 */
export const clusterStreamEvents = { event: 'cluster-event', state: 'cluster-state' } as const
export const clusterStateChangeSchema = z.object({ uid: z.string(), state: clusterStateSchema })
export type ClusterStateChange = z.infer<typeof clusterStateChangeSchema>
