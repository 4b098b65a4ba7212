import { randomInt } from 'node:crypto'
import type {
  Address,
  AllocateAddressRequest,
  AllocateAddressResult,
  AttachInternetGatewayRequest,
  CreateInternetGatewayRequest,
  CreateInternetGatewayResult,
  CreateNatGatewayRequest,
  CreateNatGatewayResult,
  DeleteInternetGatewayRequest,
  DeleteNatGatewayRequest,
  DeleteNatGatewayResult,
  DescribeAddressesRequest,
  DescribeAddressesResult,
  DescribeInternetGatewaysRequest,
  DescribeInternetGatewaysResult,
  DescribeNatGatewaysRequest,
  DescribeNatGatewaysResult,
  DetachInternetGatewayRequest,
  InternetGateway,
  NatGateway,
  ReleaseAddressRequest,
} from '@aws-sdk/client-ec2'
import type { ResourceRecord } from '../../core/types.ts'
import {
  type AwsCall,
  AwsError,
  duration,
  listResources,
  newId,
  putResource,
  quota,
  removeResource,
  tagsToList,
  updateResource,
} from '../call.ts'
import { hostAddress, parseCidr } from './cidr.ts'
import { describeKind, type Ec2Kind, notFound, paginateEc2, requireResource } from './kind.ts'
import { tagsFor } from './tag-spec.ts'
import { subnetKind, vpcKind } from './vpcs.ts'

export const internetGatewayKind: Ec2Kind<InternetGateway> = {
  type: 'ec2.internet-gateway',
  prefix: 'igw',
  tagResourceType: 'internet-gateway',
  notFound: notFound('InvalidInternetGatewayID.NotFound', "The internetGateway ID '{id}' does not exist"),
  view: (call, r) => ({
    InternetGatewayId: r.id,
    OwnerId: call.account.id,
    // AWS really reports 'available' here, outside the SDK's AttachmentStatus enum.
    Attachments: r.attrs.vpcId ? [{ VpcId: r.attrs.vpcId as string, State: 'available' as 'attached' }] : [],
    Tags: tagsToList(r.tags),
  }),
  fields: (_call, r) => ({
    'internet-gateway-id': [r.id],
    'attachment.vpc-id': [r.attrs.vpcId as string | undefined],
    'attachment.state': [r.attrs.vpcId ? 'available' : undefined],
    'owner-id': [r.account],
  }),
}

/** An address is in use while a NAT gateway that is not yet deleted holds it. */
function natHolding(call: AwsCall, allocationId: string): ResourceRecord | undefined {
  return listResources(call, 'ec2.nat-gateway').find(
    (n) => n.attrs.allocationId === allocationId && n.state !== 'deleted' && n.state !== 'failed',
  )
}

export const addressKind: Ec2Kind<Address> = {
  type: 'ec2.address',
  prefix: 'eipalloc',
  tagResourceType: 'elastic-ip',
  notFound: notFound('InvalidAllocationID.NotFound', "The allocation ID '{id}' does not exist"),
  view: (call, r) => {
    const nat = natHolding(call, r.id)
    return {
      AllocationId: r.id,
      PublicIp: r.attrs.publicIp as string,
      Domain: 'vpc',
      NetworkBorderGroup: r.region,
      PublicIpv4Pool: 'amazon',
      ...(nat
        ? {
            AssociationId: `eipassoc-${r.id.slice(9)}`,
            NetworkInterfaceId: nat.attrs.networkInterfaceId as string,
            PrivateIpAddress: nat.attrs.privateIp as string,
            NetworkInterfaceOwnerId: call.account.id,
          }
        : {}),
      Tags: tagsToList(r.tags),
    }
  },
  fields: (call, r) => ({
    'allocation-id': [r.id],
    'public-ip': [r.attrs.publicIp as string],
    domain: ['vpc'],
    'network-border-group': [r.region],
    'association-id': [natHolding(call, r.id) ? `eipassoc-${r.id.slice(9)}` : undefined],
  }),
}

export const natGatewayKind: Ec2Kind<NatGateway> = {
  type: 'ec2.nat-gateway',
  prefix: 'nat',
  tagResourceType: 'natgateway',
  notFound: notFound('NatGatewayNotFound', 'The Nat Gateway {id} was not found'),
  view: (_call, r) => ({
    NatGatewayId: r.id,
    SubnetId: r.attrs.subnetId as string,
    VpcId: r.attrs.vpcId as string,
    State: r.state as NatGateway['State'],
    ConnectivityType: 'public',
    CreateTime: new Date(r.createdAt),
    ...(r.state === 'deleted' ? { DeleteTime: new Date(r.attrs.deletedAt as number) } : {}),
    NatGatewayAddresses: [
      {
        AllocationId: r.attrs.allocationId as string,
        PublicIp: r.attrs.publicIp as string,
        PrivateIp: r.attrs.privateIp as string,
        NetworkInterfaceId: r.attrs.networkInterfaceId as string,
        IsPrimary: true,
        Status: r.state === 'available' ? 'succeeded' : r.state === 'pending' ? 'associating' : 'disassociating',
      },
    ],
    Tags: tagsToList(r.tags),
  }),
  fields: (_call, r) => ({
    'nat-gateway-id': [r.id],
    state: [r.state],
    'subnet-id': [r.attrs.subnetId as string],
    'vpc-id': [r.attrs.vpcId as string],
  }),
}

