import type { AuditActionType } from '@console/contracts'
import type { Prisma, PrismaClient } from '@console/db'
import type { RequestContext } from './context.ts'

type Db = PrismaClient | Prisma.TransactionClient

export interface AuditEntry {
  actionType: AuditActionType
  resource: { kind: string; uid?: string; name?: string }
  message: string
  /** Only non-secret fields: callers pick what goes here, never a whole request body. */
  details?: Record<string, unknown>
  projectUid?: string
}

/** Write one audit event, inside the caller's transaction when given one so the record and the change land together. */
export async function recordAudit(db: Db, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      tenantId: ctx.actor.tenantId,
      actionType: entry.actionType,
      actorType: ctx.actor.type,
      actorUserId: ctx.actor.userId,
      actorName: ctx.actor.name,
      actorEmail: ctx.actor.email,
      resourceKind: entry.resource.kind,
      resourceUid: entry.resource.uid,
      resourceName: entry.resource.name,
      projectId: entry.projectUid ?? ctx.projectUid,
      message: entry.message,
      details: entry.details as Prisma.InputJsonValue | undefined,
      requestId: ctx.requestId,
    },
  })
}
