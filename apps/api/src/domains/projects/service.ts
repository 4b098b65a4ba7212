import type { ListQuery, Project, ProjectBody } from '@console/contracts'
import type { Prisma } from '@console/db'
import { recordAudit } from '../../lib/audit.ts'
import { isTenantAdmin, type RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError, notFound } from '../../lib/errors.ts'
import { listMeta, pageWindow } from '../../lib/pagination.ts'

type ProjectRow = Prisma.ProjectGetPayload<{ include: { _count: { select: { bindings: true } } } }>

function toProject(row: ProjectRow): Project {
  return {
    metadata: {
      uid: row.id,
      name: row.name,
      description: row.description ?? undefined,
      creationTimestamp: row.createdAt.toISOString(),
      lastModifiedTimestamp: row.updatedAt.toISOString(),
    },
    spec: { description: row.description ?? undefined },
    status: { memberCount: row._count.bindings },
  }
}

/** Projects the caller may see: all of them for a Tenant Admin, otherwise those they hold a role in. */
function visibleWhere(ctx: RequestContext): Prisma.ProjectWhereInput {
  const where: Prisma.ProjectWhereInput = { tenantId: ctx.actor.tenantId }
  if (!isTenantAdmin(ctx.actor)) where.bindings = { some: { userId: ctx.actor.userId } }
  return where
}

const withCount = { _count: { select: { bindings: true } } } as const

export async function listProjects(deps: Deps, ctx: RequestContext, query: ListQuery) {
  const where = visibleWhere(ctx)
  const window = pageWindow(query)
  const [rows, total] = await Promise.all([
    deps.prisma.project.findMany({ where, include: withCount, orderBy: { name: 'asc' }, ...window }),
    deps.prisma.project.count({ where }),
  ])
  return { items: rows.map(toProject), listmeta: listMeta(window, rows.length, total) }
}

export async function getProject(deps: Deps, ctx: RequestContext, uid: string): Promise<Project> {
  const row = await deps.prisma.project.findFirst({ where: { ...visibleWhere(ctx), id: uid }, include: withCount })
  if (!row) throw notFound('Project', uid)
  return toProject(row)
}

async function assertNameFree(deps: Deps, ctx: RequestContext, name: string, exceptId?: string) {
  const clash = await deps.prisma.project.findFirst({
    where: {
      tenantId: ctx.actor.tenantId,
      name: { equals: name, mode: 'insensitive' },
      NOT: exceptId ? { id: exceptId } : undefined,
    },
    select: { id: true },
  })
  if (clash) {
    throw new AppError('AlreadyExists', `A project named "${name}" already exists`, [
      { path: 'metadata.name', message: 'A project with this name already exists' },
    ])
  }
}

export async function createProject(deps: Deps, ctx: RequestContext, body: ProjectBody): Promise<{ uid: string }> {
  const { name, description } = body.metadata
  await assertNameFree(deps, ctx, name)
  return deps.prisma.$transaction(async (tx) => {
    const row = await tx.project.create({
      data: { tenantId: ctx.actor.tenantId, name, description: description || null },
    })
    await recordAudit(tx, ctx, {
      actionType: 'create',
      resource: { kind: 'project', uid: row.id, name },
      projectUid: row.id,
      message: `Project ${name} created`,
    })
    return { uid: row.id }
  })
}

export async function updateProject(deps: Deps, ctx: RequestContext, uid: string, body: ProjectBody): Promise<void> {
  const existing = await getProject(deps, ctx, uid)
  const { name, description } = body.metadata
  await assertNameFree(deps, ctx, name, uid)
  await deps.prisma.$transaction(async (tx) => {
    await tx.project.update({ where: { id: uid }, data: { name, description: description || null } })
    await recordAudit(tx, ctx, {
      actionType: 'update',
      resource: { kind: 'project', uid, name },
      projectUid: uid,
      message:
        existing.metadata.name === name
          ? `Project ${name} updated`
          : `Project ${existing.metadata.name} renamed to ${name}`,
    })
  })
}

export async function deleteProject(deps: Deps, ctx: RequestContext, uid: string): Promise<void> {
  const existing = await getProject(deps, ctx, uid)
  deps.authCache.forgetProject(uid)
  await deps.prisma.$transaction(async (tx) => {
    await tx.project.delete({ where: { id: uid } })
    await recordAudit(tx, ctx, {
      actionType: 'delete',
      resource: { kind: 'project', uid, name: existing.metadata.name },
      projectUid: uid,
      message: `Project ${existing.metadata.name} deleted`,
    })
  })
}
