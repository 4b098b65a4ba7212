import { CloudError, type CloudErrorKind, describeNetworkCode, networkErrorCode } from '../errors.ts'

/** What an AWS SDK v3 service exception carries. */
interface AwsSdkError {
  name?: string
  message?: string
  $fault?: 'client' | 'server'
  $metadata?: { httpStatusCode?: number; requestId?: string }
}

/** Where a failed call went, for a precise message. */
export interface AwsCallSite {
  /** IAM prefix of the service: ec2, eks, sts, pricing. */
  service: string
  action: string
  region: string
  /** Shown as "the access key AKIA…0001" or "the role arn:…"; never a secret. */
  principal: string
  timeoutMs: number
}

const EXACT: Record<string, CloudErrorKind> = {
  InvalidClientTokenId: 'InvalidCredentials',
  UnrecognizedClientException: 'InvalidCredentials',
  InvalidAccessKeyId: 'InvalidCredentials',
  AuthFailure: 'InvalidCredentials',
  CredentialsProviderError: 'InvalidCredentials',
  ExpiredToken: 'InvalidCredentials',
  ExpiredTokenException: 'InvalidCredentials',
  SignatureDoesNotMatch: 'SignatureMismatch',
  InvalidSignatureException: 'SignatureMismatch',
  IncompleteSignature: 'SignatureMismatch',
  UnauthorizedOperation: 'PermissionDenied',
  AccessDenied: 'PermissionDenied',
  AccessDeniedException: 'PermissionDenied',
  Throttling: 'Throttled',
  ThrottlingException: 'Throttled',
  RequestLimitExceeded: 'Throttled',
  TooManyRequestsException: 'Throttled',
  RequestThrottled: 'Throttled',
  RequestThrottledException: 'Throttled',
  SlowDown: 'Throttled',
  InternalError: 'CloudInternal',
  InternalFailure: 'CloudInternal',
  ServerException: 'CloudInternal',
  ServiceUnavailable: 'CloudInternal',
  ServiceUnavailableException: 'CloudInternal',
  Unavailable: 'CloudInternal',
  RequestTimeout: 'Timeout',
  RequestTimeoutException: 'Timeout',
  InsufficientInstanceCapacity: 'QuotaExceeded',
  ResourceLimitExceededException: 'QuotaExceeded',
  RequestExpired: 'InvalidRequest',
  InvalidAction: 'InvalidRequest',
  ValidationException: 'InvalidRequest',
  ValidationError: 'InvalidRequest',
  MissingParameter: 'InvalidRequest',
  UnknownService: 'InvalidRequest',
  UnknownOperationException: 'InvalidRequest',
}

export function kindOfAwsCode(code: string, status: number | undefined): CloudErrorKind {
  const exact = EXACT[code]
  if (exact) return exact
  if (/NotFound/.test(code)) return 'NotFound'
  if (/LimitExceeded$/.test(code)) return 'QuotaExceeded'
  if (/^Invalid|Malformed|Validation/.test(code)) return 'InvalidRequest'
  if (status === 429) return 'Throttled'
  if (status !== undefined && status >= 500) return 'CloudInternal'
  if (status !== undefined && status >= 400) return 'InvalidRequest'
  return 'CloudInternal'
}

/** AWS names the action in the message: `…is not authorized to perform: ec2:RunInstances on resource…`. */
export function permissionFromAwsMessage(message: string): string | undefined {
  return /not authorized to perform:? ([a-z0-9-]+:[A-Za-z0-9*]+)/.exec(message)?.[1]
}

/** Shows enough of an access key id to recognise it. */
export function maskAccessKey(id: string): string {
  return id.length <= 8 ? '****' : `${id.slice(0, 4)}…${id.slice(-4)}`
}

/** Turns whatever an AWS SDK client threw into a CloudError whose message says what to do. */
export function toAwsCloudError(err: unknown, site: AwsCallSite, timedOut: boolean): CloudError {
  const e = (err ?? {}) as AwsSdkError
  const base = { cloud: 'aws' as const, action: site.action, cause: err }
  const where = `${site.service}:${site.action} in ${site.region}`
  if (timedOut) {
    return new CloudError({
      ...base,
      kind: 'Timeout',
      message: `AWS did not answer ${where} within ${site.timeoutMs / 1000} s.`,
    })
  }
  const net = networkErrorCode(err)
  if (net && e.$metadata?.httpStatusCode === undefined) {
    return new CloudError({
      ...base,
      kind: 'Unreachable',
      cloudCode: net,
      message: `Cannot reach the AWS ${site.service} endpoint for ${site.region}: ${describeNetworkCode(net)} (${net}).`,
    })
  }
  const code = e.name ?? 'Error'
  const status = e.$metadata?.httpStatusCode
  if (code === 'TimeoutError' || code === 'AbortError') {
    return new CloudError({ ...base, kind: 'Timeout', message: `AWS did not answer ${where} in time.` })
  }
  const kind = e.$fault === 'server' && !EXACT[code] ? 'CloudInternal' : kindOfAwsCode(code, status)
  // CloudInternal is retried only when AWS says the fault is its own (5xx or a server-side code).
  const retryable =
    kind === 'CloudInternal'
      ? e.$fault === 'server' || (status !== undefined && status >= 500) || EXACT[code] === 'CloudInternal'
      : undefined
  const common = { ...base, kind, cloudCode: code, requestId: e.$metadata?.requestId, retryable }
  const cloudMessage = e.message ?? ''
  switch (kind) {
    case 'InvalidCredentials':
      return new CloudError({
        ...common,
        message:
          code === 'CredentialsProviderError'
            ? `No AWS credentials are available for ${site.principal}: ${cloudMessage}`
            : `AWS does not recognise ${site.principal}: check that the access key id is copied completely and is active.`,
      })
    case 'SignatureMismatch':
      return new CloudError({
        ...common,
        message: `The secret access key does not match ${site.principal}: AWS rejected the request signature. Re-enter the secret access key.`,
      })
    case 'PermissionDenied': {
      const permission = permissionFromAwsMessage(cloudMessage) ?? `${site.service}:${site.action}`
      return new CloudError({
        ...common,
        permission,
        missingPermissions: [permission],
        message: `${capitalise(site.principal)} lacks the IAM permission ${permission}: add it to the policy attached to this identity.`,
      })
    }
    case 'Throttled':
      return new CloudError({ ...common, message: `AWS rate-limited ${where} (${code}); try again in a moment.` })
    case 'CloudInternal':
      return new CloudError({ ...common, message: `AWS failed on its side answering ${where} (${code}).` })
    default:
      return new CloudError({
        ...common,
        message: `AWS rejected ${where}: ${cloudMessage || 'no message'} (${code}).`,
      })
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
