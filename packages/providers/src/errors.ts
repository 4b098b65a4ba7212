/**
 * The closed set of failure kinds every provider reports, whatever the cloud.
 *
 * - `InvalidCredentials`: the key id (Tencent SecretId, AWS access key id, STS role) is unknown.
 * - `SignatureMismatch`: the key id exists but the secret does not match it.
 * - `PermissionDenied`: the identity is valid but lacks a permission; `permission` names it.
 * - `Unreachable`: the endpoint could not be reached (connection refused, DNS failure, reset).
 * - `Timeout`: the cloud did not answer within the per-call timeout.
 * - `Throttled`: the cloud rate-limited the call (retried with backoff before surfacing).
 * - `NotFound`: the named resource does not exist.
 * - `QuotaExceeded`: an account or capacity limit was hit.
 * - `InvalidRequest`: the cloud rejected the request's parameters (or the region, or the action).
 * - `CloudInternal`: the cloud failed on its side (5xx) or answered something we cannot interpret.
 */
export const CLOUD_ERROR_KINDS = [
  'InvalidCredentials',
  'SignatureMismatch',
  'PermissionDenied',
  'Unreachable',
  'Timeout',
  'Throttled',
  'NotFound',
  'QuotaExceeded',
  'InvalidRequest',
  'CloudInternal',
] as const

/** One of {@link CLOUD_ERROR_KINDS}. */
export type CloudErrorKind = (typeof CLOUD_ERROR_KINDS)[number]

/** The cloud a failure came from. */
export type CloudName = 'tencent' | 'aws' | 'vsphere'

/** Kinds that are worth retrying with backoff: the same call may succeed a moment later. */
const RETRYABLE_KINDS: ReadonlySet<CloudErrorKind> = new Set(['Throttled', 'CloudInternal'])

/** Everything a {@link CloudError} carries. */
export interface CloudErrorInit {
  kind: CloudErrorKind
  cloud: CloudName
  /** A sentence that says precisely what is wrong; shown to users verbatim. Never contains a secret. */
  message: string
  /** The cloud's own error code (e.g. `AuthFailure.SignatureFailure`, `UnauthorizedOperation`), when it sent one. */
  cloudCode?: string
  /** The API action that failed, e.g. `DescribeVpcs`. */
  action?: string
  /** For `PermissionDenied`: the missing permission, e.g. `tke:CreateCluster` or `ec2:RunInstances`. */
  permission?: string
  /** For `PermissionDenied` from a validation: every missing permission found. */
  missingPermissions?: string[]
  /** The cloud's request id, for support tickets. */
  requestId?: string
  /** Overrides the default (Throttled and CloudInternal are retryable, everything else is not). */
  retryable?: boolean
  cause?: unknown
}

/**
 * A failure of a cloud call, as a typed value. Providers never let an SDK error escape: every
 * failure is one of these, so callers switch on `kind` and show `message` to the user.
 */
export class CloudError extends Error {
  readonly kind: CloudErrorKind
  readonly cloud: CloudName
  readonly retryable: boolean
  readonly cloudCode: string | undefined
  readonly action: string | undefined
  readonly permission: string | undefined
  readonly missingPermissions: string[] | undefined
  readonly requestId: string | undefined

  constructor(init: CloudErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause })
    this.name = 'CloudError'
    this.kind = init.kind
    this.cloud = init.cloud
    this.retryable = init.retryable ?? RETRYABLE_KINDS.has(init.kind)
    this.cloudCode = init.cloudCode
    this.action = init.action
    this.permission = init.permission
    this.missingPermissions = init.missingPermissions
    this.requestId = init.requestId
  }

  /** A plain, secret-free view for logs and API error bodies. */
  toJSON(): Record<string, unknown> {
    return {
      kind: this.kind,
      cloud: this.cloud,
      message: this.message,
      retryable: this.retryable,
      cloudCode: this.cloudCode,
      action: this.action,
      permission: this.permission,
      missingPermissions: this.missingPermissions,
      requestId: this.requestId,
    }
  }
}

/** Narrowing helper: `isCloudError(e, 'PermissionDenied')`. */
export function isCloudError(value: unknown, kind?: CloudErrorKind): value is CloudError {
  return value instanceof CloudError && (kind === undefined || value.kind === kind)
}

/** Node's network error codes that mean "nothing answered at that address". */
const UNREACHABLE_CODES = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
]

/**
 * Recognises a transport failure (no answer from the cloud) from any error shape: Node's
 * `code`, undici/node-fetch's `cause.code` or the code inside a wrapped message.
 * Returns the network code, or undefined when the error is not a transport failure.
 */
export function networkErrorCode(err: unknown): string | undefined {
  const seen = new Set<unknown>()
  let current: unknown = err
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current)
    const o = current as { code?: unknown; errno?: unknown; message?: unknown; cause?: unknown }
    for (const candidate of [o.code, o.errno]) {
      if (typeof candidate === 'string' && UNREACHABLE_CODES.includes(candidate)) return candidate
    }
    if (typeof o.message === 'string') {
      const found = UNREACHABLE_CODES.find((c) => o.message?.toString().includes(c))
      if (found) return found
    }
    current = o.cause
  }
  return undefined
}

/** The human explanation of a network code, for the Unreachable message. */
export function describeNetworkCode(code: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be resolved'
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'there is no route to the host'
    default:
      return 'the connection was dropped'
  }
}
