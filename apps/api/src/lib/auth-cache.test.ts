import { expect, it } from 'vitest'
import { AuthCache } from './auth-cache.ts'
import type { Actor } from './context.ts'

const actor = (userId: string): Actor => ({
  type: 'user',
  userId,
  tenantId: 't',
  email: `${userId}@x`,
  name: userId,
  bindings: [],
})

it('remembers for the TTL only, and forgets a user or project on demand', () => {
  let now = 0
  const cache = new AuthCache(5000, () => now)
  cache.setSession('s1', { actor: actor('u1'), csrfHash: 'h' })
  cache.setApiKey('k1', actor('u1'))
  cache.setSession('s2', { actor: actor('u2'), csrfHash: 'h' })
  cache.setProject('t', 'p1', true)
  expect(cache.getSession('s1')?.actor.userId).toBe('u1')
  cache.forgetUser('u1')
  expect(cache.getSession('s1')).toBeUndefined()
  expect(cache.getApiKey('k1')).toBeUndefined()
  expect(cache.getSession('s2')?.actor.userId).toBe('u2')
  expect(cache.hasProject('t', 'p1')).toBe(true)
  cache.forgetProject('p1')
  expect(cache.hasProject('t', 'p1')).toBeUndefined()
  now = 5001
  expect(cache.getSession('s2')).toBeUndefined()
})

it('caches nothing with a zero TTL', () => {
  const cache = new AuthCache(0)
  cache.setSession('s', { actor: actor('u'), csrfHash: 'h' })
  expect(cache.getSession('s')).toBeUndefined()
})

it("remembers a verified token for the TTL, never past the token's own expiry", () => {
  let now = 0
  const cache = new AuthCache(5000, () => now)
  cache.setVerifiedToken('long', 's1', 60_000)
  cache.setVerifiedToken('short', 's2', 2000)
  expect(cache.getVerifiedToken('long')).toBe('s1')
  expect(cache.getVerifiedToken('short')).toBe('s2')
  expect(cache.getVerifiedToken('other')).toBeUndefined()
  now = 2000
  expect(cache.getVerifiedToken('short')).toBeUndefined()
  expect(cache.getVerifiedToken('long')).toBe('s1')
  now = 5000
  expect(cache.getVerifiedToken('long')).toBeUndefined()
})
