import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { openSecret, sealSecret } from './secret-box.ts'

const key = randomBytes(32)

it('round-trips, never contains the plaintext, and differs every time', () => {
  const a = sealSecret(key, 'tencent-secret-key', 'row-1')
  expect(openSecret(key, a, 'row-1')).toBe('tencent-secret-key')
  expect(a).not.toContain('tencent-secret-key')
  expect(sealSecret(key, 'tencent-secret-key', 'row-1')).not.toBe(a)
})

it('refuses another context, another key, or a tampered ciphertext', () => {
  const sealed = sealSecret(key, 'x', 'row-1')
  expect(() => openSecret(key, sealed, 'row-2')).toThrow()
  expect(() => openSecret(randomBytes(32), sealed, 'row-1')).toThrow()
  const parts = sealed.split('.')
  parts[3] = Buffer.from('y').toString('base64url')
  expect(() => openSecret(key, parts.join('.'), 'row-1')).toThrow()
})
