import { createHash } from 'node:crypto'
import type { FakeRequest, FakeResponse } from '../../core/types.ts'
import { type AwsCall, AwsError, isAllowed, principalArn } from '../call.ts'
import { ec2Products } from './products.ts'

/** The regions whose endpoint serves the Price List API (api.pricing.<region>.amazonaws.com). */
export const PRICING_REGIONS = ['us-east-1', 'eu-central-1', 'ap-south-1']

const TARGET_PREFIX = 'AWSPriceListService.'

/** The awsJson1_1 operation named by `X-Amz-Target: AWSPriceListService.<Operation>`. */
export function pricingOperation(req: FakeRequest): string {
  const target = req.headers['x-amz-target'] ?? ''
  return target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : ''
}

interface GetProductsInput {
  ServiceCode?: string
  Filters?: Array<{ Type?: string; Field?: string; Value?: string }>
  FormatVersion?: string
  NextToken?: string
  MaxResults?: number
}

/** awsJson1_1 errors: the shape id in `__type` (and x-amzn-ErrorType), the text in `Message`. */
export function pricingError(err: AwsError, requestId: string): FakeResponse {
  return {
    status: err.status,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-errortype': err.code,
      'x-amzn-requestid': requestId,
    },
    body: JSON.stringify({ __type: `com.amazonaws.pricing#${err.code}`, Message: err.message }),
  }
}

function matches(attributes: Record<string, string>, serviceCode: string, f: GetProductsInput['Filters'] & {}) {
  for (const filter of f) {
    const field = (filter.Field ?? '').toLowerCase()
    const actual =
      field === 'servicecode' ? serviceCode : Object.entries(attributes).find(([k]) => k.toLowerCase() === field)?.[1]
    const value = filter.Value ?? ''
    const list = value.split(',').map((v) => v.trim())
    switch (filter.Type) {
      case 'TERM_MATCH':
      case 'EQUALS':
        if (actual !== value) return false
        break
      case 'CONTAINS':
        if (actual === undefined || !actual.includes(value)) return false
        break
      case 'ANY_OF':
        if (actual === undefined || !list.includes(actual)) return false
        break
      case 'NONE_OF':
        if (actual !== undefined && list.includes(actual)) return false
        break
      default:
        throw new AwsError(
          'InvalidParameterException',
          `Input Parameters are invalid. Filter type ${String(filter.Type)} is not one of TERM_MATCH, EQUALS, CONTAINS, ANY_OF, NONE_OF`,
        )
    }
  }
  return true
}

/** Tokens name the query they continue, so a token replayed with other filters is refused as AWS does. */
function queryHash(input: GetProductsInput): string {
  return createHash('sha256')
    .update(JSON.stringify([input.ServiceCode, input.Filters ?? []]))
    .digest('hex')
    .slice(0, 16)
}

function getProducts(call: AwsCall, input: GetProductsInput): object {
  if (!input.ServiceCode) {
    throw new AwsError('InvalidParameterException', 'Input Parameters are invalid. ServiceCode is required')
  }
  if ((input.FormatVersion ?? 'aws_v1') !== 'aws_v1') {
    throw new AwsError('InvalidParameterException', 'Input Parameters are invalid. Invalid FormatVersion')
  }
  const max = input.MaxResults ?? 100
  if (!Number.isInteger(max) || max < 1 || max > 100) {
    throw new AwsError(
      'InvalidParameterException',
      'Input Parameters are invalid. MaxResults must be between 1 and 100',
    )
  }
  if (input.ServiceCode !== 'AmazonEC2') {
    throw new AwsError('NotFoundException', `Service code ${input.ServiceCode} is not emulated by the fake.`)
  }
  const hash = queryHash(input)
  let offset = 0
  if (input.NextToken) {
    const [h, n] = Buffer.from(input.NextToken, 'base64url').toString('utf8').split(':')
    offset = Number(n)
    if (h !== hash || !Number.isInteger(offset) || offset < 0) {
      throw new AwsError(
        'InvalidNextTokenException',
        'The pagination token is invalid. Try again without a pagination token.',
      )
    }
  }
  const products = ec2Products(call.fixture).filter((p) =>
    matches(p.product.attributes, p.serviceCode, input.Filters ?? []),
  )
  const page = products.slice(offset, offset + max)
  const next = offset + max < products.length ? Buffer.from(`${hash}:${offset + max}`).toString('base64url') : undefined
  return {
    FormatVersion: 'aws_v1',
    PriceList: page.map((p) => JSON.stringify(p)),
    ...(next ? { NextToken: next } : {}),
  }
}

const HANDLERS: Record<string, (call: AwsCall, input: any) => object> = { GetProducts: getProducts }

/** The Price List API (awsJson1_1, `POST /`, X-Amz-Target AWSPriceListService.*): GetProducts. */
export function handlePricing(call: AwsCall, req: FakeRequest): FakeResponse {
  const operation = pricingOperation(req)
  const handler = HANDLERS[operation]
  if (req.method !== 'POST' || !handler) {
    throw new AwsError(
      'UnknownOperationException',
      `The fake does not emulate pricing operation ${operation || '(none)'}.`,
    )
  }
  const iamAction = `pricing:${operation}`
  if (!isAllowed(call.account, iamAction)) {
    throw new AwsError(
      'AccessDeniedException',
      `User: ${principalArn(call)} is not authorized to perform: ${iamAction} because no identity-based policy allows the ${iamAction} action`,
      401,
    )
  }
  let input: unknown
  try {
    input = req.body.length === 0 ? {} : JSON.parse(req.body.toString('utf8'))
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON')
  }
  return {
    status: 200,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': call.requestId },
    body: JSON.stringify(handler(call, input)),
  }
}
