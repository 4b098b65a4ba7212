import type { FakeResponse } from '../core/types.ts'
import { type AwsCall, AwsError, isAllowed, principalArn } from './call.ts'
import { escapeXml, operationShapes, readQueryInput, writeXmlMembers } from './query-codec.ts'

// Each handler takes the SDK's typed input for its action; the codec builds it from the form body.
type Handler = (call: AwsCall, input: any) => object

/** One awsQuery service (STS, ELBv2): its SDK schemas, namespace, IAM prefix and handlers. */
export interface QueryService {
  /** IAM service prefix, e.g. 'elasticloadbalancing'. */
  iamPrefix: string
  version: string
  xmlns: string
  /** The SDK module, to find `${Action}$` operation schemas. */
  sdk: Record<string, unknown>
  handlers: Record<string, Handler>
  /** Actions every identity may call (sts:GetCallerIdentity needs no permission). */
  alwaysAllowed?: string[]
}

/** `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`, as awsQuery services answer. */
export function queryError(service: Pick<QueryService, 'xmlns'>, err: AwsError, requestId: string): FakeResponse {
  const type = err.status >= 500 ? 'Receiver' : 'Sender'
  return {
    status: err.status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: `<ErrorResponse xmlns="${service.xmlns}"><Error><Type>${type}</Type><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  }
}

export function handleQuery(service: QueryService, call: AwsCall, params: URLSearchParams): FakeResponse {
  const action = params.get('Action') ?? ''
  const handler = service.handlers[action]
  const schema = service.sdk[`${action}$`]
  if (!handler || !schema) {
    throw new AwsError('InvalidAction', `Could not find operation ${action || '(none)'} for version ${service.version}`)
  }
  if (params.get('Version') !== service.version) {
    throw new AwsError('InvalidParameterValue', `Invalid API version: ${params.get('Version')}`)
  }
  const iamAction = `${service.iamPrefix}:${action}`
  if (!service.alwaysAllowed?.includes(action) && !isAllowed(call.account, iamAction)) {
    throw new AwsError(
      'AccessDenied',
      `User: ${principalArn(call)} is not authorized to perform: ${iamAction} because no identity-based policy allows the ${iamAction} action`,
      403,
    )
  }
  const { input, output } = operationShapes(schema)
  const result = handler(call, readQueryInput(input, params, 'query'))
  const members = writeXmlMembers(output, result, 'query')
  return {
    status: 200,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': call.requestId },
    body: `<${action}Response xmlns="${service.xmlns}"><${action}Result>${members}</${action}Result><ResponseMetadata><RequestId>${call.requestId}</RequestId></ResponseMetadata></${action}Response>`,
  }
}
