import {
  DeleteInternetGatewayCommand,
  DeleteNatGatewayCommand,
  DeleteRouteTableCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeAddressesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  type IpPermission,
  ReleaseAddressCommand,
  RevokeSecurityGroupIngressCommand,
  type Tag,
} from '@aws-sdk/client-ec2'
import { inStep, recordFound, reportChange } from '../driver-steps.ts'
import { RESOURCE_KEY_TAG } from '../ownership.ts'
import { awsCode, isAwsGone } from './aws-calls.ts'
import { type AwsPass, ownedFilters } from './network.ts'

/** One EC2 resource carrying this cluster's owner tag. */
interface Owned {
  kind: string
  id: string
  /** Its ledger key (from its key tag; `orphan/<id>` if it has none). */
  key: string
}

interface OwnedNetwork {
  /** With the ingress rules that name another group (they hold that group: revoked first). */
  securityGroups: Array<Owned & { groupRules: IpPermission[] }>
  routeTables: Array<Owned & { associations: string[] }>
  natGateways: Array<Owned & { deleting: boolean }>
  addresses: Owned[]
  internetGateways: Array<Owned & { vpcIds: string[] }>
  subnets: Owned[]
  vpcs: Owned[]
}

function owned(kind: string, id: string | undefined, tags: Tag[] | undefined): Owned {
  const key = tags?.find((t) => t.Key === RESOURCE_KEY_TAG)?.Value
  return { kind, id: id ?? '', key: key ?? `orphan/${id}` }
}

/** Everything of EC2 that carries this cluster's owner tag (pre-existing resources never do). */
async function discover(pass: AwsPass): Promise<OwnedNetwork> {
  const ec2 = pass.calls.ec2
  const Filters = ownedFilters(pass)
  const [groups, tables, nats, addresses, gateways, subnets, vpcs] = await Promise.all([
    ec2(new DescribeSecurityGroupsCommand({ Filters })),
    ec2(new DescribeRouteTablesCommand({ Filters })),
    ec2(new DescribeNatGatewaysCommand({ Filter: Filters })),
    ec2(new DescribeAddressesCommand({ Filters })),
    ec2(new DescribeInternetGatewaysCommand({ Filters })),
    ec2(new DescribeSubnetsCommand({ Filters })),
    ec2(new DescribeVpcsCommand({ Filters })),
  ])
  return {
    securityGroups: (groups.SecurityGroups ?? []).map((g) => ({
      ...owned('ec2.security-group', g.GroupId, g.Tags),
      groupRules: (g.IpPermissions ?? [])
        .filter((p) => p.UserIdGroupPairs?.some((pair) => pair.GroupId !== g.GroupId))
        .map((p) => ({
          IpProtocol: p.IpProtocol,
          FromPort: p.FromPort,
          ToPort: p.ToPort,
          UserIdGroupPairs: p.UserIdGroupPairs?.filter((pair) => pair.GroupId !== g.GroupId).map((pair) => ({
            GroupId: pair.GroupId,
          })),
        })),
    })),
    routeTables: (tables.RouteTables ?? []).map((t) => ({
      ...owned('ec2.route-table', t.RouteTableId, t.Tags),
      associations: (t.Associations ?? [])
        .filter((a) => !a.Main && a.RouteTableAssociationId)
        .map((a) => a.RouteTableAssociationId ?? ''),
    })),
    // A deleted NAT gateway stays listed for a while (state `deleted`): it is gone.
    natGateways: (nats.NatGateways ?? [])
      .filter((n) => n.State !== 'deleted')
      .map((n) => ({ ...owned('ec2.nat-gateway', n.NatGatewayId, n.Tags), deleting: n.State === 'deleting' })),
    addresses: (addresses.Addresses ?? []).map((a) => owned('ec2.address', a.AllocationId, a.Tags)),
    internetGateways: (gateways.InternetGateways ?? []).map((g) => ({
      ...owned('ec2.internet-gateway', g.InternetGatewayId, g.Tags),
      vpcIds: (g.Attachments ?? []).map((a) => a.VpcId ?? '').filter(Boolean),
    })),
    subnets: (subnets.Subnets ?? []).map((s) => owned('ec2.subnet', s.SubnetId, s.Tags)),
    vpcs: (vpcs.Vpcs ?? []).map((v) => owned('ec2.vpc', v.VpcId, v.Tags)),
  }
}

/** AWS answers these while something still uses the resource (ENIs EKS has not released yet, a NAT still deleting). */
const STILL_IN_USE = ['DependencyViolation', 'InvalidIPAddress.InUse']

/**
 * Deletes every EC2 resource carrying the cluster's owner tag (the instances must be gone already),
 * in dependency order: the security groups (rules naming another group revoked first, since groups
 * that name each other hold each other), the route tables, the NAT gateways (waiting until they are deleted), the Elastic IPs, the
 * internet gateway, the subnets, the VPC. Pre-existing resources (Static Placement) never carry the
 * tag and are never touched. The ledger follows: `deleting` before each call, `deleted` once gone.
 * Answers true when nothing owned is left.
 */
