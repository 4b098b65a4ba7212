import type {
  CreateSubnetRequest,
  CreateSubnetResult,
  CreateVpcRequest,
  CreateVpcResult,
  DeleteSubnetRequest,
  DeleteVpcRequest,
  DescribeSubnetsRequest,
  DescribeSubnetsResult,
  DescribeVpcAttributeRequest,
  DescribeVpcAttributeResult,
  DescribeVpcsRequest,
  DescribeVpcsResult,
  ModifySubnetAttributeRequest,
  ModifyVpcAttributeRequest,
  Subnet,
  Vpc,
} from '@aws-sdk/client-ec2'
import type { ResourceRecord } from '../../core/types.ts'
import {
  type AwsCall,
  AwsError,
  listResources,
  newId,
  putResource,
  quota,
  removeResource,
  tagsToList,
  updateResource,
} from '../call.ts'
import { contains, overlaps, parseCidr, usableAddresses } from './cidr.ts'
import { describeKind, type Ec2Kind, notFound, paginateEc2, requireResource } from './kind.ts'
import { tagsFor } from './tag-spec.ts'

export const vpcKind: Ec2Kind<Vpc> = {
  type: 'ec2.vpc',
  prefix: 'vpc',
  tagResourceType: 'vpc',
  notFound: notFound('InvalidVpcID.NotFound', "The vpc ID '{id}' does not exist"),
  view: (call, r) => ({
    VpcId: r.id,
    OwnerId: call.account.id,
    State: r.state as Vpc['State'],
    CidrBlock: r.attrs.cidrBlock as string,
    DhcpOptionsId: r.attrs.dhcpOptionsId as string,
    InstanceTenancy: 'default',
    IsDefault: r.attrs.isDefault === true,
    CidrBlockAssociationSet: [
      {
        AssociationId: r.attrs.cidrAssociationId as string,
        CidrBlock: r.attrs.cidrBlock as string,
        CidrBlockState: { State: 'associated' },
      },
    ],
    Tags: tagsToList(r.tags),
  }),
  fields: (_call, r) => ({
    'vpc-id': [r.id],
    state: [r.state],
    'cidr-block': [r.attrs.cidrBlock as string],
    cidr: [r.attrs.cidrBlock as string],
    'cidr-block-association.cidr-block': [r.attrs.cidrBlock as string],
    'is-default': [r.attrs.isDefault === true],
    'dhcp-options-id': [r.attrs.dhcpOptionsId as string],
    'owner-id': [r.account],
  }),
}

export const subnetKind: Ec2Kind<Subnet> = {
  type: 'ec2.subnet',
  prefix: 'subnet',
  tagResourceType: 'subnet',
  notFound: notFound('InvalidSubnetID.NotFound', "The subnet ID '{id}' does not exist"),
  view: (call, r) => ({
    SubnetId: r.id,
    SubnetArn: `arn:aws:ec2:${r.region}:${r.account}:subnet/${r.id}`,
    VpcId: r.attrs.vpcId as string,
    OwnerId: call.account.id,
    State: r.state as Subnet['State'],
    CidrBlock: r.attrs.cidrBlock as string,
    AvailabilityZone: r.attrs.availabilityZone as string,
    AvailabilityZoneId: r.attrs.availabilityZoneId as string,
    AvailableIpAddressCount: availableIps(call, r),
    DefaultForAz: r.attrs.defaultForAz === true,
    MapPublicIpOnLaunch: r.attrs.mapPublicIpOnLaunch === true,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: [],
    Tags: tagsToList(r.tags),
  }),
  fields: (_call, r) => ({
    'subnet-id': [r.id],
    'vpc-id': [r.attrs.vpcId as string],
    state: [r.state],
    'availability-zone': [r.attrs.availabilityZone as string],
    'availability-zone-id': [r.attrs.availabilityZoneId as string],
    'cidr-block': [r.attrs.cidrBlock as string],
    'default-for-az': [r.attrs.defaultForAz === true],
    'map-public-ip-on-launch': [r.attrs.mapPublicIpOnLaunch === true],
    'owner-id': [r.account],
  }),
}

