import { createRequire } from 'node:module'
import { AssumeRoleCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeClouds } from '../../index.ts'
import { onDemandPriceIn } from '../fixture.ts'
import { ADMIN, CONSOLE, clientsFor, errorOf, FIXTURE, startFastFake } from '../testing.ts'

/**
 * @aws-sdk/client-pricing is a dependency of packages/providers (the console's adapter), not of the
 * fake: these tests load that installed copy, typed by the little they use.
 */
interface PricingSdk {
  PricingClient: new (config: object) => { send(command: object): Promise<any>; destroy(): void }
  GetProductsCommand: new (input: object) => object
}
const pricing = createRequire(new URL('../../../../providers/package.json', import.meta.url))(
  '@aws-sdk/client-pricing',
) as PricingSdk

let fake: FakeClouds
beforeAll(async () => {
  fake = await startFastFake()
})
afterAll(() => fake.close())

function client(opts: { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string; region?: string } = {}) {
  return new pricing.PricingClient({
    region: opts.region ?? 'us-east-1',
    endpoint: fake.endpoints.aws.endpoint,
    credentials: {
      accessKeyId: opts.accessKeyId ?? ADMIN.accessKeyId,
      secretAccessKey: opts.secretAccessKey ?? ADMIN.secretAccessKey,
      ...(opts.sessionToken ? { sessionToken: opts.sessionToken } : {}),
    },
    maxAttempts: 1,
  })
}

const term = (Field: string, Value: string) => ({ Type: 'TERM_MATCH', Field, Value })
/** Exactly the filters of the console's adapter (packages/providers/src/aws/aws-pricing.ts). */
const adapterFilters = (region: string) => [
  term('regionCode', region),
  term('operatingSystem', 'Linux'),
  term('tenancy', 'Shared'),
  term('preInstalledSw', 'NA'),
  term('capacitystatus', 'Used'),
]

interface Doc {
  product: { attributes: Record<string, string>; sku: string; productFamily: string }
  serviceCode: string
  terms: {
    OnDemand: Record<string, { priceDimensions: Record<string, { unit: string; pricePerUnit: { USD: string } }> }>
  }
}

function parse(list: unknown[] | undefined): Doc[] {
  return (list ?? []).map((raw) => JSON.parse(String(raw)) as Doc)
}

function usd(doc: Doc): string {
  const [term] = Object.values(doc.terms.OnDemand)
  const [dimension] = Object.values(term!.priceDimensions)
  return dimension!.pricePerUnit.USD
}

/** Every page of a GetProducts query. */
async function allProducts(input: object, c = client()): Promise<Doc[]> {
  const out: Doc[] = []
  let token: string | undefined
  do {
    const res = await c.send(new pricing.GetProductsCommand({ ...input, NextToken: token }))
    expect(res.FormatVersion).toBe('aws_v1')
    out.push(...parse(res.PriceList))
    token = res.NextToken
  } while (token)
  return out
}

function offeredIn(region: string): string[] {
  const zones = FIXTURE.regions[region]!.zones
  return Object.entries(FIXTURE.instanceTypes)
    .filter(([, t]) => t.zones === 'all' || zones.some((z) => (t.zones as string[]).includes(z)))
    .map(([name]) => name)
    .sort()
}

