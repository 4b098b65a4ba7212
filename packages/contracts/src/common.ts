import { z } from 'zod'

/** Palette's object metadata as the API returns it. */
export const metadataSchema = z.object({
  uid: z.string(),
  name: z.string(),
  description: z.string().optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  creationTimestamp: z.iso.datetime(),
  lastModifiedTimestamp: z.iso.datetime(),
})
export type Metadata = z.infer<typeof metadataSchema>

/** `201 {uid}` answer of every create. */
export const createdSchema = z.object({ uid: z.string() })
export type Created = z.infer<typeof createdSchema>

export const listMetaSchema = z.object({
  continue: z.string().optional(),
  count: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
})
export type ListMeta = z.infer<typeof listMetaSchema>

/** `{items, listmeta}`: the shape of every list answer. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), listmeta: listMetaSchema })
}
export interface List<T> {
  items: T[]
  listmeta: ListMeta
}

/** Query of every list: `limit` (default 50, max 200), `offset` or the opaque `continue` cursor. */
export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  continue: z.string().optional(),
})
export type ListQuery = z.infer<typeof listQuerySchema>

/** The error body of every 4xx/5xx answer. */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
  ref: z.string(),
})
export type ApiError = z.infer<typeof apiErrorSchema>

/** One bad field in a 400's `details`. */
export interface FieldError {
  path: string
  message: string
}

export const uidParamsSchema = z.object({ uid: z.string().min(1) })

/** A display name for things users name (projects, keys, accounts). */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(64, 'Name must be at most 64 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/,
    'Use letters, digits, spaces, dots, dashes and underscores; start with a letter or digit',
  )
