import { createHash } from 'node:crypto'
import { type AwsFixture, isOffered, onDemandPriceIn } from '../fixture.ts'

/** One Price List product document (format aws_v1), as GetProducts returns it JSON-encoded. */
export interface PriceListProduct {
  product: { productFamily: string; attributes: Record<string, string>; sku: string }
  serviceCode: string
  terms: {
    OnDemand: Record<
      string,
      {
        priceDimensions: Record<
          string,
          {
            unit: string
            endRange: string
            description: string
            appliesTo: string[]
            rateCode: string
            beginRange: string
            pricePerUnit: Record<string, string>
          }
        >
        sku: string
        effectiveDate: string
        offerTermCode: string
        termAttributes: Record<string, string>
      }
    >
  }
  version: string
  publicationDate: string
}

/** AWS's display names and usage-type prefixes of the regions the fixture may name. */
const REGION_NAMES: Record<string, { location: string; prefix: string }> = {
  'us-east-1': { location: 'US East (N. Virginia)', prefix: '' },
  'us-east-2': { location: 'US East (Ohio)', prefix: 'USE2-' },
  'us-west-1': { location: 'US West (N. California)', prefix: 'USW1-' },
  'us-west-2': { location: 'US West (Oregon)', prefix: 'USW2-' },
  'eu-west-1': { location: 'EU (Ireland)', prefix: 'EU-' },
  'eu-central-1': { location: 'EU (Frankfurt)', prefix: 'EUC1-' },
  'ap-southeast-1': { location: 'Asia Pacific (Singapore)', prefix: 'APS1-' },
  'ap-northeast-1': { location: 'Asia Pacific (Tokyo)', prefix: 'APN1-' },
  'ap-south-1': { location: 'Asia Pacific (Mumbai)', prefix: 'APS3-' },
}

/** The on-demand offer term code and rate code AWS uses for every OnDemand term. */
const ON_DEMAND_TERM = 'JRTCKXETXF'
const HOURLY_RATE = '6YS6EN2CT7'

const FAMILIES: Record<string, string> = {
  t: 'General purpose',
  m: 'General purpose',
  c: 'Compute optimized',
  r: 'Memory optimized',
  g: 'GPU instance',
  p: 'GPU instance',
}

function sku(attributes: Record<string, string>): string {
  const digest = createHash('sha256').update(JSON.stringify(attributes)).digest()
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  return [...digest.subarray(0, 16)].map((b) => alphabet[b & 31]).join('')
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000
}

/**
 * Every AmazonEC2 "Compute Instance" product the fixture implies: per region and offered type,
 * Linux and Windows, Shared and Dedicated tenancy, and the three capacity statuses (Used,
 * UnusedCapacityReservation, AllocatedCapacityReservation — the last one priced 0, as AWS lists it).
 * Only Linux/Shared/NA/Used is the plain on-demand price; the others exist so a caller's filters matter.
 */
export function ec2Products(fixture: AwsFixture): PriceListProduct[] {
  const out: PriceListProduct[] = []
  const { windowsPerVcpuHour, dedicatedFactor, publicationDate } = fixture.priceList
  const version = publicationDate.replace(/[-:TZ]/g, '').slice(0, 14)
  for (const [region, r] of Object.entries(fixture.regions)) {
    const names = REGION_NAMES[region] ?? { location: region, prefix: `${region.toUpperCase()}-` }
    for (const [type, t] of Object.entries(fixture.instanceTypes)) {
      if (!r.zones.some((z) => isOffered(t, z))) continue
      const linux = onDemandPriceIn(fixture, region, type) ?? 0
      for (const os of ['Linux', 'Windows'] as const) {
        for (const tenancy of ['Shared', 'Dedicated'] as const) {
          for (const capacity of ['Used', 'UnusedCapacityReservation', 'AllocatedCapacityReservation'] as const) {
            let price = os === 'Windows' ? round4(linux + windowsPerVcpuHour * t.vcpus * r.priceFactor) : linux
            if (tenancy === 'Dedicated') price = round4(price * dedicatedFactor)
            if (capacity === 'AllocatedCapacityReservation') price = 0
            const usage =
              capacity === 'Used'
                ? tenancy === 'Shared'
                  ? 'BoxUsage'
                  : 'DedicatedUsage'
                : capacity === 'UnusedCapacityReservation'
                  ? tenancy === 'Shared'
                    ? 'UnusedBox'
                    : 'UnusedDed'
                  : tenancy === 'Shared'
                    ? 'Reservation'
                    : 'DedicatedRes'
            const attributes: Record<string, string> = {
              servicecode: 'AmazonEC2',
              servicename: 'Amazon Elastic Compute Cloud',
              location: names.location,
              locationType: 'AWS Region',
              regionCode: region,
              instanceType: type,
              instanceFamily: FAMILIES[type.charAt(0)] ?? 'General purpose',
              currentGeneration: 'Yes',
              vcpu: String(t.vcpus),
              memory: `${t.memoryMiB / 1024} GiB`,
              gpu: String(t.gpus ?? 0),
              storage: 'EBS only',
              networkPerformance: 'Up to 10 Gigabit',
              processorArchitecture: '64-bit',
              tenancy,
              operatingSystem: os,
              licenseModel: 'No License required',
              preInstalledSw: 'NA',
              capacitystatus: capacity,
              marketoption: 'OnDemand',
              usagetype: `${names.prefix}${usage}:${type}`,
              operation: os === 'Linux' ? 'RunInstances' : 'RunInstances:0002',
              availabilityzone: 'NA',
            }
            const id = sku(attributes)
            const rateCode = `${id}.${ON_DEMAND_TERM}.${HOURLY_RATE}`
            const what =
              capacity === 'AllocatedCapacityReservation'
                ? `$0.00 per Reservation ${os} ${type} Instance Hour`
                : `$${price} per ${capacity === 'Used' ? 'On Demand' : 'Unused Reservation'} ${os} ${type} Instance Hour`
            out.push({
              product: { productFamily: 'Compute Instance', attributes, sku: id },
              serviceCode: 'AmazonEC2',
              terms: {
                OnDemand: {
                  [`${id}.${ON_DEMAND_TERM}`]: {
                    priceDimensions: {
                      [rateCode]: {
                        unit: 'Hrs',
                        endRange: 'Inf',
                        description: what,
                        appliesTo: [],
                        rateCode,
                        beginRange: '0',
                        pricePerUnit: { USD: price.toFixed(10) },
                      },
                    },
                    sku: id,
                    effectiveDate: publicationDate,
                    offerTermCode: ON_DEMAND_TERM,
                    termAttributes: {},
                  },
                },
              },
              version,
              publicationDate,
            })
          }
        }
      }
    }
  }
  return out
}