function availableIps(call: AwsCall, subnet: ResourceRecord): number {
  const cidr = parseCidr(subnet.attrs.cidrBlock as string)
  if (!cidr) return 0
  const used =
    listResources(call, 'ec2.instance').filter((i) => i.attrs.subnetId === subnet.id && i.state !== 'terminated')
      .length +
    listResources(call, 'ec2.nat-gateway').filter((n) => n.attrs.subnetId === subnet.id && n.state !== 'deleted').length
  return usableAddresses(cidr) - used
}

/** AZ id in AWS's style: us-east-1a → use1-az1, ap-southeast-1b → apse1-az2. */
export function zoneId(region: string, zone: string): string {
  const [area = '', direction = '', n = ''] = region.split('-')
  const dir = direction.replace(/north|south|east|west|central/g, (m) => m[0]!)
  return `${area}${dir}${n}-az${zone.charCodeAt(zone.length - 1) - 96}`
}

/**
 * Create a VPC with what AWS creates alongside it: the main route table and the "default"
 * security group (both deleted with the VPC).
 */
export function createVpcRecords(
  call: AwsCall,
  opts: {
    id?: string
    cidr: string
    isDefault: boolean
    tags: Record<string, string>
    seeded?: boolean
    ids?: { rtb?: string; sg?: string }
  },
): ResourceRecord {
  const vpcId = opts.id ?? newId('vpc')
  const vpc = putResource(call, {
    type: 'ec2.vpc',
    id: vpcId,
    name: opts.tags.Name,
    state: 'available',
    tags: opts.tags,
    attrs: {
      cidrBlock: opts.cidr,
      isDefault: opts.isDefault,
      dhcpOptionsId: `dopt-${vpcId.slice(4, 12)}`,
      cidrAssociationId: `vpc-cidr-assoc-${vpcId.slice(4)}`,
    },
    seeded: opts.seeded,
  })
  putResource(call, {
    type: 'ec2.route-table',
    id: opts.ids?.rtb ?? newId('rtb'),
    state: 'available',
    parentId: vpcId,
    tags: {},
    attrs: {
      vpcId,
      main: true,
      routes: [{ dest: opts.cidr, gatewayId: 'local' }],
      associations: [{ id: newId('rtbassoc'), main: true }],
    },
    seeded: opts.seeded,
  })
  putResource(call, {
    type: 'ec2.security-group',
    id: opts.ids?.sg ?? newId('sg'),
    name: 'default',
    state: 'available',
    parentId: vpcId,
    tags: {},
    attrs: {
      vpcId,
      description: 'default VPC security group',
      ingress: [],
      egress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    },
    seeded: opts.seeded,
  })
  return vpc
}

export function createSubnetRecord(
  call: AwsCall,
  opts: {
    id?: string
    vpcId: string
    cidr: string
    zone: string
    tags: Record<string, string>
    defaultForAz?: boolean
    mapPublicIp?: boolean
    seeded?: boolean
  },
): ResourceRecord {
  return putResource(call, {
    type: 'ec2.subnet',
    id: opts.id ?? newId('subnet'),
    name: opts.tags.Name,
    state: 'available',
    parentId: opts.vpcId,
    tags: opts.tags,
    attrs: {
      vpcId: opts.vpcId,
      cidrBlock: opts.cidr,
      availabilityZone: opts.zone,
      availabilityZoneId: zoneId(call.region, opts.zone),
      defaultForAz: opts.defaultForAz === true,
      mapPublicIpOnLaunch: opts.mapPublicIp === true,
      nextHost: 0,
    },
    seeded: opts.seeded,
  })
}

export function describeVpcs(call: AwsCall, input: DescribeVpcsRequest): DescribeVpcsResult {
  const { page, NextToken } = paginateEc2(describeKind(call, vpcKind, input.VpcIds, input.Filters), input)
  return { Vpcs: page, NextToken }
}

