import { randomBytes } from 'node:crypto'
import type { ApiKey, ApiKeyCreateBody, ListQuery } from '@console/contracts'
import type { Prisma } from '@console/db'
import { recordAudit } from '../../lib/audit.ts'
import { isTenantAdmin, type RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { notFound } from '../../lib/errors.ts'
import { listMeta, pageWindow } from '../../lib/pagination.ts'
import { sha256 } from '../../lib/secrets.ts'

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
type KeyRow = Prisma.ApiKeyGetPayload<{ include: { user: { select: { name: true } } } }>

function toApiKey(row: KeyRow): ApiKey {
  const expired = row.expiresAt !== null && row.expiresAt <= new Date()
  return {
    metadata: {
      uid: row.id,
      name: row.name,
      creationTimestamp: row.createdAt.toISOString(),
      lastModifiedTimestamp: row.updatedAt.toISOString(),
    },
    spec: {
      expiry: row.expiresAt?.toISOString(),
      userUid: row.userId,
      userName: row.user.name,
      prefix: `ck_${row.prefix}`,
    },
    status: {
      state: row.revokedAt ? 'Revoked' : expired ? 'Expired' : 'Active',
      lastUsed: row.lastUsedAt?.toISOString(),
    },
  }
}

/** A Tenant Admin sees and revokes every key of the tenant; everyone else only their own. */
function visibleWhere(ctx: RequestContext): Prisma.ApiKeyWhereInput {
  return isTenantAdmin(ctx.actor) ? { user: { tenantId: ctx.actor.tenantId } } : { userId: ctx.actor.userId }
}

export async function listApiKeys(deps: Deps, ctx: RequestContext, query: ListQuery) {
  const where = visibleWhere(ctx)
  const window = pageWindow(query)
  const [rows, total] = await Promise.all([
    deps.prisma.apiKey.findMany({
      where,
      include: { user: { select: { name: true } } },
      orderBy: { createdAt: 'desc' },
      ...window,
    }),
    deps.prisma.apiKey.count({ where }),
  ])
  return { items: rows.map(toApiKey), listmeta: listMeta(window, rows.length, total) }
}

/**
 * Create a key for the caller. The answer is the only time the key is ever shown: only its SHA-256 is kept
 * (the key is 256 random bits, so a slow hash adds nothing), and the prefix finds the row.
 */
export async function createApiKey(
  deps: Deps,
  ctx: RequestContext,
  body: ApiKeyCreateBody,
): Promise<{ uid: string; apiKey: string }> {
  const prefix = Array.from(randomBytes(12), (b) => ALPHANUM[b % ALPHANUM.length]).join('')
  const apiKey = `ck_${prefix}_${randomBytes(32).toString('base64url')}`
  const expiry = body.spec?.expiry
  return deps.prisma.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        userId: ctx.actor.userId,
        name: body.metadata.name,
        prefix,
        secretHash: sha256(apiKey),
        expiresAt: expiry ? new Date(expiry) : null,
      },
    })
    await recordAudit(tx, ctx, {
      actionType: 'create',
      resource: { kind: 'apiKey', uid: row.id, name: row.name },
      message: `API key ${row.name} created`,
      details: { prefix: `ck_${prefix}`, expiry },
    })
    return { uid: row.id, apiKey }
  })
}

export async function revokeApiKey(deps: Deps, ctx: RequestContext, uid: string): Promise<void> {
  const row = /^[0-9a-f-]{36}$/i.test(uid)
    ? await deps.prisma.apiKey.findFirst({ where: { ...visibleWhere(ctx), id: uid } })
    : null
  if (!row) throw notFound('API key', uid)
  if (row.revokedAt) return
  await deps.prisma.$transaction(async (tx) => {
    await tx.apiKey.update({ where: { id: uid }, data: { revokedAt: new Date() } })
    deps.authCache.forgetUser(row.userId)
    await recordAudit(tx, ctx, {
      actionType: 'revoke',
      resource: { kind: 'apiKey', uid, name: row.name },
      message: `API key ${row.name} revoked`,
      details: { prefix: `ck_${row.prefix}` },
    })
  })
}
