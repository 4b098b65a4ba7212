import { z } from 'zod'
import { listQuerySchema } from '../common.ts'
import { cloudTypeSchema, packLayerSchema, packNameSchema, packTagSchema, packTypeSchema } from './pack.ts'

/** `cluster` = the full stack (OS, Kubernetes, CNI, CSI, add-ons); `infra` = the four core layers; `add-on` = add-ons only. */
export const profileTypeSchema = z.enum(['cluster', 'infra', 'add-on'])
export type ProfileType = z.infer<typeof profileTypeSchema>

/** Profile names are DNS-1123 labels: lowercase letters, digits and dashes, at most 63 characters. */
export const profileNameSchema = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(63, 'Name must be at most 63 characters')
  .regex(
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    'Use lowercase letters, digits and dashes; start and end with a letter or digit',
  )

/** Semantic version `MAJOR.MINOR.PATCH` with optional pre-release and build parts. */
export const semverSchema = z
  .string()
  .trim()
  .regex(
    /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/,
    'Use a semantic version such as 1.0.0',
  )

/**
 * One layer of a profile: a catalog pack (`name` + `tag`) and its values as YAML text. When `values`
 * is absent the pack's catalog defaults apply; an empty string means "no values".
 */
export const profilePackSchema = z.object({
  name: packNameSchema,
  tag: packTagSchema,
  layer: packLayerSchema,
  type: packTypeSchema,
  values: z.string().optional(),
})
export type ProfilePack = z.infer<typeof profilePackSchema>

export const profileTemplateSchema = z.object({
  cloudType: cloudTypeSchema,
  type: profileTypeSchema,
  packs: z.array(profilePackSchema),
})
export type ProfileTemplate = z.infer<typeof profileTemplateSchema>

/**
 * Body of `POST /v1/clusterprofiles`, `PUT /v1/clusterprofiles/{uid}` and `POST /v1/clusterprofiles/validate`,
 * as Palette shapes it. The shape is checked here; the rules between layers, the catalog and the
 * values are checked by `validateProfile`.
 */
export const clusterProfileBodySchema = z.object({
  metadata: z.object({
    name: profileNameSchema,
    description: z.string().trim().max(1024, 'Description must be at most 1024 characters').optional(),
  }),
  spec: z.object({
    version: semverSchema,
    template: profileTemplateSchema,
  }),
})
export type ClusterProfileBody = z.infer<typeof clusterProfileBodySchema>

export const clusterProfileCreateBodySchema = clusterProfileBodySchema
export type ClusterProfileCreateBody = ClusterProfileBody
export const clusterProfileUpdateBodySchema = clusterProfileBodySchema
export type ClusterProfileUpdateBody = ClusterProfileBody
export const clusterProfileValidateBodySchema = clusterProfileBodySchema
export type ClusterProfileValidateBody = ClusterProfileBody

/** `POST /v1/clusterprofiles?publish=true`: publish at once instead of keeping a draft. */
export const clusterProfileCreateQuerySchema = z.object({
  publish: z.stringbool().default(false),
})
export type ClusterProfileCreateQuery = z.infer<typeof clusterProfileCreateQuerySchema>

/** `GET /v1/clusterprofiles` query: the usual paging plus `cloudType` and `type` filters. */
export const clusterProfileListQuerySchema = listQuerySchema.extend({
  cloudType: cloudTypeSchema.optional(),
  type: profileTypeSchema.optional(),
})
export type ClusterProfileListQuery = z.infer<typeof clusterProfileListQuerySchema>
