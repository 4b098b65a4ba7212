import { z } from 'zod'
import { profileNameSchema, profileTemplateSchema, semverSchema } from './cluster-profile.ts'

/** `tenant` = visible in every scope of the tenant; `project` = visible only in `projectUid`'s scope. */
export const profileScopeSchema = z.enum(['tenant', 'project'])
export type ProfileScope = z.infer<typeof profileScopeSchema>

/** A cluster that deploys a profile. */
export const profileUserSchema = z.object({ uid: z.string(), name: z.string() })

/** One version of a cluster profile, as `GET /v1/clusterprofiles[/{uid}]` answers it. */
export const clusterProfileSchema = z.object({
  metadata: z.object({
    uid: z.string(),
    name: z.string(),
    description: z.string().optional(),
    creationTimestamp: z.iso.datetime(),
    lastModifiedTimestamp: z.iso.datetime(),
    annotations: z.object({ scope: profileScopeSchema, projectUid: z.string().optional() }),
  }),
  spec: z.object({
    version: z.string(),
    template: profileTemplateSchema,
    /** A published version is immutable: a PUT on it creates the next version. */
    published: z.boolean(),
  }),
  status: z.object({
    publishedAt: z.iso.datetime().optional(),
    /** The live clusters deploying this version; while any, the version cannot be deleted. */
    inUseBy: z.array(profileUserSchema),
  }),
})
export type ClusterProfile = z.infer<typeof clusterProfileSchema>

/**
 * Body of `POST /v1/clusterprofiles/{uid}/clone`: the copy's name, optional description (the source's
 * when absent) and optional version (the source's when absent).
 */
export const clusterProfileCloneBodySchema = z.object({
  metadata: z.object({
    name: profileNameSchema,
    description: z.string().trim().max(1024, 'Description must be at most 1024 characters').optional(),
  }),
  spec: z.object({ version: semverSchema.optional() }).default({}),
})
export type ClusterProfileCloneBody = z.infer<typeof clusterProfileCloneBodySchema>
