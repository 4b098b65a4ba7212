/**
 * vCenter's error types (vAPI standard errors as `/api` names them), plus the client's own:
 * `CONNECTION_FAILED` (no HTTP answer at all), `CLIENT_TIMEOUT` (a wait ran past its limit),
 * `UNEXPECTED_RESPONSE` (an answer the client cannot read).
 */
export type VcenterErrorType =
  | 'ALREADY_EXISTS'
  | 'ALREADY_IN_DESIRED_STATE'
  | 'INVALID_ARGUMENT'
  | 'NOT_ALLOWED_IN_CURRENT_STATE'
  | 'NOT_FOUND'
  | 'OPERATION_NOT_FOUND'
  | 'RESOURCE_BUSY'
  | 'RESOURCE_IN_USE'
  | 'SERVICE_UNAVAILABLE'
  | 'TIMED_OUT'
  | 'UNABLE_TO_ALLOCATE_RESOURCE'
  | 'UNAUTHENTICATED'
  | 'UNAUTHORIZED'
  | 'INTERNAL_SERVER_ERROR'
  | 'ERROR'
  | 'CONNECTION_FAILED'
  | 'CLIENT_TIMEOUT'
  | 'UNEXPECTED_RESPONSE'
  // Any other type vCenter may send is passed through as is.
  | (string & {})

/** One localizable message of a vCenter error. */
export interface VcenterMessage {
  id: string
  defaultMessage: string
  args: string[]
}

/**
 * Every failure of the client. `status` is the HTTP status (0 when there was no HTTP answer, i.e. for
 * CONNECTION_FAILED and CLIENT_TIMEOUT); `errorType` is vCenter's `error_type`.
 */
export class VcenterError extends Error {
  override readonly name = 'VcenterError'
  readonly errorType: VcenterErrorType
  readonly status: number
  readonly messages: VcenterMessage[]
  /** `METHOD /path` of the failing call (never credentials). */
  readonly operation: string | undefined

  constructor(options: {
    errorType: VcenterErrorType
    status: number
    message: string
    messages?: VcenterMessage[]
    operation?: string
    cause?: unknown
  }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause })
    this.errorType = options.errorType
    this.status = options.status
    this.messages = options.messages ?? []
    this.operation = options.operation
  }
}

/** Narrows `err` to a VcenterError, optionally of one of the given types. */
export function isVcenterError(err: unknown, ...types: VcenterErrorType[]): err is VcenterError {
  return err instanceof VcenterError && (types.length === 0 || types.includes(err.errorType))
}

/** Builds the VcenterError for a non-2xx answer from its body (`/api` or legacy `/rest` shape). */
export function errorFromResponse(status: number, body: unknown, operation: string): VcenterError {
  const b = (body ?? {}) as Record<string, any>
  const legacyType = typeof b.type === 'string' ? b.type.split('.').at(-1)?.toUpperCase() : undefined
  const errorType: string = b.error_type ?? legacyType ?? (status === 401 ? 'UNAUTHENTICATED' : 'ERROR')
  const raw = Array.isArray(b.messages) ? b.messages : Array.isArray(b.value?.messages) ? b.value.messages : []
  const messages: VcenterMessage[] = raw.map((m: any) => ({
    id: String(m?.id ?? ''),
    defaultMessage: String(m?.default_message ?? ''),
    args: Array.isArray(m?.args) ? m.args.map(String) : [],
  }))
  const text = messages[0]?.defaultMessage || `HTTP ${status}`
  return new VcenterError({ errorType, status, message: `${operation}: ${errorType}: ${text}`, messages, operation })
}
