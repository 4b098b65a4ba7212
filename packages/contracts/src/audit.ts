import { z } from 'zod'
import { listOf, listQuerySchema } from './common.ts'

export const auditActionTypes = [
  'create',
  'update',
  'delete',
  'forceDelete',
  'revoke',
  'login',
  'loginFailed',
  'logout',
  'validationFailed',
] as const
export const auditActionTypeSchema = z.enum(auditActionTypes)
export type AuditActionType = z.infer<typeof auditActionTypeSchema>

export const auditEventSchema = z.object({
  metadata: z.object({ uid: z.string(), creationTimestamp: z.iso.datetime() }),
  spec: z.object({
    actionType: auditActionTypeSchema,
    actor: z.object({
      type: z.enum(['user', 'apiKey', 'system', 'agent']),
      userUid: z.string().optional(),
      userName: z.string().optional(),
      emailId: z.string().optional(),
    }),
    resource: z.object({ kind: z.string(), uid: z.string().optional(), name: z.string().optional() }),
    projectUid: z.string().optional(),
    message: z.string(),
    /** Never contains a secret: services pass only non-secret fields. */
    details: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string().optional(),
  }),
})
export type AuditEvent = z.infer<typeof auditEventSchema>
export const auditListSchema = listOf(auditEventSchema)

export const auditQuerySchema = listQuerySchema.extend({
  startTime: z.iso.datetime({ offset: true }).optional(),
  endTime: z.iso.datetime({ offset: true }).optional(),
  userUid: z.string().optional(),
  projectUid: z.string().optional(),
  resourceKind: z.string().optional(),
  resourceUid: z.string().optional(),
  actionType: auditActionTypeSchema.optional(),
})
export type AuditQuery = z.infer<typeof auditQuerySchema>
