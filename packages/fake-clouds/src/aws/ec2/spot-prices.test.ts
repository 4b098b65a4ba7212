import { DescribeSpotPriceHistoryCommand, DescribeSubnetsCommand, RunInstancesCommand } from '@aws-sdk/client-ec2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeClouds } from '../../index.ts'
import { spotPriceIn } from '../fixture.ts'
import { AMI, clientsFor, errorOf, FIXTURE, startFastFake } from '../testing.ts'

let fake: FakeClouds
beforeAll(async () => {
  fake = await startFastFake()
})
afterAll(() => fake.close())

describe('EC2 DescribeSpotPriceHistory', () => {
  it('reports the fixture spot price of a type per AZ', async () => {
    const { ec2 } = clientsFor(fake)
    const res = await ec2.send(
      new DescribeSpotPriceHistoryCommand({ InstanceTypes: ['m5.large'], ProductDescriptions: ['Linux/UNIX'] }),
    )
    const listed = FIXTURE.instanceTypes['m5.large']!.spotPrice!
    expect(Object.fromEntries(res.SpotPriceHistory!.map((p) => [p.AvailabilityZone, Number(p.SpotPrice)]))).toEqual(
      listed,
    )
    for (const p of res.SpotPriceHistory!) {
      expect(p.SpotPrice).toMatch(/^\d+\.\d{6}$/)
      expect(p.ProductDescription).toBe('Linux/UNIX')
      expect(p.Timestamp!.getTime()).toBeLessThanOrEqual(Date.now())
    }
  })

  it('derives the price where the fixture lists none, only in AZs offering the type', async () => {
    const { ec2 } = clientsFor(fake, { region: 'eu-west-1' })
    const res = await ec2.send(
      new DescribeSpotPriceHistoryCommand({
        InstanceTypes: ['r5.large'],
        Filters: [{ Name: 'product-description', Values: ['Linux/UNIX'] }],
      }),
    )
    expect(res.SpotPriceHistory!.map((p) => p.AvailabilityZone).sort()).toEqual(['eu-west-1a', 'eu-west-1b'])
    for (const p of res.SpotPriceHistory!) {
      expect(Number(p.SpotPrice)).toBe(spotPriceIn(FIXTURE, 'eu-west-1', p.AvailabilityZone!, 'r5.large'))
    }
  })

  it('filters by AZ and product, prices Windows higher, and pages', async () => {
    const { ec2 } = clientsFor(fake)
    const az = await ec2.send(
      new DescribeSpotPriceHistoryCommand({ AvailabilityZone: 'us-east-1c', InstanceTypes: ['c5.large'] }),
    )
    expect(az.SpotPriceHistory!.map((p) => p.ProductDescription).sort()).toEqual([
      'Linux/UNIX',
      'Linux/UNIX (Amazon VPC)',
      'Windows',
      'Windows (Amazon VPC)',
    ])
    const price = (d: string) => Number(az.SpotPriceHistory!.find((p) => p.ProductDescription === d)!.SpotPrice)
    expect(price('Windows')).toBeGreaterThan(price('Linux/UNIX'))
    const seen: string[] = []
    let token: string | undefined
    do {
      const page = await ec2.send(
        new DescribeSpotPriceHistoryCommand({
          ProductDescriptions: ['Linux/UNIX'],
          Filters: [{ Name: 'instance-type', Values: ['m5.*'] }],
          MaxResults: 5,
          NextToken: token,
        }),
      )
      expect(page.SpotPriceHistory!.length).toBeLessThanOrEqual(5)
      seen.push(...page.SpotPriceHistory!.map((p) => `${p.InstanceType}/${p.AvailabilityZone}`))
      token = page.NextToken || undefined
    } while (token)
    expect(seen).toHaveLength(9)
    const old = await ec2.send(new DescribeSpotPriceHistoryCommand({ EndTime: new Date('2020-01-01T00:00:00Z') }))
    expect(old.SpotPriceHistory).toEqual([])
  })

  it('RunInstances checks a spot MaxPrice against the same per-AZ price', async () => {
    const { ec2 } = clientsFor(fake)
    const subnetIn = async (zone: string) =>
      (
        await ec2.send(
          new DescribeSubnetsCommand({
            Filters: [
              { Name: 'availability-zone', Values: [zone] },
              { Name: 'map-public-ip-on-launch', Values: ['false'] },
            ],
          }),
        )
      ).Subnets![0]!.SubnetId!
    const prices = FIXTURE.instanceTypes['m5.large']!.spotPrice!
    // Between the cheapest AZ's price and the dearest one's.
    const maxPrice = ((prices['us-east-1a']! + prices['us-east-1b']!) / 2).toFixed(4)
    const launch = (subnetId: string) =>
      ec2.send(
        new RunInstancesCommand({
          ImageId: AMI,
          InstanceType: 'm5.large',
          MinCount: 1,
          MaxCount: 1,
          SubnetId: subnetId,
          InstanceMarketOptions: { MarketType: 'spot', SpotOptions: { MaxPrice: maxPrice } },
        }),
      )
    const cheap = await launch(await subnetIn('us-east-1a'))
    expect(cheap.Instances![0]!.InstanceLifecycle).toBe('spot')
    const dear = await errorOf(launch(await subnetIn('us-east-1b')))
    expect(dear.name).toBe('SpotMaxPriceTooLow')
    expect(dear.message).toContain(String(prices['us-east-1b']))
  })
})
