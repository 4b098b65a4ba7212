import { type ApiError, apiErrorSchema, type FieldError } from '@console/contracts'

/** A non-2xx answer of the API, carrying its `{code, message, details?, ref}` body. */
export class ApiRequestError extends Error {
  readonly status: number
  readonly body: ApiError

  constructor(status: number, body: ApiError) {
    super(body.message)
    this.name = 'ApiRequestError'
    this.status = status
    this.body = body
  }

  get code(): string {
    return this.body.code
  }

  get ref(): string {
    return this.body.ref
  }

  /** The per-field errors of a 400 answer (empty for every other answer). */
  get fieldErrors(): FieldError[] {
    return fieldErrorsOf(this.body.details)
  }
}

/** Builds the error from a failed answer whose body may not be the API's error shape (a proxy's 502, say). */
export function toApiRequestError(status: number, statusText: string, payload: unknown): ApiRequestError {
  const parsed = apiErrorSchema.safeParse(payload)
  if (parsed.success) return new ApiRequestError(status, parsed.data)
  return new ApiRequestError(status, {
    code: status >= 500 ? 'ServerError' : 'RequestFailed',
    message: `The server answered ${status}${statusText ? ` ${statusText}` : ''}`,
    ref: '',
  })
}

function fieldErrorsOf(details: unknown): FieldError[] {
  if (!Array.isArray(details)) return []
  return details.flatMap((d) => {
    if (d && typeof d === 'object' && 'path' in d && 'message' in d) {
      const { path, message } = d as { path: unknown; message: unknown }
      const joined = Array.isArray(path) ? path.join('.') : path
      if (typeof joined === 'string' && typeof message === 'string') return [{ path: joined, message }]
    }
    return []
  })
}

export function isApiRequestError(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError
}

/** What to tell the user about any failure: the API's message and ref, or a generic line. */
export function describeError(error: unknown): { message: string; reference?: string } {
  if (isApiRequestError(error)) return { message: error.message, reference: error.ref || undefined }
  if (error instanceof Error && error.name === 'ZodError')
    return { message: 'The server sent an answer the console does not understand.' }
  return { message: 'The console could not reach the server. Check your connection and try again.' }
}
