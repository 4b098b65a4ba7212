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
  DescribeAddressesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  type Filter,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
  type ResourceType,
  type RouteTable,
  type SecurityGroup,
  type Subnet,
  type TagSpecification,
} from '@aws-sdk/client-ec2'
import type { AwsCredentials } from '../cloud-provider.ts'
import type { ClusterWork, LedgerEntry } from '../cluster-driver.ts'
import { inStep, type ReportingPass, reportChange } from '../driver-steps.ts'
import { CloudError } from '../errors.ts'
import { OWNER_TAG, ownershipTags, RESOURCE_KEY_TAG } from '../ownership.ts'
import { type AwsCalls, awsCode } from './aws-calls.ts'

/**
 * The network of an AWS cluster, shared by the EKS and the AWS IaaS drivers: look-up-before-create of
 * EC2 resources by their ownership and ledger-key tags, and the dynamic placement's VPC (a public and a
 * private subnet per zone, an internet gateway, a NAT gateway per zone, the route tables).
 */

/** What one reconcile pass of an AWS cluster works with, as far as its EC2 resources go. */
export interface AwsPass extends ReportingPass {
  work: Pick<ClusterWork<AwsCredentials, unknown>, 'clusterUid' | 'labels' | 'ledger' | 'report'>
  calls: AwsCalls
  region: string
  /** The cluster's name (the console cluster's name). */
  name: string
}

/** Ledger keys of the dynamic network (also carried by each EC2 resource as its `console-resource-key` tag). */
export const NETWORK_KEYS = {
  vpc: 'vpc',
  internetGateway: 'igw',
  publicSubnet: (az: string) => `subnet/public/${az}`,
  privateSubnet: (az: string) => `subnet/private/${az}`,
  publicRouteTable: 'rtb/public',
  privateRouteTable: (az: string) => `rtb/private/${az}`,
  address: (az: string) => `eip/${az}`,
  natGateway: (az: string) => `nat/${az}`,
} as const

/** The VPC of a dynamic placement: a /16, with a public and a private /20 per zone. */
export const DYNAMIC_VPC_CIDR = '10.0.0.0/16'

/** The public and private subnet blocks of the zone at `index` of a dynamic placement's VPC. */
export function subnetCidrs(index: number): { public: string; private: string } {
  return { public: `10.0.${index * 16}.0/20`, private: `10.0.${128 + index * 16}.0/20` }
}

/** The zones a dynamic placement spans: every zone of every pool, sorted. */
export function placementZones(spec: { machinepoolconfig: Array<{ cloudConfig: { azs: string[] } }> }): string[] {
  return [...new Set(spec.machinepoolconfig.flatMap((p) => p.cloudConfig.azs))].sort()
}

/** The tags of an EC2 list (`[{Key, Value}]`). */
export function tagList(tags: Record<string, string>): Array<{ Key: string; Value: string }> {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))
}

/** The ledger's rows by key, read once per pass. */
export type Rows = Map<string, LedgerEntry>

export async function readRows(pass: AwsPass): Promise<Rows> {
  return new Map((await pass.work.ledger.list()).map((r) => [r.key, r]))
}

/** Filters for what this cluster owns (and, given a key, the one resource of that ledger key). */
export function ownedFilters(pass: AwsPass, key?: string): Filter[] {
  return [
    { Name: `tag:${OWNER_TAG}`, Values: [pass.work.clusterUid] },
    ...(key ? [{ Name: `tag:${RESOURCE_KEY_TAG}`, Values: [key] }] : []),
  ]
}

/** The cluster's security group of a ledger key (by its tags), if it exists. */
export async function findOwnedSecurityGroup(pass: AwsPass, key: string): Promise<SecurityGroup | undefined> {
  const res = await pass.calls.ec2(new DescribeSecurityGroupsCommand({ Filters: ownedFilters(pass, key) }))
  return res.SecurityGroups?.[0]
}

/** The tags a resource is created with: ownership, its ledger key, a Name, and any extra ones. */
export function ownedTags(pass: AwsPass, key: string, suffix: string, extra: Record<string, string> = {}) {
  return {
    ...ownershipTags(pass.work.clusterUid, pass.name, pass.work.labels),
    Name: `${pass.name}-${suffix}`,
    [RESOURCE_KEY_TAG]: key,
    ...extra,
  }
}

/** The TagSpecifications of a create call (see ownedTags). */
export function tagSpec(
  pass: AwsPass,
  type: ResourceType,
  key: string,
  suffix: string,
  extra: Record<string, string> = {},
): TagSpecification[] {
  return [{ ResourceType: type, Tags: tagList(ownedTags(pass, key, suffix, extra)) }]
}