export function describeInternetGateways(
  call: AwsCall,
  input: DescribeInternetGatewaysRequest,
): DescribeInternetGatewaysResult {
  const { page, NextToken } = paginateEc2(
    describeKind(call, internetGatewayKind, input.InternetGatewayIds, input.Filters),
    input,
  )
  return { InternetGateways: page, NextToken }
}

export function createInternetGateway(call: AwsCall, input: CreateInternetGatewayRequest): CreateInternetGatewayResult {
  if (listResources(call, internetGatewayKind.type).length >= quota(call, 'internetGatewaysPerRegion')) {
    throw new AwsError('InternetGatewayLimitExceeded', 'The maximum number of internet gateways has been reached.')
  }
  const tags = tagsFor(input.TagSpecifications, 'internet-gateway')
  const r = putResource(call, {
    type: internetGatewayKind.type,
    id: newId('igw'),
    name: tags.Name,
    state: 'available',
    tags,
    attrs: {},
  })
  return { InternetGateway: internetGatewayKind.view(call, r) }
}

export function attachInternetGateway(call: AwsCall, input: AttachInternetGatewayRequest): Record<string, never> {
  const igw = requireResource(call, internetGatewayKind, input.InternetGatewayId)
  const vpc = requireResource(call, vpcKind, input.VpcId)
  if (igw.attrs.vpcId) {
    throw new AwsError(
      'Resource.AlreadyAssociated',
      `resource ${igw.id} is already attached to network ${igw.attrs.vpcId as string}`,
    )
  }
  const other = listResources(call, internetGatewayKind.type).find((g) => g.attrs.vpcId === vpc.id)
  if (other)
    throw new AwsError('Resource.AlreadyAssociated', `Network ${vpc.id} already has an internet gateway attached`)
  updateResource(call, igw, { attrs: { ...igw.attrs, vpcId: vpc.id } })
  return {}
}

export function detachInternetGateway(call: AwsCall, input: DetachInternetGatewayRequest): Record<string, never> {
  const igw = requireResource(call, internetGatewayKind, input.InternetGatewayId)
  requireResource(call, vpcKind, input.VpcId)
  if (igw.attrs.vpcId !== input.VpcId) {
    throw new AwsError('Gateway.NotAttached', `resource ${igw.id} is not attached to network ${input.VpcId}`)
  }
  const { vpcId: _detached, ...attrs } = igw.attrs
  updateResource(call, igw, { attrs })
  return {}
}

export function deleteInternetGateway(call: AwsCall, input: DeleteInternetGatewayRequest): Record<string, never> {
  const igw = requireResource(call, internetGatewayKind, input.InternetGatewayId)
  if (igw.attrs.vpcId) {
    throw new AwsError('DependencyViolation', `The internetGateway '${igw.id}' has dependencies and cannot be deleted.`)
  }
  removeResource(call, igw)
  return {}
}

export function describeAddresses(call: AwsCall, input: DescribeAddressesRequest): DescribeAddressesResult {
  let ids = input.AllocationIds
  if (input.PublicIps?.length) {
    const all = listResources(call, addressKind.type)
    ids = input.PublicIps.map((ip) => {
      const found = all.find((a) => a.attrs.publicIp === ip)
      if (!found) throw new AwsError('InvalidAddress.NotFound', `Address '${ip}' not found.`)
      return found.id
    })
  }
  return { Addresses: describeKind(call, addressKind, ids, input.Filters) }
}

export function allocateAddress(call: AwsCall, input: AllocateAddressRequest): AllocateAddressResult {
  if (listResources(call, addressKind.type).length >= quota(call, 'elasticIpsPerRegion')) {
    throw new AwsError('AddressLimitExceeded', 'The maximum number of addresses has been reached.')
  }
  // 203.0.113.0/24 style documentation ranges would look fake in a console; use a plausible public block.
  const publicIp = `3.${randomInt(80, 240)}.${randomInt(0, 256)}.${randomInt(1, 255)}`
  const tags = tagsFor(input.TagSpecifications, 'elastic-ip')
  const r = putResource(call, {
    type: addressKind.type,
    id: newId('eipalloc'),
    name: tags.Name,
    state: 'allocated',
    tags,
    attrs: { publicIp },
  })
  return {
    AllocationId: r.id,
    PublicIp: publicIp,
    Domain: 'vpc',
    NetworkBorderGroup: call.region,
    PublicIpv4Pool: 'amazon',
  }
}

