import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'
import {
  clearFaults,
  expectNoSecret,
  injectFault,
  readFixture,
  sandboxAccounts,
  sandboxProviders,
  seededSecrets,
  swapProviders,
} from '../cloud-accounts/test-support.ts'

let t: TestApp
let projectA: string
let projectB: string
let tencentUid: string
let awsUid: string
const tencent = readFixture('tencent.yaml')
const aws = readFixture('aws.yaml')

beforeAll(async () => {
  t = await createTestApp({}, { clouds: true })
  projectA = await t.createProject('alpha')
  projectB = await t.createProject('beta')
  const { tencent: tc, aws: aw } = sandboxAccounts(t)
  const inA = t.as(t.adminToken, { projectuid: projectA })
  const tRes = await inA.post('/v1/cloudaccounts/tencent', {
    metadata: { name: 'tencent-a' },
    spec: { secretId: tc.full.secretId, secretKey: tc.full.secretKey },
  })
  expect(tRes.statusCode, tRes.body).toBe(201)
  tencentUid = tRes.json().uid
  const aRes = await inA.post('/v1/cloudaccounts/aws', {
    metadata: { name: 'aws-a' },
    spec: { credentialType: 'secret', accessKey: aw.full.accessKey, secretKey: aw.full.secretKey, partition: 'aws' },
  })
  expect(aRes.statusCode, aRes.body).toBe(201)
  awsUid = aRes.json().uid
})
afterAll(async () => {
  await t?.close()
})
afterEach(async () => {
  await clearFaults(t)
  expectNoSecret(t.logs.join('\n'), seededSecrets(t))
})

const inA = () => t.as(t.adminToken, { projectuid: projectA })
async function items(url: string): Promise<any[]> {
  const res = await inA().get(url)
  expect(res.statusCode, res.body).toBe(200)
  expectNoSecret(res.body, seededSecrets(t))
  return res.json().items
}
const byCidr = (a: { cidrBlock: string }, b: { cidrBlock: string }) => a.cidrBlock.localeCompare(b.cidrBlock)

describe('Tencent inventory through the real SDK against the fake cloud', () => {
  const region = tencent.regions[0]
  const q = () => `cloudAccountUid=${tencentUid}`

  it('lists regions and zones as the fixture seeds them', async () => {
    const regions = await items(`/v1/clouds/tencent/regions?${q()}`)
    expect(regions.map((r) => [r.name, r.displayName]).sort()).toEqual(
      tencent.regions.map((r: any) => [r.region, r.name]).sort(),
    )
    const zones = await items(`/v1/clouds/tencent/regions/${region.region}/zones?${q()}`)
    expect(zones.map((z) => ({ name: z.name, zoneId: z.zoneId }))).toEqual(
      region.zones.map((z: any) => ({ name: z.zone, zoneId: z.zoneId })),
    )
  })

  it('lists the default VPC with its subnets, the key pairs and the security groups', async () => {
    const net = tencent.defaultNetwork
    const vpcs = await items(`/v1/clouds/tencent/vpcs?${q()}&region=${region.region}`)
    expect(vpcs).toHaveLength(1)
    expect(vpcs[0]).toMatchObject({ name: net.vpc.name, cidrBlock: net.vpc.cidr })
    expect(vpcs[0].subnets.map((s: any) => ({ name: s.name, az: s.az, cidrBlock: s.cidrBlock })).sort(byCidr)).toEqual(
      net.subnets
        .map((s: any) => ({ name: s.name, az: region.zones[s.zoneIndex].zone, cidrBlock: s.cidr }))
        .sort(byCidr),
    )
    const keys = await items(`/v1/clouds/tencent/keypairs?${q()}&region=${region.region}`)
    expect(keys.map((k) => [k.name, k.publickey]).sort()).toEqual(
      net.keyPairs.map((k: any) => [k.name, k.publicKey]).sort(),
    )
    const groups = await items(`/v1/clouds/tencent/securitygroups?${q()}&region=${region.region}`)
    expect(groups.map((g) => g.name).sort()).toEqual(net.securityGroups.map((g: any) => g.name).sort())
  })

  it('lists the instance types of a zone with prices, and filters by cpu, memory and gpu', async () => {
    const zone = region.zones[0].zone
    const base = `/v1/clouds/tencent/instancetypes?${q()}&region=${region.region}&zone=${zone}`
    const sold = tencent.instanceTypes.filter((it: any) => !it.zoneIndexes || it.zoneIndexes.includes(0))
    const all = await items(base)
    expect(all.map((it) => [it.type, it.cpu, it.memory, it.gpu, it.price, it.spotPrice]).sort()).toEqual(
      sold.map((it: any) => [it.type, it.cpu, it.memory, it.gpu, it.price, it.spotPrice]).sort(),
    )
    expect(all.every((it) => it.zone === zone && it.currency === 'CNY')).toBe(true)

    const gpu = await items(`${base}&gpuGtEq=1`)
    expect(gpu.map((it) => it.type).sort()).toEqual(
      sold
        .filter((it: any) => it.gpu >= 1)
        .map((it: any) => it.type)
        .sort(),
    )
    const big = await items(`${base}&cpuGtEq=8&memoryGtEq=16`)
    expect(big.map((it) => it.type).sort()).toEqual(
      sold
        .filter((it: any) => it.cpu >= 8 && it.memory >= 16)
        .map((it: any) => it.type)
        .sort(),
    )
  })

  it('needs the zone for instance types and a region for VPCs', async () => {
    const res = await inA().get(`/v1/clouds/tencent/instancetypes?${q()}&region=${region.region}`)
    expect(res.statusCode).toBe(400)
    expect(res.json().details.map((d: any) => d.path)).toContain('zone')
    expect((await inA().get(`/v1/clouds/tencent/vpcs?${q()}`)).statusCode).toBe(400)
    expect((await inA().get('/v1/clouds/tencent/regions')).statusCode).toBe(400)
  })
})

