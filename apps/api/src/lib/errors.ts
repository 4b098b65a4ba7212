/** The closed set of error codes the API answers with, and their HTTP statuses. */
export const errorStatus = {
  ValidationError: 400,
  Unauthorized: 401,
  InvalidCredentials: 401,
  Forbidden: 403,
  CsrfTokenInvalid: 403,
  NotFound: 404,
  ProjectNotFound: 404,
  Conflict: 409,
  AlreadyExists: 409,
  InUse: 409,
  InvalidState: 409,
  UnprocessableEntity: 422,
  /** The cloud does not accept the credentials: unknown key id or wrong secret. */
  CloudCredentialsInvalid: 422,
  /** The credentials are valid but lack a permission the console needs (named in details). */
  CloudPermissionDenied: 422,
  /** The cloud refused the request itself: bad parameter or region, unknown resource, quota. */
  CloudRequestRejected: 422,
  TooManyRequests: 429,
  InternalError: 500,
  CloudUnavailable: 502,
  ServiceUnavailable: 503,
  /** A Private Cloud Gateway's agent did not answer in time. */
  GatewayTimeout: 504,
} as const
export type ErrorCode = keyof typeof errorStatus

/** A domain error: domain code throws these; one handler maps them to the API's error body. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly details?: unknown

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.status = errorStatus[code]
    this.details = details
  }
}

export const notFound = (kind: string, uid: string) => new AppError('NotFound', `${kind} ${uid} not found`)
