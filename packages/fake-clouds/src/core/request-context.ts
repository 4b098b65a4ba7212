import { AsyncLocalStorage } from 'node:async_hooks'
import type { CloudName } from './types.ts'

/** What the core knows about the request being handled, wherever a module's code runs. */
export interface RequestScope {
  /** Aborted when the client disconnects. */
  signal: AbortSignal
  /** Filled in by faults.intercept() so the request log can name the action without help from the module. */
  cloud?: CloudName
  action?: string
}

const storage = new AsyncLocalStorage<RequestScope>()

/** Runs `fn` with `scope` as the current request scope. */
export function runInRequestScope<T>(scope: RequestScope, fn: () => Promise<T>): Promise<T> {
  return storage.run(scope, fn)
}

/** The scope of the request being handled, if any (undefined outside the server, e.g. in unit tests). */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore()
}

/** Resolves after `ms`, or early (without error) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
  })
}