describe('AWS inventory through the real SDK against the fake cloud', () => {
  const region = 'us-east-1'
  const zones: string[] = aws.regions[region].zones
  const q = () => `cloudAccountUid=${awsUid}`

  it('lists regions and availability zones as the fixture seeds them', async () => {
    const regions = await items(`/v1/clouds/aws/regions?${q()}`)
    expect(regions.map((r) => r.name).sort()).toEqual(Object.keys(aws.regions).sort())
    const azs = await items(`/v1/clouds/aws/regions/${region}/availabilityzones?${q()}`)
    expect(azs.map((z) => z.name)).toEqual(zones)
  })

  it('lists the default VPC (public and private subnet per AZ) and the key pairs of the region', async () => {
    const vpcs = await items(`/v1/clouds/aws/vpcs?${q()}&region=${region}`)
    expect(vpcs).toHaveLength(1)
    expect(vpcs[0]).toMatchObject({ cidrBlock: aws.defaultVpc.cidr, isDefault: true })
    // The fixture's layout: public 172.31.<32·i>.0/20 and private 172.31.<32·i+16>.0/20 per AZ.
    const expected = zones.flatMap((az, i) => [
      { az, cidrBlock: `172.31.${32 * i}.0/20`, isPrivate: false },
      { az, cidrBlock: `172.31.${32 * i + 16}.0/20`, isPrivate: true },
    ])
    const subnets = vpcs[0].subnets.map((s: any) => ({ az: s.az, cidrBlock: s.cidrBlock, isPrivate: s.isPrivate }))
    expect(subnets.sort(byCidr)).toEqual(expected.sort(byCidr))
    const keys = await items(`/v1/clouds/aws/keypairs?${q()}&region=${region}`)
    expect(keys.map((k) => k.name).sort()).toEqual(
      aws.keyPairs
        .filter((k: any) => k.regions === 'all' || k.regions.includes(region))
        .map((k: any) => k.name)
        .sort(),
    )
    expect(keys.every((k) => k.fingerprint.length > 0)).toBe(true)
  })

  it('lists the instance types offered in the region with their AZs', async () => {
    const types = await items(`/v1/clouds/aws/instancetypes?${q()}&region=${region}`)
    const offered = Object.entries<any>(aws.instanceTypes)
      .map(([type, it]) => ({
        type,
        cpu: it.vcpus,
        memory: it.memoryMiB / 1024,
        gpu: it.gpus ?? 0,
        availabilityZones: it.zones === 'all' ? zones : zones.filter((z) => it.zones.includes(z)),
        price: Math.round(it.onDemandPrice * aws.regions[region].priceFactor * 1e4) / 1e4,
      }))
      .filter((it) => it.availabilityZones.length > 0)
    const got = types.map((it) => ({
      type: it.type,
      cpu: it.cpu,
      memory: it.memory,
      gpu: it.gpu,
      availabilityZones: [...it.availabilityZones].sort(),
    }))
    expect(got.sort((a, b) => a.type.localeCompare(b.type))).toEqual(
      offered.map(({ price: _p, ...it }) => it).sort((a, b) => a.type.localeCompare(b.type)),
    )
    // The fake has no Price List API yet: prices are null (unknown), never invented.
    for (const it of types) {
      const expected = offered.find((o) => o.type === it.type)?.price
      expect(it.price === null || it.price === expected).toBe(true)
      expect(it.currency).toBe('USD')
    }
  })
})

