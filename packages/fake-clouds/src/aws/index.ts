import { jsonResponse, parseJsonBody } from '../core/http-util.ts'
import type { CloudContext, CloudModule, FakeRequest, FakeResponse, SandboxAccount, Store } from '../core/types.ts'
import { type AssumedRoleSession, type AwsCall, AwsError, newRequestId } from './call.ts'
import { clearDeregistrations, deregisterImage, imageId } from './ec2/images.ts'
import { INSTANCE, terminateInstance } from './ec2/launch.ts'
import { matchEksRoute } from './eks/service.ts'
import { type AwsFixture, toAwsFixture } from './fixture.ts'
import { PRICING_REGIONS } from './pricing/service.ts'
import { type AwsService, type Protocol, renderError, runService } from './protocols.ts'
import { seedAws } from './seed.ts'
import { clearSessions, findSession } from './sessions.ts'
import {
  isDateFresh,
  isPresignExpired,
  parseAuthorization,
  parsePresigned,
  requestDate,
  signatureMatches,
} from './sigv4.ts'

export { loadAwsFixture } from './fixture.ts'

/**
 * The fixture each running fake was seeded with, keyed by its store, so several fakes in one
 * process (parallel tests) never share accounts or quotas.
 */
const fixtures = new WeakMap<Store, AwsFixture>()
let fallbackFixture: AwsFixture | undefined

function fixtureFor(ctx: CloudContext): AwsFixture {
  const known = fixtures.get(ctx.store)
  if (known) return known
  fallbackFixture ??= toAwsFixture(undefined)
  return fallbackFixture
}

const SERVICES: Record<string, Protocol> = {
  ec2: 'ec2',
  sts: 'query',
  elasticloadbalancing: 'query',
  eks: 'rest-json',
  pricing: 'json',
}

/** JSON services (EKS, Price List) name auth failures in their own vocabulary. */
function isJson(protocol: Protocol): boolean {
  return protocol === 'rest-json' || protocol === 'json'
}

/** Auth failures differ per service, as AWS's own answers do. */
function unknownKey(service: string, protocol: Protocol): AwsError {
  if (service === 'ec2')
    return new AwsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401)
  if (isJson(protocol))
    return new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403)
  return new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403)
}

function badSignature(protocol: Protocol): AwsError {
  const message =
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
  return new AwsError(isJson(protocol) ? 'InvalidSignatureException' : 'SignatureDoesNotMatch', message, 403)
}

/** Temporary credentials past their Expiration: EC2 says RequestExpired, the others ExpiredToken(Exception). */
function expiredToken(service: string, protocol: Protocol): AwsError {
  if (service === 'ec2') return new AwsError('RequestExpired', 'Request has expired.', 400)
  return new AwsError(
    isJson(protocol) ? 'ExpiredTokenException' : 'ExpiredToken',
    'The security token included in the request is expired',
    403,
  )
}

