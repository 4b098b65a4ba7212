import { type CloudError, type CloudErrorKind, isCloudError } from '@console/providers'
import { AppError, type ErrorCode } from '../../lib/errors.ts'

/**
 * How each provider failure kind reaches the API. Refusals of the credentials or of the request are
 * the caller's to fix (422, precise code); a cloud that could not answer is a 502.
 */
const codeOfKind: Record<CloudErrorKind, ErrorCode> = {
  InvalidCredentials: 'CloudCredentialsInvalid',
  SignatureMismatch: 'CloudCredentialsInvalid',
  PermissionDenied: 'CloudPermissionDenied',
  InvalidRequest: 'CloudRequestRejected',
  NotFound: 'CloudRequestRejected',
  QuotaExceeded: 'CloudRequestRejected',
  Unreachable: 'CloudUnavailable',
  Timeout: 'CloudUnavailable',
  Throttled: 'CloudUnavailable',
  CloudInternal: 'CloudUnavailable',
}

/** The permissions a refusal names: every missing one of a validation, or the one a call needed. */
export function permissionsOf(err: CloudError): string[] | undefined {
  if (err.missingPermissions?.length) return err.missingPermissions
  return err.permission ? [err.permission] : undefined
}

/**
 * A CloudError as an API error. The provider's message is precise and secret-free (key ids are
 * masked by the providers), so it is answered verbatim; details carry the machine-readable cause.
 */
export function toAppError(err: CloudError): AppError {
  const details: Record<string, unknown> = { cloud: err.cloud, kind: err.kind }
  if (err.cloudCode) details.cloudCode = err.cloudCode
  if (err.action) details.action = err.action
  const permissions = permissionsOf(err)
  if (permissions) details.permissions = permissions
  if (err.requestId) details.requestId = err.requestId
  return new AppError(codeOfKind[err.kind], err.message, details)
}

/** Runs a provider call and turns its CloudError into the API's error. */
export async function callCloud<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (err) {
    throw isCloudError(err) ? toAppError(err) : err
  }
}
