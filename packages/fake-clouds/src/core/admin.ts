import { parseFaultSpec } from './faults.ts'
import { jsonResponse, parseJsonBody } from './http-util.ts'
import type { Clock, CloudName, FakeRequest, FakeResponse, Faults, SandboxAccount, Store } from './types.ts'

/** Path prefix of the admin API; no cloud SDK path starts with it. */
export const ADMIN_PREFIX = '/_admin'

/** What the admin API needs from the running fake. */
export interface AdminDeps {
  store: Store
  faults: Faults
  clock: Clock
  accounts(): SandboxAccount[]
  /** Back to the seed state (resources, faults, time-scale). */
  reset(): void
  /** Served by GET /_admin. */
  summary(): Record<string, unknown>
  /** The cloud modules' own admin routes (CloudModule.adminRoutes), bound to the running fake. */
  moduleRoutes?: Record<string, Partial<Record<string, (req: FakeRequest) => FakeResponse>>>
}

/** The resource shape GET /_admin/resources answers (palette-api.md, "Sandbox"). */
export interface AdminResourceView {
  cloud: CloudName
  account: string
  region: string
  type: string
  id: string
  name: string
  state: string
  tags: Record<string, string>
}

type Handler = (req: FakeRequest, deps: AdminDeps) => FakeResponse

const routes: Record<string, Partial<Record<string, Handler>>> = {
  '': { GET: (_req, deps) => jsonResponse(200, deps.summary()) },
  '/accounts': { GET: (_req, deps) => jsonResponse(200, deps.accounts()) },
  '/resources': { GET: listResources },
  '/faults': {
    GET: (_req, deps) => jsonResponse(200, deps.faults.list()),
    POST: addFaults,
    DELETE: (_req, deps) => {
      deps.faults.clear()
      return jsonResponse(200, [])
    },
  },
  '/time-scale': {
    GET: (_req, deps) => jsonResponse(200, { factor: deps.clock.factor() }),
    POST: setTimeScale,
  },
  '/reset': {
    POST: (_req, deps) => {
      deps.reset()
      return jsonResponse(200, { reset: true })
    },
  },
}

/** Answers one admin request (path starting with /_admin). */
export function handleAdmin(req: FakeRequest, deps: AdminDeps): FakeResponse {
  const sub = req.path.slice(ADMIN_PREFIX.length).replace(/\/+$/, '')
  const own = routes[sub]
  const route: Partial<Record<string, (req: FakeRequest) => FakeResponse>> | undefined = own
    ? Object.fromEntries(
        Object.entries(own).map(([method, h]) => [method, (r: FakeRequest) => (h as Handler)(r, deps)]),
      )
    : deps.moduleRoutes?.[sub]
  if (!route) return jsonResponse(404, { error: 'NotFound', message: `no admin route ${req.path}` })
  const handler = route[req.method]
  if (!handler) {
    return jsonResponse(
      405,
      { error: 'MethodNotAllowed', message: `${req.method} not allowed on ${req.path}` },
      { allow: Object.keys(route).join(', ') },
    )
  }
  try {
    return handler(req)
  } catch (err) {
    if (err instanceof SyntaxError || err instanceof TypeError || err instanceof RangeError) {
      return jsonResponse(400, { error: 'BadRequest', message: err.message })
    }
    throw err
  }
}

function listResources(req: FakeRequest, deps: AdminDeps): FakeResponse {
  const q = req.query
  const includeSeeded = q.get('includeSeeded') !== 'false'
  const records = deps.store.list({
    cloud: (q.get('cloud') ?? undefined) as CloudName | undefined,
    account: q.get('account') ?? undefined,
    region: q.get('region') ?? undefined,
    type: q.get('type') ?? undefined,
  })
  const view: AdminResourceView[] = records
    .filter((r) => includeSeeded || !r.seeded)
    .map((r) => ({
      cloud: r.cloud,
      account: r.account,
      region: r.region,
      type: r.type,
      id: r.id,
      name: r.name ?? r.id,
      state: r.state,
      tags: { ...r.tags },
    }))
  return jsonResponse(200, view)
}

function addFaults(req: FakeRequest, deps: AdminDeps): FakeResponse {
  const body = parseJsonBody(req.body)
  // One fault or an array of faults.
  const specs = (Array.isArray(body) ? body : [body]).map(parseFaultSpec)
  for (const spec of specs) deps.faults.add(spec)
  return jsonResponse(201, deps.faults.list())
}

function setTimeScale(req: FakeRequest, deps: AdminDeps): FakeResponse {
  const body = parseJsonBody(req.body) as { factor?: unknown } | undefined
  const factor = body?.factor
  if (typeof factor !== 'number') throw new TypeError('body must be {"factor": <number > 0>}')
  deps.clock.setFactor(factor)
  return jsonResponse(200, { factor: deps.clock.factor() })
}