/** How one EC2 resource is found, created and completed (attached, routed, associated…). */
export interface Ensure<R> {
  key: string
  kind: string
  /** For step names and messages: "VPC", "private subnet in us-east-1a". */
  what: string
  find(): Promise<R | undefined>
  create(clientToken: string): Promise<R>
  id(resource: R): string | undefined
  /** Idempotent follow-up calls; the ledger says `created` only once they are done. */
  complete?(resource: R): Promise<void>
}

/**
 * Look-up-before-create of one resource: the ledger's `created` row answers at once; otherwise the
 * resource carrying this cluster's owner tag and this key is adopted, or created (ledger row written
 * before the call), completed, and recorded with its id.
 */
export async function ensure<R>(pass: AwsPass, rows: Rows, e: Ensure<R>): Promise<string> {
  const { ledger } = pass.work
  const entry = rows.get(e.key)
  if (entry?.state === 'created' && entry.cloudId) return entry.cloudId
  let found = await inStep(`Looking up ${e.what}`, e.find)
  const row = entry ?? (await ledger.begin(e.key, { kind: e.kind, region: pass.region, name: e.what }))
  if (!found) found = await inStep(`Creating ${e.what}`, () => e.create(row.clientToken))
  const resource = found
  const id = e.id(resource)
  if (!id) {
    throw new CloudError({
      kind: 'CloudInternal',
      cloud: 'aws',
      retryable: true,
      message: `Creating ${e.what}: AWS answered without an id.`,
    })
  }
  if (e.complete) await inStep(`Creating ${e.what}`, () => e.complete!(resource))
  await ledger.created(e.key, { cloudId: id })
  rows.set(e.key, { ...row, cloudId: id, state: 'created' })
  return id
}

/** Runs a call, treating the given AWS codes as "already so". */
export async function tolerating(codes: string[], run: () => Promise<unknown>): Promise<void> {
  try {
    await run()
  } catch (err) {
    if (!codes.includes(awsCode(err) ?? '')) throw err
  }
}

/** For creates without a client token: see CallOptions.singleAttempt. */
export const SINGLE = { singleAttempt: true }

/** A dynamic placement's network: the VPC and, per zone, its public and private subnet. */
export interface DynamicNetwork {
  vpcId: string
  /** Subnet ids by zone. */
  publicSubnets: Map<string, string>
  privateSubnets: Map<string, string>
  /** False while the NAT gateways are not yet available: nodes in the private subnets need them. */
  ready: boolean
}

/**
 * The dynamic placement: a VPC with, per zone, a public subnet (internet gateway route, NAT gateway
 * with an Elastic IP) and a private subnet (routed through its zone's NAT gateway) for the control
 * plane and the nodes, all tagged as owned by the cluster. `pending` says whether more than the network
 * is still to be made (for the "Creating VPC" report).
 */
export async function ensureDynamicNetwork(
  pass: AwsPass,
  rows: Rows,
  zones: string[],
  pendingKeys: string[] = [],
): Promise<DynamicNetwork> {
  const networkKeys = [NETWORK_KEYS.vpc, ...pendingKeys, ...zones.map(NETWORK_KEYS.natGateway)]
  if (networkKeys.some((k) => rows.get(k)?.state !== 'created')) {
    await reportChange(
      pass,
      'network',
      'CreatingNetwork',
      `Creating VPC ${DYNAMIC_VPC_CIDR} with a public and a private subnet in ${zones.join(', ')}`,
    )
  }
  const vpcId = await ensureVpc(pass, rows)
  const igwId = await ensureInternetGateway(pass, rows, vpcId)
  const publicSubnets = new Map<string, string>()
  const privateSubnets = new Map<string, string>()
  for (const [index, az] of zones.entries()) {
    const cidrs = subnetCidrs(index)
    publicSubnets.set(az, await ensureSubnet(pass, rows, { vpcId, az, cidr: cidrs.public, tier: 'public' }))
    privateSubnets.set(az, await ensureSubnet(pass, rows, { vpcId, az, cidr: cidrs.private, tier: 'private' }))
  }
  await ensureRouteTable(pass, rows, {
    key: NETWORK_KEYS.publicRouteTable,
    what: 'public route table',
    vpcId,
    route: { GatewayId: igwId },
    subnetIds: [...publicSubnets.values()],
  })
  for (const az of zones) {
    const natId = await ensureNatGateway(pass, rows, az, publicSubnets.get(az) ?? '')
    await ensureRouteTable(pass, rows, {
      key: NETWORK_KEYS.privateRouteTable(az),
      what: `private route table in ${az}`,
      vpcId,
      route: { NatGatewayId: natId },
      subnetIds: [privateSubnets.get(az) ?? ''],
    })
  }
  return { vpcId, publicSubnets, privateSubnets, ready: await natGatewaysAvailable(pass, rows, zones) }
}
function ensureVpc(pass: AwsPass, rows: Rows): Promise<string> {
  const key = NETWORK_KEYS.vpc
  return ensure(pass, rows, {
    key,
    kind: 'ec2.vpc',
    what: 'VPC',
    find: async () =>
      (await pass.calls.ec2(new DescribeVpcsCommand({ Filters: ownedFilters(pass, key) }))).Vpcs?.find(
        (v) => v.State !== 'deleting',
      ),
    create: async () => {
      const res = await pass.calls.ec2(
        new CreateVpcCommand({ CidrBlock: DYNAMIC_VPC_CIDR, TagSpecifications: tagSpec(pass, 'vpc', key, 'vpc') }),
        SINGLE,
      )
      return res.Vpc ?? {}
    },
    id: (v) => v.VpcId,
    // Private endpoints and the nodes' registration need DNS names inside the VPC.
    complete: async (v) => {
      await pass.calls.ec2(new ModifyVpcAttributeCommand({ VpcId: v.VpcId, EnableDnsSupport: { Value: true } }))
      await pass.calls.ec2(new ModifyVpcAttributeCommand({ VpcId: v.VpcId, EnableDnsHostnames: { Value: true } }))
    },
  })
}