export function createVpc(call: AwsCall, input: CreateVpcRequest): CreateVpcResult {
  const cidr = parseCidr(input.CidrBlock)
  if (!input.CidrBlock) throw new AwsError('MissingParameter', 'Either CidrBlock or Ipv4IpamPoolId must be specified')
  if (!cidr)
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${input.CidrBlock}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`,
    )
  if (cidr.prefix < 16 || cidr.prefix > 28)
    throw new AwsError('InvalidVpc.Range', `The CIDR '${input.CidrBlock}' is invalid.`)
  if (listResources(call, 'ec2.vpc').length >= quota(call, 'vpcsPerRegion')) {
    throw new AwsError('VpcLimitExceeded', 'The maximum number of VPCs has been reached.')
  }
  const vpc = createVpcRecords(call, {
    cidr: input.CidrBlock,
    isDefault: false,
    tags: tagsFor(input.TagSpecifications, 'vpc'),
  })
  return { Vpc: { ...vpcKind.view(call, vpc), State: 'pending' } }
}

export function deleteVpc(call: AwsCall, input: DeleteVpcRequest): Record<string, never> {
  const vpc = requireResource(call, vpcKind, input.VpcId)
  const blockers: string[] = []
  if (listResources(call, 'ec2.subnet', vpc.id).length > 0) blockers.push('subnets')
  if (listResources(call, 'ec2.internet-gateway').some((g) => g.attrs.vpcId === vpc.id))
    blockers.push('an internet gateway')
  if (listResources(call, 'ec2.security-group', vpc.id).some((g) => g.name !== 'default'))
    blockers.push('security groups')
  if (listResources(call, 'ec2.route-table', vpc.id).some((t) => t.attrs.main !== true)) blockers.push('route tables')
  if (listResources(call, 'ec2.nat-gateway', vpc.id).some((n) => n.state !== 'deleted')) blockers.push('NAT gateways')
  if (listResources(call, 'elb.load-balancer').some((lb) => lb.attrs.vpcId === vpc.id)) blockers.push('load balancers')
  if (blockers.length > 0) {
    throw new AwsError(
      'DependencyViolation',
      `The vpc '${vpc.id}' has dependencies and cannot be deleted (${blockers.join(', ')}).`,
    )
  }
  for (const type of ['ec2.route-table', 'ec2.security-group', 'ec2.nat-gateway']) {
    for (const r of listResources(call, type, vpc.id)) removeResource(call, r)
  }
  removeResource(call, vpc)
  return {}
}

export function describeSubnets(call: AwsCall, input: DescribeSubnetsRequest): DescribeSubnetsResult {
  const { page, NextToken } = paginateEc2(describeKind(call, subnetKind, input.SubnetIds, input.Filters), input)
  return { Subnets: page, NextToken }
}

export function createSubnet(call: AwsCall, input: CreateSubnetRequest): CreateSubnetResult {
  const vpc = requireResource(call, vpcKind, input.VpcId)
  const zones = call.fixture.regions[call.region]?.zones ?? []
  const zone =
    input.AvailabilityZone ?? zones.find((z) => zoneId(call.region, z) === input.AvailabilityZoneId) ?? zones[0]
  if (!zone || !zones.includes(zone)) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${input.AvailabilityZone ?? input.AvailabilityZoneId}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.join(', ')}.`,
    )
  }
  const cidr = parseCidr(input.CidrBlock)
  if (!cidr)
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${input.CidrBlock}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`,
    )
  const vpcCidr = parseCidr(vpc.attrs.cidrBlock as string)
  if (!vpcCidr || !contains(vpcCidr, cidr) || cidr.prefix > 28) {
    throw new AwsError('InvalidSubnet.Range', `The CIDR '${input.CidrBlock}' is invalid.`)
  }
  for (const other of listResources(call, 'ec2.subnet', vpc.id)) {
    const oc = parseCidr(other.attrs.cidrBlock as string)
    if (oc && overlaps(oc, cidr))
      throw new AwsError('InvalidSubnet.Conflict', `The CIDR '${input.CidrBlock}' conflicts with another subnet`)
  }
  const subnet = createSubnetRecord(call, {
    vpcId: vpc.id,
    cidr: input.CidrBlock!,
    zone,
    tags: tagsFor(input.TagSpecifications, 'subnet'),
  })
  return { Subnet: subnetKind.view(call, subnet) }
}

export function deleteSubnet(call: AwsCall, input: DeleteSubnetRequest): Record<string, never> {
  const subnet = requireResource(call, subnetKind, input.SubnetId)
  const inUse =
    listResources(call, 'ec2.instance').some((i) => i.attrs.subnetId === subnet.id && i.state !== 'terminated') ||
    listResources(call, 'ec2.nat-gateway').some((n) => n.attrs.subnetId === subnet.id && n.state !== 'deleted') ||
    listResources(call, 'elb.load-balancer').some((lb) => (lb.attrs.subnetIds as string[]).includes(subnet.id)) ||
    // An EKS cluster keeps network interfaces in its subnets until it is gone.
    listResources(call, 'eks.cluster').some((c) =>
      (c.attrs.resourcesVpcConfig as { subnetIds: string[] }).subnetIds.includes(subnet.id),
    )
  if (inUse)
    throw new AwsError('DependencyViolation', `The subnet '${subnet.id}' has dependencies and cannot be deleted.`)
  for (const rt of listResources(call, 'ec2.route-table', subnet.parentId)) {
    const associations = rt.attrs.associations as Array<{ subnetId?: string }>
    if (associations.some((a) => a.subnetId === subnet.id)) {
      call.ctx.store.put({
        ...rt,
        attrs: { ...rt.attrs, associations: associations.filter((a) => a.subnetId !== subnet.id) },
      })
    }
  }
  removeResource(call, subnet)
  return {}
}

export function modifyVpcAttribute(call: AwsCall, input: ModifyVpcAttributeRequest): Record<string, never> {
  const vpc = requireResource(call, vpcKind, input.VpcId)
  const patch: Record<string, boolean> = {}
  if (input.EnableDnsHostnames?.Value !== undefined) patch.enableDnsHostnames = input.EnableDnsHostnames.Value
  if (input.EnableDnsSupport?.Value !== undefined) patch.enableDnsSupport = input.EnableDnsSupport.Value
  if (Object.keys(patch).length !== 1) {
    throw new AwsError('InvalidParameterCombination', 'Exactly one attribute must be modified per request.')
  }
  updateResource(call, vpc, { attrs: { ...vpc.attrs, ...patch } })
  return {}
}

export function describeVpcAttribute(call: AwsCall, input: DescribeVpcAttributeRequest): DescribeVpcAttributeResult {
  const vpc = requireResource(call, vpcKind, input.VpcId)
  // AWS defaults: DNS support on; DNS hostnames on only in default VPCs.
  const support = (vpc.attrs.enableDnsSupport as boolean | undefined) ?? true
  const hostnames = (vpc.attrs.enableDnsHostnames as boolean | undefined) ?? vpc.attrs.isDefault === true
  if (input.Attribute === 'enableDnsSupport') return { VpcId: vpc.id, EnableDnsSupport: { Value: support } }
  if (input.Attribute === 'enableDnsHostnames') return { VpcId: vpc.id, EnableDnsHostnames: { Value: hostnames } }
  throw new AwsError('InvalidParameterValue', `Value (${input.Attribute}) for parameter attribute is invalid.`)
}

export function modifySubnetAttribute(call: AwsCall, input: ModifySubnetAttributeRequest): Record<string, never> {
  const subnet = requireResource(call, subnetKind, input.SubnetId)
  if (input.MapPublicIpOnLaunch?.Value === undefined) {
    throw new AwsError('InvalidParameterCombination', 'The fake supports modifying MapPublicIpOnLaunch only.')
  }
  updateResource(call, subnet, { attrs: { ...subnet.attrs, mapPublicIpOnLaunch: input.MapPublicIpOnLaunch.Value } })
  return {}
}
