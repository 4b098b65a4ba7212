import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  type IpPermission,
  type SecurityGroup,
} from '@aws-sdk/client-ec2'
import { ensure, findOwnedSecurityGroup, type Rows, SINGLE, tagSpec, tolerating } from '../aws/network.ts'
import { inStep } from '../driver-steps.ts'
import { API_SERVER_PORT, type AwsIaasPass, type GroupRole, IAAS_KEYS } from './aws-iaas-spec.ts'

/** The cluster's security groups by role (no bastion group without a bastion). */
export interface ClusterGroups {
  controlplane: string
  node: string
  bastion?: string
}

const DESCRIPTIONS: Record<GroupRole, string> = {
  controlplane: 'control plane nodes: the API server from the load balancer, etcd among themselves',
  node: 'worker nodes: kubelet from the control plane, NodePort services',
  bastion: 'bastion host: SSH from anywhere',
}

/** One ingress rule: from CIDR blocks or from another (or the same) group. */
interface Rule {
  protocol: 'tcp' | '-1'
  from?: number
  to?: number
  cidr?: string
  group?: string
  description: string
}

/**
 * The ingress rules of each group, as the Cluster API provider for AWS sets them: the API server open
 * to the internet-facing network load balancer (which keeps client addresses, so from anywhere), etcd
 * and kubelet among the control plane, everything between nodes and the control plane (the CNI), SSH
 * from the bastion only (static placement: from the VPC).
 */
function rulesOf(groups: ClusterGroups, vpcCidr: string): Record<GroupRole, Rule[]> {
  const ssh: Rule = groups.bastion
    ? { protocol: 'tcp', from: 22, to: 22, group: groups.bastion, description: 'SSH from the bastion' }
    : { protocol: 'tcp', from: 22, to: 22, cidr: vpcCidr, description: 'SSH from the VPC' }
  return {
    controlplane: [
      {
        protocol: 'tcp',
        from: API_SERVER_PORT,
        to: API_SERVER_PORT,
        cidr: '0.0.0.0/0',
        description: 'Kubernetes API server',
      },
      { protocol: 'tcp', from: 2379, to: 2380, group: groups.controlplane, description: 'etcd' },
      { protocol: '-1', group: groups.controlplane, description: 'control plane nodes' },
      { protocol: '-1', group: groups.node, description: 'worker nodes (CNI, kubelet)' },
      ssh,
    ],
    node: [
      { protocol: '-1', group: groups.node, description: 'worker nodes (CNI)' },
      { protocol: '-1', group: groups.controlplane, description: 'control plane (kubelet, CNI)' },
      { protocol: 'tcp', from: 30000, to: 32767, cidr: '0.0.0.0/0', description: 'NodePort services' },
      ssh,
    ],
    bastion: [{ protocol: 'tcp', from: 22, to: 22, cidr: '0.0.0.0/0', description: 'SSH' }],
  }
}

function has(group: SecurityGroup, rule: Rule): boolean {
  return (group.IpPermissions ?? []).some(
    (p) =>
      p.IpProtocol === rule.protocol &&
      (rule.protocol === '-1' || (p.FromPort === rule.from && p.ToPort === rule.to)) &&
      (rule.cidr
        ? p.IpRanges?.some((r) => r.CidrIp === rule.cidr)
        : p.UserIdGroupPairs?.some((g) => g.GroupId === rule.group)),
  )
}

function permission(rule: Rule): IpPermission {
  return {
    IpProtocol: rule.protocol,
    ...(rule.protocol === 'tcp' ? { FromPort: rule.from, ToPort: rule.to } : {}),
    ...(rule.cidr
      ? { IpRanges: [{ CidrIp: rule.cidr, Description: rule.description }] }
      : { UserIdGroupPairs: [{ GroupId: rule.group, Description: rule.description }] }),
  }
}

/**
 * The cluster's security groups: each created bare (look-up-before-create by its tags), then, once
 * all exist (their rules name each other), the missing ingress rules added. The ledger row of a group
 * says `rules: true` once its rules are in place, so later passes do not read them again.
 */
export async function ensureSecurityGroups(
  pass: AwsIaasPass,
  rows: Rows,
  vpc: { id: string; cidr: () => Promise<string> },
  withBastion: boolean,
): Promise<ClusterGroups> {
  const roles: GroupRole[] = withBastion ? ['controlplane', 'node', 'bastion'] : ['controlplane', 'node']
  const ids = new Map<GroupRole, string>()
  for (const role of roles) {
    const key = IAAS_KEYS.securityGroup(role)
    ids.set(
      role,
      await ensure<SecurityGroup>(pass, rows, {
        key,
        kind: 'ec2.security-group',
        what: `${role} security group`,
        find: () => findOwnedSecurityGroup(pass, key),
        create: async () => {
          const res = await pass.calls.ec2(
            new CreateSecurityGroupCommand({
              GroupName: `${pass.name}-${pass.work.clusterUid.slice(0, 8)}-${role}`,
              Description: `Cluster ${pass.name}, ${DESCRIPTIONS[role]}`,
              VpcId: vpc.id,
              TagSpecifications: tagSpec(pass, 'security-group', key, role),
            }),
            SINGLE,
          )
          return { GroupId: res.GroupId }
        },
        id: (g) => g.GroupId,
      }),
    )
  }
  const groups: ClusterGroups = {
    controlplane: ids.get('controlplane') ?? '',
    node: ids.get('node') ?? '',
    ...(withBastion ? { bastion: ids.get('bastion') ?? '' } : {}),
  }
  const pending = roles.filter((role) => rows.get(IAAS_KEYS.securityGroup(role))?.attrs?.rules !== true)
  if (pending.length === 0) return groups
  const rules = rulesOf(groups, await vpc.cidr())
  for (const role of pending) {
    const id = ids.get(role) ?? ''
    await inStep(`Creating ${role} security group rules`, async () => {
      const res = await pass.calls.ec2(new DescribeSecurityGroupsCommand({ GroupIds: [id] }))
      const group = res.SecurityGroups?.[0] ?? {}
      const missing = rules[role].filter((r) => !has(group, r))
      if (missing.length > 0) {
        await tolerating(['InvalidPermission.Duplicate'], () =>
          pass.calls.ec2(
            new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: missing.map(permission) }),
          ),
        )
      }
    })
    const key = IAAS_KEYS.securityGroup(role)
    await pass.work.ledger.created(key, { cloudId: id, attrs: { rules: true } })
    const row = rows.get(key)
    if (row) rows.set(key, { ...row, attrs: { ...row.attrs, rules: true } })
  }
  return groups
}
