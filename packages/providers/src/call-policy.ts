import { CloudError } from './errors.ts'

/** How failed calls are retried: exponential backoff with full jitter. */
export interface RetryPolicy {
  /** Total attempts, the first included; default 4. 1 disables retries. */
  attempts: number
  /** Delay cap before the first retry, in ms; doubles on every retry. Default 200. */
  baseDelayMs: number
  /** Upper bound of any single delay, in ms. Default 5000. */
  maxDelayMs: number
}

/** Knobs shared by every provider call; all injectable for tests. */
export interface CallPolicy {
  /** Per-attempt timeout in ms; default 10 000. */
  timeoutMs: number
  retry: RetryPolicy
  /** Waits between attempts; replace it in tests to run without real delays. */
  sleep: (ms: number) => Promise<void>
  /** A number in [0, 1) for the jitter; default Math.random. */
  random: () => number
}

export const DEFAULT_CALL_POLICY: CallPolicy = {
  timeoutMs: 10_000,
  retry: { attempts: 4, baseDelayMs: 200, maxDelayMs: 5_000 },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
}

/** Merges partial options over the defaults. */
export function resolveCallPolicy(options: Partial<Omit<CallPolicy, 'retry'>> & { retry?: Partial<RetryPolicy> } = {}) {
  return {
    timeoutMs: options.timeoutMs ?? DEFAULT_CALL_POLICY.timeoutMs,
    retry: { ...DEFAULT_CALL_POLICY.retry, ...options.retry },
    sleep: options.sleep ?? DEFAULT_CALL_POLICY.sleep,
    random: options.random ?? DEFAULT_CALL_POLICY.random,
  } satisfies CallPolicy
}

/**
 * The delay before retry number `retry` (0 for the first retry): "full jitter", a uniform draw in
 * [0, min(maxDelay, base · 2^retry)), which spreads competing clients apart better than a fixed backoff.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry)
  return Math.floor(random() * cap)
}

/** What one attempt gets: an abort signal that fires when the per-call timeout elapses. */
export interface Attempt {
  signal: AbortSignal
  /** True once the timeout fired (lets error mapping tell our timeout from other aborts). */
  timedOut(): boolean
}

/**
 * Runs `call` with a timeout per attempt, maps every failure to a CloudError through `toCloudError`,
 * and retries the retryable ones (Throttled, CloudInternal) with backoff. Permanent errors surface at once.
 */
export async function runWithPolicy<T>(
  policy: CallPolicy,
  call: (attempt: Attempt) => Promise<T>,
  toCloudError: (err: unknown, attempt: Attempt) => CloudError,
): Promise<T> {
  const attempts = Math.max(1, Math.floor(policy.retry.attempts))
  for (let n = 0; ; n++) {
    const controller = new AbortController()
    let fired = false
    const timer = setTimeout(() => {
      fired = true
      controller.abort(new Error(`timed out after ${policy.timeoutMs} ms`))
    }, policy.timeoutMs)
    const attempt: Attempt = { signal: controller.signal, timedOut: () => fired }
    try {
      return await raceAbort(call(attempt), controller.signal)
    } catch (err) {
      const error = err instanceof CloudError ? err : toCloudError(err, attempt)
      if (!error.retryable || n + 1 >= attempts) throw error
      await policy.sleep(backoffDelay(n, policy.retry, policy.random))
    } finally {
      clearTimeout(timer)
    }
  }
}

/** Rejects as soon as the signal aborts, even if the SDK ignores it. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort)
        resolve(v)
      },
      (e) => {
        signal.removeEventListener('abort', onAbort)
        reject(e)
      },
    )
  })
}
