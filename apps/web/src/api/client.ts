import type { z } from 'zod'
import { toApiRequestError } from './api-error.ts'
import { readCookie } from './cookies.ts'

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export type QueryValue = string | number | boolean | undefined
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  query?: Record<string, QueryValue>
  body?: unknown
  signal?: AbortSignal
  /** False for calls outside any scope (login, who am I): a stale project must not break them. */
  scoped?: boolean
}

export interface ApiClientOptions {
  /** Origin + path prefix; empty means same origin (the SPA is served by the API, or proxied by Vite). */
  baseUrl?: string
  fetch?: typeof fetch
  /** The selected project, sent as `ProjectUid`; undefined means tenant scope. Read on every request. */
  getProjectUid?: () => string | undefined
  /** The cookie string the CSRF token is read from (document.cookie in the browser). */
  getCookies?: () => string
}

export interface ApiClient {
  /** Sends a request and parses a JSON answer with the contract schema. */
  request<S extends z.ZodType>(
    method: HttpMethod,
    path: string,
    schema: S,
    options?: RequestOptions,
  ): Promise<z.output<S>>
  /** Sends a request whose answer has no body worth reading (204, or a body the caller ignores). */
  send(method: HttpMethod, path: string, options?: RequestOptions): Promise<void>
}

/**
 * The one way the web talks to the API: session cookie credentials, the CSRF header on unsafe
 * methods, the `ProjectUid` scope header, answers parsed by the contract schema, and every non-2xx
 * turned into an `ApiRequestError` carrying the API's error body.
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? ''
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const getCookies = options.getCookies ?? (() => (typeof document === 'undefined' ? '' : document.cookie))

  async function call(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<Response> {
    const headers = new Headers({ Accept: 'application/json' })
    if (opts.body !== undefined) headers.set('Content-Type', 'application/json')
    const projectUid = opts.scoped === false ? undefined : options.getProjectUid?.()
    if (projectUid) headers.set('ProjectUid', projectUid)
    if (unsafeMethods.has(method)) {
      const csrf = readCookie(getCookies(), 'csrf_token')
      if (csrf) headers.set('X-CSRF-Token', csrf)
    }
    const response = await doFetch(baseUrl + path + queryString(opts.query), {
      method,
      headers,
      credentials: 'include',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    })
    if (!response.ok) throw toApiRequestError(response.status, response.statusText, await readJson(response))
    return response
  }

  return {
    async request(method, path, schema, opts) {
      const response = await call(method, path, opts)
      return schema.parse(await readJson(response))
    },
    async send(method, path, opts) {
      await call(method, path, opts)
    },
  }
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
