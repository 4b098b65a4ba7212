import { createHmac, randomBytes } from 'node:crypto'

/**
 * A keyed HMAC of the credentials: stable within this process, useless outside it, so a cache key
 * (or a log line that shows one) never reveals or confirms a secret.
 */
export function credentialsFingerprint(credentials: object, key: Buffer): string {
  const canonical = JSON.stringify(
    Object.keys(credentials)
      .sort()
      .map((k) => [k, (credentials as Record<string, unknown>)[k]]),
  )
  return createHmac('sha256', key).update(canonical).digest('hex').slice(0, 32)
}

export interface InventoryCacheOptions {
  /** How long a successful answer is reused, in ms; default 60 000. 0 disables caching. */
  ttlMs?: number
  /** Clock, injectable for tests. */
  now?: () => number
  /** Upper bound of entries kept; the oldest go first. Default 1000. */
  maxEntries?: number
}

/**
 * Short-lived memo of inventory reads, keyed by credentials fingerprint + call + arguments.
 * Only successes are kept; a failed call is asked again next time. Concurrent identical calls share one request.
 */
export class InventoryCache {
  private readonly entries = new Map<string, { expires: number; value: Promise<unknown> }>()
  private readonly hmacKey = randomBytes(32)
  private readonly ttlMs: number
  private readonly now: () => number
  private readonly maxEntries: number

  constructor(options: InventoryCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000
    this.now = options.now ?? Date.now
    this.maxEntries = options.maxEntries ?? 1000
  }

  /** The cache key of one call; contains the fingerprint, never the secret. */
  keyOf(credentials: object, call: string, args: unknown): string {
    return `${credentialsFingerprint(credentials, this.hmacKey)}|${call}|${JSON.stringify(args ?? null)}`
  }

  async getOrLoad<T>(credentials: object, call: string, args: unknown, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load()
    const key = this.keyOf(credentials, call, args)
    const now = this.now()
    const hit = this.entries.get(key)
    if (hit && hit.expires > now) return hit.value as Promise<T>
    const value = load()
    this.entries.set(key, { expires: now + this.ttlMs, value })
    this.evict()
    try {
      return await value
    } catch (err) {
      if (this.entries.get(key)?.value === value) this.entries.delete(key)
      throw err
    }
  }

  /** Forgets everything (e.g. after an account's credentials change). */
  clear(): void {
    this.entries.clear()
  }

  get size(): number {
    return this.entries.size
  }

  private evict(): void {
    const now = this.now()
    for (const [key, entry] of this.entries) {
      if (entry.expires <= now) this.entries.delete(key)
    }
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value
      if (oldest === undefined) break
      this.entries.delete(oldest)
    }
  }
}
