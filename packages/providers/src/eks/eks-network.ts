import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
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
  type IpPermission,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
  type ResourceType,
  type RouteTable,
  type Subnet,
  type TagSpecification,
} from '@aws-sdk/client-ec2'
import type { EksMachinePool } from '@console/contracts'
import type { LedgerEntry } from '../cluster-driver.ts'
import { inStep, reportChange } from '../driver-steps.ts'
import { CloudError } from '../errors.ts'
import { OWNER_TAG, ownershipTags, RESOURCE_KEY_TAG } from '../ownership.ts'
import { awsCode } from './eks-call.ts'
import { type EksPass, LEDGER_KEYS } from './eks-pass.ts'
import { EKS_VPC_CIDR, placementZones, subnetCidrs, tagList } from './eks-spec.ts'

/** Where the cluster lives: what the cluster and the node groups are created in. */
export interface EksPlacement {
  vpcId: string
  /** The control plane's subnets (EKS needs two zones or more). */
  clusterSubnetIds: string[]
  /** The console's security group, on the control plane and as the only SSH source of the nodes. */
  securityGroupId: string
  /** The subnets a pool's nodes go in. */
  poolSubnetIds(pool: EksMachinePool): string[]
  /** False while a dynamic placement's NAT gateways are not yet available: nodes need them to reach EKS. */
  ready: boolean
}

type Rows = Map<string, LedgerEntry>

/** Filters for what this cluster owns (and, given a key, the one resource of that ledger key). */
export function ownedFilters(pass: EksPass, key?: string): Filter[] {
  return [
    { Name: `tag:${OWNER_TAG}`, Values: [pass.work.clusterUid] },
    ...(key ? [{ Name: `tag:${RESOURCE_KEY_TAG}`, Values: [key] }] : []),
  ]
}

/** The tags a resource is created with: ownership, its ledger key, a Name, and any extra ones. */
function tagSpec(
  pass: EksPass,
  type: ResourceType,
  key: string,
  suffix: string,
  extra: Record<string, string> = {},
): TagSpecification[] {
  const tags = {
    ...ownershipTags(pass.work.clusterUid, pass.name, pass.work.labels),
    Name: `${pass.name}-${suffix}`,
    [RESOURCE_KEY_TAG]: key,
    ...extra,
  }
  return [{ ResourceType: type, Tags: tagList(tags) }]
}

/** How one EC2 resource is found, created and completed (attached, routed, associated…). */
interface Ensure<R> {
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
async function ensure<R>(pass: EksPass, rows: Rows, e: Ensure<R>): Promise<string> {
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
async function tolerating(codes: string[], run: () => Promise<unknown>): Promise<void> {
  try {
    await run()
  } catch (err) {
    if (!codes.includes(awsCode(err) ?? '')) throw err
  }
}

const SINGLE = { singleAttempt: true }

/**
 * The placement of the cluster. Static: the chosen VPC and subnets, used as they are (never changed,
 * never deleted), plus the console's security group. Dynamic: a VPC with, per zone of the pools, a
 * public subnet (internet gateway route, NAT gateway with an Elastic IP) and a private subnet (routed
 * through its zone's NAT gateway) for the control plane and the nodes, all tagged as owned by the cluster.
 */
export async function ensurePlacement(pass: EksPass): Promise<EksPlacement> {
  const rows: Rows = new Map((await pass.work.ledger.list()).map((r) => [r.key, r]))
  const { spec } = pass.work
  const staticVpc = spec.cloudConfig.vpcId
  if (staticVpc) {
    const securityGroupId = await ensureSecurityGroup(pass, rows, staticVpc, async () => {
      const res = await pass.calls.ec2(new DescribeVpcsCommand({ VpcIds: [staticVpc] }))
      return res.Vpcs?.[0]?.CidrBlock ?? ''
    })
    const poolSubnetIds = (pool: EksMachinePool) => pool.cloudConfig.subnets.map((s) => s.id)
    return {
      vpcId: staticVpc,
      clusterSubnetIds: [...new Set(spec.machinepoolconfig.flatMap(poolSubnetIds))],
      securityGroupId,
      poolSubnetIds,
      ready: true,
    }
  }

  const zones = placementZones(spec)
  const networkKeys = [LEDGER_KEYS.vpc, LEDGER_KEYS.securityGroup, ...zones.map(LEDGER_KEYS.natGateway)]
  if (networkKeys.some((k) => rows.get(k)?.state !== 'created')) {
    await reportChange(
      pass,
      'network',
      'CreatingNetwork',
      `Creating VPC ${EKS_VPC_CIDR} with a public and a private subnet in ${zones.join(', ')}`,
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
    key: LEDGER_KEYS.publicRouteTable,
    what: 'public route table',
    vpcId,
    route: { GatewayId: igwId },
    subnetIds: [...publicSubnets.values()],
  })
  for (const az of zones) {
    const natId = await ensureNatGateway(pass, rows, az, publicSubnets.get(az) ?? '')
    await ensureRouteTable(pass, rows, {
      key: LEDGER_KEYS.privateRouteTable(az),
      what: `private route table in ${az}`,
      vpcId,
      route: { NatGatewayId: natId },
      subnetIds: [privateSubnets.get(az) ?? ''],
    })
  }
  const securityGroupId = await ensureSecurityGroup(pass, rows, vpcId, async () => EKS_VPC_CIDR)
  const ready = await natGatewaysAvailable(pass, rows, zones)
  return {
    vpcId,
    clusterSubnetIds: [...privateSubnets.values(), ...publicSubnets.values()],
    securityGroupId,
    poolSubnetIds: (pool) => pool.cloudConfig.azs.map((az) => privateSubnets.get(az) ?? ''),
    ready,
  }
}

function ensureVpc(pass: EksPass, rows: Rows): Promise<string> {
  const key = LEDGER_KEYS.vpc
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
        new CreateVpcCommand({ CidrBlock: EKS_VPC_CIDR, TagSpecifications: tagSpec(pass, 'vpc', key, 'vpc') }),
        SINGLE,
      )
      return res.Vpc ?? {}
    },
    id: (v) => v.VpcId,
    // EKS's private endpoint and the nodes' registration need DNS names inside the VPC.
    complete: async (v) => {
      await pass.calls.ec2(new ModifyVpcAttributeCommand({ VpcId: v.VpcId, EnableDnsSupport: { Value: true } }))
      await pass.calls.ec2(new ModifyVpcAttributeCommand({ VpcId: v.VpcId, EnableDnsHostnames: { Value: true } }))
    },
  })
}

