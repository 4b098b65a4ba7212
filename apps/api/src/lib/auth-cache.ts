import type { Actor } from './context.ts'

interface Entry<T> {
  value: T
  expiresAt: number
}

/**
 * A few seconds of memory for "who is behind this session / key" and "does this project exist", so the
 * hot path (every request) does not pay three lookups before its own query. Changes made on this
 * instance (logout, revocation, role or password changes, deletions) clear the affected entries at once;
 * other API instances see them within `ttlMs`.
 */
export class AuthCache {
  private readonly sessions = new Map<string, Entry<{ actor: Actor; csrfHash: string }>>()
  private readonly keys = new Map<string, Entry<Actor>>()
  private readonly projects = new Map<string, Entry<boolean>>()
  private readonly tokens = new Map<string, Entry<string>>()

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private read<T>(map: Map<string, Entry<T>>, key: string): T | undefined {
    const hit = map.get(key)
    if (!hit) return undefined
    if (hit.expiresAt <= this.now()) {
      map.delete(key)
      return undefined
    }
    return hit.value
  }

  private write<T>(map: Map<string, Entry<T>>, key: string, value: T, notAfter = Number.POSITIVE_INFINITY) {
    if (this.ttlMs <= 0) return
    // Bounded: an instance serving many distinct callers just starts over.
    if (map.size > 10_000) map.clear()
    map.set(key, { value, expiresAt: Math.min(this.now() + this.ttlMs, notAfter) })
  }

  getSession = (sessionId: string) => this.read(this.sessions, sessionId)
  setSession = (sessionId: string, value: { actor: Actor; csrfHash: string }) =>
    this.write(this.sessions, sessionId, value)
  getApiKey = (keyHash: string) => this.read(this.keys, keyHash)
  setApiKey = (keyHash: string, actor: Actor) => this.write(this.keys, keyHash, actor)
  /**
   * A session JWT whose signature was checked, with its session id: verifying an HS256 signature costs
   * about 60 µs, every request. Never past the token's own expiry (`exp`, epoch ms); the session
   * itself (revoked? expired?) is still looked up through getSession.
   */
  getVerifiedToken = (token: string) => this.read(this.tokens, token)
  setVerifiedToken = (token: string, sessionId: string, expiresAtMs: number) =>
    this.write(this.tokens, token, sessionId, expiresAtMs)
  hasProject = (tenantId: string, projectId: string) => this.read(this.projects, `${tenantId}/${projectId}`)
  setProject = (tenantId: string, projectId: string, exists: boolean) =>
    this.write(this.projects, `${tenantId}/${projectId}`, exists)

  /** Forget everything cached for a user (logout, revocation, role or password change, deletion). */
  forgetUser(userId: string) {
    for (const [k, e] of this.sessions) if (e.value.actor.userId === userId) this.sessions.delete(k)
    for (const [k, e] of this.keys) if (e.value.userId === userId) this.keys.delete(k)
  }

  forgetProject(projectId: string) {
    for (const k of this.projects.keys()) if (k.endsWith(`/${projectId}`)) this.projects.delete(k)
  }
}
