import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeClouds, startFakeClouds } from '../index.ts'
import { errorCode, tencentAccounts, tencentClients } from './test-support.ts'

describe('tencent: VPC and CVM reads through tencentcloud-sdk-nodejs', () => {
  let fake: FakeClouds
  let clients: ReturnType<typeof tencentClients>

  beforeAll(async () => {
    fake = await startFakeClouds({ port: 0, timeScale: 1000 })
    clients = tencentClients(fake, tencentAccounts(fake)[0])
  })
  afterAll(() => fake.close())

  it('lists the default VPC with subnets in several zones', async () => {
    const vpcs = await clients.vpc.DescribeVpcs({})
    expect(vpcs.TotalCount).toBe(1)
    const vpc = vpcs.VpcSet![0]!
    expect(vpc).toMatchObject({ VpcName: 'Default-VPC', CidrBlock: '172.16.0.0/16', IsDefault: true })
    expect(vpc.VpcId).toMatch(/^vpc-[a-z0-9]{8}$/)
    expect(vpc.CreatedTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)

    const subnets = await clients.vpc.DescribeSubnets({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] })
    expect(subnets.TotalCount).toBe(3)
    expect(new Set(subnets.SubnetSet!.map((s) => s.Zone))).toEqual(
      new Set(['ap-guangzhou-3', 'ap-guangzhou-4', 'ap-guangzhou-6']),
    )
    expect(subnets.SubnetSet![0]).toMatchObject({
      VpcId: vpc.VpcId,
      CidrBlock: '172.16.0.0/20',
      TotalIpAddressCount: 4091,
    })
    const inZone = await clients.vpc.DescribeSubnets({ Filters: [{ Name: 'zone', Values: ['ap-guangzhou-4'] }] })
    expect(inZone.SubnetSet!.map((s) => s.SubnetName)).toEqual(['Default-Subnet-b'])
  })

  it('accepts the SDK in GET mode (flattened query parameters, signed query string)', async () => {
    const { vpc } = await import('tencentcloud-sdk-nodejs/tencentcloud/services/vpc')
    const viaGet = new vpc.v20170312.Client({
      credential: tencentAccounts(fake)[0],
      region: 'ap-guangzhou',
      profile: { httpProfile: { ...fake.endpoints.tencent, reqMethod: 'GET' } },
    })
    const subnets = await viaGet.DescribeSubnets({ Filters: [{ Name: 'zone', Values: ['ap-guangzhou-6'] }] })
    expect(subnets.SubnetSet!.map((s) => s.SubnetName)).toEqual(['Default-Subnet-c'])
  })

  it('keeps each region and account apart', async () => {
    const shanghai = tencentClients(fake, tencentAccounts(fake)[0], 'ap-shanghai')
    const other = tencentClients(fake, tencentAccounts(fake)[1])
    const gz = (await clients.vpc.DescribeVpcs({})).VpcSet![0]!.VpcId
    const sh = (await shanghai.vpc.DescribeVpcs({})).VpcSet![0]!.VpcId
    const otherGz = (await other.vpc.DescribeVpcs({})).VpcSet![0]!.VpcId
    expect(new Set([gz, sh, otherGz]).size).toBe(3)
    const zones = (await shanghai.vpc.DescribeSubnets({})).SubnetSet!.map((s) => s.Zone)
    expect(zones.every((z) => z?.startsWith('ap-shanghai-'))).toBe(true)
  })

  it('answers ResourceNotFound for unknown ids and Malformed for bad ones', async () => {
    expect(await errorCode(clients.vpc.DescribeVpcs({ VpcIds: ['vpc-00000000'] }))).toBe('ResourceNotFound')
    expect(await errorCode(clients.vpc.DescribeSubnets({ SubnetIds: ['subnet-00000000'] }))).toBe('ResourceNotFound')
    expect(await errorCode(clients.vpc.DescribeVpcs({ VpcIds: ['not-an-id'] }))).toBe('InvalidParameterValue.Malformed')
    expect(await errorCode(clients.vpc.DescribeVpcs({ Filters: [{ Name: 'colour', Values: ['x'] }] }))).toBe(
      'InvalidParameterValue',
    )
  })

  it('lists security groups, one of which opens 443 to IPv4 and IPv6', async () => {
    const groups = await clients.vpc.DescribeSecurityGroups({})
    expect(groups.TotalCount).toBe(2)
    const https = groups.SecurityGroupSet!.find((g) => g.SecurityGroupName === 'tke-https')!
    expect(https.SecurityGroupId).toMatch(/^sg-[a-z0-9]{8}$/)
    const policies = await clients.vpc.DescribeSecurityGroupPolicies({ SecurityGroupId: https.SecurityGroupId })
    const ingress = policies.SecurityGroupPolicySet!.Ingress!
    expect(
      ingress.filter((r) => r.Port === '443' && r.Action === 'ACCEPT').map((r) => r.CidrBlock || r.Ipv6CidrBlock),
    ).toEqual(['0.0.0.0/0', '::/0'])
    const plain = groups.SecurityGroupSet!.find((g) => g.SecurityGroupName === 'default')!
    const plainRules = await clients.vpc.DescribeSecurityGroupPolicies({ SecurityGroupId: plain.SecurityGroupId })
    expect(plainRules.SecurityGroupPolicySet!.Ingress!.some((r) => r.Port === '443')).toBe(false)
  })

  it('lists the NAT gateway and a main route table that sends 0.0.0.0/0 to it', async () => {
    const vpcId = (await clients.vpc.DescribeVpcs({})).VpcSet![0]!.VpcId
    const nats = await clients.vpc.DescribeNatGateways({ Filters: [{ Name: 'vpc-id', Values: [vpcId!] }] })
    expect(nats.TotalCount).toBe(1)
    const nat = nats.NatGatewaySet![0]!
    expect(nat).toMatchObject({ State: 'AVAILABLE', VpcId: vpcId, Zone: 'ap-guangzhou-3' })
    expect(nat.PublicIpAddressSet![0]!.PublicIpAddress).toMatch(/^203\.0\.113\.\d+$/)

    const tables = await clients.vpc.DescribeRouteTables({ Filters: [{ Name: 'vpc-id', Values: [vpcId!] }] })
    const table = tables.RouteTableSet![0]!
    expect(table.Main).toBe(true)
    expect(table.AssociationSet).toHaveLength(3)
    expect(table.RouteSet!.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')).toMatchObject({
      GatewayType: 'NAT',
      GatewayId: nat.NatGatewayId,
    })
  })

  it('lists regions, zones and key pairs', async () => {
    const regions = await clients.cvm.DescribeRegions()
    expect(regions.RegionSet!.map((r) => r.Region)).toEqual(
      expect.arrayContaining(['ap-guangzhou', 'ap-shanghai', 'ap-singapore', 'na-siliconvalley']),
    )
    expect(regions.RegionSet!.every((r) => r.RegionState === 'AVAILABLE')).toBe(true)
    const zones = await clients.cvm.DescribeZones()
    expect(zones.ZoneSet![0]).toEqual({
      Zone: 'ap-guangzhou-3',
      ZoneName: 'Guangzhou Zone 3',
      ZoneId: '100003',
      ZoneState: 'AVAILABLE',
    })
    const keys = await clients.cvm.DescribeKeyPairs({})
    expect(keys.KeyPairSet!.map((k) => k.KeyName)).toEqual(['console_admin', 'ops_team'])
    expect(keys.KeyPairSet![0]!.PublicKey).toMatch(/^ssh-ed25519 /)
    const one = await clients.cvm.DescribeKeyPairs({ Filters: [{ Name: 'key-name', Values: ['ops_team'] }] })
    expect(one.TotalCount).toBe(1)
    expect(await errorCode(clients.cvm.DescribeKeyPairs({ KeyIds: ['skey-00000000'] }))).toBe('InvalidKeyPair.NotFound')
  })

  it('lists instance types with on-demand and spot prices, filterable by zone, type and charge type', async () => {
    const all = await clients.cvm.DescribeZoneInstanceConfigInfos({})
    const types = new Set(all.InstanceTypeQuotaSet!.map((t) => t.InstanceType))
    expect(types).toEqual(
      new Set(['S5.MEDIUM4', 'S5.LARGE8', 'S5.2XLARGE16', 'SA2.LARGE16', 'M5.LARGE32', 'GN7.2XLARGE32']),
    )
    const s5 = await clients.cvm.DescribeZoneInstanceConfigInfos({
      Filters: [
        { Name: 'zone', Values: ['ap-guangzhou-3'] },
        { Name: 'instance-type', Values: ['S5.LARGE8'] },
      ],
    })
    const onDemand = s5.InstanceTypeQuotaSet!.find((t) => t.InstanceChargeType === 'POSTPAID_BY_HOUR')!
    const spot = s5.InstanceTypeQuotaSet!.find((t) => t.InstanceChargeType === 'SPOTPAID')!
    expect(onDemand).toMatchObject({
      Cpu: 4,
      Memory: 8,
      Status: 'SELL',
      Price: { UnitPrice: 0.64, UnitPriceDiscount: 0.64, ChargeUnit: 'HOUR' },
    })
    expect(spot.Price).toMatchObject({ UnitPrice: 0.64, UnitPriceDiscount: 0.14 })
    // The GPU type is sold in two of the three zones only.
    const gpu = await clients.cvm.DescribeZoneInstanceConfigInfos({
      Filters: [
        { Name: 'instance-family', Values: ['GN7'] },
        { Name: 'instance-charge-type', Values: ['POSTPAID_BY_HOUR'] },
      ],
    })
    expect(gpu.InstanceTypeQuotaSet!.map((t) => t.Zone)).toEqual(['ap-guangzhou-3', 'ap-guangzhou-4'])
    expect(gpu.InstanceTypeQuotaSet![0]!.Gpu).toBe(1)
  })
})