describe('inventory access and cloud failures', () => {
  it("refuses an account the caller's scope cannot see, and an account of the other cloud", async () => {
    const fromB = await t
      .as(t.adminToken, { projectuid: projectB })
      .get(`/v1/clouds/tencent/regions?cloudAccountUid=${tencentUid}`)
    expect(fromB.statusCode).toBe(404)
    const wrongCloud = await inA().get(`/v1/clouds/aws/regions?cloudAccountUid=${tencentUid}`)
    expect(wrongCloud.statusCode).toBe(422)
    expect(wrongCloud.json().message).toMatch(/not an AWS one/)
  })

  it('lets a Project Viewer read the inventory', async () => {
    const viewer = await t.createUserWithRole('Project Viewer', projectA)
    const res = await t
      .as(viewer.token, { projectuid: projectA })
      .get(`/v1/clouds/aws/regions?cloudAccountUid=${awsUid}`)
    expect(res.statusCode).toBe(200)
  })

  it('retries a throttled cloud call and answers once the throttling stops', async () => {
    const zones = tencent.regions[0].zones.map((z: any) => z.zone)
    await injectFault(t, { cloud: 'tencent', action: 'DescribeZones', errorRate: 1, errorCode: 'RequestLimitExceeded' })
    const waits: number[] = []
    const restore = swapProviders(
      t,
      sandboxProviders(t, async (ms) => {
        waits.push(ms)
        if (waits.length === 2) await clearFaults(t)
      }),
    )
    try {
      const got = await items(
        `/v1/clouds/tencent/regions/${tencent.regions[0].region}/zones?cloudAccountUid=${tencentUid}`,
      )
      expect(got.map((z) => z.name)).toEqual(zones)
      expect(waits).toHaveLength(2)
    } finally {
      restore()
    }
  })

  it('answers 502 naming the throttling when it persists past the retries', async () => {
    await injectFault(t, {
      cloud: 'aws',
      action: 'DescribeAvailabilityZones',
      errorRate: 1,
      errorCode: 'RequestLimitExceeded',
    })
    const restore = swapProviders(
      t,
      sandboxProviders(t, async () => {}),
    )
    try {
      const res = await inA().get(`/v1/clouds/aws/regions/us-east-2/availabilityzones?cloudAccountUid=${awsUid}`)
      expect(res.statusCode).toBe(502)
      expect(res.json()).toMatchObject({
        code: 'CloudUnavailable',
        details: { cloud: 'aws', kind: 'Throttled', cloudCode: 'RequestLimitExceeded' },
      })
      expect(res.json().message.length).toBeGreaterThan(10)
    } finally {
      restore()
    }
  })

  it('answers a permanent refusal at once as a 422 with the cloud’s reason, without retrying', async () => {
    await injectFault(t, { cloud: 'tencent', action: 'DescribeVpcs', errorRate: 1, errorCode: 'InvalidParameterValue' })
    const waits: number[] = []
    const restore = swapProviders(
      t,
      sandboxProviders(t, async (ms) => void waits.push(ms)),
    )
    try {
      const res = await inA().get(`/v1/clouds/tencent/vpcs?cloudAccountUid=${tencentUid}&region=ap-shanghai`)
      expect(res.statusCode).toBe(422)
      expect(res.json()).toMatchObject({
        code: 'CloudRequestRejected',
        details: {
          cloud: 'tencent',
          kind: 'InvalidRequest',
          cloudCode: 'InvalidParameterValue',
          action: 'DescribeVpcs',
        },
      })
      expect(waits).toEqual([])
    } finally {
      restore()
    }
  })
})