function ensureInternetGateway(pass: AwsPass, rows: Rows, vpcId: string): Promise<string> {
  const key = NETWORK_KEYS.internetGateway
  return ensure(pass, rows, {
    key,
    kind: 'ec2.internet-gateway',
    what: 'internet gateway',
    find: async () =>
      (await pass.calls.ec2(new DescribeInternetGatewaysCommand({ Filters: ownedFilters(pass, key) })))
        .InternetGateways?.[0],
    create: async () => {
      const res = await pass.calls.ec2(
        new CreateInternetGatewayCommand({ TagSpecifications: tagSpec(pass, 'internet-gateway', key, 'igw') }),
        SINGLE,
      )
      return res.InternetGateway ?? {}
    },
    id: (g) => g.InternetGatewayId,
    complete: async (g) => {
      if (g.Attachments?.some((a) => a.VpcId === vpcId)) return
      await tolerating(['Resource.AlreadyAssociated'], () =>
        pass.calls.ec2(new AttachInternetGatewayCommand({ InternetGatewayId: g.InternetGatewayId, VpcId: vpcId })),
      )
    },
  })
}

function ensureSubnet(
  pass: AwsPass,
  rows: Rows,
  s: { vpcId: string; az: string; cidr: string; tier: 'public' | 'private' },
): Promise<string> {
  const key = s.tier === 'public' ? NETWORK_KEYS.publicSubnet(s.az) : NETWORK_KEYS.privateSubnet(s.az)
  // Seed 004: the tags that let Kubernetes load balancers find their subnets.
  const discovery = {
    ...(s.tier === 'public' ? { 'kubernetes.io/role/elb': '1' } : { 'kubernetes.io/role/internal-elb': '1' }),
    'sigs.k8s.io/cluster-api-provider-aws/role': s.tier,
    [`kubernetes.io/cluster/${pass.name}`]: 'shared',
    [`sigs.k8s.io/cluster-api-provider-aws/cluster/${pass.name}`]: 'owned',
  }
  return ensure<Subnet>(pass, rows, {
    key,
    kind: 'ec2.subnet',
    what: `${s.tier} subnet in ${s.az}`,
    find: async () =>
      (await pass.calls.ec2(new DescribeSubnetsCommand({ Filters: ownedFilters(pass, key) }))).Subnets?.[0],
    create: async () => {
      const res = await pass.calls.ec2(
        new CreateSubnetCommand({
          VpcId: s.vpcId,
          CidrBlock: s.cidr,
          AvailabilityZone: s.az,
          TagSpecifications: tagSpec(pass, 'subnet', key, `subnet-${s.tier}-${s.az}`, discovery),
        }),
        SINGLE,
      )
      return res.Subnet ?? {}
    },
    id: (subnet) => subnet.SubnetId,
    complete: async (subnet) => {
      if (s.tier !== 'public' || subnet.MapPublicIpOnLaunch) return
      await pass.calls.ec2(
        new ModifySubnetAttributeCommand({ SubnetId: subnet.SubnetId, MapPublicIpOnLaunch: { Value: true } }),
      )
    },
  })
}

