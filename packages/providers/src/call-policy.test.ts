import { describe, expect, it } from 'vitest'
import { backoffDelay, resolveCallPolicy, runWithPolicy } from './call-policy.ts'
import { CloudError } from './errors.ts'

const retry = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 }

describe('backoffDelay (full jitter)', () => {
  it('draws uniformly below a cap that doubles per retry and stops at maxDelayMs', () => {
    const justBelowOne = () => 0.999_999
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, retry, justBelowOne))).toEqual([99, 199, 399, 799, 999, 999])
    expect(backoffDelay(3, retry, () => 0)).toBe(0)
  })
})

describe('runWithPolicy', () => {
  const throttled = () =>
    new CloudError({ kind: 'Throttled', cloud: 'aws', message: 'rate-limited', cloudCode: 'Throttling' })

  it('maps a failure once per attempt and retries only retryable kinds', async () => {
    let calls = 0
    const policy = resolveCallPolicy({ retry, sleep: async () => {} })
    const result = await runWithPolicy(
      policy,
      async () => {
        calls++
        if (calls < 3) throw new Error('raw SDK error')
        return 'ok'
      },
      () => throttled(),
    )
    expect(result).toBe('ok')
    expect(calls).toBe(3)
  })

  it('aborts an attempt that outlives the timeout and lets the mapper see it timed out', async () => {
    const policy = resolveCallPolicy({ timeoutMs: 20, retry: { attempts: 1 } })
    let sawTimeout = false
    const err = await runWithPolicy(
      policy,
      (attempt) =>
        new Promise((_resolve, reject) => attempt.signal.addEventListener('abort', () => reject(new Error('aborted')))),
      (_e, attempt) => {
        sawTimeout = attempt.timedOut()
        return new CloudError({ kind: 'Timeout', cloud: 'tencent', message: 'late' })
      },
    ).catch((e: unknown) => e)
    expect(sawTimeout).toBe(true)
    expect((err as CloudError).kind).toBe('Timeout')
  })
})
