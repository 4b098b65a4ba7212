import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteNatGatewayCommand,
  DeleteRouteTableCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeAddressesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  paginateDescribeSubnets,
  ReleaseAddressCommand,
} from '@aws-sdk/client-ec2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeClouds } from '../../index.ts'
import { type AwsClients, clientsFor, errorOf, eventually, FIXTURE, startFastFake } from '../testing.ts'

let fake: FakeClouds
let aws: AwsClients
beforeAll(async () => {
  fake = await startFastFake()
  aws = clientsFor(fake, { region: 'us-east-2' })
})
afterAll(() => fake.close())

const OWNED = { Key: 'sigs.k8s.io/cluster-api-provider-aws/cluster/demo', Value: 'owned' }

function liveAwsResources(): Array<{ type: string; id: string; tags: Record<string, string> }> {
  return fake.store.list({ cloud: 'aws' }).filter((r) => !r.seeded)
}

describe('EC2 seeded network', () => {
  it('has one default VPC per region with a public and a private subnet per AZ', async () => {
    const { Vpcs } = await aws.ec2.send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
    )
    expect(Vpcs).toHaveLength(1)
    expect(Vpcs![0]!.CidrBlock).toBe(FIXTURE.defaultVpc.cidr)
    const { Subnets } = await aws.ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [Vpcs![0]!.VpcId!] }] }),
    )
    const zones = FIXTURE.regions['us-east-2']!.zones
    expect(Subnets).toHaveLength(zones.length * 2)
    expect(new Set(Subnets!.map((s) => s.AvailabilityZone))).toEqual(new Set(zones))
    expect(Subnets!.filter((s) => s.MapPublicIpOnLaunch)).toHaveLength(zones.length)
    expect(Subnets![0]!.AvailableIpAddressCount).toBe(4096 - 5)
  })

  it('tags the subnets of the first AZs for load-balancer discovery, and only those', async () => {
    const { Subnets } = await aws.ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:kubernetes.io/role/elb', Values: ['1'] }] }),
    )
    expect(Subnets!.map((s) => s.AvailabilityZone).sort()).toEqual(['us-east-2a', 'us-east-2b'])
    expect(Subnets!.every((s) => s.MapPublicIpOnLaunch)).toBe(true)
    const internal = await aws.ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'tag-key', Values: ['kubernetes.io/role/internal-elb'] }] }),
    )
    expect(internal.Subnets).toHaveLength(2)
    const untagged = await aws.ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'availability-zone', Values: ['us-east-2c'] }] }),
    )
    expect(untagged.Subnets!.every((s) => !s.Tags!.some((t) => t.Key!.startsWith('kubernetes.io/role')))).toBe(true)
  })

  it('supports wildcards and rejects unknown filter names', async () => {
    const { Subnets } = await aws.ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:Name', Values: ['default-private-*'] }] }),
    )
    expect(Subnets!.every((s) => !s.MapPublicIpOnLaunch)).toBe(true)
    expect(Subnets!.length).toBe(3)
    const err = await errorOf(
      aws.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })),
    )
    expect(err.name).toBe('InvalidParameterValue')
  })
})

describe('EC2 pagination', () => {
  it('pages with MaxResults/NextToken so the SDK paginators collect everything', async () => {
    const pages: number[] = []
    const ids: string[] = []
    for await (const page of paginateDescribeSubnets({ client: aws.ec2, pageSize: 5 }, {})) {
      pages.push(page.Subnets!.length)
      ids.push(...page.Subnets!.map((s) => s.SubnetId!))
    }
    expect(pages).toEqual([5, 1])
    expect(new Set(ids).size).toBe(6)
    const tooSmall = await errorOf(aws.ec2.send(new DescribeSubnetsCommand({ MaxResults: 2 })))
    expect(tooSmall.name).toBe('InvalidParameterValue')
  })
})