describe('Price List API (pricing:GetProducts)', () => {
  it("answers the adapter's query with one Linux/Shared/Used product per offered type, priced as the fixture", async () => {
    for (const region of ['us-east-1', 'eu-west-1']) {
      const docs = await allProducts({
        ServiceCode: 'AmazonEC2',
        FormatVersion: 'aws_v1',
        MaxResults: 100,
        Filters: adapterFilters(region),
      })
      expect(docs.map((d) => d.product.attributes.instanceType).sort()).toEqual(offeredIn(region))
      for (const d of docs) {
        const type = d.product.attributes.instanceType!
        expect(d.serviceCode).toBe('AmazonEC2')
        expect(d.product.productFamily).toBe('Compute Instance')
        expect(d.product.attributes).toMatchObject({ regionCode: region, operatingSystem: 'Linux', tenancy: 'Shared' })
        expect(usd(d)).toMatch(/^\d+\.\d{10}$/)
        expect(Number(usd(d))).toBe(onDemandPriceIn(FIXTURE, region, type))
      }
    }
  })

  it('pages with MaxResults and NextToken, and refuses a token of another query', async () => {
    const c = client()
    const query = { ServiceCode: 'AmazonEC2', Filters: adapterFilters('us-east-1'), MaxResults: 4 }
    const first = await c.send(new pricing.GetProductsCommand(query))
    expect(first.PriceList).toHaveLength(4)
    expect(first.NextToken).toBeTruthy()
    const all = await allProducts(query, c)
    expect(all).toHaveLength(offeredIn('us-east-1').length)
    expect(new Set(all.map((d) => d.product.sku)).size).toBe(all.length)
    const other = await errorOf(
      c.send(
        new pricing.GetProductsCommand({ ...query, Filters: adapterFilters('eu-west-1'), NextToken: first.NextToken }),
      ),
    )
    expect(other.name).toBe('InvalidNextTokenException')
  })

  it('lists the other products too (Windows, Dedicated, capacity reservations), so filters matter', async () => {
    const docs = await allProducts({
      ServiceCode: 'AmazonEC2',
      Filters: [term('regionCode', 'us-east-1'), term('instanceType', 'm5.large')],
    })
    expect(docs).toHaveLength(12)
    const linux = onDemandPriceIn(FIXTURE, 'us-east-1', 'm5.large')!
    const pick = (os: string, tenancy: string, capacity: string) =>
      Number(
        usd(
          docs.find(
            (d) =>
              d.product.attributes.operatingSystem === os &&
              d.product.attributes.tenancy === tenancy &&
              d.product.attributes.capacitystatus === capacity,
          )!,
        ),
      )
    expect(pick('Linux', 'Shared', 'Used')).toBe(linux)
    expect(pick('Windows', 'Shared', 'Used')).toBeGreaterThan(linux)
    expect(pick('Linux', 'Dedicated', 'Used')).toBeGreaterThan(linux)
    expect(pick('Linux', 'Shared', 'AllocatedCapacityReservation')).toBe(0)
    const anyOf = await allProducts({
      ServiceCode: 'AmazonEC2',
      Filters: [
        term('regionCode', 'us-east-1'),
        { Type: 'ANY_OF', Field: 'instanceType', Value: 'm5.large,c5.large' },
        { Type: 'NONE_OF', Field: 'operatingSystem', Value: 'Windows' },
        { Type: 'EQUALS', Field: 'capacitystatus', Value: 'Used' },
        { Type: 'CONTAINS', Field: 'usagetype', Value: 'BoxUsage' },
      ],
    })
    expect(anyOf.map((d) => d.product.attributes.instanceType).sort()).toEqual(['c5.large', 'm5.large'])
  })

  it('refuses bad parameters, unknown services and identities without pricing:GetProducts', async () => {
    const c = client()
    const big = await errorOf(c.send(new pricing.GetProductsCommand({ ServiceCode: 'AmazonEC2', MaxResults: 500 })))
    expect(big.name).toBe('InvalidParameterException')
    const format = await errorOf(
      c.send(new pricing.GetProductsCommand({ ServiceCode: 'AmazonEC2', FormatVersion: 'aws_v2' })),
    )
    expect(format.name).toBe('InvalidParameterException')
    const unknown = await errorOf(c.send(new pricing.GetProductsCommand({ ServiceCode: 'AmazonNoSuchThing' })))
    expect(unknown.name).toBe('NotFoundException')
    const denied = await errorOf(
      client({ accessKeyId: CONSOLE.accessKeyId, secretAccessKey: CONSOLE.secretAccessKey }).send(
        new pricing.GetProductsCommand({ ServiceCode: 'AmazonEC2' }),
      ),
    )
    expect(denied.name).toBe('AccessDeniedException')
    const wrongSecret = await errorOf(
      client({ secretAccessKey: 'nope' }).send(new pricing.GetProductsCommand({ ServiceCode: 'AmazonEC2' })),
    )
    expect(wrongSecret.name).toBe('InvalidSignatureException')
  })

  it('is served in the Price List regions only', async () => {
    const err = await errorOf(
      client({ region: 'us-west-2' }).send(new pricing.GetProductsCommand({ ServiceCode: 'AmazonEC2' })),
    )
    expect(err.name).toBe('InvalidSignatureException')
    expect(err.message).toMatch(/valid region/)
  })

  it('answers temporary credentials from AssumeRole', async () => {
    const role = ADMIN.roles[0]!
    const { Credentials: c } = await clientsFor(fake, {
      accessKeyId: CONSOLE.accessKeyId,
      secretAccessKey: CONSOLE.secretAccessKey,
    }).sts.send(new AssumeRoleCommand({ RoleArn: role.arn, ExternalId: role.externalId, RoleSessionName: 'prices' }))
    const docs = await allProducts(
      { ServiceCode: 'AmazonEC2', Filters: adapterFilters('us-east-1') },
      client({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! }),
    )
    expect(docs).toHaveLength(offeredIn('us-east-1').length)
  })
})
