import type { CloudContext, CloudModule, FakeRequest, FakeResponse, SandboxAccount } from '../core/types.ts'
import { faultErrorType, renderFault, VcenterFault } from './errors.ts'
import { parseVsphereFixture } from './fixture.ts'
import { json } from './route-kit.ts'
import { findRoute } from './routes.ts'
import { seedInventory } from './seed.ts'
import { basicAuthUser, type Caller, createSession, requireWrite, sessionCaller, setConfig } from './session.ts'

async function intercept(ctx: CloudContext, operation: string): Promise<void> {
  const fault = await ctx.faults.intercept('vsphere', operation)
  if (fault) {
    throw new VcenterFault(
      faultErrorType(fault.errorCode),
      `Injected fault ${fault.errorCode} for ${operation}.`,
      'com.vmware.fake.injected',
    )
  }
}

function parseBody(req: FakeRequest): unknown {
  if (req.body.length === 0) return undefined
  try {
    return JSON.parse(req.body.toString('utf8'))
  } catch {
    throw new VcenterFault('INVALID_ARGUMENT', 'The request body is not valid JSON.', 'vapi.json.parse.error')
  }
}

/** `POST /api/session`: basic auth (or a live session) → 201 with the new session id as a JSON string. */
async function createSessionResponse(ctx: CloudContext, req: FakeRequest, legacy: boolean): Promise<FakeResponse> {
  const user = basicAuthUser(ctx, req) ?? sessionCaller(ctx, req).user
  await intercept(ctx, 'CreateSession')
  const id = createSession(ctx, user)
  ctx.log.info('vcenter: session created', { user: user.username })
  const res = legacy ? json(200, { value: id }) : json(201, id)
  return { ...res, headers: { ...res.headers, 'vmware-api-session-id': id } }
}

/** The pre-7.0 `/rest` session endpoints, enough for clients that still log in there. */
async function handleLegacy(ctx: CloudContext, req: FakeRequest): Promise<FakeResponse> {
  if (req.path !== '/rest/com/vmware/cis/session') {
    throw new VcenterFault(
      'OPERATION_NOT_FOUND',
      `Only /rest/com/vmware/cis/session is emulated under /rest; use /api.`,
    )
  }
  if (req.method === 'POST' && req.query.get('~action') !== 'get') return createSessionResponse(ctx, req, true)
  const caller = sessionCaller(ctx, req)
  if (req.method === 'DELETE') {
    await intercept(ctx, 'DeleteSession')
    ctx.store.remove({
      cloud: 'vsphere',
      account: 'vcenter',
      region: 'global',
      type: 'vcenter.session',
      id: caller.sessionId!,
    })
    return json(200, {})
  }
  await intercept(ctx, 'GetSession')
  return json(200, { value: { user: caller.user.username } })
}

async function dispatch(ctx: CloudContext, req: FakeRequest): Promise<FakeResponse> {
  if (req.path.startsWith('/rest/')) return handleLegacy(ctx, req)
  if (req.path === '/api/session' && req.method === 'POST') return createSessionResponse(ctx, req, false)
  const found = findRoute(req)
  if (!found) {
    throw new VcenterFault(
      'OPERATION_NOT_FOUND',
      `No operation ${req.method} ${req.path} exists.`,
      'vapi.method.input.invalid',
    )
  }
  const caller: Caller = sessionCaller(ctx, req)
  await intercept(ctx, found.route.op)
  if (found.route.write) requireWrite(caller, found.route.op)
  const body = parseBody(req)
  return found.route.handle({ ctx, req, params: found.params, body, caller })
}

/**
 * The fake vCenter: the vSphere Automation REST API under `/api/*` (session, inventory, VMs,
 * content library templates, guest customization, tasks) plus the legacy `/rest` session.
 * See README.md in this folder for what is emulated and the operation names faults use.
 */
export const vcenterModule: CloudModule = {
  cloud: 'vsphere',
  matches: (req) => req.path.startsWith('/api/') || req.path.startsWith('/rest/'),
  async handle(req, ctx) {
    try {
      return await dispatch(ctx, req)
    } catch (err) {
      if (err instanceof VcenterFault) return renderFault(err, req.path.startsWith('/rest/'))
      ctx.log.warn('vcenter: handler failed', { path: req.path, error: String(err) })
      return renderFault(new VcenterFault('INTERNAL_SERVER_ERROR', 'Internal error in the fake vCenter.'), false)
    }
  },
  seed(ctx, fixture) {
    const parsed = parseVsphereFixture(fixture)
    setConfig(ctx.store, parsed)
    seedInventory(ctx, parsed)
  },
  accounts(fixture): SandboxAccount[] {
    return parseVsphereFixture(fixture).users.map((u) => ({
      cloud: 'vsphere',
      id: u.username,
      secret: u.password,
      note: u.note,
    }))
  },
}
