import { randomUUID } from 'node:crypto'
import type { FakeResponse } from '../core/types.ts'

/**
 * An error answered in Tencent Cloud API 3.0's shape. Tencent reports every API error,
 * authentication failures included, with HTTP 200 and `Response.Error`.
 */
export class TencentError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'TencentError'
  }
}

/** Messages for the codes a fault may inject, close to what Tencent sends. */
const FAULT_MESSAGES: Record<string, string> = {
  RequestLimitExceeded: 'Your current request times exceeds the frequency limit of this API, please retry later.',
  'RequestLimitExceeded.UinLimitExceeded': 'The request frequency of this account exceeds the limit.',
  InternalError: 'An internal error has occurred. Retry your request, but if the problem persists, contact us.',
  ResourceUnavailable: 'The resource is unavailable.',
  ResourceInsufficient: 'Insufficient resources.',
  'ResourceInsufficient.SpecifiedInstanceType': 'The specified instance type is sold out.',
  FailedOperation: 'The operation failed.',
  Timeout: 'The request timed out.',
}

/** The TencentError a fault's errorCode stands for. */
export function faultError(code: string): TencentError {
  return new TencentError(code, FAULT_MESSAGES[code] ?? `Injected fault: ${code}.`)
}

export function newRequestId(): string {
  return randomUUID()
}

/** `{"Response": {..., "RequestId"}}` */
export function tencentOk(body: Record<string, unknown>, requestId = newRequestId()): FakeResponse {
  return reply({ Response: { ...body, RequestId: requestId } })
}

/** `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`, HTTP 200. */
export function tencentError(err: TencentError, requestId = newRequestId()): FakeResponse {
  return reply({ Response: { Error: { Code: err.code, Message: err.message }, RequestId: requestId } })
}

function reply(body: unknown): FakeResponse {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
}
