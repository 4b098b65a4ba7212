import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeVpcsCommand,
  type IpPermission,
} from '@aws-sdk/client-ec2'
import type { EksMachinePool } from '@console/contracts'
import {
  DYNAMIC_VPC_CIDR,
  ensure,
  ensureDynamicNetwork,
  findOwnedSecurityGroup,
  placementZones,
  type Rows,
  readRows,
  SINGLE,
  tagSpec,
  tolerating,
} from '../aws/network.ts'
import { type EksPass, LEDGER_KEYS } from './eks-pass.ts'

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

/**
 * The placement of the cluster. Static: the chosen VPC and subnets, used as they are (never changed,
 * never deleted), plus the console's security group. Dynamic: the shared dynamic network (see
 * ensureDynamicNetwork), the control plane and the nodes in its private subnets.
 */
export async function ensurePlacement(pass: EksPass): Promise<EksPlacement> {
  const rows = await readRows(pass)
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
  const network = await ensureDynamicNetwork(pass, rows, zones, [LEDGER_KEYS.securityGroup])
  const securityGroupId = await ensureSecurityGroup(pass, rows, network.vpcId, async () => DYNAMIC_VPC_CIDR)
  return {
    vpcId: network.vpcId,
    clusterSubnetIds: [...network.privateSubnets.values(), ...network.publicSubnets.values()],
    securityGroupId,
    poolSubnetIds: (pool) => pool.cloudConfig.azs.map((az) => network.privateSubnets.get(az) ?? ''),
    ready: network.ready,
  }
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
    find: () => findOwnedSecurityGroup(pass, key),
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
