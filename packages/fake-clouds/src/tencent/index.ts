import { currentRequestScope } from '../core/request-context.ts'
import type { CloudContext, CloudModule, FakeRequest, SandboxAccount } from '../core/types.ts'
import { ACTIONS } from './actions.ts'
import type { ActionHandler, TencentCall } from './context.ts'
import { faultError, newRequestId, TencentError, tencentError, tencentOk } from './errors.ts'
import { parseTencentFixture, type TencentAccountFixture, type TencentFixture } from './fixture.ts'
import { seedTencent } from './seed.ts'
import { parseAuthorization, verifySignature } from './signature.ts'

/** The fixture each running fake was seeded with (several fakes may run in one process, e.g. in tests). */
const fixtures = new WeakMap<CloudContext, TencentFixture>()

/**
 * Tencent Cloud API 3.0 emulation: TKE 2018-05-25, VPC and CVM 2017-03-12, CAM 2019-01-16
 * (GetUserAppId) and STS 2018-08-13 (GetCallerIdentity), routed by X-TC-Action and X-TC-Version.
 */
export const tencentModule: CloudModule = {
  cloud: 'tencent',
  matches: (req) => req.headers['x-tc-action'] !== undefined,

  async handle(req, ctx) {
    const requestId = newRequestId()
    // Name the action in the request log even when the call fails before the fault check.
    const scope = currentRequestScope()
    if (scope) {
      scope.cloud = 'tencent'
      scope.action = req.headers['x-tc-action']
    }
    try {
      const fixture = fixtures.get(ctx) ?? parseTencentFixture(undefined)
      const { call, handler } = await authorise(req, ctx, fixture)
      return tencentOk(handler(call), requestId)
    } catch (err) {
      if (err instanceof TencentError) return tencentError(err, requestId)
      ctx.log.warn('tencent handler failed', { error: err instanceof Error ? err.message : String(err) })
      return tencentError(new TencentError('InternalError', 'An internal error has occurred.'), requestId)
    }
  },

  seed(ctx, doc) {
    const fixture = parseTencentFixture(doc)
    fixtures.set(ctx, fixture)
    seedTencent(ctx, fixture)
  },

  accounts(doc): SandboxAccount[] {
    return parseTencentFixture(doc).accounts.map((a) => ({
      cloud: 'tencent',
      id: a.secretId,
      secret: a.secretKey,
      note: a.note,
    }))
  },
}

/**
 * Everything that happens before an action runs, in Tencent's order: the action must exist,
 * the signature must verify, the region must be served, CAM must allow it; then injected faults.
 */
async function authorise(
  req: FakeRequest,
  ctx: CloudContext,
  fixture: TencentFixture,
): Promise<{ call: TencentCall; handler: ActionHandler }> {
  const action = req.headers['x-tc-action'] ?? ''
  const version = req.headers['x-tc-version'] ?? ''
  const entry = ACTIONS[version]?.[action]
  if (!entry) {
    throw new TencentError('InvalidAction', `The action \`${action}\` of version \`${version}\` does not exist.`)
  }

  const auth = parseAuthorization(req.headers.authorization)
  const account = fixture.accounts.find((a) => a.secretId === auth.secretId)
  if (!account) {
    throw new TencentError(
      'AuthFailure.SecretIdNotFound',
      'The SecretId is not found, please ensure that your SecretId is correct.',
    )
  }
  verifySignature(req, auth, account.secretKey)

  const region = req.headers['x-tc-region'] ?? ''
  if (entry.regional) {
    if (region === '')
      throw new TencentError('MissingParameter', 'The request is missing a required parameter `Region`.')
    if (!fixture.regions.some((r) => r.region === region)) {
      throw new TencentError('UnsupportedRegion', `The region \`${region}\` is not supported by this API.`)
    }
  }

  const permission = `${entry.product}:${action}`
  if (entry.product !== 'sts' && isDenied(account, permission)) {
    throw new TencentError(
      'AuthFailure.UnauthorizedOperation',
      'You are not authorized to perform this operation. Check your CAM policies, and ensure that you are using the correct access keys. ' +
        `you are not authorized to perform operation (${permission})\n` +
        `resource (qcs::${entry.product}:${region}:uin/${account.uin}:*) has no permission`,
    )
  }

  const fault = await ctx.faults.intercept('tencent', action)
  if (fault) throw faultError(fault.errorCode)

  return { call: { ctx, fixture, account, region, action, params: readParams(req) }, handler: entry.handler }
}

function isDenied(account: TencentAccountFixture, permission: string): boolean {
  const product = permission.split(':')[0]
  return account.deny.some((d) => d === permission || d === '*' || d === `${product}:*`)
}

function readParams(req: FakeRequest): Record<string, any> {
  if (req.method === 'GET') return unflatten(req.query)
  if (req.body.length === 0) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(req.body.toString('utf8'))
  } catch {
    throw new TencentError('InvalidParameter', 'The request body is not valid JSON.')
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TencentError('InvalidParameter', 'The request body must be a JSON object.')
  }
  return parsed as Record<string, unknown>
}

/** GET requests carry flattened params (`ClusterIds.0=cls-1&Filters.0.Name=…`). */
function unflatten(query: URLSearchParams): Record<string, any> {
  const root: Record<string, any> = {}
  for (const [key, value] of query) {
    const parts = key.split('.')
    let node = root
    parts.forEach((part, i) => {
      const last = i === parts.length - 1
      const nextIsIndex = /^\d+$/.test(parts[i + 1] ?? '')
      if (last) node[part] = value
      else node = node[part] ??= nextIsIndex ? [] : {}
    })
  }
  return root
}
