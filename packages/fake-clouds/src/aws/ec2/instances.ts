import type {
  DescribeInstancesRequest,
  DescribeInstancesResult,
  Instance,
  InstanceStateName,
  Reservation,
  RunInstancesRequest,
  TerminateInstancesRequest,
  TerminateInstancesResult,
} from '@aws-sdk/client-ec2'
import type { ResourceRecord } from '../../core/types.ts'
import { type AwsCall, AwsError, listResources, quota, tagsToList } from '../call.ts'
import { isOffered, onDemandPriceIn, spotPriceIn } from '../fixture.ts'
import { matchesFilters } from './filters.ts'
import { isKnownImage } from './images.ts'
import { type Ec2Kind, paginateEc2, requireResource } from './kind.ts'
import { launchInstances, terminateInstance } from './launch.ts'
import { securityGroupKind } from './security-groups.ts'
import { tagsFor } from './tag-spec.ts'
import { subnetKind, vpcKind } from './vpcs.ts'

const STATE_CODES: Record<string, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
}

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/

function privateDnsName(region: string, ip: string | undefined): string | undefined {
  if (!ip) return undefined
  const host = `ip-${ip.replace(/\./g, '-')}`
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`
}

export const instanceKind: Ec2Kind<Instance> = {
  type: 'ec2.instance',
  prefix: 'i',
  tagResourceType: 'instance',
  notFound: (id) =>
    INSTANCE_ID.test(id)
      ? new AwsError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`)
      : new AwsError('InvalidInstanceID.Malformed', `Invalid id: "${id}"`),
  view: (call, r) => {
    const a = r.attrs
    const groups = (a.securityGroupIds as string[]).map((id) => ({
      GroupId: id,
      GroupName: listResources(call, securityGroupKind.type).find((g) => g.id === id)?.name,
    }))
    const type = call.fixture.instanceTypes[a.instanceType as string]
    const live = r.state !== 'terminated'
    return {
      InstanceId: r.id,
      ImageId: a.imageId as string,
      InstanceType: a.instanceType as Instance['InstanceType'],
      State: { Code: STATE_CODES[r.state] ?? 0, Name: r.state as InstanceStateName },
      PrivateIpAddress: live ? (a.privateIp as string) : undefined,
      PrivateDnsName: live ? privateDnsName(r.region, a.privateIp as string) : '',
      PublicIpAddress: r.state === 'running' ? (a.publicIp as string | undefined) : undefined,
      KeyName: a.keyName as string | undefined,
      AmiLaunchIndex: a.launchIndex as number,
      LaunchTime: new Date(r.createdAt),
      Placement: { AvailabilityZone: a.availabilityZone as string, Tenancy: 'default', GroupName: '' },
      Monitoring: { State: 'disabled' },
      SubnetId: live ? (a.subnetId as string) : undefined,
      VpcId: live ? (a.vpcId as string) : undefined,
      Architecture: 'x86_64',
      RootDeviceType: 'ebs',
      RootDeviceName: '/dev/xvda',
      VirtualizationType: 'hvm',
      Hypervisor: 'xen',
      EbsOptimized: false,
      ClientToken: (a.clientToken as string | undefined) ?? '',
      SecurityGroups: live ? groups : [],
      InstanceLifecycle: a.spot ? 'spot' : undefined,
      SpotInstanceRequestId: a.spotRequestId as string | undefined,
      StateTransitionReason: (a.stateTransitionReason as string | undefined) ?? '',
      StateReason: a.stateReason as Instance['StateReason'],
      CpuOptions: type ? { CoreCount: Math.max(1, type.vcpus / 2), ThreadsPerCore: type.vcpus > 1 ? 2 : 1 } : undefined,
      Tags: tagsToList(r.tags),
    }
  },
  fields: (_call, r) => ({
    'instance-id': [r.id],
    'instance-state-name': [r.state],
    'instance-state-code': [STATE_CODES[r.state]],
    'instance-type': [r.attrs.instanceType as string],
    'image-id': [r.attrs.imageId as string],
    'subnet-id': [r.attrs.subnetId as string],
    'vpc-id': [r.attrs.vpcId as string],
    'availability-zone': [r.attrs.availabilityZone as string],
    'private-ip-address': [r.attrs.privateIp as string],
    'ip-address': [r.attrs.publicIp as string | undefined],
    'key-name': [r.attrs.keyName as string | undefined],
    'reservation-id': [r.attrs.reservationId as string],
    'client-token': [r.attrs.clientToken as string | undefined],
    'instance-lifecycle': [r.attrs.spot ? 'spot' : undefined],
    'instance.group-id': r.attrs.securityGroupIds as string[],
    'owner-id': [r.account],
  }),
}

