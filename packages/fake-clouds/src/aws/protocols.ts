import type { FakeRequest, FakeResponse } from '../core/types.ts'
import { type AwsCall, AwsError } from './call.ts'
import { ec2Action, ec2Error, handleEc2 } from './ec2/service.ts'
import { type EksRoute, eksError, handleEks } from './eks/service.ts'
import { elbService } from './elb/service.ts'
import { handlePricing, pricingError, pricingOperation } from './pricing/service.ts'
import { handleQuery, queryError } from './query-service.ts'
import { stsService } from './sts.ts'

export type Protocol = 'ec2' | 'query' | 'rest-json' | 'json'

/** The request, parsed just enough to know its action. */
export type AwsService =
  | { kind: 'ec2' | 'sts' | 'elb'; params: URLSearchParams }
  | { kind: 'eks'; route: EksRoute | undefined }
  | { kind: 'pricing'; req: FakeRequest }

/** HTTP status for an injected fault code, as the services answer them. */
const FAULT_STATUS: Record<string, number> = {
  RequestLimitExceeded: 503,
  Throttling: 400,
  ThrottlingException: 429,
  TooManyRequestsException: 429,
  InternalError: 500,
  InternalFailure: 500,
  InternalErrorException: 500,
  ServerException: 500,
  ServiceUnavailable: 503,
  ServiceUnavailableException: 503,
  Unavailable: 503,
  InsufficientInstanceCapacity: 500,
  UnauthorizedOperation: 403,
  AccessDenied: 403,
  AccessDeniedException: 403,
  Timeout: 504,
}

const FAULT_MESSAGE: Record<string, string> = {
  RequestLimitExceeded: 'Request limit exceeded.',
  Throttling: 'Rate exceeded',
  ThrottlingException: 'Rate exceeded',
  InternalError: 'An internal error has occurred',
  ServiceUnavailable: 'The service is unavailable. Please try again shortly.',
  Timeout: 'The request timed out.',
}

/** The AwsError a fault code becomes ('Timeout' answers late, after the core held the request). */
export function faultError(errorCode: string): AwsError {
  const code = errorCode === 'Timeout' ? 'RequestTimeout' : errorCode
  return new AwsError(code, FAULT_MESSAGE[errorCode] ?? `Injected fault: ${errorCode}`, FAULT_STATUS[errorCode] ?? 400)
}

export function renderError(service: string, protocol: Protocol, err: AwsError, requestId: string): FakeResponse {
  if (protocol === 'ec2') return ec2Error(err, requestId)
  if (protocol === 'rest-json') return eksError(err, requestId)
  if (protocol === 'json') return pricingError(err, requestId)
  return queryError(service === 'sts' ? stsService : elbService, err, requestId)
}

function actionOf(service: AwsService): string {
  if (service.kind === 'eks') return service.route?.operation ?? ''
  if (service.kind === 'pricing') return pricingOperation(service.req)
  return service.kind === 'ec2' ? ec2Action(service.params) : (service.params.get('Action') ?? '')
}

/**
 * After authentication: faults first (they are keyed by action), then the service.
 * Handler errors that are not AwsErrors are bugs of the fake and surface as InternalError.
 */
export async function runService(
  name: string,
  protocol: Protocol,
  service: AwsService,
  call: AwsCall,
): Promise<FakeResponse> {
  try {
    const action = actionOf(service)
    if (service.kind === 'eks' && !service.route) {
      throw new AwsError('UnknownOperationException', 'The requested operation is not emulated by the fake.', 404)
    }
    const fault = await call.ctx.faults.intercept('aws', action)
    if (fault) throw faultError(fault.errorCode)
    switch (service.kind) {
      case 'ec2':
        return await handleEc2(call, service.params)
      case 'sts':
        return handleQuery(stsService, call, service.params)
      case 'elb':
        return handleQuery(elbService, call, service.params)
      case 'eks':
        return handleEks(call, service.route!)
      case 'pricing':
        return handlePricing(call, service.req)
    }
  } catch (err) {
    if (err instanceof AwsError) return renderError(name, protocol, err, call.requestId)
    call.ctx.log.warn('aws handler failed', { error: err instanceof Error ? err.message : String(err) })
    const internal = new AwsError(
      protocol === 'rest-json' ? 'ServerException' : protocol === 'json' ? 'InternalErrorException' : 'InternalError',
      'An internal error has occurred',
      500,
    )
    return renderError(name, protocol, internal, call.requestId)
  }
}
