import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import { connect, type Socket } from 'node:net'

/**
 * A minimal console for the agent's tests: the four agent endpoints of decision 011 (pair, heartbeat,
 * long-poll tasks, events/results) as the contract describes them, recording what the agent sent.
 * The real API is apps/api; this stands in so the agent's loop is tested on its own.
 */
export interface TestConsole {
  url: string
  pairs: Array<Record<string, unknown>>
  heartbeats: Array<{ auth: string | undefined; body: Record<string, unknown> }>
  polls: Array<{ at: number; status: number }>
  events: Array<{ taskId: string; message: string; severity?: string }>
  results: Array<{ taskId: string; body: Record<string, unknown> }>
  /** Requests refused because of a wrong credential. */
  unauthorized: number
  /** Queues a task for the next poll. */
  queue(task: Record<string, unknown>): void
  /** The next `n` polls answer 503. */
  failPolls(n: number): void
  waitFor(check: () => boolean, timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

export const PIN = '4F7K2Q'
export const CREDENTIAL = 'pcg_gw-1_c2VjcmV0LXRva2VuLXZhbHVl'

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = ''
  for await (const chunk of req) text += chunk
  return text ? JSON.parse(text) : {}
}

export async function startTestConsole(): Promise<TestConsole> {
  const tasks: Array<Record<string, unknown>> = []
  const waiters = new Set<() => void>()
  let failing = 0
  const state: Omit<TestConsole, 'url' | 'queue' | 'failPolls' | 'waitFor' | 'close'> = {
    pairs: [],
    heartbeats: [],
    polls: [],
    events: [],
    results: [],
    unauthorized: 0,
  }
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://console')
    const send = (status: number, payload?: unknown) => {
      res.writeHead(status, payload === undefined ? {} : { 'content-type': 'application/json' })
      res.end(payload === undefined ? undefined : JSON.stringify(payload))
    }
    if (req.method === 'POST' && url.pathname === '/v1/overlords/pair') {
      const b = await body(req)
      if (b.pairingCode !== PIN) return send(401, { code: 'Unauthorized', message: 'Pairing Code is not valid' })
      state.pairs.push(b)
      return send(201, { uid: 'gw-1', credential: CREDENTIAL })
    }
    if (req.headers.authorization !== `Bearer ${CREDENTIAL}`) {
      state.unauthorized++
      return send(401, { code: 'Unauthorized', message: 'not an agent' })
    }
    if (req.method === 'POST' && url.pathname === '/v1/overlords/agent/heartbeat') {
      state.heartbeats.push({ auth: req.headers.authorization, body: await body(req) })
      return send(204)
    }
    if (req.method === 'GET' && url.pathname === '/v1/overlords/agent/tasks') {
      if (failing > 0) {
        failing--
        state.polls.push({ at: Date.now(), status: 503 })
        return send(503, { code: 'ServiceUnavailable', message: 'restarting' })
      }
      state.polls.push({ at: Date.now(), status: 200 })
      const wait = Number(url.searchParams.get('waitSeconds') ?? 20) * 1000
      if (tasks.length === 0) {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer)
            waiters.delete(done)
            resolve()
          }
          const timer = setTimeout(done, wait)
          waiters.add(done)
          req.on('close', done)
        })
      }
      if (res.destroyed) return
      return send(200, { items: tasks.splice(0) })
    }
    const match = /^\/v1\/overlords\/agent\/tasks\/([^/]+)\/(events|result)$/.exec(url.pathname)
    if (req.method === 'POST' && match) {
      const b = await body(req)
      const taskId = decodeURIComponent(match[1]!)
      if (match[2] === 'events') state.events.push({ taskId, ...(b as { message: string }) })
      else state.results.push({ taskId, body: b })
      return send(204)
    }
    send(404, { code: 'NotFound', message: `${req.method} ${url.pathname}` })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    queue(task: Record<string, unknown>) {
      tasks.push(task)
      for (const w of [...waiters]) w()
    },
    failPolls(n: number) {
      failing = n
    },
    async waitFor(check: () => boolean, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      while (!check()) {
        if (Date.now() > deadline) throw new Error('condition not met in time')
        await new Promise((r) => setTimeout(r, 10))
      }
    },
    async close() {
      for (const w of [...waiters]) w()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  })
}

/** A forward HTTP proxy (absolute-URI requests and CONNECT tunnels) that counts what passes through it. */
export async function startCountingProxy(): Promise<{
  url: string
  requests: string[]
  close(): Promise<void>
}> {
  const requests: string[] = []
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`)
    const upstream = httpRequest(req.url ?? '', { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  server.on('connect', (req, client: Socket, head) => {
    requests.push(`CONNECT ${req.url}`)
    const [host, port] = (req.url ?? '').split(':')
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(client).add(upstream)
    const drop = () => {
      client.destroy()
      upstream.destroy()
    }
    upstream.on('error', drop)
    client.on('error', drop)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      for (const s of sockets) s.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
