import type { DescribeSpotPriceHistoryRequest, DescribeSpotPriceHistoryResult, SpotPrice } from '@aws-sdk/client-ec2'
import { type AwsCall, AwsError } from '../call.ts'
import { spotPriceIn } from '../fixture.ts'
import { matchesFilters } from './filters.ts'
import { paginateEc2 } from './kind.ts'

/**
 * The product descriptions a price is published for. Windows costs the Price List's Windows
 * surcharge (windowsPerVcpuHour × vCPUs × region priceFactor) on top of the Linux spot price.
 */
const PRODUCTS = ['Linux/UNIX', 'Linux/UNIX (Amazon VPC)', 'Windows', 'Windows (Amazon VPC)'] as const

/**
 * Fixed spot prices (fixture `spotPrice` per AZ, else spotPriceFactor × on-demand): every
 * type/AZ/product has one price point, set at 00:00 UTC of the current day. Like AWS, a window
 * (StartTime/EndTime) also returns the price in effect at its start, so the point is listed unless
 * EndTime lies before it.
 */
export function describeSpotPriceHistory(
  call: AwsCall,
  input: DescribeSpotPriceHistoryRequest,
): DescribeSpotPriceHistoryResult {
  const now = Date.now()
  const since = new Date(now - (now % 86_400_000))
  if (input.StartTime && input.EndTime && input.StartTime > input.EndTime) {
    throw new AwsError('InvalidParameterValue', 'The start time must be before the end time.')
  }
  const zones = call.fixture.regions[call.region]?.zones ?? []
  if (input.AvailabilityZone && !zones.includes(input.AvailabilityZone)) {
    throw new AwsError('InvalidParameterValue', `Invalid availability zone: [${input.AvailabilityZone}]`)
  }
  if (input.EndTime && input.EndTime < since) return { SpotPriceHistory: [], NextToken: '' }
  const { windowsPerVcpuHour } = call.fixture.priceList
  const factor = call.fixture.regions[call.region]?.priceFactor ?? 1
  const points: SpotPrice[] = []
  for (const [type, t] of Object.entries(call.fixture.instanceTypes)) {
    if (input.InstanceTypes?.length && !input.InstanceTypes.includes(type as never)) continue
    for (const zone of zones) {
      if (input.AvailabilityZone && zone !== input.AvailabilityZone) continue
      const linux = spotPriceIn(call.fixture, call.region, zone, type)
      if (linux === undefined) continue
      for (const product of PRODUCTS) {
        if (input.ProductDescriptions?.length && !input.ProductDescriptions.includes(product)) continue
        const price = product.startsWith('Windows')
          ? Math.round((linux + windowsPerVcpuHour * t.vcpus * factor) * 10_000) / 10_000
          : linux
        const point: SpotPrice = {
          AvailabilityZone: zone,
          InstanceType: type as SpotPrice['InstanceType'],
          ProductDescription: product,
          SpotPrice: price.toFixed(6),
          Timestamp: since,
        }
        const fields = {
          'availability-zone': [zone],
          'instance-type': [type],
          'product-description': [product],
          'spot-price': [point.SpotPrice],
          timestamp: [since.toISOString()],
        }
        if (matchesFilters(fields, {}, input.Filters)) points.push(point)
      }
    }
  }
  const { page, NextToken } = paginateEc2(points, input)
  return { SpotPriceHistory: page, NextToken: NextToken ?? '' }
}
