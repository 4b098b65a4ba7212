import { randomBytes } from 'node:crypto'
import type {
  CreateTargetGroupInput,
  CreateTargetGroupOutput,
  DeleteTargetGroupInput,
  DeregisterTargetsInput,
  DescribeTargetGroupsInput,
  DescribeTargetGroupsOutput,
  DescribeTargetHealthInput,
  DescribeTargetHealthOutput,
  RegisterTargetsInput,
  TargetDescription,
  TargetGroup,
  TargetHealthStateEnum,
} from '@aws-sdk/client-elastic-load-balancing-v2'
import type { ResourceRecord } from '../../core/types.ts'
import {
  type AwsCall,
  AwsError,
  getResource,
  listResources,
  putResource,
  quota,
  removeResource,
  tagsFromList,
  updateResource,
} from '../call.ts'
import { LISTENER, requireLb, TG } from './load-balancers.ts'

function requireTg(call: AwsCall, arn: string | undefined): ResourceRecord {
  const r = arn ? getResource(call, TG, arn) : undefined
  if (!r) throw new AwsError('TargetGroupNotFound', `Target groups '${arn}' not found`)
  return r
}

function tgView(r: ResourceRecord): TargetGroup {
  const a = r.attrs
  return {
    TargetGroupArn: r.id,
    TargetGroupName: r.name,
    Protocol: a.protocol as TargetGroup['Protocol'],
    Port: a.port as number,
    VpcId: a.vpcId as string,
    TargetType: a.targetType as TargetGroup['TargetType'],
    HealthCheckProtocol: a.healthCheckProtocol as TargetGroup['HealthCheckProtocol'],
    HealthCheckPort: a.healthCheckPort as string,
    HealthCheckPath: a.healthCheckPath as string | undefined,
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: a.healthCheckIntervalSeconds as number,
    HealthCheckTimeoutSeconds: 10,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    LoadBalancerArns: a.loadBalancerArns as string[],
    IpAddressType: 'ipv4',
  }
}

export function createTargetGroup(call: AwsCall, input: CreateTargetGroupInput): CreateTargetGroupOutput {
  const name = input.Name ?? ''
  if (!/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$/.test(name)) {
    throw new AwsError('ValidationError', `Target group name '${name}' is not valid`)
  }
  const targetType = input.TargetType ?? 'instance'
  if (targetType !== 'lambda' && !input.VpcId) throw new AwsError('ValidationError', 'A VPC ID must be specified')
  if (input.VpcId && !getResource(call, 'ec2.vpc', input.VpcId)) {
    throw new AwsError('ValidationError', `The VPC ID '${input.VpcId}' is not found`)
  }
  const existing = listResources(call, TG).find((t) => t.name === name)
  if (existing) {
    const a = existing.attrs
    if (
      a.protocol === input.Protocol &&
      a.port === input.Port &&
      a.vpcId === input.VpcId &&
      a.targetType === targetType
    ) {
      return { TargetGroups: [tgView(existing)] }
    }
    throw new AwsError(
      'DuplicateTargetGroupName',
      'A target group with the same name exists, but with different settings',
    )
  }
  if (listResources(call, TG).length >= quota(call, 'targetGroupsPerRegion')) {
    throw new AwsError('TooManyTargetGroups', 'The quota for the number of target groups has been reached')
  }
  const arn = `arn:aws:elasticloadbalancing:${call.region}:${call.account.id}:targetgroup/${name}/${randomBytes(8).toString('hex')}`
  const r = putResource(call, {
    type: TG,
    id: arn,
    name,
    state: 'active',
    tags: tagsFromList(input.Tags),
    attrs: {
      protocol: input.Protocol,
      port: input.Port,
      vpcId: input.VpcId,
      targetType,
      healthCheckProtocol: input.HealthCheckProtocol ?? input.Protocol,
      healthCheckPort: input.HealthCheckPort ?? 'traffic-port',
      healthCheckPath: input.HealthCheckPath,
      healthCheckIntervalSeconds: input.HealthCheckIntervalSeconds ?? 30,
      loadBalancerArns: [],
      targets: [],
    },
  })
  return { TargetGroups: [tgView(r)] }
}

