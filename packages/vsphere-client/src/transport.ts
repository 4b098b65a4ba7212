import { errorFromResponse, VcenterError } from './errors.ts'

/** How to reach and log in to one vCenter. */
export interface VcenterConnection {
  /** Base URL, e.g. `https://vcenter.lab.local` (the API lives under `/api`). */
  endpoint: string
  username: string
  password: string
  /**
   * The fetch to use; defaults to the global one. Pass your own to reach a vCenter with a
   * self-signed certificate (e.g. a fetch bound to an undici Agent with `rejectUnauthorized: false`).
   */
  fetch?: typeof fetch
  /** Per-request limit in ms (default 60 000). */
  requestTimeoutMs?: number
}

export type QueryValue = string | number | boolean | undefined | ReadonlyArray<string>

export interface RequestOptions {
  query?: Record<string, QueryValue>
  body?: unknown
  signal?: AbortSignal
}

/** `btoa` over UTF-8, so user names and passwords with non-ASCII characters survive. */
function base64(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Repeated parameters for arrays (`names=a&names=b`), as vCenter's filter specs expect. */
export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue
    if (Array.isArray(value)) for (const v of value) params.append(name, v)
    else params.append(name, String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

/**
 * Session handling and JSON over fetch. Logs in lazily with basic auth, reuses the session id
 * for every call, and when vCenter answers 401 to a session (expired, deleted, vCenter restarted)
 * logs in again once and repeats the call. Concurrent callers share one login.
 */
export class VcenterTransport {
  readonly endpoint: string
  private readonly username: string
  private readonly password: string
  private readonly fetchImpl: typeof fetch
  private readonly timeoutMs: number
  private session: Promise<string> | undefined

  constructor(connection: VcenterConnection) {
    this.endpoint = connection.endpoint.replace(/\/+$/, '')
    this.username = connection.username
    this.password = connection.password
    this.fetchImpl = connection.fetch ?? ((input, init) => fetch(input, init))
    this.timeoutMs = connection.requestTimeoutMs ?? 60_000
  }

  /** Logs in (again) and returns the new session id. Wrong credentials throw VcenterError UNAUTHENTICATED. */
  login(): Promise<string> {
    const attempt = this.createSession()
    this.session = attempt
    // A failed login must not be cached: the next call tries again.
    attempt.catch(() => {
      if (this.session === attempt) this.session = undefined
    })
    return attempt
  }

  /** Ends the current session, if any; never throws for an already dead session. */
  async logout(): Promise<void> {
    const current = this.session
    this.session = undefined
    if (!current) return
    const id = await current.catch(() => undefined)
    if (!id) return
    await this.send('DELETE', '/api/session', { 'vmware-api-session-id': id }, undefined, undefined).catch(
      () => undefined,
    )
  }

  /** Calls the API with the session; returns the parsed JSON body (undefined for 204). */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = `${path}${buildQuery(options.query)}`
    const call = async (sessionId: string) =>
      this.send(method, url, { 'vmware-api-session-id': sessionId }, options.body, options.signal)
    const sessionId = await (this.session ?? this.login())
    let res = await call(sessionId)
    if (res.status === 401) {
      // Someone else may have refreshed meanwhile; only log in again if the failed id is still current.
      const current = await this.session?.catch(() => undefined)
      res = await call(current && current !== sessionId ? current : await this.login())
    }
    return this.read<T>(res, `${method} ${path}`)
  }

  private async createSession(): Promise<string> {
    const res = await this.send('POST', '/api/session', {
      authorization: `Basic ${base64(`${this.username}:${this.password}`)}`,
    })
    const id = await this.read<unknown>(res, 'POST /api/session')
    if (typeof id !== 'string' || id.length === 0) {
      throw new VcenterError({
        errorType: 'UNEXPECTED_RESPONSE',
        status: res.status,
        message: 'POST /api/session: no session id in the answer',
        operation: 'POST /api/session',
      })
    }
    return id
  }

  private async send(
    method: string,
    pathAndQuery: string,
    headers: Record<string, string>,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<Response> {
    const timeout = AbortSignal.timeout(this.timeoutMs)
    const operation = `${method} ${pathAndQuery.split('?')[0]}`
    try {
      return await this.fetchImpl(`${this.endpoint}${pathAndQuery}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      })
    } catch (err) {
      if (signal?.aborted) throw err
      const timedOut = timeout.aborted
      throw new VcenterError({
        errorType: timedOut ? 'CLIENT_TIMEOUT' : 'CONNECTION_FAILED',
        status: 0,
        message: `${operation}: ${timedOut ? `no answer within ${this.timeoutMs} ms` : `cannot reach ${this.endpoint}`}`,
        operation,
        cause: err,
      })
    }
  }

  private async read<T>(res: Response, operation: string): Promise<T> {
    const text = await res.text()
    let body: unknown
    if (text.length > 0) {
      try {
        body = JSON.parse(text)
      } catch (err) {
        throw new VcenterError({
          errorType: 'UNEXPECTED_RESPONSE',
          status: res.status,
          message: `${operation}: answer is not JSON`,
          operation,
          cause: err,
        })
      }
    }
    if (!res.ok) throw errorFromResponse(res.status, body, operation)
    return body as T
  }
}