function ensureInternetGateway(pass: EksPass, rows: Rows, vpcId: string): Promise<string> {
  const key = LEDGER_KEYS.internetGateway
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
  pass: EksPass,
  rows: Rows,
  s: { vpcId: string; az: string; cidr: string; tier: 'public' | 'private' },
): Promise<string> {
  const key = s.tier === 'public' ? LEDGER_KEYS.publicSubnet(s.az) : LEDGER_KEYS.privateSubnet(s.az)
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
  pass: EksPass,
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

async function ensureNatGateway(pass: EksPass, rows: Rows, az: string, publicSubnetId: string): Promise<string> {
  const addressKey = LEDGER_KEYS.address(az)
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
  const key = LEDGER_KEYS.natGateway(az)
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
async function natGatewaysAvailable(pass: EksPass, rows: Rows, zones: string[]): Promise<boolean> {
  const pending = zones
    .map((az) => ({ az, key: LEDGER_KEYS.natGateway(az), row: rows.get(LEDGER_KEYS.natGateway(az)) }))
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

/**
 * The console's security group in the cluster's VPC: HTTPS to the private endpoint from the VPC and
 * from the Private Access CIDRs, and the only source SSH to the nodes is let in from.
 */
function ensureSecurityGroup(
  pass: EksPass,
  rows: Rows,
  vpcId: string,
  vpcCidr: () => Promise<string>,
): Promise<string> {
  const key = LEDGER_KEYS.securityGroup
  const access = pass.work.spec.cloudConfig.endpointAccess
  return ensure(pass, rows, {
    key,
    kind: 'ec2.security-group',
    what: 'security group',
    find: async () =>
      (await pass.calls.ec2(new DescribeSecurityGroupsCommand({ Filters: ownedFilters(pass, key) })))
        .SecurityGroups?.[0],
    create: async () => {
      const res = await pass.calls.ec2(
        new CreateSecurityGroupCommand({
          GroupName: `${pass.name}-${pass.work.clusterUid.slice(0, 8)}-eks`,
          Description: `EKS cluster ${pass.name}: HTTPS to the API server from the VPC; SSH source for its nodes`,
          VpcId: vpcId,
          TagSpecifications: tagSpec(pass, 'security-group', key, 'eks'),
        }),
        SINGLE,
      )
      return { GroupId: res.GroupId, IpPermissions: [] as IpPermission[] }
    },
    id: (g) => g.GroupId,
    complete: async (g) => {
      const sources = [await vpcCidr(), ...(access.private ? access.privateCIDRs : [])].filter(Boolean)
      const present = new Set(
        (g.IpPermissions ?? [])
          .filter((p) => p.FromPort === 443)
          .flatMap((p) => (p.IpRanges ?? []).map((r) => r.CidrIp)),
      )
      const missing = sources.filter((cidr) => !present.has(cidr))
      if (missing.length === 0) return
      await tolerating(['InvalidPermission.Duplicate'], () =>
        pass.calls.ec2(
          new AuthorizeSecurityGroupIngressCommand({
            GroupId: g.GroupId,
            IpPermissions: [
              {
                IpProtocol: 'tcp',
                FromPort: 443,
                ToPort: 443,
                IpRanges: missing.map((CidrIp) => ({ CidrIp, Description: 'Kubernetes API server' })),
              },
            ],
          }),
        ),
      )
    },
  })
}
