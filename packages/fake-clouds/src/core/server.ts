import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { ADMIN_PREFIX } from './admin.ts'
import { jsonResponse } from './http-util.ts'
import { type RequestScope, runInRequestScope } from './request-context.ts'
import type { CloudContext, CloudModule, CloudName, FakeRequest, FakeResponse, Logger } from './types.ts'

/** The order in which modules are asked (types.ts): vCenter paths first, then Tencent headers, then AWS signatures. */
const MODULE_ORDER: readonly CloudName[] = ['vsphere', 'tencent', 'aws']

export interface RouterDeps {
  modules: CloudModule[]
  ctx: CloudContext
  admin(req: FakeRequest): FakeResponse
  /** The request log (method, cloud, action, status, ms; never headers or bodies). */
  log: Logger
}

/** Sorts modules into the documented routing order. */
export function orderModules(modules: CloudModule[]): CloudModule[] {
  return [...modules].sort((a, b) => MODULE_ORDER.indexOf(a.cloud) - MODULE_ORDER.indexOf(b.cloud))
}

/** Routes one parsed request: admin API, else the first module that claims it, else 404. */
export async function routeRequest(req: FakeRequest, deps: RouterDeps): Promise<{ cloud: string; res: FakeResponse }> {
  if (req.path === ADMIN_PREFIX || req.path.startsWith(`${ADMIN_PREFIX}/`)) {
    return { cloud: 'admin', res: deps.admin(req) }
  }
  for (const module of deps.modules) {
    if (module.matches(req)) return { cloud: module.cloud, res: await module.handle(req, deps.ctx) }
  }
  return {
    cloud: '-',
    res: jsonResponse(404, {
      error: 'NotFound',
      message: `no fake cloud matches ${req.method} ${req.path} (Tencent needs X-TC-Action, AWS a SigV4 signature, vCenter /api or /rest)`,
    }),
  }
}

/** Creates the node:http server (not listening yet). */
export function createFakeServer(deps: RouterDeps): Server {
  const server = createServer((req, res) => {
    void serve(req, res, deps)
  })
  return server
}

async function serve(req: IncomingMessage, res: ServerResponse, deps: RouterDeps): Promise<void> {
  const started = performance.now()
  const abort = new AbortController()
  // 'close' before the answer was written means the client went away (its own timeout, or our close()).
  res.on('close', () => {
    if (!res.writableFinished) abort.abort()
  })
  const scope: RequestScope = { signal: abort.signal }
  let cloud = '-'
  let reply: FakeResponse
  try {
    const fake = await readRequest(req)
    const routed = await runInRequestScope(scope, () => routeRequest(fake, deps))
    cloud = routed.cloud
    reply = routed.res
  } catch (err) {
    deps.log.warn('handler failed', { error: err instanceof Error ? err.message : String(err) })
    reply = jsonResponse(500, { error: 'InternalError', message: 'the fake cloud failed to handle this request' })
  }
  const ms = Math.round(performance.now() - started)
  deps.log.info('request', {
    method: req.method,
    cloud: scope.cloud ?? cloud,
    action: scope.action ?? pathOnly(req.url),
    status: abort.signal.aborted ? 'client-gone' : reply.status,
    ms,
  })
  if (abort.signal.aborted || res.destroyed) return
  const body = reply.body ?? ''
  res.writeHead(reply.status, { 'content-length': String(Buffer.byteLength(body)), ...(reply.headers ?? {}) })
  res.end(body)
}

async function readRequest(req: IncomingMessage): Promise<FakeRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const url = new URL(req.url ?? '/', 'http://fake.local')
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    rawQuery: rawQueryOf(req.url),
    headers,
    body: Buffer.concat(chunks),
  }
}

function pathOnly(url: string | undefined): string {
  return (url ?? '/').split('?')[0] ?? '/'
}

function rawQueryOf(url: string | undefined): string {
  const at = (url ?? '').indexOf('?')
  return at < 0 ? '' : (url ?? '').slice(at + 1)
}
