import type { RoleName } from '@console/contracts'
import { jwtVerify, SignJWT } from 'jose'
import { recordAudit } from '../../lib/audit.ts'
import type { Actor, RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError } from '../../lib/errors.ts'
import { burnPasswordCheck, verifyPassword } from '../../lib/passwords.ts'
import { randomToken, sha256 } from '../../lib/secrets.ts'

const FAILURE_WINDOW_MS = 15 * 60 * 1000

const userWithBindings = { bindings: { select: { role: true, projectId: true } } } as const

function toActor(
  user: {
    id: string
    tenantId: string
    email: string
    name: string
    bindings: Array<{ role: string; projectId: string | null }>
  },
  extra: Pick<Actor, 'type' | 'sessionId' | 'apiKeyId'>,
): Actor {
  return {
    ...extra,
    userId: user.id,
    tenantId: user.tenantId,
    email: user.email,
    name: user.name,
    bindings: user.bindings.map((b) => ({ role: b.role as RoleName, projectId: b.projectId })),
  }
}

/**
 * Check a password and open a session. The answer never says whether the email or the password was wrong.
 * Too many recent failures for one account answer 429 before the password is even checked.
 */
export async function authenticate(
  deps: Deps,
  input: { emailId: string; password: string; requestId: string },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const email = input.emailId.toLowerCase()
  const since = new Date(Date.now() - FAILURE_WINDOW_MS)
  const failures = await deps.prisma.auditEvent.count({
    where: { actorEmail: email, actionType: 'loginFailed', createdAt: { gte: since } },
  })
  if (failures >= deps.config.loginMaxFailures) {
    throw new AppError('TooManyRequests', 'Too many failed log-in attempts. Try again in 15 minutes.')
  }
  const user = await deps.prisma.user.findUnique({ where: { email }, include: userWithBindings })
  let ok = false
  if (user?.isActive) ok = await verifyPassword(input.password, user.passwordHash)
  else await burnPasswordCheck(input.password)
  if (!user || !ok) {
    const tenant = user ?? (await deps.prisma.tenant.findFirst({ select: { id: true } }))
    if (tenant) {
      await deps.prisma.auditEvent.create({
        data: {
          tenantId: user?.tenantId ?? (tenant as { id: string }).id,
          actionType: 'loginFailed',
          actorType: 'user',
          actorUserId: user?.id,
          actorEmail: email,
          resourceKind: 'session',
          message: `Failed log-in for ${email}`,
          requestId: input.requestId,
        },
      })
    }
    throw new AppError('InvalidCredentials', 'Invalid email or password')
  }
  const csrfToken = randomToken()
  const expiresAt = new Date(Date.now() + deps.config.sessionTtlSeconds * 1000)
  const session = await deps.prisma.$transaction(async (tx) => {
    const created = await tx.session.create({ data: { userId: user.id, csrfHash: sha256(csrfToken), expiresAt } })
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } })
    const ctx: RequestContext = {
      actor: toActor(user, { type: 'user', sessionId: created.id }),
      permissions: new Set(),
      requestId: input.requestId,
    }
    await recordAudit(tx, ctx, {
      actionType: 'login',
      resource: { kind: 'session', uid: created.id },
      message: `${email} logged in`,
    })
    return created
  })
  const token = await new SignJWT({ sid: session.id, tid: user.tenantId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(deps.keys.jwt)
  return { token, csrfToken, expiresAt }
}

/** The actor behind a session JWT (header or cookie), or a 401. */
export async function resolveSessionToken(deps: Deps, token: string): Promise<{ actor: Actor; csrfHash: string }> {
  let sessionId = deps.authCache.getVerifiedToken(token)
  if (!sessionId) {
    try {
      const { payload } = await jwtVerify(token, deps.keys.jwt, { algorithms: ['HS256'] })
      sessionId = String(payload.sid)
      if (typeof payload.exp === 'number') deps.authCache.setVerifiedToken(token, sessionId, payload.exp * 1000)
    } catch {
      throw new AppError('Unauthorized', 'Your session is invalid or has expired. Log in again.')
    }
  }
  const cached = deps.authCache.getSession(sessionId)
  if (cached) return cached
  const session = await deps.prisma.session.findUnique({
    where: { id: sessionId },
    include: { user: { include: userWithBindings } },
  })
  if (!session || session.revokedAt || session.expiresAt < new Date() || !session.user.isActive) {
    throw new AppError('Unauthorized', 'Your session is invalid or has expired. Log in again.')
  }
  const resolved = { actor: toActor(session.user, { type: 'user', sessionId: session.id }), csrfHash: session.csrfHash }
  deps.authCache.setSession(sessionId, resolved)
  return resolved
}

/** The actor behind an `ApiKey` header, or a 401. Keys look like `ck_<prefix>_<secret>`. */
export async function resolveApiKey(deps: Deps, key: string): Promise<Actor> {
  const keyHash = sha256(key)
  const cached = deps.authCache.getApiKey(keyHash)
  if (cached) return cached
  const match = /^ck_([A-Za-z0-9]{12})_[A-Za-z0-9_-]{43}$/.exec(key)
  const row = match
    ? await deps.prisma.apiKey.findUnique({
        where: { prefix: match[1] },
        include: { user: { include: userWithBindings } },
      })
    : null
  const valid =
    row &&
    row.secretHash === keyHash &&
    !row.revokedAt &&
    (!row.expiresAt || row.expiresAt > new Date()) &&
    row.user.isActive
  if (!row || !valid) throw new AppError('Unauthorized', 'The API key is invalid, expired or revoked.')
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await deps.prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } })
  }
  const actor = toActor(row.user, { type: 'apiKey', apiKeyId: row.id })
  // Never past the key's own expiry: the cache lives seconds, expiry checks stay exact enough.
  deps.authCache.setApiKey(keyHash, actor)
  return actor
}

export async function logout(deps: Deps, ctx: RequestContext): Promise<void> {
  const sessionId = ctx.actor.sessionId
  if (!sessionId) return
  deps.authCache.forgetUser(ctx.actor.userId)
  await deps.prisma.$transaction(async (tx) => {
    await tx.session.update({ where: { id: sessionId }, data: { revokedAt: new Date() } })
    await recordAudit(tx, ctx, {
      actionType: 'logout',
      resource: { kind: 'session', uid: sessionId },
      message: `${ctx.actor.email} logged out`,
    })
  })
}