function formParams(req: FakeRequest): URLSearchParams {
  const params = new URLSearchParams(req.query)
  if (req.body.length > 0 && (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params.append(k, v)
  }
  return params
}

async function handle(req: FakeRequest, ctx: CloudContext): Promise<FakeResponse> {
  const requestId = newRequestId()
  const presigned = !req.headers.authorization
  const auth = presigned ? parsePresigned(req.query) : parseAuthorization(req.headers.authorization)
  if (!auth) {
    return renderError(
      'ec2',
      'ec2',
      new AwsError(
        'IncompleteSignature',
        'Authorization header requires Credential, SignedHeaders and Signature (AWS4-HMAC-SHA256).',
        400,
      ),
      requestId,
    )
  }
  const protocol = SERVICES[auth.service]
  if (!protocol) {
    return renderError(
      'ec2',
      'ec2',
      new AwsError('UnknownService', `The fake does not emulate service ${auth.service}.`, 400),
      requestId,
    )
  }
  const fail = (err: AwsError) => renderError(auth.service, protocol, err, requestId)
  const fixture = fixtureFor(ctx)
  // Temporary credentials (ASIA…) must come with their session token (X-Amz-Security-Token).
  let session: AssumedRoleSession | undefined
  let account = fixture.accounts.find((a) => a.accessKeyId === auth.accessKeyId)
  if (!account) {
    session = findSession(ctx.store, auth.accessKeyId)
    const token = presigned ? req.query.get('X-Amz-Security-Token') : req.headers['x-amz-security-token']
    if (!session || token !== session.sessionToken) return fail(unknownKey(auth.service, protocol))
    account = session.account
  }
  if (!signatureMatches(req, auth, account.secretAccessKey)) return fail(badSignature(protocol))
  if (session && Date.now() >= session.expiresAt) return fail(expiredToken(auth.service, protocol))
  if (presigned ? isPresignExpired(req) : !isDateFresh(requestDate(req))) {
    return fail(
      auth.service === 'ec2'
        ? new AwsError('RequestExpired', 'Request has expired.', 400)
        : new AwsError(
            isJson(protocol) ? 'InvalidSignatureException' : 'SignatureDoesNotMatch',
            'Signature expired: the request time is more than 15 minutes away from the server time.',
            403,
          ),
    )
  }
  const region = auth.region
  const knownRegion = auth.service === 'pricing' ? PRICING_REGIONS.includes(region) : !!fixture.regions[region]
  if (auth.service !== 'sts' && !knownRegion) {
    return fail(
      auth.service === 'ec2'
        ? new AwsError('AuthFailure', `Credential should be scoped to a valid region, not '${region}'.`, 401)
        : new AwsError(
            isJson(protocol) ? 'InvalidSignatureException' : 'SignatureDoesNotMatch',
            `Credential should be scoped to a valid region, not '${region}'.`,
            403,
          ),
    )
  }
  const call: AwsCall = { ctx, fixture, account, region, requestId, ...(session ? { session } : {}) }

  const service: AwsService =
    protocol === 'rest-json'
      ? { kind: 'eks', route: matchEksRoute(req) }
      : protocol === 'json'
        ? { kind: 'pricing', req }
        : { kind: auth.service === 'ec2' ? 'ec2' : auth.service === 'sts' ? 'sts' : 'elb', params: formParams(req) }
  return runService(auth.service, protocol, service, call)
}

/** The AWS emulation: EC2, EKS, STS, ELBv2 and the Price List API, routed by the SigV4 credential scope's service. */
export const awsModule: CloudModule = {
  cloud: 'aws',
  matches: (req) =>
    (req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ') || req.query.has('X-Amz-Algorithm'),
  handle,
  seed(ctx, raw) {
    const fixture = toAwsFixture(raw)
    fixtures.set(ctx.store, fixture)
    clearSessions(ctx.store)
    clearDeregistrations(ctx.store)
    seedAws(ctx, fixture)
  },
  adminRoutes: {
    '/aws/spot-interruptions': { POST: interruptSpotInstance },
    '/aws/image-deregistrations': { POST: deregisterFixtureImage },
  },
  accounts(raw): SandboxAccount[] {
    return toAwsFixture(raw).accounts.map((a) => ({
      cloud: 'aws',
      id: a.accessKeyId,
      secret: a.secretAccessKey,
      note: a.note,
      roles: a.roles.map((r) => ({ arn: r.arn, externalId: r.externalId })),
      consoleIdentity: a.consoleIdentity === true,
    }))
  },
}

/**
 * POST /_admin/aws/spot-interruptions {"instanceId": "i-…"}: EC2 reclaims a spot instance (as when the
 * spot price rises above its bid or capacity is needed): it shuts down and terminates with the reason
 * `Server.SpotInstanceTermination`, nobody having asked for it.
 */
function interruptSpotInstance(req: FakeRequest, ctx: CloudContext): FakeResponse {
  const body = parseJsonBody(req.body) as { instanceId?: unknown } | undefined
  const instanceId = body?.instanceId
  if (typeof instanceId !== 'string') throw new TypeError('body must be {"instanceId": "i-…"}')
  const instance = ctx.store.list({ cloud: 'aws', type: INSTANCE }).find((r) => r.id === instanceId)
  if (!instance) return jsonResponse(404, { error: 'NotFound', message: `no instance ${instanceId}` })
  if (!instance.attrs.spot) {
    return jsonResponse(409, {
      error: 'NotSpot',
      message: `${instanceId} is an on-demand instance; only spot instances are interrupted`,
    })
  }
  const fixture = fixtureFor(ctx)
  const account = fixture.accounts.find((a) => a.id === instance.account)
  if (!account) return jsonResponse(404, { error: 'NotFound', message: `no account ${instance.account}` })
  const call: AwsCall = { ctx, fixture, account, region: instance.region, requestId: newRequestId() }
  const after = terminateInstance(call, instance, 'Spot instance interruption', {
    Code: 'Server.SpotInstanceTermination',
    Message: 'Server.SpotInstanceTermination: Spot instance termination',
  })
  return jsonResponse(200, { instanceId, state: after.state })
}

/**
 * POST /_admin/aws/image-deregistrations {"region": "eu-west-1", "name": "capa-ami-…"}: the image's owner
 * deregisters it in that region (a publisher withdrawing a release there): DescribeImages in the region
 * no longer lists it and RunInstances refuses its id; other regions keep it, until POST /_admin/reset.
 */
function deregisterFixtureImage(req: FakeRequest, ctx: CloudContext): FakeResponse {
  const body = parseJsonBody(req.body) as { region?: unknown; name?: unknown } | undefined
  const { region, name } = body ?? {}
  if (typeof region !== 'string' || typeof name !== 'string') {
    throw new TypeError('body must be {"region": "…", "name": "<image name>"}')
  }
  const fixture = fixtureFor(ctx)
  if (!fixture.regions[region]) return jsonResponse(404, { error: 'NotFound', message: `no region ${region}` })
  if (!fixture.images.some((img) => img.name === name)) {
    return jsonResponse(404, { error: 'NotFound', message: `no image named ${name}` })
  }
  deregisterImage(ctx.store, region, name)
  return jsonResponse(200, { region, name, imageId: imageId(region, name), state: 'deregistered' })
}
