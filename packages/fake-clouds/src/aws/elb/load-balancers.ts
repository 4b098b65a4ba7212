import { randomBytes } from 'node:crypto'
import type {
  AddTagsInput,
  CreateListenerInput,
  CreateListenerOutput,
  CreateLoadBalancerInput,
  CreateLoadBalancerOutput,
  DeleteListenerInput,
  DeleteLoadBalancerInput,
  DescribeListenersInput,
  DescribeListenersOutput,
  DescribeLoadBalancersInput,
  DescribeLoadBalancersOutput,
  DescribeTagsInput,
  DescribeTagsOutput,
  Listener,
  LoadBalancer,
  RemoveTagsInput,
} from '@aws-sdk/client-elastic-load-balancing-v2'
import type { ResourceRecord } from '../../core/types.ts'
import {
  type AwsCall,
  AwsError,
  duration,
  getResource,
  listResources,
  putResource,
  quota,
  removeResource,
  tagsFromList,
  tagsToList,
  updateResource,
} from '../call.ts'

export const LB = 'elb.load-balancer'
export const TG = 'elb.target-group'
export const LISTENER = 'elb.listener'

function hex16(): string {
  return randomBytes(8).toString('hex')
}

export function lbNotFound(): AwsError {
  return new AwsError('LoadBalancerNotFound', 'One or more load balancers not found')
}

export function requireLb(call: AwsCall, arn: string | undefined): ResourceRecord {
  const r = arn ? getResource(call, LB, arn) : undefined
  if (!r) throw lbNotFound()
  return r
}

function lbView(r: ResourceRecord): LoadBalancer {
  const a = r.attrs
  return {
    LoadBalancerArn: r.id,
    DNSName: a.dnsName as string,
    CanonicalHostedZoneId: 'Z26RNL4JYFTOTI',
    CreatedTime: new Date(r.createdAt),
    LoadBalancerName: r.name,
    Scheme: a.scheme as LoadBalancer['Scheme'],
    VpcId: a.vpcId as string,
    State: { Code: r.state as NonNullable<LoadBalancer['State']>['Code'] },
    Type: a.type as LoadBalancer['Type'],
    AvailabilityZones: (a.zones as Array<{ zone: string; subnetId: string }>).map((z) => ({
      ZoneName: z.zone,
      SubnetId: z.subnetId,
      LoadBalancerAddresses: [],
    })),
    SecurityGroups:
      a.type === 'application' || (a.securityGroups as string[]).length ? (a.securityGroups as string[]) : undefined,
    IpAddressType: 'ipv4',
  }
}

