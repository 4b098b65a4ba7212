import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { CloudContext, FakeRequest, Store } from '../core/types.ts'
import { VcenterFault } from './errors.ts'
import { parseVsphereFixture, type VcenterUser, type VsphereFixture } from './fixture.ts'
import { getRecord, key, patchAttrs, putRecord, T } from './repo.ts'

/**
 * The parsed fixture of each running fake, keyed by its store. Users and passwords stay here,
 * in memory, and never go into the store (whose records the admin API shows and the log prints).
 */
const configs = new WeakMap<Store, VsphereFixture>()

export function setConfig(store: Store, fixture: VsphereFixture): void {
  configs.set(store, fixture)
}

export function getConfig(ctx: CloudContext): VsphereFixture {
  let config = configs.get(ctx.store)
  if (!config) {
    config = parseVsphereFixture({})
    configs.set(ctx.store, config)
  }
  return config
}

export interface Caller {
  user: VcenterUser
  sessionId?: string
}

const UNAUTHENTICATED = 'com.vmware.vapi.endpoint.method.authentication.required'

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** The user named by an HTTP basic `Authorization` header, or undefined. Throws UNAUTHENTICATED on wrong credentials. */
export function basicAuthUser(ctx: CloudContext, req: FakeRequest): VcenterUser | undefined {
  const header = req.headers.authorization ?? ''
  if (!header.toLowerCase().startsWith('basic ')) return undefined
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  const username = colon < 0 ? decoded : decoded.slice(0, colon)
  const password = colon < 0 ? '' : decoded.slice(colon + 1)
  const user = getConfig(ctx).users.find((u) => u.username.toLowerCase() === username.toLowerCase())
  // One message for unknown user and wrong password, like vCenter: it never says which part was wrong.
  if (!user || !sameSecret(user.password, password)) {
    throw new VcenterFault('UNAUTHENTICATED', 'Authentication required.', UNAUTHENTICATED)
  }
  return user
}

/** Creates a session for `user` and returns its id. */
export function createSession(ctx: CloudContext, user: VcenterUser): string {
  const id = randomBytes(16).toString('hex')
  putRecord(ctx, {
    type: T.session,
    id,
    name: user.username,
    state: 'active',
    attrs: { user: user.username, lastUsed: Date.now() },
  })
  return id
}

/** The caller of a request authenticated by the `vmware-api-session-id` header; throws UNAUTHENTICATED otherwise. */
export function sessionCaller(ctx: CloudContext, req: FakeRequest): Caller {
  const sessionId = req.headers['vmware-api-session-id']
  const session = sessionId ? getRecord(ctx, T.session, sessionId) : undefined
  if (!sessionId || !session) throw new VcenterFault('UNAUTHENTICATED', 'Authentication required.', UNAUTHENTICATED)
  const config = getConfig(ctx)
  const lastUsed = Number(session.attrs.lastUsed)
  if (Date.now() - lastUsed > ctx.clock.scaled(config.sessionIdleMs)) {
    ctx.store.remove(key(T.session, sessionId))
    throw new VcenterFault('UNAUTHENTICATED', 'Authentication required.', UNAUTHENTICATED)
  }
  const user = config.users.find((u) => u.username === session.attrs.user)
  if (!user) throw new VcenterFault('UNAUTHENTICATED', 'Authentication required.', UNAUTHENTICATED)
  // Touch at most once a second: every put shows up in the store's change log.
  if (Date.now() - lastUsed > 1000) patchAttrs(ctx, session, { lastUsed: Date.now() })
  return { user, sessionId }
}

export function deleteSession(ctx: CloudContext, sessionId: string): void {
  ctx.store.remove(key(T.session, sessionId))
}

/** Actions that change the inventory need the Admin role; the read-only user gets UNAUTHORIZED (403). */
export function requireWrite(caller: Caller, what: string): void {
  if (caller.user.role !== 'Admin') {
    throw new VcenterFault(
      'UNAUTHORIZED',
      `Permission to perform this operation was denied: user ${caller.user.username} lacks the privilege for ${what}.`,
      'vapi.security.authorization.invalid',
    )
  }
}
