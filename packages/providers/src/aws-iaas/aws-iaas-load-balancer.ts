import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type LoadBalancer,
  RegisterTargetsCommand,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2'
import { awsCode, isAwsGone } from '../aws/aws-calls.ts'
import { ensure, ownedTags, type Rows, tagList } from '../aws/network.ts'
import { inStep, recordFound, reportChange } from '../driver-steps.ts'
import { CloudError } from '../errors.ts'
import { OWNER_TAG } from '../ownership.ts'
import { API_SERVER_PORT, type AwsIaasPass, elbName, IAAS_KEYS } from './aws-iaas-spec.ts'

/** The API server's load balancer once it exists. */
export interface ApiLoadBalancer {
  arn: string
  targetGroupArn: string
  dnsName?: string
  active: boolean
}

/**
 * A load balancer or target group found by its (cluster-derived) name: adopted when it carries this
 * cluster's ownership tag, refused when something else made it.
 */
async function ownedOrRefused<T>(pass: AwsIaasPass, what: string, arn: string | undefined, found: T): Promise<T> {
  const res = await pass.calls.elb(new DescribeTagsCommand({ ResourceArns: [arn ?? ''] }))
  const tags = res.TagDescriptions?.[0]?.Tags ?? []
  if (tags.some((t) => t.Key === OWNER_TAG && t.Value === pass.work.clusterUid)) return found
  throw new CloudError({
    kind: 'InvalidRequest',
    cloud: 'aws',
    message: `Creating ${what}: ${arn} already exists in ${pass.region} and was not created for this cluster; delete it or create this cluster under another name.`,
  })
}

async function findTargetGroup(pass: AwsIaasPass, name: string): Promise<TargetGroup | undefined> {
  try {
    return (await pass.calls.elb(new DescribeTargetGroupsCommand({ Names: [name] }))).TargetGroups?.[0]
  } catch (err) {
    if (isAwsGone(err)) return undefined
    throw err
  }
}

async function findLoadBalancer(pass: AwsIaasPass, name: string): Promise<LoadBalancer | undefined> {
  try {
    return (await pass.calls.elb(new DescribeLoadBalancersCommand({ Names: [name] }))).LoadBalancers?.[0]
  } catch (err) {
    if (isAwsGone(err)) return undefined
    throw err
  }
}

/**
 * The Kubernetes API server's endpoint (seed 004: "accessible through an Elastic Load Balancing"): an
 * internet-facing network load balancer in the public subnets of the control plane's zones, listening
 * on TCP 6443 and forwarding to a target group of the control plane instances. ELBv2 names are unique
 * per region and account and derived from the cluster, so a create whose answer was lost is found by
 * name (and its ownership tag) on the next pass.
 */
export async function ensureLoadBalancer(
  pass: AwsIaasPass,
  rows: Rows,
  placement: { vpcId: string; subnetIds: string[] },
): Promise<ApiLoadBalancer> {
  const tgName = elbName(pass.name, pass.work.clusterUid, 'api-tg')
  const lbName = elbName(pass.name, pass.work.clusterUid, 'api')
  const tags = (key: string, suffix: string) =>
    tagList(ownedTags(pass, key, suffix, { [`kubernetes.io/cluster/${pass.name}`]: 'owned' }))
  const what = 'API server target group'
  const targetGroupArn = await ensure<TargetGroup>(pass, rows, {
    key: IAAS_KEYS.targetGroup,
    kind: 'elb.target-group',
    what,
    find: async () => {
      const tg = await findTargetGroup(pass, tgName)
      return tg && ownedOrRefused(pass, what, tg.TargetGroupArn, tg)
    },
    create: async () => {
      const res = await pass.calls.elb(
        new CreateTargetGroupCommand({
          Name: tgName,
          Protocol: 'TCP',
          Port: API_SERVER_PORT,
          VpcId: placement.vpcId,
          TargetType: 'instance',
          HealthCheckProtocol: 'TCP',
          HealthCheckIntervalSeconds: 10,
          Tags: tags(IAAS_KEYS.targetGroup, 'apiserver-tg'),
        }),
      )
      return res.TargetGroups?.[0] ?? {}
    },
    id: (tg) => tg.TargetGroupArn,
  })
  const lbWhat = 'API server load balancer'
  let created: LoadBalancer | undefined
  const arn = await ensure<LoadBalancer>(pass, rows, {
    key: IAAS_KEYS.loadBalancer,
    kind: 'elb.load-balancer',
    what: lbWhat,
    find: async () => {
      const lb = await findLoadBalancer(pass, lbName)
      return lb && ownedOrRefused(pass, lbWhat, lb.LoadBalancerArn, lb)
    },
    create: async () => {
      await pass.work.report('CreatingLoadBalancer', `Creating load balancer ${lbName} for the API server (TCP 6443)`)
      const res = await pass.calls.elb(
        new CreateLoadBalancerCommand({
          Name: lbName,
          Type: 'network',
          Scheme: 'internet-facing',
          Subnets: placement.subnetIds,
          Tags: tags(IAAS_KEYS.loadBalancer, 'apiserver'),
        }),
      )
      created = res.LoadBalancers?.[0]
      return created ?? {}
    },
    id: (lb) => lb.LoadBalancerArn,
    complete: async (lb) => {
      const listeners = await pass.calls.elb(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }))
      if (listeners.Listeners?.some((l) => l.Port === API_SERVER_PORT)) return
      await pass.calls.elb(
        new CreateListenerCommand({
          LoadBalancerArn: lb.LoadBalancerArn,
          Protocol: 'TCP',
          Port: API_SERVER_PORT,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
        }),
      )
    },
  })
  const row = rows.get(IAAS_KEYS.loadBalancer)
  if (row?.attrs?.active === true) return { arn, targetGroupArn, dnsName: row.attrs.dnsName as string, active: true }
  const lb =
    created ??
    (await inStep('Waiting for load balancer', () =>
      pass.calls.elb(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] })),
    ).then((res) => res.LoadBalancers?.[0]))
  const state = lb?.State?.Code
  if (state === 'failed') {
    throw new CloudError({
      kind: 'InvalidRequest',
      cloud: 'aws',
      message: `Waiting for load balancer: ${lbName} failed (${lb?.State?.Reason ?? 'no reason given'}).`,
    })
  }
  if (state === 'active') {
    await pass.work.ledger.created(IAAS_KEYS.loadBalancer, {
      cloudId: arn,
      attrs: { active: true, dnsName: lb?.DNSName },
    })
    await pass.work.report('LoadBalancerActive', `Load balancer ${lbName} is active: ${lb?.DNSName}:${API_SERVER_PORT}`)
  } else {
    await reportChange(pass, 'lb', 'WaitingForLoadBalancer', `Waiting for load balancer ${lbName} (state: ${state})`)
  }
  return { arn, targetGroupArn, dnsName: lb?.DNSName, active: state === 'active' }
}