function reservations(call: AwsCall, records: ResourceRecord[]): Reservation[] {
  const byReservation = new Map<string, ResourceRecord[]>()
  for (const r of records) {
    const id = r.attrs.reservationId as string
    byReservation.set(id, [...(byReservation.get(id) ?? []), r])
  }
  return [...byReservation.entries()].map(([id, rs]) => ({
    ReservationId: id,
    OwnerId: call.account.id,
    Groups: [],
    Instances: rs.map((r) => instanceKind.view(call, r)),
  }))
}

export function describeInstances(call: AwsCall, input: DescribeInstancesRequest): DescribeInstancesResult {
  const records =
    (input.InstanceIds?.length ? input.InstanceIds : undefined)?.map((id) => requireResource(call, instanceKind, id)) ??
    listResources(call, instanceKind.type)
  const matching = records
    .filter((r) => matchesFilters(instanceKind.fields(call, r), r.tags, input.Filters))
    .sort((a, b) => a.createdAt - b.createdAt || (a.attrs.launchIndex as number) - (b.attrs.launchIndex as number))
  // Pages hold whole reservations, as in AWS.
  const { page, NextToken } = paginateEc2(reservations(call, matching), input)
  return { Reservations: page, NextToken }
}

/** The on-demand USD/hour price of a type in the call's region. */
export function onDemandPrice(call: AwsCall, instanceType: string): number {
  return onDemandPriceIn(call.fixture, call.region, instanceType) ?? 0
}

function resolvePlacement(call: AwsCall, input: RunInstancesRequest): { subnet: ResourceRecord; groupIds: string[] } {
  const nic = input.NetworkInterfaces?.[0]
  const subnetId = input.SubnetId ?? nic?.SubnetId
  let subnet: ResourceRecord | undefined
  if (subnetId) {
    subnet = requireResource(call, subnetKind, subnetId)
  } else {
    const defaultVpc = listResources(call, vpcKind.type).find((v) => v.attrs.isDefault === true)
    if (!defaultVpc)
      throw new AwsError(
        'VPCIdNotSpecified',
        'No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.',
      )
    const zone = input.Placement?.AvailabilityZone
    subnet = listResources(call, subnetKind.type, defaultVpc.id).find(
      (s) => s.attrs.defaultForAz === true && (!zone || s.attrs.availabilityZone === zone),
    )
    if (!subnet) throw new AwsError('InvalidParameterValue', `No default subnet for availability zone: '${zone}'.`)
  }
  const requestedGroups = [...(input.SecurityGroupIds ?? []), ...(nic?.Groups ?? [])]
  const groupIds = requestedGroups.map((id) => requireResource(call, securityGroupKind, id).id)
  for (const name of input.SecurityGroups ?? []) {
    const g = listResources(call, securityGroupKind.type, subnet.attrs.vpcId as string).find((x) => x.name === name)
    if (!g)
      throw new AwsError(
        'InvalidGroup.NotFound',
        `The security group '${name}' does not exist in VPC '${subnet.attrs.vpcId as string}'`,
      )
    groupIds.push(g.id)
  }
  if (groupIds.length === 0) {
    const dflt = listResources(call, securityGroupKind.type, subnet.attrs.vpcId as string).find(
      (g) => g.name === 'default',
    )
    if (dflt) groupIds.push(dflt.id)
  }
  for (const id of groupIds) {
    const g = listResources(call, securityGroupKind.type).find((x) => x.id === id)
    if (g && g.attrs.vpcId !== subnet.attrs.vpcId) {
      throw new AwsError(
        'InvalidParameter',
        `Security group ${id} and subnet ${subnet.id} belong to different networks.`,
      )
    }
  }
  return { subnet, groupIds }
}

