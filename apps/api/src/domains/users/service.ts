import {
  type ListQuery,
  permissionsInScope,
  type RoleName,
  rolePermissions,
  type User,
  type UserCreateBody,
  type UserMe,
  type UserUpdateBody,
} from '@console/contracts'
import type { Prisma } from '@console/db'
import { recordAudit } from '../../lib/audit.ts'
import { isTenantAdmin, type RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError, notFound } from '../../lib/errors.ts'
import { listMeta, pageWindow } from '../../lib/pagination.ts'
import { hashPassword } from '../../lib/passwords.ts'

const include = { bindings: { include: { project: { select: { name: true } } } } } as const
type UserRow = Prisma.UserGetPayload<{ include: typeof include }>

function toUser(row: UserRow): User {
  return {
    metadata: {
      uid: row.id,
      name: row.name,
      creationTimestamp: row.createdAt.toISOString(),
      lastModifiedTimestamp: row.updatedAt.toISOString(),
    },
    spec: {
      emailId: row.email,
      firstName: row.firstName ?? undefined,
      lastName: row.lastName ?? undefined,
      roles: row.bindings.map((b) => ({
        role: b.role as RoleName,
        projectUid: b.projectId ?? undefined,
        projectName: b.project?.name,
      })),
    },
    status: { isActive: row.isActive, lastLogin: row.lastLoginAt?.toISOString() },
  }
}

export async function getCurrentUser(deps: Deps, ctx: RequestContext): Promise<UserMe> {
  const row = await deps.prisma.user.findUniqueOrThrow({ where: { id: ctx.actor.userId }, include })
  const bindings = ctx.actor.bindings.map((b) => ({ role: b.role, projectUid: b.projectId }))
  const admin = isTenantAdmin(ctx.actor)
  const projects = await deps.prisma.project.findMany({
    where: admin
      ? { tenantId: ctx.actor.tenantId }
      : { id: { in: bindings.flatMap((b) => (b.projectUid ? [b.projectUid] : [])) } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  })
  // The strongest role decides the label; permissions are the union of every binding in that scope.
  const order: RoleName[] = ['Tenant Admin', 'Project Admin', 'Project Editor', 'Project Viewer']
  const roleIn = (projectUid: string) =>
    order.find((r) => bindings.some((b) => b.role === r && (r === 'Tenant Admin' || b.projectUid === projectUid))) ??
    'Project Viewer'
  const scopes: UserMe['scopes'] = []
  if (admin) scopes.push({ role: 'Tenant Admin', permissions: [...rolePermissions['Tenant Admin']] })
  for (const p of projects) {
    scopes.push({
      projectUid: p.id,
      projectName: p.name,
      role: roleIn(p.id),
      permissions: [...permissionsInScope(bindings, p.id)],
    })
  }
  return { ...toUser(row), scopes }
}

export async function listUsers(deps: Deps, ctx: RequestContext, query: ListQuery) {
  const where = { tenantId: ctx.actor.tenantId }
  const window = pageWindow(query)
  const [rows, total] = await Promise.all([
    deps.prisma.user.findMany({ where, include, orderBy: { email: 'asc' }, ...window }),
    deps.prisma.user.count({ where }),
  ])
  return { items: rows.map(toUser), listmeta: listMeta(window, rows.length, total) }
}

async function findUser(deps: Deps, ctx: RequestContext, uid: string): Promise<UserRow> {
  const row = /^[0-9a-f-]{36}$/i.test(uid)
    ? await deps.prisma.user.findFirst({ where: { id: uid, tenantId: ctx.actor.tenantId }, include })
    : null
  if (!row) throw notFound('User', uid)
  return row
}

export async function getUser(deps: Deps, ctx: RequestContext, uid: string): Promise<User> {
  return toUser(await findUser(deps, ctx, uid))
}

/** Every project a binding names must exist in the caller's tenant. */
async function checkBindings(deps: Deps, ctx: RequestContext, roles: UserCreateBody['spec']['roles']) {
  const ids = [...new Set(roles.flatMap((r) => (r.projectUid ? [r.projectUid] : [])))]
  const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id))
  const found = await deps.prisma.project.findMany({
    where: { id: { in: valid }, tenantId: ctx.actor.tenantId },
    select: { id: true },
  })
  const known = new Set(found.map((p) => p.id))
  const missing = roles.flatMap((r, i) =>
    r.projectUid && !known.has(r.projectUid)
      ? [{ path: `spec.roles.${i}.projectUid`, message: `Project ${r.projectUid} not found` }]
      : [],
  )
  if (missing.length) throw new AppError('UnprocessableEntity', 'A role names a project that does not exist', missing)
  const keys = roles.map((r) => `${r.role}/${r.projectUid ?? ''}`)
  if (new Set(keys).size !== keys.length) {
    throw new AppError('ValidationError', 'The same role is given twice', [
      { path: 'spec.roles', message: 'Duplicate role' },
    ])
  }
}