describe('EC2 network lifecycle (what a cluster build does)', () => {
  it('builds a VPC with public/private subnets, IGW, NAT and routes, then tears it all down', async () => {
    const tags = (type: 'vpc' | 'subnet' | 'internet-gateway' | 'natgateway' | 'route-table' | 'elastic-ip') => [
      { ResourceType: type, Tags: [OWNED, { Key: 'Name', Value: `demo-${type}` }] },
    ]
    const { Vpc } = await aws.ec2.send(
      new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: tags('vpc') }),
    )
    expect(Vpc!.VpcId).toMatch(/^vpc-[0-9a-f]{17}$/)
    expect(Vpc!.IsDefault).toBe(false)
    const vpcId = Vpc!.VpcId!

    const found = await aws.ec2.send(
      new DescribeVpcsCommand({ Filters: [{ Name: `tag:${OWNED.Key}`, Values: ['owned'] }] }),
    )
    expect(found.Vpcs!.map((v) => v.VpcId)).toEqual([vpcId])

    const pub = await aws.ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: '10.0.0.0/24',
        AvailabilityZone: 'us-east-2a',
        TagSpecifications: tags('subnet'),
      }),
    )
    const priv = await aws.ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-2a' }),
    )
    expect(pub.Subnet!.AvailabilityZoneId).toBe('use2-az1')
    expect(pub.Subnet!.Tags).toContainEqual(OWNED)

    const overlap = await errorOf(
      aws.ec2.send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.0.128/25', AvailabilityZone: 'us-east-2b' }),
      ),
    )
    expect(overlap.name).toBe('InvalidSubnet.Conflict')
    const outside = await errorOf(
      aws.ec2.send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '192.168.0.0/24', AvailabilityZone: 'us-east-2b' }),
      ),
    )
    expect(outside.name).toBe('InvalidSubnet.Range')
    const badZone = await errorOf(
      aws.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.9.0/24', AvailabilityZone: 'us-west-2a' })),
    )
    expect(badZone.name).toBe('InvalidParameterValue')

    const { InternetGateway } = await aws.ec2.send(
      new CreateInternetGatewayCommand({ TagSpecifications: tags('internet-gateway') }),
    )
    const igwId = InternetGateway!.InternetGatewayId!
    expect(InternetGateway!.Attachments).toEqual([])
    await aws.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }))
    const again = await errorOf(
      aws.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId })),
    )
    expect(again.name).toBe('Resource.AlreadyAssociated')
    const igws = await aws.ec2.send(
      new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }),
    )
    expect(igws.InternetGateways!.map((g) => g.InternetGatewayId)).toEqual([igwId])
    expect(igws.InternetGateways![0]!.Attachments![0]!.VpcId).toBe(vpcId)

    const eip = await aws.ec2.send(new AllocateAddressCommand({ Domain: 'vpc', TagSpecifications: tags('elastic-ip') }))
    expect(eip.AllocationId).toMatch(/^eipalloc-/)
    expect(eip.PublicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/)

    const { NatGateway } = await aws.ec2.send(
      new CreateNatGatewayCommand({
        SubnetId: pub.Subnet!.SubnetId,
        AllocationId: eip.AllocationId,
        TagSpecifications: tags('natgateway'),
      }),
    )
    expect(NatGateway!.State).toBe('pending')
    const natId = NatGateway!.NatGatewayId!
    await eventually(async () => {
      const { NatGateways } = await aws.ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [natId] }))
      return NatGateways![0]!.State === 'available' ? true : undefined
    })
    const held = await aws.ec2.send(new DescribeAddressesCommand({ AllocationIds: [eip.AllocationId!] }))
    expect(held.Addresses![0]!.AssociationId).toMatch(/^eipassoc-/)
    const inUse = await errorOf(aws.ec2.send(new ReleaseAddressCommand({ AllocationId: eip.AllocationId })))
    expect(inUse.name).toBe('InvalidIPAddress.InUse')

    const pubRt = await aws.ec2.send(
      new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: tags('route-table') }),
    )
    const privRt = await aws.ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))
    const pubRtId = pubRt.RouteTable!.RouteTableId!
    const privRtId = privRt.RouteTable!.RouteTableId!
    expect(pubRt.RouteTable!.Routes).toEqual([
      expect.objectContaining({ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' }),
    ])
    await aws.ec2.send(
      new CreateRouteCommand({ RouteTableId: pubRtId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }),
    )
    await aws.ec2.send(
      new CreateRouteCommand({ RouteTableId: privRtId, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: natId }),
    )
    const dupRoute = await errorOf(
      aws.ec2.send(
        new CreateRouteCommand({ RouteTableId: pubRtId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }),
      ),
    )
    expect(dupRoute.name).toBe('RouteAlreadyExists')
    const assoc = await aws.ec2.send(
      new AssociateRouteTableCommand({ RouteTableId: pubRtId, SubnetId: pub.Subnet!.SubnetId }),
    )
    expect(assoc.AssociationId).toMatch(/^rtbassoc-/)
    const privAssoc = await aws.ec2.send(
      new AssociateRouteTableCommand({ RouteTableId: privRtId, SubnetId: priv.Subnet!.SubnetId }),
    )
    const tables = await aws.ec2.send(
      new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [pub.Subnet!.SubnetId!] }] }),
    )
    expect(tables.RouteTables!.map((t) => t.RouteTableId)).toEqual([pubRtId])
    expect(tables.RouteTables![0]!.Routes).toContainEqual(
      expect.objectContaining({ DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }),
    )
    const main = await aws.ec2.send(
      new DescribeRouteTablesCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: 'association.main', Values: ['true'] },
        ],
      }),
    )
    expect(main.RouteTables).toHaveLength(1)

    // Deleting the VPC now must fail: everything above depends on it.
    const blocked = await errorOf(aws.ec2.send(new DeleteVpcCommand({ VpcId: vpcId })))
    expect(blocked.name).toBe('DependencyViolation')
    const rtInUse = await errorOf(aws.ec2.send(new DeleteRouteTableCommand({ RouteTableId: pubRtId })))
    expect(rtInUse.name).toBe('DependencyViolation')
    const subnetInUse = await errorOf(aws.ec2.send(new DeleteSubnetCommand({ SubnetId: pub.Subnet!.SubnetId })))
    expect(subnetInUse.name).toBe('DependencyViolation')

    // Tear down in the order a console would.
    const del = await aws.ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: natId }))
    expect(del.NatGatewayId).toBe(natId)
    await eventually(async () => {
      const { NatGateways } = await aws.ec2.send(
        new DescribeNatGatewaysCommand({ Filter: [{ Name: 'nat-gateway-id', Values: [natId] }] }),
      )
      return NatGateways!.length === 0 || NatGateways![0]!.State === 'deleted' ? true : undefined
    })
    const blackhole = await aws.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [privRtId] }))
    expect(blackhole.RouteTables![0]!.Routes).toContainEqual(
      expect.objectContaining({ NatGatewayId: natId, State: 'blackhole' }),
    )
    await aws.ec2.send(new ReleaseAddressCommand({ AllocationId: eip.AllocationId }))
    const attached = await errorOf(aws.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igwId })))
    expect(attached.name).toBe('DependencyViolation')
    await aws.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }))
    const notAttached = await errorOf(
      aws.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId })),
    )
    expect(notAttached.name).toBe('Gateway.NotAttached')
    await aws.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igwId }))
    await aws.ec2.send(new DeleteSubnetCommand({ SubnetId: pub.Subnet!.SubnetId }))
    await aws.ec2.send(new DisassociateRouteTableCommand({ AssociationId: privAssoc.AssociationId }))
    const privTable = await aws.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [privRtId] }))
    expect(privTable.RouteTables![0]!.Associations).toEqual([])
    const unknownAssoc = await errorOf(
      aws.ec2.send(new DisassociateRouteTableCommand({ AssociationId: privAssoc.AssociationId })),
    )
    expect(unknownAssoc.name).toBe('InvalidAssociationID.NotFound')
    await aws.ec2.send(new DeleteSubnetCommand({ SubnetId: priv.Subnet!.SubnetId }))
    await aws.ec2.send(new DeleteRouteTableCommand({ RouteTableId: pubRtId }))
    await aws.ec2.send(new DeleteRouteTableCommand({ RouteTableId: privRtId }))
    await aws.ec2.send(new DeleteVpcCommand({ VpcId: vpcId }))

    const gone = await errorOf(aws.ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] })))
    expect(gone.name).toBe('InvalidVpcID.NotFound')
    await eventually(async () => (liveAwsResources().length === 0 ? true : undefined))
  })

  it('answers the real not-found codes for unknown ids', async () => {
    const cases: Array<[Promise<unknown>, string]> = [
      [aws.ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-00000000000000000'] })), 'InvalidVpcID.NotFound'],
      [
        aws.ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-00000000000000000'] })),
        'InvalidSubnetID.NotFound',
      ],
      [
        aws.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: 'igw-00000000000000000' })),
        'InvalidInternetGatewayID.NotFound',
      ],
      [
        aws.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: ['rtb-00000000000000000'] })),
        'InvalidRouteTableID.NotFound',
      ],
      [aws.ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: 'nat-00000000000000000' })), 'NatGatewayNotFound'],
      [
        aws.ec2.send(new ReleaseAddressCommand({ AllocationId: 'eipalloc-00000000000000000' })),
        'InvalidAllocationID.NotFound',
      ],
      [
        aws.ec2.send(new CreateSubnetCommand({ VpcId: 'vpc-00000000000000000', CidrBlock: '10.0.0.0/24' })),
        'InvalidVpcID.NotFound',
      ],
    ]
    for (const [call, code] of cases) {
      const err = await errorOf(call)
      expect(err.name).toBe(code)
      expect(err.$metadata?.httpStatusCode).toBe(400)
    }
  })

  it('enforces the fixture quotas: VPCs per region and Elastic IPs', async () => {
    const region = clientsFor(fake, { region: 'eu-west-1' })
    const created: string[] = []
    // The default VPC counts towards the limit, as in AWS.
    for (let i = 1; i < FIXTURE.quotas.vpcsPerRegion!; i++) {
      const { Vpc } = await region.ec2.send(new CreateVpcCommand({ CidrBlock: `10.${i}.0.0/16` }))
      created.push(Vpc!.VpcId!)
    }
    const over = await errorOf(region.ec2.send(new CreateVpcCommand({ CidrBlock: '10.99.0.0/16' })))
    expect(over.name).toBe('VpcLimitExceeded')
    for (const id of created) await region.ec2.send(new DeleteVpcCommand({ VpcId: id }))

    const eips: string[] = []
    for (let i = 0; i < FIXTURE.quotas.elasticIpsPerRegion!; i++) {
      eips.push((await region.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId!)
    }
    const noMore = await errorOf(region.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' })))
    expect(noMore.name).toBe('AddressLimitExceeded')
    for (const id of eips) await region.ec2.send(new ReleaseAddressCommand({ AllocationId: id }))
    expect(liveAwsResources()).toEqual([])
  })

  it('keeps regions and accounts apart', async () => {
    const { Vpc } = await aws.ec2.send(new CreateVpcCommand({ CidrBlock: '10.7.0.0/16' }))
    const other = clientsFor(fake, { region: 'us-west-2' })
    const err = await errorOf(other.ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] })))
    expect(err.name).toBe('InvalidVpcID.NotFound')
    await aws.ec2.send(new DeleteVpcCommand({ VpcId: Vpc!.VpcId }))
  })
})
