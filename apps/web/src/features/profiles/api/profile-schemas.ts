import { profileNameSchema, profileTemplateSchema, semverSchema } from '@console/contracts'
import { z } from 'zod'

/*
 * The answer of GET /v1/clusterprofiles[/{uid}] and the clone body. @console/contracts does not hold
 * them yet (the API declares the same shapes in apps/api/src/domains/profiles/schemas.ts); when they
 * move to packages/contracts/src/profiles, import them from there and delete this file.
 */

/** One version of a cluster profile, as the API answers it. */
export const clusterProfileSchema = z.object({
  metadata: z.object({
    uid: z.string(),
    name: z.string(),
    description: z.string().optional(),
    creationTimestamp: z.iso.datetime(),
    lastModifiedTimestamp: z.iso.datetime(),
    annotations: z.object({ scope: z.enum(['tenant', 'project']), projectUid: z.string().optional() }),
  }),
  spec: z.object({
    version: z.string(),
    template: profileTemplateSchema,
    /** A published version is immutable: a PUT on it creates the next version. */
    published: z.boolean(),
  }),
  status: z.object({
    publishedAt: z.iso.datetime().optional(),
    inUseBy: z.array(z.object({ uid: z.string(), name: z.string() })),
  }),
})
export type ClusterProfile = z.infer<typeof clusterProfileSchema>

/** Body of POST /v1/clusterprofiles/{uid}/clone, with the contract's name and version rules. */
export const cloneProfileBodySchema = z.object({
  metadata: z.object({ name: profileNameSchema }),
  spec: z.object({ version: semverSchema }),
})
export type CloneProfileBody = z.infer<typeof cloneProfileBodySchema>
