import { VcenterError } from './errors.ts'

/** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', abort, { once: true })
    function done() {
      signal?.removeEventListener('abort', abort)
      resolve()
    }
    function abort() {
      clearTimeout(timer)
      reject(signal?.reason)
    }
  })
}

/**
 * Calls `attempt` until it returns a value other than undefined, waiting `intervalMs` between tries.
 * Past `timeoutMs` it throws VcenterError CLIENT_TIMEOUT naming `what`.
 */
export async function pollUntil<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs: number; signal?: AbortSignal },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs
  for (;;) {
    const value = await attempt()
    if (value !== undefined) return value
    const left = deadline - Date.now()
    if (left <= 0) {
      throw new VcenterError({
        errorType: 'CLIENT_TIMEOUT',
        status: 0,
        message: `${what}: not done after ${options.timeoutMs} ms`,
      })
    }
    await delay(Math.min(options.intervalMs, left), options.signal)
  }
}