export function describeTargetGroups(call: AwsCall, input: DescribeTargetGroupsInput): DescribeTargetGroupsOutput {
  let records: ResourceRecord[]
  if (input.TargetGroupArns?.length) {
    records = input.TargetGroupArns.map((arn) => requireTg(call, arn))
  } else if (input.Names?.length) {
    const all = listResources(call, TG)
    records = input.Names.map((n) => {
      const r = all.find((x) => x.name === n)
      if (!r) throw new AwsError('TargetGroupNotFound', `Target groups '[${n}]' not found`)
      return r
    })
  } else {
    records = listResources(call, TG).sort((a, b) => a.createdAt - b.createdAt)
  }
  if (input.LoadBalancerArn) {
    requireLb(call, input.LoadBalancerArn)
    records = records.filter((r) => (r.attrs.loadBalancerArns as string[]).includes(input.LoadBalancerArn!))
  }
  return { TargetGroups: records.map(tgView) }
}

export function deleteTargetGroup(call: AwsCall, input: DeleteTargetGroupInput): Record<string, never> {
  const r = input.TargetGroupArn ? getResource(call, TG, input.TargetGroupArn) : undefined
  if (!r) return {}
  const usedBy = listResources(call, LISTENER).find((l) =>
    JSON.stringify(l.attrs.defaultActions ?? []).includes(`"${r.id}"`),
  )
  if (usedBy) {
    throw new AwsError('ResourceInUse', `Target group '${r.id}' is currently in use by a listener or a rule`)
  }
  removeResource(call, r)
  return {}
}

type StoredTarget = { id: string; port?: number }

export function registerTargets(call: AwsCall, input: RegisterTargetsInput): Record<string, never> {
  const tg = requireTg(call, input.TargetGroupArn)
  const targets = [...(tg.attrs.targets as StoredTarget[])]
  for (const t of input.Targets ?? []) {
    if (tg.attrs.targetType === 'instance') {
      const inst = t.Id ? getResource(call, 'ec2.instance', t.Id) : undefined
      if (inst?.state !== 'running' || inst.attrs.vpcId !== tg.attrs.vpcId) {
        throw new AwsError(
          'InvalidTarget',
          `The following targets are not in a running state and cannot be registered: '${t.Id}'`,
        )
      }
    }
    if (!targets.some((x) => x.id === t.Id && (x.port ?? tg.attrs.port) === (t.Port ?? tg.attrs.port))) {
      targets.push({ id: t.Id ?? '', port: t.Port })
    }
  }
  updateResource(call, tg, { attrs: { ...tg.attrs, targets } })
  return {}
}

export function deregisterTargets(call: AwsCall, input: DeregisterTargetsInput): Record<string, never> {
  const tg = requireTg(call, input.TargetGroupArn)
  const drop = new Set((input.Targets ?? []).map((t) => t.Id))
  updateResource(call, tg, {
    attrs: { ...tg.attrs, targets: (tg.attrs.targets as StoredTarget[]).filter((t) => !drop.has(t.id)) },
  })
  return {}
}

/** An instance target is healthy while it runs and its group is behind a load balancer. */
export function describeTargetHealth(call: AwsCall, input: DescribeTargetHealthInput): DescribeTargetHealthOutput {
  const tg = requireTg(call, input.TargetGroupArn)
  const registered = tg.attrs.targets as StoredTarget[]
  const asked: TargetDescription[] = input.Targets?.length
    ? input.Targets
    : registered.map((t) => ({ Id: t.id, Port: t.port }))
  return {
    TargetHealthDescriptions: asked.map((t) => {
      const isRegistered = registered.some((x) => x.id === t.Id)
      const inst = t.Id ? getResource(call, 'ec2.instance', t.Id) : undefined
      let state: TargetHealthStateEnum = 'healthy'
      if (!isRegistered) state = 'unused'
      else if ((tg.attrs.loadBalancerArns as string[]).length === 0) state = 'unused'
      else if (tg.attrs.targetType === 'instance' && inst?.state !== 'running') state = 'unhealthy'
      return {
        Target: { Id: t.Id, Port: t.Port ?? (tg.attrs.port as number) },
        HealthCheckPort: String(t.Port ?? tg.attrs.port),
        TargetHealth: { State: state },
      }
    }),
  }
}
