import type { AuditEvent, AuditQuery } from '@console/contracts'
import type { Prisma } from '@console/db'
import type { RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError } from '../../lib/errors.ts'

type Row = Prisma.AuditEventGetPayload<object>

function toEvent(row: Row): AuditEvent {
  return {
    metadata: { uid: row.id, creationTimestamp: row.createdAt.toISOString() },
    spec: {
      actionType: row.actionType as AuditEvent['spec']['actionType'],
      actor: {
        type: row.actorType as AuditEvent['spec']['actor']['type'],
        userUid: row.actorUserId ?? undefined,
        userName: row.actorName ?? undefined,
        emailId: row.actorEmail ?? undefined,
      },
      resource: { kind: row.resourceKind, uid: row.resourceUid ?? undefined, name: row.resourceName ?? undefined },
      projectUid: row.projectId ?? undefined,
      message: row.message,
      details: (row.details as Record<string, unknown> | null) ?? undefined,
      requestId: row.requestId ?? undefined,
    },
  }
}

// Keyset cursor over (createdAt desc, id desc): stable while new events keep arriving.
const encodeCursor = (row: Row) => Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url')
function decodeCursor(token: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(token, 'base64url').toString('utf8').split('|')
  const createdAt = new Date(at ?? '')
  if (!id || Number.isNaN(createdAt.getTime())) {
    throw new AppError('ValidationError', 'Invalid continue token', [{ path: 'continue', message: 'Invalid token' }])
  }
  return { createdAt, id }
}

/**
 * Audit events, newest first. In project scope only that project's events are visible, whatever the
 * `projectUid` filter says; in tenant scope (Tenant Admin) everything, optionally filtered.
 */
export async function listAudits(deps: Deps, ctx: RequestContext, query: AuditQuery) {
  const where: Prisma.AuditEventWhereInput = {
    tenantId: ctx.actor.tenantId,
    projectId: ctx.projectUid ?? query.projectUid,
    actorUserId: query.userUid,
    resourceKind: query.resourceKind,
    resourceUid: query.resourceUid,
    actionType: query.actionType,
    createdAt: {
      gte: query.startTime ? new Date(query.startTime) : undefined,
      lte: query.endTime ? new Date(query.endTime) : undefined,
    },
  }
  const page: Prisma.AuditEventWhereInput = { ...where }
  if (query.continue) {
    const c = decodeCursor(query.continue)
    page.OR = [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }]
  }
  const [rows, total] = await Promise.all([
    deps.prisma.auditEvent.findMany({
      where: page,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
      skip: query.continue ? 0 : query.offset,
    }),
    deps.prisma.auditEvent.count({ where }),
  ])
  const items = rows.slice(0, query.limit)
  const last = items.at(-1)
  return {
    items: items.map(toEvent),
    listmeta: {
      count: total,
      limit: query.limit,
      offset: query.continue ? 0 : query.offset,
      continue: rows.length > query.limit && last ? encodeCursor(last) : undefined,
    },
  }
}
