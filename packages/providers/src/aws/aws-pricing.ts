import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing'
import { type CallPolicy, runWithPolicy } from '../call-policy.ts'
import type { AwsPartition } from '../cloud-provider.ts'
import { toAwsCloudError } from './aws-errors.ts'
import { type AwsEndpoint, type AwsKeys, clientConfig } from './aws-session.ts'

/**
 * The Price List API lives in a few regions only. GovCloud prices are not served by it, so
 * `aws-us-gov` has no price source and the wizard shows types without a price.
 */
const PRICING_REGION: Record<AwsPartition, string | undefined> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-northwest-1',
  'aws-us-gov': undefined,
}

/** One Price List product document, reduced to what we read. */
interface PriceDocument {
  product?: { attributes?: Record<string, string> }
  terms?: {
    OnDemand?: Record<string, { priceDimensions?: Record<string, { pricePerUnit?: Record<string, string> }> }>
  }
}

/** The on-demand hourly price of a Price List document (Linux, shared tenancy), or undefined. */
export function onDemandPriceOf(doc: PriceDocument, currency: 'USD' | 'CNY'): number | undefined {
  for (const term of Object.values(doc.terms?.OnDemand ?? {})) {
    for (const dimension of Object.values(term.priceDimensions ?? {})) {
      const value = Number(dimension.pricePerUnit?.[currency])
      if (Number.isFinite(value) && value > 0) return value
    }
  }
  return undefined
}

/**
 * On-demand Linux prices of every instance type in a region, from the AWS Price List API
 * (`pricing:GetProducts`, filtered to shared tenancy, no pre-installed software, used capacity).
 */
export async function fetchOnDemandPrices(options: {
  endpoint: AwsEndpoint
  policy: CallPolicy
  keys: AwsKeys
  partition: AwsPartition
  region: string
  principal: string
}): Promise<Map<string, number>> {
  const pricingRegion = PRICING_REGION[options.partition]
  const prices = new Map<string, number>()
  if (!pricingRegion) return prices
  const currency = options.partition === 'aws-cn' ? 'CNY' : 'USD'
  const client = new PricingClient(clientConfig(options.endpoint, pricingRegion, options.keys))
  const site = {
    service: 'pricing',
    action: 'GetProducts',
    region: pricingRegion,
    principal: options.principal,
    timeoutMs: options.policy.timeoutMs,
  }
  const term = (Field: string, Value: string) => ({ Type: 'TERM_MATCH' as const, Field, Value })
  try {
    let token: string | undefined
    do {
      const res = await runWithPolicy(
        options.policy,
        (attempt) =>
          client.send(
            new GetProductsCommand({
              ServiceCode: 'AmazonEC2',
              FormatVersion: 'aws_v1',
              MaxResults: 100,
              NextToken: token,
              Filters: [
                term('regionCode', options.region),
                term('operatingSystem', 'Linux'),
                term('tenancy', 'Shared'),
                term('preInstalledSw', 'NA'),
                term('capacitystatus', 'Used'),
              ],
            }),
            { abortSignal: attempt.signal },
          ),
        (err, attempt) => toAwsCloudError(err, site, attempt.timedOut()),
      )
      const list = Array.isArray(res.PriceList) ? res.PriceList : []
      for (const raw of list) {
        const doc = (typeof raw === 'string' ? JSON.parse(raw) : JSON.parse(String(raw))) as PriceDocument
        const type = doc.product?.attributes?.instanceType
        const price = onDemandPriceOf(doc, currency)
        if (type && price !== undefined && !prices.has(type)) prices.set(type, price)
      }
      token = res.NextToken
    } while (token)
    return prices
  } finally {
    client.destroy()
  }
}