export function createLoadBalancer(call: AwsCall, input: CreateLoadBalancerInput): CreateLoadBalancerOutput {
  const name = input.Name ?? ''
  if (!/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$/.test(name) || name.startsWith('internal-')) {
    throw new AwsError('ValidationError', `The load balancer name '${name}' is not valid`)
  }
  const type = input.Type ?? 'application'
  const scheme = input.Scheme ?? 'internet-facing'
  const subnetIds = [...(input.Subnets ?? []), ...(input.SubnetMappings ?? []).map((m) => m.SubnetId ?? '')]
  const subnets = subnetIds.map((id) => {
    const s = getResource(call, 'ec2.subnet', id)
    if (!s) throw new AwsError('SubnetNotFound', `The subnet ID '${id}' is not valid`)
    return s
  })
  if (subnets.length === 0) throw new AwsError('ValidationError', 'At least one subnet must be specified')
  const vpcIds = new Set(subnets.map((s) => s.attrs.vpcId as string))
  if (vpcIds.size > 1) throw new AwsError('InvalidSubnet', 'The subnets must all belong to the same VPC')
  const zones = subnets.map((s) => ({ zone: s.attrs.availabilityZone as string, subnetId: s.id }))
  if (new Set(zones.map((z) => z.zone)).size !== zones.length) {
    throw new AwsError(
      'InvalidConfigurationRequest',
      'A load balancer cannot be attached to multiple subnets in the same Availability Zone',
    )
  }
  if (type === 'application' && zones.length < 2) {
    throw new AwsError(
      'InvalidConfigurationRequest',
      'At least two subnets in two different Availability Zones must be specified',
    )
  }
  for (const id of input.SecurityGroups ?? []) {
    if (!getResource(call, 'ec2.security-group', id))
      throw new AwsError('InvalidSecurityGroup', `Security group '${id}' does not exist`)
  }
  const existing = listResources(call, LB).find((lb) => lb.name === name)
  if (existing) {
    // Same name and same settings returns the existing load balancer (CreateLoadBalancer is idempotent).
    const same = existing.attrs.type === type && existing.attrs.scheme === scheme
    if (!same)
      throw new AwsError(
        'DuplicateLoadBalancerName',
        `A load balancer with the same name '${name}' exists, but with different settings`,
      )
    return { LoadBalancers: [lbView(existing)] }
  }
  if (listResources(call, LB).length >= quota(call, 'loadBalancersPerRegion')) {
    throw new AwsError('TooManyLoadBalancers', 'The quota for the number of load balancers has been reached')
  }
  const short = hex16()
  const kind = type === 'network' ? 'net' : type === 'gateway' ? 'gwy' : 'app'
  const arn = `arn:aws:elasticloadbalancing:${call.region}:${call.account.id}:loadbalancer/${kind}/${name}/${short}`
  const prefix = scheme === 'internal' ? 'internal-' : ''
  const r = putResource(call, {
    type: LB,
    id: arn,
    name,
    state: 'provisioning',
    tags: tagsFromList(input.Tags),
    attrs: {
      type,
      scheme,
      vpcId: [...vpcIds][0],
      zones,
      subnetIds: subnets.map((s) => s.id),
      securityGroups: input.SecurityGroups ?? [],
      dnsName: `${prefix}${name}-${short}.elb.${call.region}.amazonaws.com`,
    },
  })
  const stuck = call.ctx.faults.isStuck('aws', 'CreateLoadBalancer')
  const started = call.ctx.store.transition(r, 'provisioning', [
    { afterMs: stuck ? Number.POSITIVE_INFINITY : duration(call, 'elb.loadbalancer.create'), next: 'active' },
  ])
  return { LoadBalancers: [lbView({ ...started, state: 'provisioning' })] }
}

export function describeLoadBalancers(call: AwsCall, input: DescribeLoadBalancersInput): DescribeLoadBalancersOutput {
  let records: ResourceRecord[]
  if (input.LoadBalancerArns?.length) {
    records = input.LoadBalancerArns.map((arn) => requireLb(call, arn))
  } else if (input.Names?.length) {
    const all = listResources(call, LB)
    records = input.Names.map((n) => {
      const r = all.find((x) => x.name === n)
      if (!r) throw new AwsError('LoadBalancerNotFound', `Load balancers '[${n}]' not found`)
      return r
    })
  } else {
    records = listResources(call, LB).sort((a, b) => a.createdAt - b.createdAt)
  }
  return { LoadBalancers: records.map(lbView) }
}

export function deleteLoadBalancer(call: AwsCall, input: DeleteLoadBalancerInput): Record<string, never> {
  // Deleting a load balancer that does not exist succeeds, as in AWS.
  const r = input.LoadBalancerArn ? getResource(call, LB, input.LoadBalancerArn) : undefined
  if (!r) return {}
  for (const l of listResources(call, LISTENER, r.id)) removeResource(call, l)
  removeResource(call, r)
  return {}
}

function listenerView(r: ResourceRecord): Listener {
  return {
    ListenerArn: r.id,
    LoadBalancerArn: r.parentId,
    Port: r.attrs.port as number,
    Protocol: r.attrs.protocol as Listener['Protocol'],
    DefaultActions: r.attrs.defaultActions as Listener['DefaultActions'],
  }
}

