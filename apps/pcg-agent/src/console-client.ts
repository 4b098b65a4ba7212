import {
  type GatewayPair,
  type GatewayPaired,
  type GatewayTaskEvent,
  type GatewayTaskResult,
  gatewayPairedSchema,
} from '@console/contracts'
import type { AgentFetch } from './proxy.ts'

/** A failed call to the console: `status` 0 when no HTTP answer came back. */
export class ConsoleError extends Error {
  override readonly name = 'ConsoleError'
  constructor(
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
  /** Worth trying again later: no answer, 408, 429 or 5xx. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500
  }
}

/** The agent's side of the console protocol (decision 011, packages/contracts gateway-tasks.ts). */
export class ConsoleClient {
  credential: string | undefined

  constructor(
    private readonly endpoint: string,
    private readonly fetchImpl: AgentFetch,
  ) {}

  async pair(body: GatewayPair) {
    const answer = await this.call<unknown>('POST', '/v1/overlords/pair', body, undefined, false)
    const parsed = gatewayPairedSchema.safeParse(answer)
    if (!parsed.success) throw new ConsoleError(200, 'POST /v1/overlords/pair: the answer has no uid and credential')
    return parsed.data satisfies GatewayPaired
  }

  heartbeat(body: { ipAddress: string; agentVersion: string }, signal?: AbortSignal) {
    return this.call('POST', '/v1/overlords/agent/heartbeat', body, signal)
  }

  async poll(waitSeconds: number, signal?: AbortSignal): Promise<unknown[]> {
    const answer = await this.call<{ items?: unknown }>(
      'GET',
      `/v1/overlords/agent/tasks?waitSeconds=${waitSeconds}`,
      undefined,
      signal,
    )
    return Array.isArray(answer?.items) ? answer.items : []
  }

  event(taskId: string, body: GatewayTaskEvent, signal?: AbortSignal) {
    return this.call('POST', `/v1/overlords/agent/tasks/${encodeURIComponent(taskId)}/events`, body, signal)
  }

  result(taskId: string, body: GatewayTaskResult, signal?: AbortSignal) {
    return this.call('POST', `/v1/overlords/agent/tasks/${encodeURIComponent(taskId)}/result`, body, signal)
  }

  private async call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal, auth = true): Promise<T> {
    const operation = `${method} ${path.split('?')[0]}`
    const timeout = AbortSignal.timeout(60_000)
    let res: Response
    try {
      res = await this.fetchImpl(`${this.endpoint}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(auth && this.credential ? { authorization: `Bearer ${this.credential}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      })
    } catch (err) {
      if (signal?.aborted) throw err
      const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err)
      throw new ConsoleError(0, `${operation}: cannot reach the console at ${this.endpoint} (${cause})`, { cause: err })
    }
    const text = await res.text()
    if (!res.ok) {
      let detail = ''
      try {
        const b = JSON.parse(text)
        detail = typeof b?.message === 'string' ? `: ${b.message}` : ''
      } catch {}
      throw new ConsoleError(res.status, `${operation}: HTTP ${res.status}${detail}`)
    }
    return (text ? JSON.parse(text) : undefined) as T
  }
}
