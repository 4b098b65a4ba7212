import type {
  AuthorizeSecurityGroupIngressRequest,
  AuthorizeSecurityGroupIngressResult,
  CreateSecurityGroupRequest,
  CreateSecurityGroupResult,
  DeleteSecurityGroupRequest,
  DeleteSecurityGroupResult,
  DescribeSecurityGroupsRequest,
  DescribeSecurityGroupsResult,
  IpPermission,
  RevokeSecurityGroupIngressRequest,
  RevokeSecurityGroupIngressResult,
  SecurityGroup,
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
import { describeKind, type Ec2Kind, notFound, paginateEc2, requireResource } from './kind.ts'
import { tagsFor } from './tag-spec.ts'
import { vpcKind } from './vpcs.ts'

function permissions(r: ResourceRecord, key: 'ingress' | 'egress'): IpPermission[] {
  return (r.attrs[key] as IpPermission[] | undefined) ?? []
}

export const securityGroupKind: Ec2Kind<SecurityGroup> = {
  type: 'ec2.security-group',
  prefix: 'sg',
  tagResourceType: 'security-group',
  notFound: notFound('InvalidGroup.NotFound', "The security group '{id}' does not exist"),
  view: (call, r) => ({
    GroupId: r.id,
    GroupName: r.name,
    Description: r.attrs.description as string,
    VpcId: r.attrs.vpcId as string,
    OwnerId: call.account.id,
    SecurityGroupArn: `arn:aws:ec2:${r.region}:${r.account}:security-group/${r.id}`,
    IpPermissions: permissions(r, 'ingress'),
    IpPermissionsEgress: permissions(r, 'egress'),
    Tags: tagsToList(r.tags),
  }),
  fields: (_call, r) => ({
    'group-id': [r.id],
    'group-name': [r.name],
    'vpc-id': [r.attrs.vpcId as string],
    description: [r.attrs.description as string],
    'owner-id': [r.account],
    'ip-permission.cidr': permissions(r, 'ingress').flatMap((p) => (p.IpRanges ?? []).map((x) => x.CidrIp)),
    'ip-permission.from-port': permissions(r, 'ingress').map((p) => p.FromPort),
    'ip-permission.to-port': permissions(r, 'ingress').map((p) => p.ToPort),
    'ip-permission.protocol': permissions(r, 'ingress').map((p) => p.IpProtocol),
    'ip-permission.group-id': permissions(r, 'ingress').flatMap((p) =>
      (p.UserIdGroupPairs ?? []).map((x) => x.GroupId),
    ),
  }),
}

export function describeSecurityGroups(
  call: AwsCall,
  input: DescribeSecurityGroupsRequest,
): DescribeSecurityGroupsResult {
  let ids = input.GroupIds
  if (input.GroupNames?.length) {
    // GroupNames addresses the default VPC's groups only, as in AWS.
    const defaultVpc = listResources(call, vpcKind.type).find((v) => v.attrs.isDefault === true)
    const groups = listResources(call, securityGroupKind.type, defaultVpc?.id)
    ids = input.GroupNames.map((name) => {
      const g = groups.find((x) => x.name === name)
      if (!g)
        throw new AwsError(
          'InvalidGroup.NotFound',
          `The security group '${name}' does not exist in default VPC '${defaultVpc?.id ?? 'none'}'`,
        )
      return g.id
    })
  }
  const { page, NextToken } = paginateEc2(describeKind(call, securityGroupKind, ids, input.Filters), input)
  return { SecurityGroups: page, NextToken }
}

export function createSecurityGroup(call: AwsCall, input: CreateSecurityGroupRequest): CreateSecurityGroupResult {
  if (!input.GroupName) throw new AwsError('MissingParameter', 'The request must contain the parameter groupName')
  if (!input.Description)
    throw new AwsError('MissingParameter', 'The request must contain the parameter groupDescription')
  if (input.GroupName.toLowerCase().startsWith('sg-')) {
    throw new AwsError('InvalidParameterValue', 'Group names may not be in the format sg-*.')
  }
  const vpc = input.VpcId
    ? requireResource(call, vpcKind, input.VpcId)
    : listResources(call, vpcKind.type).find((v) => v.attrs.isDefault === true)
  if (!vpc) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user')
  const existing = listResources(call, securityGroupKind.type, vpc.id)
  if (existing.some((g) => g.name === input.GroupName)) {
    throw new AwsError(
      'InvalidGroup.Duplicate',
      `The security group '${input.GroupName}' already exists for VPC '${vpc.id}'`,
    )
  }
  if (existing.length >= quota(call, 'securityGroupsPerVpc')) {
    throw new AwsError('SecurityGroupLimitExceeded', 'The maximum number of security groups has been reached.')
  }
  const tags = tagsFor(input.TagSpecifications, 'security-group')
  const r = putResource(call, {
    type: securityGroupKind.type,
    id: newId('sg'),
    name: input.GroupName,
    state: 'available',
    parentId: vpc.id,
    tags,
    attrs: {
      vpcId: vpc.id,
      description: input.Description,
      ingress: [],
      egress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    },
  })
  return { GroupId: r.id, SecurityGroupArn: securityGroupKind.view(call, r).SecurityGroupArn, Tags: tagsToList(tags) }
}

/** One permission per (protocol, ports, source), the unit AWS detects duplicates on. */
function explode(p: IpPermission): IpPermission[] {
  const base = { IpProtocol: p.IpProtocol, FromPort: p.FromPort, ToPort: p.ToPort }
  return [
    ...(p.IpRanges ?? []).map((x) => ({ ...base, IpRanges: [x] })),
    ...(p.UserIdGroupPairs ?? []).map((x) => ({ ...base, UserIdGroupPairs: [x] })),
    ...(p.Ipv6Ranges ?? []).map((x) => ({ ...base, Ipv6Ranges: [x] })),
  ]
}

function sameRule(a: IpPermission, b: IpPermission): boolean {
  return (
    a.IpProtocol === b.IpProtocol &&
    (a.FromPort ?? -1) === (b.FromPort ?? -1) &&
    (a.ToPort ?? -1) === (b.ToPort ?? -1) &&
    a.IpRanges?.[0]?.CidrIp === b.IpRanges?.[0]?.CidrIp &&
    a.UserIdGroupPairs?.[0]?.GroupId === b.UserIdGroupPairs?.[0]?.GroupId &&
    a.Ipv6Ranges?.[0]?.CidrIpv6 === b.Ipv6Ranges?.[0]?.CidrIpv6
  )
}

export function authorizeSecurityGroupIngress(
  call: AwsCall,
  input: AuthorizeSecurityGroupIngressRequest,
): AuthorizeSecurityGroupIngressResult {
  const group = requireResource(call, securityGroupKind, input.GroupId)
  const requested: IpPermission[] = [...(input.IpPermissions ?? [])]
  if (input.IpProtocol) {
    requested.push({
      IpProtocol: input.IpProtocol,
      FromPort: input.FromPort,
      ToPort: input.ToPort,
      IpRanges: input.CidrIp ? [{ CidrIp: input.CidrIp }] : [],
    })
  }
  const rules = requested.flatMap(explode)
  if (rules.length === 0) throw new AwsError('MissingParameter', 'No permissions given: set IpPermissions.')
  const current = permissions(group, 'ingress')
  for (const rule of rules) {
    for (const source of rule.UserIdGroupPairs ?? []) requireResource(call, securityGroupKind, source.GroupId)
    if (current.some((c) => sameRule(c, rule))) {
      const src = rule.IpRanges?.[0]?.CidrIp ?? rule.UserIdGroupPairs?.[0]?.GroupId ?? ''
      throw new AwsError(
        'InvalidPermission.Duplicate',
        `the specified rule "peer: ${src}, ${rule.IpProtocol}, from port: ${rule.FromPort}, to port: ${rule.ToPort}, ALLOW" already exists`,
      )
    }
  }
  updateResource(call, group, { attrs: { ...group.attrs, ingress: [...current, ...rules] } })
  return {
    Return: true,
    SecurityGroupRules: rules.map((rule) => ({
      SecurityGroupRuleId: newId('sgr'),
      GroupId: group.id,
      GroupOwnerId: call.account.id,
      IsEgress: false,
      IpProtocol: rule.IpProtocol,
      FromPort: rule.FromPort,
      ToPort: rule.ToPort,
      CidrIpv4: rule.IpRanges?.[0]?.CidrIp,
      Description: rule.IpRanges?.[0]?.Description ?? rule.UserIdGroupPairs?.[0]?.Description,
      ReferencedGroupInfo: rule.UserIdGroupPairs?.[0]
        ? { GroupId: rule.UserIdGroupPairs[0].GroupId, UserId: call.account.id }
        : undefined,
    })),
  }
}

export function deleteSecurityGroup(call: AwsCall, input: DeleteSecurityGroupRequest): DeleteSecurityGroupResult {
  const group = input.GroupId
    ? requireResource(call, securityGroupKind, input.GroupId)
    : listResources(call, securityGroupKind.type).find((g) => g.name === input.GroupName)
  if (!group) throw new AwsError('InvalidGroup.NotFound', `The security group '${input.GroupName}' does not exist`)
  if (group.name === 'default')
    throw new AwsError('CannotDelete', `the specified group: "${group.id}" name: "default" cannot be deleted by a user`)
  const usedByInstance = listResources(call, 'ec2.instance').some(
    (i) => i.state !== 'terminated' && (i.attrs.securityGroupIds as string[]).includes(group.id),
  )
  const referenced = listResources(call, securityGroupKind.type).some(
    (g) =>
      g.id !== group.id &&
      permissions(g, 'ingress').some((p) => p.UserIdGroupPairs?.some((x) => x.GroupId === group.id)),
  )
  const usedByLb = listResources(call, 'elb.load-balancer').some((lb) =>
    ((lb.attrs.securityGroups as string[]) ?? []).includes(group.id),
  )
  // EKS puts a cluster's security groups on its control plane network interfaces, and a nodegroup's
  // remote access source groups into the group it creates for SSH: both hold the group until they are gone.
  const usedByEks =
    listResources(call, 'eks.cluster').some((c) =>
      ((c.attrs.resourcesVpcConfig as { securityGroupIds?: string[] }).securityGroupIds ?? []).includes(group.id),
    ) ||
    listResources(call, 'eks.nodegroup').some((n) =>
      ((n.attrs.remoteAccess as { sourceSecurityGroups?: string[] } | undefined)?.sourceSecurityGroups ?? []).includes(
        group.id,
      ),
    )
  if (usedByInstance || referenced || usedByLb || usedByEks) {
    throw new AwsError('DependencyViolation', `resource ${group.id} has a dependent object`)
  }
  removeResource(call, group)
  return { Return: true, GroupId: group.id }
}

/** Revoke ingress rules; rules the group does not have come back in UnknownIpPermissions, as AWS answers. */
export function revokeSecurityGroupIngress(
  call: AwsCall,
  input: RevokeSecurityGroupIngressRequest,
): RevokeSecurityGroupIngressResult {
  const group = requireResource(call, securityGroupKind, input.GroupId)
  const requested: IpPermission[] = [...(input.IpPermissions ?? [])]
  if (input.IpProtocol) {
    requested.push({
      IpProtocol: input.IpProtocol,
      FromPort: input.FromPort,
      ToPort: input.ToPort,
      IpRanges: input.CidrIp ? [{ CidrIp: input.CidrIp }] : [],
    })
  }
  const rules = requested.flatMap(explode)
  const current = permissions(group, 'ingress')
  const unknown = rules.filter((rule) => !current.some((c) => sameRule(c, rule)))
  const kept = current.filter((c) => !rules.some((rule) => sameRule(c, rule)))
  updateResource(call, group, { attrs: { ...group.attrs, ingress: kept } })
  return { Return: true, UnknownIpPermissions: unknown.length ? unknown : undefined }
}