export function createListener(call: AwsCall, input: CreateListenerInput): CreateListenerOutput {
  const lb = requireLb(call, input.LoadBalancerArn)
  for (const action of input.DefaultActions ?? []) {
    const arns = [action.TargetGroupArn, ...(action.ForwardConfig?.TargetGroups ?? []).map((t) => t.TargetGroupArn)]
    for (const arn of arns) {
      if (arn && !getResource(call, TG, arn))
        throw new AwsError('TargetGroupNotFound', `Target groups '${arn}' not found`)
    }
  }
  const existing = listResources(call, LISTENER, lb.id).find((l) => l.attrs.port === input.Port)
  if (existing) {
    if (existing.attrs.protocol === input.Protocol) return { Listeners: [listenerView(existing)] }
    throw new AwsError('DuplicateListener', 'A listener already exists on this port for this load balancer')
  }
  const arn = `${lb.id.replace(':loadbalancer/', ':listener/')}/${hex16()}`
  const r = putResource(call, {
    type: LISTENER,
    id: arn,
    state: 'active',
    parentId: lb.id,
    tags: tagsFromList(input.Tags),
    attrs: { port: input.Port, protocol: input.Protocol, defaultActions: input.DefaultActions ?? [] },
  })
  for (const action of input.DefaultActions ?? []) {
    const tg = action.TargetGroupArn ? getResource(call, TG, action.TargetGroupArn) : undefined
    if (tg) {
      const lbs = new Set([...(tg.attrs.loadBalancerArns as string[]), lb.id])
      updateResource(call, tg, { attrs: { ...tg.attrs, loadBalancerArns: [...lbs] } })
    }
  }
  return { Listeners: [listenerView(r)] }
}

export function describeListeners(call: AwsCall, input: DescribeListenersInput): DescribeListenersOutput {
  if (input.ListenerArns?.length) {
    return {
      Listeners: input.ListenerArns.map((arn) => {
        const r = getResource(call, LISTENER, arn)
        if (!r) throw new AwsError('ListenerNotFound', 'One or more listeners not found')
        return listenerView(r)
      }),
    }
  }
  const lb = requireLb(call, input.LoadBalancerArn)
  return { Listeners: listResources(call, LISTENER, lb.id).map(listenerView) }
}

export function deleteListener(call: AwsCall, input: DeleteListenerInput): Record<string, never> {
  const r = input.ListenerArn ? getResource(call, LISTENER, input.ListenerArn) : undefined
  if (!r) throw new AwsError('ListenerNotFound', 'One or more listeners not found')
  removeResource(call, r)
  return {}
}

function taggable(call: AwsCall, arn: string): ResourceRecord {
  const r = getResource(call, LB, arn) ?? getResource(call, TG, arn) ?? getResource(call, LISTENER, arn)
  if (r) return r
  if (arn.includes(':targetgroup/')) throw new AwsError('TargetGroupNotFound', `Target groups '${arn}' not found`)
  if (arn.includes(':listener/')) throw new AwsError('ListenerNotFound', 'One or more listeners not found')
  throw lbNotFound()
}

export function addTags(call: AwsCall, input: AddTagsInput): Record<string, never> {
  const keys = (input.Tags ?? []).map((t) => t.Key)
  if (new Set(keys).size !== keys.length)
    throw new AwsError('DuplicateTagKeys', 'A tag key was specified more than once')
  for (const arn of input.ResourceArns ?? []) {
    const r = taggable(call, arn)
    const tags = { ...r.tags, ...tagsFromList(input.Tags) }
    if (Object.keys(tags).length > 50)
      throw new AwsError('TooManyTags', 'You have reached the limit on the number of tags')
    updateResource(call, r, { tags })
  }
  return {}
}

export function removeTags(call: AwsCall, input: RemoveTagsInput): Record<string, never> {
  for (const arn of input.ResourceArns ?? []) {
    const r = taggable(call, arn)
    const tags = { ...r.tags }
    for (const k of input.TagKeys ?? []) delete tags[k]
    updateResource(call, r, { tags })
  }
  return {}
}

export function describeTags(call: AwsCall, input: DescribeTagsInput): DescribeTagsOutput {
  return {
    TagDescriptions: (input.ResourceArns ?? []).map((arn) => ({
      ResourceArn: arn,
      Tags: tagsToList(taggable(call, arn).tags),
    })),
  }
}