async function assertEmailFree(deps: Deps, email: string, exceptId?: string) {
  const clash = await deps.prisma.user.findUnique({ where: { email }, select: { id: true } })
  if (clash && clash.id !== exceptId) {
    throw new AppError('AlreadyExists', `A user with email ${email} already exists`, [
      { path: 'spec.emailId', message: 'A user with this email already exists' },
    ])
  }
}

const describeRoles = (roles: UserCreateBody['spec']['roles']) =>
  roles.map((r) => ({ role: r.role, projectUid: r.projectUid }))

export async function createUser(deps: Deps, ctx: RequestContext, body: UserCreateBody): Promise<{ uid: string }> {
  const email = body.spec.emailId.toLowerCase()
  await assertEmailFree(deps, email)
  await checkBindings(deps, ctx, body.spec.roles)
  const passwordHash = await hashPassword(body.spec.password)
  return deps.prisma.$transaction(async (tx) => {
    const row = await tx.user.create({
      data: {
        tenantId: ctx.actor.tenantId,
        email,
        name: body.metadata.name,
        firstName: body.spec.firstName || null,
        lastName: body.spec.lastName || null,
        passwordHash,
        bindings: { create: body.spec.roles.map((r) => ({ role: r.role, projectId: r.projectUid ?? null })) },
      },
    })
    await recordAudit(tx, ctx, {
      actionType: 'create',
      resource: { kind: 'user', uid: row.id, name: body.metadata.name },
      message: `User ${email} created`,
      details: { emailId: email, roles: describeRoles(body.spec.roles) },
    })
    return { uid: row.id }
  })
}

export async function updateUser(deps: Deps, ctx: RequestContext, uid: string, body: UserUpdateBody): Promise<void> {
  const existing = await findUser(deps, ctx, uid)
  const email = body.spec.emailId.toLowerCase()
  await assertEmailFree(deps, email, uid)
  await checkBindings(deps, ctx, body.spec.roles)
  const keepsAdmin = body.spec.roles.some((r) => r.role === 'Tenant Admin')
  if (uid === ctx.actor.userId && isTenantAdmin(ctx.actor) && !keepsAdmin) {
    throw new AppError('Conflict', 'You cannot remove your own Tenant Admin role', [
      { path: 'spec.roles', message: 'Keep your Tenant Admin role; ask another admin to remove it' },
    ])
  }
  const passwordHash = body.spec.password ? await hashPassword(body.spec.password) : undefined
  deps.authCache.forgetUser(uid)
  await deps.prisma.$transaction(async (tx) => {
    await tx.roleBinding.deleteMany({ where: { userId: uid } })
    await tx.user.update({
      where: { id: uid },
      data: {
        email,
        name: body.metadata.name,
        firstName: body.spec.firstName || null,
        lastName: body.spec.lastName || null,
        ...(passwordHash ? { passwordHash } : {}),
        bindings: { create: body.spec.roles.map((r) => ({ role: r.role, projectId: r.projectUid ?? null })) },
      },
    })
    // A changed password ends the user's open sessions.
    if (passwordHash)
      await tx.session.updateMany({ where: { userId: uid, revokedAt: null }, data: { revokedAt: new Date() } })
    await recordAudit(tx, ctx, {
      actionType: 'update',
      resource: { kind: 'user', uid, name: body.metadata.name },
      message: `User ${existing.email} updated`,
      details: { emailId: email, roles: describeRoles(body.spec.roles), passwordChanged: Boolean(passwordHash) },
    })
  })
}

export async function deleteUser(deps: Deps, ctx: RequestContext, uid: string): Promise<void> {
  const existing = await findUser(deps, ctx, uid)
  if (uid === ctx.actor.userId) throw new AppError('Conflict', 'You cannot delete yourself')
  deps.authCache.forgetUser(uid)
  await deps.prisma.$transaction(async (tx) => {
    await tx.user.delete({ where: { id: uid } })
    await recordAudit(tx, ctx, {
      actionType: 'delete',
      resource: { kind: 'user', uid, name: existing.name },
      message: `User ${existing.email} deleted`,
    })
  })
}
