import { describe, expect, it } from 'vitest'
import { InventoryCache } from './inventory-cache.ts'

describe('InventoryCache', () => {
  const credentials = { secretId: 'AKIDexample', secretKey: 'very-secret-key-value' }

  it('keys entries by a fingerprint that contains no part of the secret', () => {
    const cache = new InventoryCache()
    const key = cache.keyOf(credentials, 'tencent:zones', { region: 'ap-guangzhou' })
    expect(key).not.toContain(credentials.secretKey)
    expect(key).not.toContain(credentials.secretId)
    expect(cache.keyOf({ ...credentials, secretKey: 'other' }, 'tencent:zones', { region: 'ap-guangzhou' })).not.toBe(
      key,
    )
  })

  it('reuses an answer until the TTL passes, then loads again', async () => {
    let now = 0
    let loads = 0
    const cache = new InventoryCache({ ttlMs: 60_000, now: () => now })
    const load = async () => ++loads
    expect(await cache.getOrLoad(credentials, 'c', null, load)).toBe(1)
    now = 59_999
    expect(await cache.getOrLoad(credentials, 'c', null, load)).toBe(1)
    now = 60_000
    expect(await cache.getOrLoad(credentials, 'c', null, load)).toBe(2)
  })

  it('shares one in-flight load between concurrent callers and forgets failures', async () => {
    let loads = 0
    const cache = new InventoryCache()
    const failing = async () => {
      loads++
      throw new Error('boom')
    }
    const results = await Promise.allSettled([
      cache.getOrLoad(credentials, 'c', null, failing),
      cache.getOrLoad(credentials, 'c', null, failing),
    ])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(loads).toBe(1)
    expect(cache.size).toBe(0)
    expect(await cache.getOrLoad(credentials, 'c', null, async () => 'ok')).toBe('ok')
  })
})