export function releaseAddress(call: AwsCall, input: ReleaseAddressRequest): Record<string, never> {
  const r = input.AllocationId
    ? requireResource(call, addressKind, input.AllocationId)
    : listResources(call, addressKind.type).find((a) => a.attrs.publicIp === input.PublicIp)
  if (!r) throw new AwsError('InvalidAddress.NotFound', `Address '${input.PublicIp}' not found.`)
  if (natHolding(call, r.id))
    throw new AwsError('InvalidIPAddress.InUse', `Address ${r.attrs.publicIp as string} is in use.`)
  removeResource(call, r)
  return {}
}

export function describeNatGateways(call: AwsCall, input: DescribeNatGatewaysRequest): DescribeNatGatewaysResult {
  // DescribeNatGateways takes its filters under the name "Filter" like the others; the SDK names the member Filter.
  const { page, NextToken } = paginateEc2(describeKind(call, natGatewayKind, input.NatGatewayIds, input.Filter), input)
  return { NatGateways: page, NextToken }
}

export function createNatGateway(call: AwsCall, input: CreateNatGatewayRequest): CreateNatGatewayResult {
  const subnet = requireResource(call, subnetKind, input.SubnetId)
  if (!input.AllocationId) {
    throw new AwsError(
      'MissingParameter',
      'The request must contain the parameter AllocationId for a public NAT gateway',
    )
  }
  const address = requireResource(call, addressKind, input.AllocationId)
  if (natHolding(call, address.id)) {
    throw new AwsError('Resource.AlreadyAssociated', `Elastic IP address [${address.id}] is already associated`)
  }
  if (input.ClientToken) {
    const same = listResources(call, natGatewayKind.type).find((n) => n.attrs.clientToken === input.ClientToken)
    if (same) return { ClientToken: input.ClientToken, NatGateway: natGatewayKind.view(call, same) }
  }
  const zone = subnet.attrs.availabilityZone as string
  const inZone = listResources(call, natGatewayKind.type).filter(
    (n) => n.state !== 'deleted' && getSubnetZone(call, n.attrs.subnetId as string) === zone,
  )
  if (inZone.length >= quota(call, 'natGatewaysPerAz')) {
    throw new AwsError('NatGatewayLimitExceeded', 'The maximum number of NAT gateways has been reached.')
  }
  const cidr = parseCidr(subnet.attrs.cidrBlock as string)
  const host = (subnet.attrs.nextHost as number | undefined) ?? 0
  updateResource(call, subnet, { attrs: { ...subnet.attrs, nextHost: host + 1 } })
  const tags = tagsFor(input.TagSpecifications, 'natgateway')
  const nat = putResource(call, {
    type: natGatewayKind.type,
    id: newId('nat'),
    name: tags.Name,
    state: 'pending',
    parentId: subnet.attrs.vpcId as string,
    tags,
    attrs: {
      subnetId: subnet.id,
      vpcId: subnet.attrs.vpcId,
      allocationId: address.id,
      publicIp: address.attrs.publicIp,
      privateIp: cidr ? hostAddress(cidr, host) : undefined,
      networkInterfaceId: newId('eni'),
      clientToken: input.ClientToken,
    },
  })
  const stuck = call.ctx.faults.isStuck('aws', 'CreateNatGateway')
  const started = call.ctx.store.transition(nat, 'pending', [
    { afterMs: stuck ? Number.POSITIVE_INFINITY : duration(call, 'ec2.natgateway.create'), next: 'available' },
  ])
  return { ClientToken: input.ClientToken, NatGateway: natGatewayKind.view(call, { ...started, state: 'pending' }) }
}

function getSubnetZone(call: AwsCall, subnetId: string): string | undefined {
  return listResources(call, subnetKind.type).find((s) => s.id === subnetId)?.attrs.availabilityZone as
    | string
    | undefined
}

export function deleteNatGateway(call: AwsCall, input: DeleteNatGatewayRequest): DeleteNatGatewayResult {
  const nat = requireResource(call, natGatewayKind, input.NatGatewayId)
  if (nat.state === 'deleting' || nat.state === 'deleted') return { NatGatewayId: nat.id }
  const stuck = call.ctx.faults.isStuck('aws', 'DeleteNatGateway')
  const deleting = updateResource(call, nat, { attrs: { ...nat.attrs, deletedAt: Date.now() } })
  call.ctx.store.transition(deleting, 'deleting', [
    { afterMs: stuck ? Number.POSITIVE_INFINITY : duration(call, 'ec2.natgateway.delete'), next: 'deleted' },
    { afterMs: duration(call, 'ec2.natgateway.deleted-visible'), next: null },
  ])
  return { NatGatewayId: nat.id }
}
