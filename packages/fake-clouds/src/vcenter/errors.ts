import type { FakeResponse } from '../core/types.ts'

/** The vAPI standard error types the fake answers with, and the HTTP status vCenter's /api pairs with each. */
export const ERROR_STATUS = {
  ALREADY_EXISTS: 400,
  ALREADY_IN_DESIRED_STATE: 400,
  INVALID_ARGUMENT: 400,
  NOT_ALLOWED_IN_CURRENT_STATE: 400,
  RESOURCE_BUSY: 400,
  RESOURCE_IN_USE: 400,
  UNABLE_TO_ALLOCATE_RESOURCE: 400,
  UNSUPPORTED: 400,
  UNAUTHENTICATED: 401,
  UNAUTHORIZED: 403,
  NOT_FOUND: 404,
  OPERATION_NOT_FOUND: 404,
  CONCURRENT_CHANGE: 409,
  ERROR: 500,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  TIMED_OUT: 504,
} as const

export type VcenterErrorType = keyof typeof ERROR_STATUS

/**
 * Thrown by handlers, turned into vCenter's error body by the router:
 * `{ error_type, messages: [{ id, default_message, args }] }` (the /api flavour of vAPI errors).
 */
export class VcenterFault extends Error {
  constructor(
    readonly errorType: VcenterErrorType,
    message: string,
    readonly messageId = 'com.vmware.vapi.fake.error',
  ) {
    super(message)
  }
}

/** Maps an error code from an injected fault (FaultSpec.errorCode) to a vAPI error type. */
export function faultErrorType(errorCode: string): VcenterErrorType {
  if (errorCode === 'Timeout') return 'TIMED_OUT'
  const upper = errorCode.toUpperCase()
  return upper in ERROR_STATUS ? (upper as VcenterErrorType) : 'INTERNAL_SERVER_ERROR'
}

export function renderFault(fault: VcenterFault, legacyRest: boolean): FakeResponse {
  const status = ERROR_STATUS[fault.errorType]
  const message = { id: fault.messageId, default_message: fault.message, args: [] as string[] }
  // The legacy /rest API wraps errors differently from /api; clients of /rest read `type` and `value.messages`.
  const body = legacyRest
    ? { type: `com.vmware.vapi.std.errors.${fault.errorType.toLowerCase()}`, value: { messages: [message] } }
    : { error_type: fault.errorType, messages: [message] }
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
}

export function notFound(kind: string, id: string): VcenterFault {
  return new VcenterFault(
    'NOT_FOUND',
    `${kind} with identifier '${id}' does not exist.`,
    'com.vmware.vapi.std.errors.not_found',
  )
}

export function invalidArgument(message: string): VcenterFault {
  return new VcenterFault('INVALID_ARGUMENT', message, 'com.vmware.vapi.std.errors.invalid_argument')
}