function validateRequest(call: AwsCall, input: RunInstancesRequest, zone: string, count: number): void {
  if (!input.ImageId) throw new AwsError('MissingParameter', 'The request must contain the parameter ImageId')
  if (!/^ami-[0-9a-f]{8,17}$/.test(input.ImageId)) {
    throw new AwsError('InvalidAMIID.Malformed', `Invalid id: "${input.ImageId}" (expecting "ami-...")`)
  }
  if (!isKnownImage(call, input.ImageId)) {
    throw new AwsError('InvalidAMIID.NotFound', `The image id '[${input.ImageId}]' does not exist`)
  }
  const typeName = input.InstanceType ?? 'm1.small'
  const type = call.fixture.instanceTypes[typeName]
  if (!type) throw new AwsError('InvalidParameterValue', `Invalid value '${typeName}' for InstanceType.`)
  if (!isOffered(type, zone)) {
    const zones = (call.fixture.regions[call.region]?.zones ?? []).filter((z) => isOffered(type, z))
    throw new AwsError(
      'Unsupported',
      `Your requested instance type (${typeName}) is not supported in your requested Availability Zone (${zone}). Please retry your request by not specifying an Availability Zone or choosing ${zones.join(', ')}.`,
    )
  }
  if (input.KeyName && !listResources(call, 'ec2.key-pair').some((k) => k.name === input.KeyName)) {
    throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${input.KeyName}' does not exist`)
  }
  const spot = input.InstanceMarketOptions?.MarketType === 'spot'
  if (spot) {
    // The same price DescribeSpotPriceHistory reports for this type and AZ.
    const spotPrice = spotPriceIn(call.fixture, call.region, zone, typeName) ?? 0
    const maxPrice = input.InstanceMarketOptions?.SpotOptions?.MaxPrice
    if (maxPrice !== undefined && Number(maxPrice) < spotPrice) {
      throw new AwsError(
        'SpotMaxPriceTooLow',
        `Your Spot request price of ${maxPrice} is lower than the minimum required Spot request fulfillment price of ${spotPrice}.`,
      )
    }
    return
  }
  const used = listResources(call, instanceKind.type)
    .filter((i) => !i.attrs.spot && i.state !== 'terminated' && i.state !== 'shutting-down')
    .reduce((sum, i) => sum + (call.fixture.instanceTypes[i.attrs.instanceType as string]?.vcpus ?? 0), 0)
  const limit = quota(call, 'onDemandVcpusPerRegion')
  if (used + type.vcpus * count > limit) {
    throw new AwsError(
      'VcpuLimitExceeded',
      `You have requested more vCPU capacity than your current vCPU limit of ${limit} allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.`,
    )
  }
}

export function runInstances(call: AwsCall, input: RunInstancesRequest): Reservation {
  if (input.ClientToken) {
    const previous = listResources(call, instanceKind.type).filter((i) => i.attrs.clientToken === input.ClientToken)
    if (previous.length > 0) {
      if (
        previous[0]!.attrs.imageId !== input.ImageId ||
        previous[0]!.attrs.instanceType !== (input.InstanceType ?? 'm1.small')
      ) {
        throw new AwsError(
          'IdempotentParameterMismatch',
          `Arguments on this idempotent request are inconsistent with arguments used in previous request(s).`,
        )
      }
      return reservations(call, previous)[0]!
    }
  }
  const min = input.MinCount ?? 1
  const max = input.MaxCount ?? min
  if (min < 1 || max < min)
    throw new AwsError(
      'InvalidParameterValue',
      `Invalid value '${max}' for maxCount: must be at least minCount (${min}).`,
    )
  const { subnet, groupIds } = resolvePlacement(call, input)
  const zone = subnet.attrs.availabilityZone as string
  validateRequest(call, input, zone, max)
  const created = launchInstances(call, {
    subnet,
    count: max,
    imageId: input.ImageId!,
    instanceType: input.InstanceType ?? 'm1.small',
    tags: tagsFor(input.TagSpecifications, 'instance'),
    securityGroupIds: groupIds,
    keyName: input.KeyName,
    spot: input.InstanceMarketOptions?.MarketType === 'spot',
    clientToken: input.ClientToken,
    publicIp: input.NetworkInterfaces?.[0]?.AssociatePublicIpAddress ?? subnet.attrs.mapPublicIpOnLaunch === true,
    userData: input.UserData,
    iamInstanceProfile: input.IamInstanceProfile?.Arn ?? input.IamInstanceProfile?.Name,
    stuckAction: 'RunInstances',
  })
  // The reply always shows the launch state, even when a fast time-scale already moved on.
  return reservations(
    call,
    created.map((r) => ({ ...r, state: 'pending' })),
  )[0]!
}

export function terminateInstances(call: AwsCall, input: TerminateInstancesRequest): TerminateInstancesResult {
  const records = (input.InstanceIds ?? []).map((id) => requireResource(call, instanceKind, id))
  return {
    TerminatingInstances: records.map((r) => {
      const previous = r.state
      const done = previous === 'terminated' || previous === 'shutting-down'
      terminateInstance(call, r)
      const current = done ? previous : 'shutting-down'
      return {
        InstanceId: r.id,
        PreviousState: { Code: STATE_CODES[previous], Name: previous as InstanceStateName },
        CurrentState: { Code: STATE_CODES[current], Name: current as InstanceStateName },
      }
    }),
  }
}
