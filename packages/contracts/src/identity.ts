import { z } from 'zod'
import { displayNameSchema, listOf, metadataSchema } from './common.ts'
import { permissions, roleBindingSchema, roleSchema } from './roles.ts'

// ---- auth ----------------------------------------------------------------

export const authenticateBodySchema = z.object({
  emailId: z.email('Enter a valid email address'),
  password: z.string().min(1, 'Password is required'),
  org: z.string().optional(),
})
export type AuthenticateBody = z.infer<typeof authenticateBodySchema>

export const authenticateResponseSchema = z.object({
  Authorization: z.string(),
  isMfa: z.boolean(),
})

/**
 * Password rule for users the console creates. Long passphrases beat composition rules
 * (NIST SP 800-63B), so: 12 to 128 characters, nothing else required.
 */
export const passwordSchema = z
  .string()
  .min(12, 'Password must be at least 12 characters')
  .max(128, 'Password must be at most 128 characters')

// ---- current user ----------------------------------------------------------

export const scopeSchema = z.object({
  projectUid: z.string().optional(),
  projectName: z.string().optional(),
  role: roleSchema,
  permissions: z.array(z.enum(permissions)),
})

export const userMeSchema = z.object({
  metadata: metadataSchema,
  spec: z.object({
    emailId: z.string(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    roles: z.array(
      z.object({ role: roleSchema, projectUid: z.string().optional(), projectName: z.string().optional() }),
    ),
  }),
  status: z.object({ isActive: z.boolean(), lastLogin: z.iso.datetime().optional() }),
  /** Each scope the user can switch to: the tenant (Tenant Admin only) and every project they have a role in. */
  scopes: z.array(scopeSchema),
})
export type UserMe = z.infer<typeof userMeSchema>

// ---- projects ----------------------------------------------------------------

export const projectBodySchema = z.object({
  metadata: z.object({
    name: displayNameSchema,
    description: z.string().trim().max(512, 'Description must be at most 512 characters').optional(),
  }),
  spec: z.object({}).default({}),
})
export type ProjectBody = z.input<typeof projectBodySchema>

export const projectSchema = z.object({
  metadata: metadataSchema,
  spec: z.object({ description: z.string().optional() }),
  status: z.object({ memberCount: z.number().int() }),
})
export type Project = z.infer<typeof projectSchema>
export const projectListSchema = listOf(projectSchema)

// ---- users ----------------------------------------------------------------

const userSpecBase = z.object({
  emailId: z.email('Enter a valid email address'),
  firstName: z.string().trim().max(64).optional(),
  lastName: z.string().trim().max(64).optional(),
  roles: z.array(roleBindingSchema).min(1, 'Give the user at least one role'),
})

export const userCreateBodySchema = z.object({
  metadata: z.object({ name: displayNameSchema }),
  spec: userSpecBase.extend({ password: passwordSchema }),
})
export type UserCreateBody = z.infer<typeof userCreateBodySchema>

/** On update the password is optional: leave it out to keep the current one. */
export const userUpdateBodySchema = z.object({
  metadata: z.object({ name: displayNameSchema }),
  spec: userSpecBase.extend({ password: passwordSchema.optional() }),
})
export type UserUpdateBody = z.infer<typeof userUpdateBodySchema>

export const userSchema = z.object({
  metadata: metadataSchema,
  spec: z.object({
    emailId: z.string(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    roles: z.array(
      z.object({ role: roleSchema, projectUid: z.string().optional(), projectName: z.string().optional() }),
    ),
  }),
  status: z.object({ isActive: z.boolean(), lastLogin: z.iso.datetime().optional() }),
})
export type User = z.infer<typeof userSchema>
export const userListSchema = listOf(userSchema)

// ---- API keys ----------------------------------------------------------------

export const apiKeyCreateBodySchema = z.object({
  metadata: z.object({ name: displayNameSchema }),
  spec: z
    .object({
      expiry: z.iso
        .datetime({ offset: true, message: 'Expiry must be a date-time' })
        .refine((v) => Date.parse(v) > Date.now(), 'Expiry must be in the future')
        .optional(),
    })
    .default({}),
})
export type ApiKeyCreateBody = z.input<typeof apiKeyCreateBodySchema>

/** The only answer that ever contains the key's value. */
export const apiKeyCreatedSchema = z.object({ uid: z.string(), apiKey: z.string() })

export const apiKeySchema = z.object({
  metadata: metadataSchema,
  spec: z.object({
    expiry: z.iso.datetime().optional(),
    userUid: z.string(),
    userName: z.string(),
    /** The key's public prefix, enough to recognise it; never the secret part. */
    prefix: z.string(),
  }),
  status: z.object({
    state: z.enum(['Active', 'Revoked', 'Expired']),
    lastUsed: z.iso.datetime().optional(),
  }),
})
export type ApiKey = z.infer<typeof apiKeySchema>
export const apiKeyListSchema = listOf(apiKeySchema)
