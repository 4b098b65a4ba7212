import { createHash } from 'node:crypto'
import { type ListQuery, parseSshPublicKey, type SshKey, type SshKeyBody } from '@console/contracts'
import type { Prisma } from '@console/db'
import { recordAudit } from '../../lib/audit.ts'
import { isTenantAdmin, type RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError, notFound } from '../../lib/errors.ts'
import { listMeta, pageWindow } from '../../lib/pagination.ts'

type SshKeyRow = Prisma.SshKeyGetPayload<object>
const AUDIT_KIND = 'sshkey'

/** `SHA256:<base64 without padding>` of the key blob, as `ssh-keygen -l` prints it. */
export function fingerprintOf(blob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`
}

/** Parses again on the server (the body schema already did; this keeps the domain safe on its own). */
function parseKey(publicKey: string) {
  const parsed = parseSshPublicKey(publicKey)
  if (!parsed.ok) {
    throw new AppError('ValidationError', parsed.message, [{ path: 'spec.publicKey', message: parsed.message }])
  }
  return { publicKey: parsed.key.normalized, fingerprint: fingerprintOf(parsed.key.blob) }
}

/** As cloud accounts: a project sees its own keys and the tenant-wide ones; tenant scope the tenant-wide ones. */
function visibleWhere(ctx: RequestContext): Prisma.SshKeyWhereInput {
  const where: Prisma.SshKeyWhereInput = { tenantId: ctx.actor.tenantId }
  if (ctx.projectUid) return { ...where, OR: [{ projectId: ctx.projectUid }, { projectId: null }] }
  // A Tenant Admin in tenant scope reaches every key by uid.
  return isTenantAdmin(ctx.actor) ? where : { ...where, projectId: null }
}

function toSshKey(row: SshKeyRow): SshKey {
  return {
    metadata: {
      uid: row.id,
      name: row.name,
      annotations: row.projectId ? { scope: 'project', projectUid: row.projectId } : { scope: 'tenant' },
      creationTimestamp: row.createdAt.toISOString(),
      lastModifiedTimestamp: row.updatedAt.toISOString(),
    },
    spec: { publicKey: row.publicKey, fingerprint: row.fingerprint },
  }
}

export async function listSshKeys(deps: Deps, ctx: RequestContext, query: ListQuery) {
  const where: Prisma.SshKeyWhereInput = ctx.projectUid
    ? visibleWhere(ctx)
    : { tenantId: ctx.actor.tenantId, projectId: null }
  const window = pageWindow(query)
  const [rows, total] = await Promise.all([
    deps.prisma.sshKey.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], ...window }),
    deps.prisma.sshKey.count({ where }),
  ])
  return { items: rows.map(toSshKey), listmeta: listMeta(window, rows.length, total) }
}

async function findVisible(deps: Deps, ctx: RequestContext, uid: string): Promise<SshKeyRow> {
  const row = /^[0-9a-f-]{36}$/i.test(uid)
    ? await deps.prisma.sshKey.findFirst({ where: { ...visibleWhere(ctx), id: uid } })
    : null
  if (!row) throw notFound('SSH key', uid)
  return row
}

/** Tenant-wide keys are managed in tenant scope, project keys in their project. */
async function findManageable(deps: Deps, ctx: RequestContext, uid: string): Promise<SshKeyRow> {
  const row = await findVisible(deps, ctx, uid)
  if (ctx.projectUid && row.projectId !== ctx.projectUid) {
    throw new AppError('Forbidden', `SSH key ${row.name} is tenant-wide; manage it in tenant scope`)
  }
  return row
}

export async function getSshKey(deps: Deps, ctx: RequestContext, uid: string): Promise<SshKey> {
  return toSshKey(await findVisible(deps, ctx, uid))
}

/** One name and one key per scope: a second copy of a key under another name only confuses the picker. */
async function assertUnique(
  deps: Deps,
  ctx: RequestContext,
  target: { name: string; fingerprint: string; projectId: string | null },
  exceptId?: string,
) {
  const clashes = await deps.prisma.sshKey.findMany({
    where: {
      tenantId: ctx.actor.tenantId,
      projectId: target.projectId,
      OR: [{ name: { equals: target.name, mode: 'insensitive' } }, { fingerprint: target.fingerprint }],
      NOT: exceptId ? { id: exceptId } : undefined,
    },
    select: { name: true, fingerprint: true },
  })
  const byName = clashes.find((c) => c.name.toLowerCase() === target.name.toLowerCase())
  if (byName) {
    throw new AppError('AlreadyExists', `An SSH key named "${target.name}" already exists in this scope`, [
      { path: 'metadata.name', message: 'A key with this name already exists' },
    ])
  }
  const byKey = clashes[0]
  if (byKey) {
    throw new AppError('AlreadyExists', `This public key is already registered as "${byKey.name}"`, [
      { path: 'spec.publicKey', message: `Already registered as "${byKey.name}"` },
    ])
  }
}

export async function createSshKey(deps: Deps, ctx: RequestContext, body: SshKeyBody): Promise<{ uid: string }> {
  const { name } = body.metadata
  const { publicKey, fingerprint } = parseKey(body.spec.publicKey)
  const projectId = ctx.projectUid ?? null
  await assertUnique(deps, ctx, { name, fingerprint, projectId })
  return deps.prisma.$transaction(async (tx) => {
    const row = await tx.sshKey.create({
      data: { tenantId: ctx.actor.tenantId, projectId, name, publicKey, fingerprint },
    })
    await recordAudit(tx, ctx, {
      actionType: 'create',
      resource: { kind: AUDIT_KIND, uid: row.id, name },
      message: `SSH key ${name} created`,
      details: { fingerprint, scope: projectId ? 'project' : 'tenant' },
    })
    return { uid: row.id }
  })
}

export async function updateSshKey(deps: Deps, ctx: RequestContext, uid: string, body: SshKeyBody): Promise<void> {
  const row = await findManageable(deps, ctx, uid)
  const { name } = body.metadata
  const { publicKey, fingerprint } = parseKey(body.spec.publicKey)
  await assertUnique(deps, ctx, { name, fingerprint, projectId: row.projectId }, row.id)
  await deps.prisma.$transaction(async (tx) => {
    await tx.sshKey.update({ where: { id: row.id }, data: { name, publicKey, fingerprint } })
    await recordAudit(tx, ctx, {
      actionType: 'update',
      resource: { kind: AUDIT_KIND, uid: row.id, name },
      projectUid: row.projectId ?? undefined,
      message: row.name === name ? `SSH key ${name} updated` : `SSH key ${row.name} renamed to ${name}`,
      details: { fingerprint, keyChanged: fingerprint !== row.fingerprint },
    })
  })
}

export async function deleteSshKey(deps: Deps, ctx: RequestContext, uid: string): Promise<void> {
  const row = await findManageable(deps, ctx, uid)
  await deps.prisma.$transaction(async (tx) => {
    await tx.sshKey.delete({ where: { id: row.id } })
    await recordAudit(tx, ctx, {
      actionType: 'delete',
      resource: { kind: AUDIT_KIND, uid: row.id, name: row.name },
      projectUid: row.projectId ?? undefined,
      message: `SSH key ${row.name} deleted`,
      details: { fingerprint: row.fingerprint },
    })
  })
}