function ensureRouteTable(
  pass: AwsPass,
  rows: Rows,
  t: {
    key: string
    what: string
    vpcId: string
    route: { GatewayId?: string; NatGatewayId?: string }
    subnetIds: string[]
  },
): Promise<string> {
  return ensure<RouteTable>(pass, rows, {
    key: t.key,
    kind: 'ec2.route-table',
    what: t.what,
    find: async () =>
      (await pass.calls.ec2(new DescribeRouteTablesCommand({ Filters: ownedFilters(pass, t.key) }))).RouteTables?.[0],
    create: async (clientToken) => {
      const res = await pass.calls.ec2(
        new CreateRouteTableCommand({
          VpcId: t.vpcId,
          ClientToken: clientToken,
          TagSpecifications: tagSpec(pass, 'route-table', t.key, t.key.replaceAll('/', '-')),
        }),
      )
      return res.RouteTable ?? {}
    },
    id: (table) => table.RouteTableId,
    complete: async (table) => {
      const hasDefault = table.Routes?.some(
        (r) =>
          r.DestinationCidrBlock === '0.0.0.0/0' &&
          (r.GatewayId ?? r.NatGatewayId) === (t.route.GatewayId ?? t.route.NatGatewayId),
      )
      if (!hasDefault) {
        await tolerating(['RouteAlreadyExists'], () =>
          pass.calls.ec2(
            new CreateRouteCommand({ RouteTableId: table.RouteTableId, DestinationCidrBlock: '0.0.0.0/0', ...t.route }),
          ),
        )
      }
      for (const subnetId of t.subnetIds) {
        if (table.Associations?.some((a) => a.SubnetId === subnetId)) continue
        await tolerating(['Resource.AlreadyAssociated'], () =>
          pass.calls.ec2(new AssociateRouteTableCommand({ RouteTableId: table.RouteTableId, SubnetId: subnetId })),
        )
      }
    },
  })
}

async function ensureNatGateway(pass: AwsPass, rows: Rows, az: string, publicSubnetId: string): Promise<string> {
  const addressKey = NETWORK_KEYS.address(az)
  const allocationId = await ensure(pass, rows, {
    key: addressKey,
    kind: 'ec2.address',
    what: `Elastic IP in ${az}`,
    find: async () =>
      (await pass.calls.ec2(new DescribeAddressesCommand({ Filters: ownedFilters(pass, addressKey) }))).Addresses?.[0],
    create: async () =>
      pass.calls.ec2(
        new AllocateAddressCommand({
          Domain: 'vpc',
          TagSpecifications: tagSpec(pass, 'elastic-ip', addressKey, `eip-${az}`),
        }),
        SINGLE,
      ),
    id: (a) => a.AllocationId,
  })
  const key = NETWORK_KEYS.natGateway(az)
  return ensure(pass, rows, {
    key,
    kind: 'ec2.nat-gateway',
    what: `NAT gateway in ${az}`,
    find: async () =>
      (await pass.calls.ec2(new DescribeNatGatewaysCommand({ Filter: ownedFilters(pass, key) }))).NatGateways?.find(
        (n) => n.State === 'pending' || n.State === 'available',
      ),
    create: async (clientToken) => {
      const res = await pass.calls.ec2(
        new CreateNatGatewayCommand({
          SubnetId: publicSubnetId,
          AllocationId: allocationId,
          ClientToken: clientToken,
          TagSpecifications: tagSpec(pass, 'natgateway', key, `nat-${az}`),
        }),
      )
      return res.NatGateway ?? {}
    },
    id: (n) => n.NatGatewayId,
  })
}

/** True once every zone's NAT gateway is available (remembered in the ledger, so later passes do not ask). */
async function natGatewaysAvailable(pass: AwsPass, rows: Rows, zones: string[]): Promise<boolean> {
  const pending = zones
    .map((az) => ({ az, key: NETWORK_KEYS.natGateway(az), row: rows.get(NETWORK_KEYS.natGateway(az)) }))
    .filter((n) => n.row?.attrs.available !== true)
  if (pending.length === 0) return true
  const ids = pending.map((n) => n.row?.cloudId ?? '').filter(Boolean)
  const res = await inStep('Waiting for NAT gateways', () =>
    pass.calls.ec2(new DescribeNatGatewaysCommand({ NatGatewayIds: ids })),
  )
  let waiting = 0
  for (const nat of res.NatGateways ?? []) {
    const entry = pending.find((n) => n.row?.cloudId === nat.NatGatewayId)
    if (!entry) continue
    if (nat.State === 'available') {
      await pass.work.ledger.created(entry.key, { cloudId: nat.NatGatewayId ?? '', attrs: { available: true } })
    } else if (nat.State === 'pending') {
      waiting++
    } else {
      throw new CloudError({
        kind: 'InvalidRequest',
        cloud: 'aws',
        cloudCode: nat.FailureCode,
        message: `Waiting for NAT gateways: ${nat.NatGatewayId} in ${entry.az} is ${nat.State}${nat.FailureMessage ? ` (${nat.FailureMessage})` : ''}.`,
      })
    }
  }
  if (waiting === 0) return true
  await reportChange(
    pass,
    'network/nat',
    'WaitingForNetwork',
    `Waiting for NAT gateways: ${zones.length - waiting}/${zones.length} available`,
  )
  return false
}
