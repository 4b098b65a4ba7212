import { CloudError, type CloudErrorKind, describeNetworkCode, networkErrorCode } from '../errors.ts'

/** What the SDK's TencentCloudSDKHttpException carries (duck-typed: the class is not exported per service). */
interface TencentSdkError {
  code?: string
  message?: string
  requestId?: string
  httpCode?: number
}

/** Where a failed call went, for a precise message. */
export interface TencentCallSite {
  product: string
  action: string
  host: string
  secretId: string
  timeoutMs: number
}

/** Shows enough of a SecretId to recognise it, never the whole value. */
export function maskKeyId(id: string): string {
  return id.length <= 8 ? '****' : `${id.slice(0, 4)}…${id.slice(-4)}`
}

/** Exact Tencent codes; prefixes are matched after these. */
const EXACT: Record<string, CloudErrorKind> = {
  'AuthFailure.SecretIdNotFound': 'InvalidCredentials',
  'AuthFailure.InvalidSecretId': 'InvalidCredentials',
  'AuthFailure.TokenFailure': 'InvalidCredentials',
  'AuthFailure.SignatureFailure': 'SignatureMismatch',
  'AuthFailure.SignatureExpire': 'InvalidRequest',
  'AuthFailure.UnauthorizedOperation': 'PermissionDenied',
  UnauthorizedOperation: 'PermissionDenied',
  'AuthFailure.MFAFailure': 'PermissionDenied',
  InternalError: 'CloudInternal',
  ServiceUnavailable: 'CloudInternal',
  Timeout: 'Timeout',
  InvalidAction: 'InvalidRequest',
  UnsupportedRegion: 'InvalidRequest',
  MissingParameter: 'InvalidRequest',
  UnknownParameter: 'InvalidRequest',
}

const PREFIXES: Array<[string, CloudErrorKind]> = [
  ['RequestLimitExceeded', 'Throttled'],
  ['UnauthorizedOperation', 'PermissionDenied'],
  ['OperationDenied', 'PermissionDenied'],
  ['InternalError', 'CloudInternal'],
  ['ResourceNotFound', 'NotFound'],
  ['LimitExceeded', 'QuotaExceeded'],
  ['ResourceInsufficient', 'QuotaExceeded'],
  ['InvalidParameter', 'InvalidRequest'],
  ['InvalidParameterValue', 'InvalidRequest'],
  ['InvalidFilter', 'InvalidRequest'],
  ['MissingParameter', 'InvalidRequest'],
  ['UnknownParameter', 'InvalidRequest'],
  ['UnsupportedOperation', 'InvalidRequest'],
  ['ResourceInUse', 'InvalidRequest'],
  ['InvalidRequest', 'InvalidRequest'],
  ['NoSuchProduct', 'InvalidRequest'],
  ['NoSuchVersion', 'InvalidRequest'],
  ['ActionOffline', 'InvalidRequest'],
]

/** Tencent's server-side codes: the only CloudInternal failures worth retrying. */
const SERVER_SIDE = /^(InternalError|ServiceUnavailable)(\.|$)/

export function kindOfTencentCode(code: string): CloudErrorKind {
  const exact = EXACT[code]
  if (exact) return exact
  for (const [prefix, kind] of PREFIXES) if (code === prefix || code.startsWith(`${prefix}.`)) return kind
  if (/\.NotFound$|NotFound\./.test(code)) return 'NotFound'
  return 'CloudInternal'
}

/** Tencent names the CAM permission in the message: `…perform operation (tke:CreateCluster)`. */
export function permissionFromMessage(message: string): string | undefined {
  return /operation \(([a-z0-9-]+:[A-Za-z0-9*]+)\)/.exec(message)?.[1]
}

/**
 * Turns whatever the Tencent SDK threw into a CloudError whose message says what to do.
 * `timedOut` is true when our own per-call timeout aborted the request.
 */
export function toTencentCloudError(err: unknown, site: TencentCallSite, timedOut: boolean): CloudError {
  const e = (err ?? {}) as TencentSdkError
  const base = { cloud: 'tencent' as const, action: site.action, cause: err }
  if (timedOut) {
    return new CloudError({
      ...base,
      kind: 'Timeout',
      message: `Tencent Cloud did not answer ${site.action} at ${site.host} within ${site.timeoutMs / 1000} s.`,
    })
  }
  if (typeof e.code === 'string' && e.code !== '') {
    return fromCode(e.code, e.message ?? '', e.requestId, site, base)
  }
  const net = networkErrorCode(err)
  if (net) {
    return new CloudError({
      ...base,
      kind: 'Unreachable',
      cloudCode: net,
      message: `Cannot reach the Tencent Cloud API at ${site.host}: ${describeNetworkCode(net)} (${net}).`,
    })
  }
  if (/network timeout|timed? ?out/i.test(e.message ?? '')) {
    return new CloudError({
      ...base,
      kind: 'Timeout',
      message: `Tencent Cloud did not answer ${site.action} at ${site.host} within ${site.timeoutMs / 1000} s.`,
    })
  }
  if (typeof e.httpCode === 'number') {
    const server = e.httpCode >= 500
    return new CloudError({
      ...base,
      kind: server ? 'CloudInternal' : e.httpCode === 429 ? 'Throttled' : 'InvalidRequest',
      cloudCode: `HTTP ${e.httpCode}`,
      message: `Tencent Cloud answered ${site.action} with HTTP ${e.httpCode} at ${site.host}.`,
    })
  }
  return new CloudError({
    ...base,
    kind: 'CloudInternal',
    retryable: false,
    message: `Tencent Cloud call ${site.action} failed unexpectedly: ${e.message ?? String(err)}`,
  })
}

function fromCode(
  code: string,
  cloudMessage: string,
  requestId: string | undefined,
  site: TencentCallSite,
  base: { cloud: 'tencent'; action: string; cause: unknown },
): CloudError {
  const kind = kindOfTencentCode(code)
  // An unknown code (FailedOperation, ResourceUnavailable, …) is CloudInternal but not retried blindly.
  const retryable = kind === 'CloudInternal' ? SERVER_SIDE.test(code) : undefined
  const common = { ...base, kind, cloudCode: code, requestId: requestId || undefined, retryable }
  const key = maskKeyId(site.secretId)
  switch (kind) {
    case 'InvalidCredentials':
      return new CloudError({
        ...common,
        message: `Tencent Cloud does not recognise the SecretId ${key}: check that it is copied completely and that the API key is enabled in CAM.`,
      })
    case 'SignatureMismatch':
      return new CloudError({
        ...common,
        message: `The SecretKey does not match SecretId ${key}: Tencent Cloud rejected the request signature. Re-enter the SecretKey of this SecretId.`,
      })
    case 'PermissionDenied': {
      const permission = permissionFromMessage(cloudMessage) ?? `${site.product}:${site.action}`
      return new CloudError({
        ...common,
        permission,
        missingPermissions: [permission],
        message: `The Tencent Cloud credentials lack the permission ${permission}: add it to the CAM policy of this user.`,
      })
    }
    case 'Throttled':
      return new CloudError({
        ...common,
        message: `Tencent Cloud rate-limited ${site.action} (${code}); try again in a moment.`,
      })
    case 'Timeout':
      return new CloudError({ ...common, message: `Tencent Cloud timed out answering ${site.action} (${code}).` })
    default:
      return new CloudError({
        ...common,
        message: `Tencent Cloud rejected ${site.action}: ${cloudMessage || 'no message'} (${code}).`,
      })
  }
}