/**
 * Makes the target group hold exactly the (running) control plane instances: registers the missing
 * ones, deregisters the ones no longer in the pool (a scaled-down control plane).
 */
export async function registerControlPlane(pass: AwsIaasPass, targetGroupArn: string, ids: string[]): Promise<void> {
  const step = 'Registering control plane instances'
  const health = await inStep(step, () =>
    pass.calls.elb(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })),
  )
  const registered = (health.TargetHealthDescriptions ?? []).map((t) => t.Target?.Id ?? '')
  const missing = ids.filter((id) => !registered.includes(id))
  const extra = registered.filter((id) => !ids.includes(id))
  if (extra.length > 0) {
    await inStep(step, () =>
      pass.calls.elb(
        new DeregisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: extra.map((Id) => ({ Id })) }),
      ),
    )
  }
  if (missing.length === 0) return
  await inStep(step, () =>
    pass.calls.elb(
      new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: missing.map((Id) => ({ Id })) }),
    ),
  )
  await reportChange(
    pass,
    'lb/targets',
    'RegisteringTargets',
    `Load balancer targets: ${ids.length} control plane instances registered`,
  )
}

/**
 * Deletes the load balancer (its listener goes with it), then the target group: the ledger's, or the
 * ones of the cluster's names carrying its ownership tag. Answers true when both are gone.
 */
export async function deleteLoadBalancer(pass: AwsIaasPass): Promise<boolean> {
  const { ledger } = pass.work
  const steps = [
    {
      key: IAAS_KEYS.loadBalancer,
      kind: 'elb.load-balancer',
      what: 'load balancer',
      find: () =>
        findLoadBalancer(pass, elbName(pass.name, pass.work.clusterUid, 'api')).then((lb) => lb?.LoadBalancerArn),
      remove: (arn: string) => pass.calls.elb(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn })),
    },
    {
      key: IAAS_KEYS.targetGroup,
      kind: 'elb.target-group',
      what: 'target group',
      find: () =>
        findTargetGroup(pass, elbName(pass.name, pass.work.clusterUid, 'api-tg')).then((tg) => tg?.TargetGroupArn),
      remove: (arn: string) => pass.calls.elb(new DeleteTargetGroupCommand({ TargetGroupArn: arn })),
    },
  ]
  for (const step of steps) {
    const entry = await ledger.get(step.key)
    if (entry?.state === 'deleted') continue
    const arn = await inStep(`Deleting ${step.what}`, async () => {
      const byName = await step.find()
      if (!byName) return undefined
      const res = await pass.calls.elb(new DescribeTagsCommand({ ResourceArns: [byName] }))
      const tags = res.TagDescriptions?.[0]?.Tags ?? []
      return tags.some((t) => t.Key === OWNER_TAG && t.Value === pass.work.clusterUid) ? byName : undefined
    })
    if (!arn) {
      if (entry) await ledger.deleted(step.key)
      continue
    }
    if (entry?.state !== 'deleting') {
      await recordFound(ledger, step.key, { kind: step.kind, region: pass.region, name: step.what }, arn, entry)
      await ledger.deleting(step.key)
    }
    await reportChange(pass, `delete/${step.key}`, 'DeletingLoadBalancer', `Deleting ${step.what}`)
    try {
      await inStep(`Deleting ${step.what}`, () => step.remove(arn))
    } catch (err) {
      // The target group is held while the load balancer's listener is still going away.
      if (awsCode(err) === 'ResourceInUse') return false
      if (!isAwsGone(err)) throw err
    }
    await ledger.deleted(step.key)
  }
  return true
}