export async function deletePlacement(pass: AwsPass): Promise<boolean> {
  const { ledger } = pass.work
  const network = await inStep('Looking up the network', () => discover(pass))
  const all = Object.values(network).flat() as Owned[]
  const live = new Set(all.flatMap((r) => [r.id, r.key]))
  for (const row of await ledger.list()) {
    if (!row.kind.startsWith('ec2.') || row.state === 'deleted') continue
    if ((row.cloudId && live.has(row.cloudId)) || live.has(row.key)) continue
    await ledger.deleted(row.key)
  }
  if (all.length === 0) return true

  let blocked: { what: string; code: string } | undefined
  /** Ledger `deleting`, the delete call (gone already is fine), ledger `deleted` when the call was synchronous. */
  const remove = async (what: string, r: Owned, run: () => Promise<unknown>, synchronous = true) => {
    const entry = await ledger.get(r.key)
    if (entry?.state !== 'deleting') {
      await recordFound(ledger, r.key, { kind: r.kind, region: pass.region, name: what }, r.id, entry)
      await ledger.deleting(r.key)
    }
    try {
      await inStep(`Deleting ${what}`, run)
    } catch (err) {
      if (STILL_IN_USE.includes(awsCode(err) ?? '')) {
        blocked ??= { what, code: awsCode(err) ?? '' }
        return
      }
      if (!isAwsGone(err)) throw err
    }
    if (synchronous) await ledger.deleted(r.key)
  }
  const say = (topic: string, message: string) => reportChange(pass, `delete/${topic}`, 'DeletingNetwork', message)
  const waitFor = async () => {
    if (!blocked) return false
    await reportChange(
      pass,
      'delete/blocked',
      'WaitingForNetwork',
      `Waiting for AWS to release ${blocked.what} (${blocked.code})`,
    )
    return true
  }
  const ec2 = pass.calls.ec2

  if (network.securityGroups.length > 0)
    await say('sg', network.securityGroups.length > 1 ? 'Deleting security groups' : 'Deleting security group')
  for (const g of network.securityGroups) {
    if (g.groupRules.length === 0) continue
    await inStep(`Deleting security group ${g.id}`, async () => {
      try {
        await ec2(new RevokeSecurityGroupIngressCommand({ GroupId: g.id, IpPermissions: g.groupRules }))
      } catch (err) {
        if (!isAwsGone(err) && awsCode(err) !== 'InvalidPermission.NotFound') throw err
      }
    })
  }
  for (const g of network.securityGroups)
    await remove(`security group ${g.id}`, g, () => ec2(new DeleteSecurityGroupCommand({ GroupId: g.id })))
  if (await waitFor()) return false

  if (network.routeTables.length > 0) await say('rtb', 'Deleting route tables')
  for (const t of network.routeTables) {
    await remove(`route table ${t.id}`, t, async () => {
      for (const AssociationId of t.associations) {
        try {
          await ec2(new DisassociateRouteTableCommand({ AssociationId }))
        } catch (err) {
          if (!isAwsGone(err)) throw err
        }
      }
      await ec2(new DeleteRouteTableCommand({ RouteTableId: t.id }))
    })
  }

  if (network.natGateways.length > 0) {
    await say('nat', 'Deleting NAT gateways')
    for (const n of network.natGateways) {
      if (n.deleting) continue
      await remove(`NAT gateway ${n.id}`, n, () => ec2(new DeleteNatGatewayCommand({ NatGatewayId: n.id })), false)
    }
    // The Elastic IPs and subnets are held until the NAT gateways are deleted.
    return false
  }

  if (network.addresses.length > 0) await say('eip', 'Releasing Elastic IPs')
  for (const a of network.addresses)
    await remove(`Elastic IP ${a.id}`, a, () => ec2(new ReleaseAddressCommand({ AllocationId: a.id })))
  if (await waitFor()) return false

  if (network.internetGateways.length > 0) await say('igw', 'Deleting internet gateway')
  for (const g of network.internetGateways) {
    await remove(`internet gateway ${g.id}`, g, async () => {
      for (const VpcId of g.vpcIds) {
        try {
          await ec2(new DetachInternetGatewayCommand({ InternetGatewayId: g.id, VpcId }))
        } catch (err) {
          if (awsCode(err) !== 'Gateway.NotAttached' && !isAwsGone(err)) throw err
        }
      }
      await ec2(new DeleteInternetGatewayCommand({ InternetGatewayId: g.id }))
    })
  }
  if (network.subnets.length > 0) await say('subnet', 'Deleting subnets')
  for (const s of network.subnets)
    await remove(`subnet ${s.id}`, s, () => ec2(new DeleteSubnetCommand({ SubnetId: s.id })))
  if (await waitFor()) return false

  for (const v of network.vpcs) {
    await say('vpc', `Deleting VPC ${v.id}`)
    await remove(`VPC ${v.id}`, v, () => ec2(new DeleteVpcCommand({ VpcId: v.id })))
  }
  if ((await waitFor()) || network.vpcs.length === 0) return false
  await reportChange(pass, 'delete/done', 'NetworkDeleted', 'VPC and its subnets, gateways and route tables deleted')
  return true
}
