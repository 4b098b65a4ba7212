import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  EC2Client,
  type Instance,
} from '@aws-sdk/client-ec2'
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2'
import type { AwsMachinePool } from '@console/contracts'
import { type FakeClouds, startFakeClouds } from '@console/fake-clouds'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AwsCredentials } from '../cloud-provider.ts'
import { seededAccounts } from '../contract-cases.ts'
import { createProviders } from '../create-providers.ts'
import { CloudError } from '../errors.ts'
import { CLUSTER_NAME_TAG, NODE_POOL_TAG, OWNER_TAG, RESOURCE_KEY_TAG } from '../ownership.ts'
import { AwsIaasClusterDriver } from './aws-iaas-cluster-driver.ts'
import { IAAS_KEYS } from './aws-iaas-spec.ts'
import {
  awsResources,
  clusterResources,
  countByType,
  expectBefore,
  iaasSpec,
  iaasWork,
  injectFault,
  LosingLedger,
  type MemoryLedger,
  ofType,
  standingResources,
  untilDone,
} from './aws-iaas-test-support.ts'

let fake: FakeClouds
let driver: AwsIaasClusterDriver
let credentials: AwsCredentials
let keys: { accessKeyId: string; secretAccessKey: string }

beforeAll(async () => {
  fake = await startFakeClouds({ port: 0, timeScale: 2_000 })
  const providers = createProviders({ mode: 'sandbox', ...fake.endpoints }, { sleep: async () => {}, cacheTtlMs: 0 })
  driver = providers.clusterDriver('aws')
  const { full } = seededAccounts(fake, 'aws')
  credentials = { credentialType: 'secret', accessKey: full.id, secretKey: full.secret, partition: 'aws' }
  keys = { accessKeyId: full.id, secretAccessKey: full.secret }
})
afterAll(async () => {
  await fake?.close()
})
afterEach(async () => {
  await fetch(`${fake.adminUrl}/faults`, { method: 'DELETE' })
})

function sdk(region: string) {
  const config = { region, endpoint: fake.endpoints.aws.endpoint, credentials: keys, maxAttempts: 1 }
  return { ec2: new EC2Client(config), elb: new ElasticLoadBalancingV2Client(config) }
}

const standing = () => standingResources(fake)

async function instancesOf(region: string, uid: string): Promise<Instance[]> {
  const res = await sdk(region).ec2.send(
    new DescribeInstancesCommand({
      Filters: [
        { Name: `tag:${OWNER_TAG}`, Values: [uid] },
        { Name: 'instance-state-name', Values: ['pending', 'running'] },
      ],
    }),
  )
  return (res.Reservations ?? []).flatMap((r) => r.Instances ?? [])
}

const tagOf = (i: Instance, key: string) => i.Tags?.find((t) => t.Key === key)?.Value

describe('providers.clusterDriver', () => {
  it('answers the AWS IaaS driver for aws', () => {
    expect(driver).toBeInstanceOf(AwsIaasClusterDriver)
    expect(driver.cloudType).toBe('aws')
  })
})

describe('AwsIaasClusterDriver against the fake AWS', () => {
  it('builds a dynamic VPC, bastion, 3 control plane nodes behind a network load balancer and a tainted spot pool; delete removes it all', async () => {
    const region = 'us-east-1'
    const labels = { team: 'payments' }
    const work = iaasWork({
      clusterUid: 'uid-dynamic',
      clusterName: 'dynamic',
      credentials,
      labels,
      spec: iaasSpec({
        name: 'dynamic',
        region,
        sshKeyName: 'console-dev',
        packValues: [{ name: 'kubernetes', tag: '1.30.4', values: '' }],
        pools: [
          {
            name: 'cp',
            size: 3,
            controlPlane: true,
            azs: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
            rootDeviceSize: 80,
          },
          {
            name: 'spot',
            size: 2,
            azs: ['us-east-1a', 'us-east-1b'],
            // m5.large spot costs 0.0336–0.0358 here: within the bid.
            spotMaxPrice: '0.05',
            labels: { tier: 'batch' },
            taints: [{ key: 'dedicated', value: 'spot', effect: 'NoSchedule' }],
          },
        ],
      }),
    })
    const ledger = work.ledger as MemoryLedger
    const seededBefore = await standing()

    await untilDone(() => driver.reconcileCreate(work))

    const owned = await clusterResources(fake, 'uid-dynamic', 'dynamic')
    expect(countByType(owned)).toEqual({
      'ec2.vpc': 1,
      'ec2.internet-gateway': 1,
      'ec2.subnet': 6,
      'ec2.route-table': 4,
      'ec2.address': 3,
      'ec2.nat-gateway': 3,
      'ec2.security-group': 3,
      'ec2.instance': 6,
      'elb.load-balancer': 1,
      'elb.target-group': 1,
    })
    for (const r of owned) {
      expect(r.tags).toMatchObject({ ...labels, [OWNER_TAG]: 'uid-dynamic', [CLUSTER_NAME_TAG]: 'dynamic' })
      expect(ledger.rows.get(r.tags[RESOURCE_KEY_TAG] ?? '')).toMatchObject({ state: 'created', cloudId: r.id })
    }
    expect([...ledger.rows.values()].every((r) => r.state === 'created')).toBe(true)
    expect(ledger.rows.size).toBe(owned.length)

    const { ec2, elb } = sdk(region)
    const vpcId = ofType(owned, 'ec2.vpc')[0]?.id ?? ''
    const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })))
      .Subnets!
    const publicIds = new Set(subnets.filter((s) => s.MapPublicIpOnLaunch).map((s) => s.SubnetId))
    const privateIds = new Set(subnets.filter((s) => !s.MapPublicIpOnLaunch).map((s) => s.SubnetId))
    const [image] = (
      await ec2.send(
        new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: ['capa-ami-ubuntu-22.04-v1.30.4-*'] }] }),
      )
    ).Images!

    const instances = await instancesOf(region, 'uid-dynamic')
    expect(instances.every((i) => i.State?.Name === 'running' && i.ImageId === image?.ImageId)).toBe(true)
    const bastion = instances.find((i) => tagOf(i, RESOURCE_KEY_TAG) === 'instance/bastion')!
    expect(publicIds.has(bastion.SubnetId)).toBe(true)
    expect(bastion.KeyName).toBe('console-dev')
    expect(bastion.PublicIpAddress).toBeTruthy()
    expect(bastion.SecurityGroups?.map((g) => g.GroupId)).toEqual([ledger.rows.get('sg/bastion')?.cloudId])

    const cp = instances.filter((i) => tagOf(i, NODE_POOL_TAG) === 'cp')
    expect(cp.map((i) => i.Placement?.AvailabilityZone).sort()).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c'])
    for (const i of cp) {
      expect(privateIds.has(i.SubnetId)).toBe(true)
      expect(i.PublicIpAddress).toBeUndefined()
      expect(i.InstanceLifecycle).toBeUndefined()
      expect(tagOf(i, 'kubernetes.io/cluster/dynamic')).toBe('owned')
      expect(tagOf(i, 'sigs.k8s.io/cluster-api-provider-aws/role')).toBe('control-plane')
      expect(i.SecurityGroups?.map((g) => g.GroupId)).toEqual([ledger.rows.get('sg/controlplane')?.cloudId])
    }
    const spot = instances.filter((i) => tagOf(i, NODE_POOL_TAG) === 'spot')
    expect(spot).toHaveLength(2)
    for (const i of spot) {
      expect(i.InstanceLifecycle).toBe('spot')
      expect(privateIds.has(i.SubnetId)).toBe(true)
      expect(tagOf(i, 'kubernetes.io/cluster/dynamic')).toBe('owned')
      expect(tagOf(i, 'team')).toBe('payments')
      expect(tagOf(i, 'console-node-labels')).toBe('tier=batch')
      expect(tagOf(i, 'console-node-taints')).toBe('dedicated=spot:NoSchedule')
    }

    const lbArn = ledger.rows.get('lb/apiserver')?.cloudId ?? ''
    const [lb] = (await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lbArn] }))).LoadBalancers!
    expect(lb).toMatchObject({ Type: 'network', Scheme: 'internet-facing', State: { Code: 'active' }, VpcId: vpcId })
    expect(lb?.AvailabilityZones?.every((z) => publicIds.has(z.SubnetId))).toBe(true)
    expect(lb?.AvailabilityZones).toHaveLength(3)
    const [listener] = (await elb.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }))).Listeners!
    const tgArn = ledger.rows.get('tg/apiserver')?.cloudId
    expect(listener).toMatchObject({ Port: 6443, Protocol: 'TCP', DefaultActions: [{ TargetGroupArn: tgArn }] })
    const health = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }))
    expect(health.TargetHealthDescriptions?.map((t) => t.Target?.Id).sort()).toEqual(cp.map((i) => i.InstanceId).sort())
    expect(health.TargetHealthDescriptions?.every((t) => t.TargetHealth?.State === 'healthy')).toBe(true)

    const events = work.events
    expect(events[0]).toBe(
      'Creating VPC 10.0.0.0/16 with a public and a private subnet in us-east-1a, us-east-1b, us-east-1c',
    )
    expect(events).toContain('Creating bastion host')
    expect(events).toContain('Creating control plane node 3')
    expect(events).toContain('Creating node 2 of worker pool spot')
    expect(events).toContain('Control plane 0/3 instances running')
    expect(events).toContain('Control plane 3/3 instances running')
    expect(events).toContain('Worker pool spot: 2/2 instances running')
    expect(events.some((e) => e.startsWith('Load balancer ') && e.endsWith(':6443'))).toBe(true)
    expect(work.warnings).toEqual([])

    // A second create pass after done changes nothing.
    const before = await awsResources(fake)
    await expect(driver.reconcileCreate(work)).resolves.toEqual({ status: 'done' })
    expect(await awsResources(fake)).toEqual(before)

    const reported = events.length
    await untilDone(() => driver.reconcileDelete(work))
    expect(await clusterResources(fake, 'uid-dynamic', 'dynamic')).toEqual([])
    expect([...ledger.rows.values()].filter((r) => r.state !== 'deleted')).toEqual([])
    expect(await standing()).toEqual(seededBefore)
    const deleteEvents = events.slice(reported)
    expectBefore(deleteEvents, 'Deleting node instances: terminating 5', 'Deleting load balancer')
    expectBefore(deleteEvents, 'Deleting target group', 'Deleting bastion host: terminating 1')
    expectBefore(deleteEvents, 'Deleting bastion host: terminating 1', 'Deleting security groups')
    expectBefore(deleteEvents, 'Deleting NAT gateways', `Deleting VPC ${vpcId}`)
    expect(deleteEvents.at(-1)).toBe('VPC and its subnets, gateways and route tables deleted')

    // Deleting again is done at once and says nothing new.
    const afterDelete = events.length
    await expect(driver.reconcileDelete(work)).resolves.toEqual({ status: 'done' })
    expect(events.length).toBe(afterDelete)
  })

  it('places a cluster in an existing VPC and subnets (Static Placement), applies pool edits, and never deletes the VPC', async () => {
    const region = 'us-west-2'
    const { ec2, elb } = sdk(region)
    const seeded = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets!
    const privateIn = (az: string) => seeded.find((s) => s.AvailabilityZone === az && !s.MapPublicIpOnLaunch)!
    const [a, b] = [privateIn('us-west-2a'), privateIn('us-west-2b')]
    const vpcId = a.VpcId ?? ''
    const work = iaasWork({
      clusterUid: 'uid-static',
      clusterName: 'static',
      credentials,
      spec: iaasSpec({
        name: 'static',
        region,
        vpcId,
        pools: [
          {
            name: 'cp',
            size: 1,
            controlPlane: true,
            azs: ['us-west-2a'],
            subnets: [{ id: a.SubnetId ?? '', az: 'us-west-2a' }],
          },
          { name: 'workers', size: 2, azs: ['us-west-2b'], subnets: [{ id: b.SubnetId ?? '', az: 'us-west-2b' }] },
        ],
      }),
    })
    const seededBefore = await standing()

    await untilDone(() => driver.reconcileCreate(work))

    const owned = await clusterResources(fake, 'uid-static', 'static')
    expect(countByType(owned)).toEqual({
      'ec2.security-group': 2,
      'ec2.instance': 3,
      'elb.load-balancer': 1,
      'elb.target-group': 1,
    })
    const instances = await instancesOf(region, 'uid-static')
    expect(instances.filter((i) => i.SubnetId === a.SubnetId)).toHaveLength(1)
    expect(instances.filter((i) => i.SubnetId === b.SubnetId)).toHaveLength(2)
    const lbArn = ofType(owned, 'elb.load-balancer')[0]?.id ?? ''
    const [lb] = (await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lbArn] }))).LoadBalancers!
    const publicA = seeded.find((s) => s.AvailabilityZone === 'us-west-2a' && s.MapPublicIpOnLaunch)
    expect(lb?.AvailabilityZones?.map((z) => z.SubnetId)).toEqual([publicA?.SubnetId])
    expect(work.events.some((e) => e.startsWith('Creating VPC'))).toBe(false)

    // Day-2 edits converge through the create passes: the pool shrinks…
    const pools = (workers: { size: number; labels?: Record<string, string> }) =>
      iaasSpec({
        name: 'static',
        region,
        vpcId,
        pools: [
          {
            name: 'cp',
            size: 1,
            controlPlane: true,
            azs: ['us-west-2a'],
            subnets: [{ id: a.SubnetId ?? '', az: 'us-west-2a' }],
          },
          {
            name: 'workers',
            azs: ['us-west-2b'],
            subnets: [{ id: b.SubnetId ?? '', az: 'us-west-2b' }],
            ...workers,
            ...(workers.labels ? { taints: [{ key: 'gpu', value: 'yes', effect: 'NoExecute' as const }] } : {}),
          },
        ],
      })
    const workersNow = async () =>
      (await instancesOf(region, 'uid-static')).filter((i) => tagOf(i, NODE_POOL_TAG) === 'workers')
    work.spec = pools({ size: 1 })
    await untilDone(() => driver.reconcileCreate(work))
    const shrunk = await workersNow()
    expect(shrunk).toHaveLength(1)
    expect(tagOf(shrunk[0]!, RESOURCE_KEY_TAG)).toBe(IAAS_KEYS.instance(work.spec.machinepoolconfig[1]!, 0))
    const removedKey = IAAS_KEYS.instance(work.spec.machinepoolconfig[1]!, 1)
    expect((work.ledger as MemoryLedger).rows.get(removedKey)?.state).toBe('deleted')
    // …then gets labels and a taint: nodes register them at boot, so the node is replaced (Expand First)…
    work.spec = pools({ size: 1, labels: { tier: 'api' } })
    await untilDone(() => driver.reconcileCreate(work))
    const relabelled = await workersNow()
    expect(relabelled).toHaveLength(1)
    expect(relabelled[0]?.InstanceId).not.toBe(shrunk[0]?.InstanceId)
    expect(tagOf(relabelled[0]!, RESOURCE_KEY_TAG)).toBe(IAAS_KEYS.instance(work.spec.machinepoolconfig[1]!, 0))
    expect(tagOf(relabelled[0]!, 'console-node-labels')).toBe('tier=api')
    expect(tagOf(relabelled[0]!, 'console-node-taints')).toBe('gpu=yes:NoExecute')
    const roll = 'Rolling update of worker pool workers (Expand First): node 1 of worker pool workers'
    expectBefore(
      work.events,
      `${roll}: launching its new instance`,
      `${roll}: terminating its old instance ${shrunk[0]?.InstanceId}`,
    )
    expect((work.ledger as MemoryLedger).rows.get(tagOf(shrunk[0]!, RESOURCE_KEY_TAG)!)?.state).toBe('deleted')
    // …then grows again (a new instance, not the terminated one) and loses its labels and taint.
    work.spec = pools({ size: 2 })
    await untilDone(() => driver.reconcileCreate(work))
    const grown = await workersNow()
    expect(grown.map((i) => i.State?.Name)).toEqual(['running', 'running'])
    expect(
      grown.some((i) => i.InstanceId === shrunk[0]?.InstanceId || i.InstanceId === relabelled[0]?.InstanceId),
    ).toBe(false)
    expect(grown.every((i) => tagOf(i, 'console-node-labels') === undefined)).toBe(true)
    expect(grown.every((i) => tagOf(i, 'console-node-taints') === undefined)).toBe(true)

    await untilDone(() => driver.reconcileDelete(work))
    expect(await clusterResources(fake, 'uid-static', 'static')).toEqual([])
    expect(await standing()).toEqual(seededBefore)
    expect(work.events).not.toContain('VPC and its subnets, gateways and route tables deleted')
  })

  it('resumes after lost ledger writes: finds what it created by tag, token or name, and creates each thing once', async () => {
    const region = 'us-east-2'
    const spec = iaasSpec({
      name: 'resume',
      region,
      pools: [
        { name: 'cp', size: 1, controlPlane: true, azs: ['us-east-2a'] },
        { name: 'workers', size: 2, azs: ['us-east-2a', 'us-east-2b'] },
      ],
    })
    const [cp, workers] = spec.machinepoolconfig as [AwsMachinePool, AwsMachinePool]
    const losing = [
      'vpc',
      'nat/us-east-2a',
      'sg/controlplane',
      'instance/bastion',
      IAAS_KEYS.instance(cp, 0),
      'tg/apiserver',
      'lb/apiserver',
      IAAS_KEYS.instance(workers, 1),
    ]
    const ledger = new LosingLedger(losing)
    const work = iaasWork({ clusterUid: 'uid-resume', clusterName: 'resume', credentials, ledger, spec })

    let failures = 0
    for (let i = 0; i < losing.length; i++) {
      try {
        await untilDone(() => driver.reconcileCreate(work))
        break
      } catch (err) {
        expect((err as Error).message).toBe('database connection lost')
        failures++
      }
    }
    expect(failures).toBe(losing.length)
    expect([...ledger.lost].sort()).toEqual([...losing].sort())
    await untilDone(() => driver.reconcileCreate(work))

    const owned = await clusterResources(fake, 'uid-resume', 'resume')
    expect(countByType(owned)).toEqual({
      'ec2.vpc': 1,
      'ec2.internet-gateway': 1,
      'ec2.subnet': 4,
      'ec2.route-table': 3,
      'ec2.address': 2,
      'ec2.nat-gateway': 2,
      'ec2.security-group': 3,
      'ec2.instance': 4,
      'elb.load-balancer': 1,
      'elb.target-group': 1,
    })
    for (const r of owned) expect(ledger.rows.get(r.tags[RESOURCE_KEY_TAG] ?? '')?.cloudId).toBe(r.id)
    for (const key of losing) expect(ledger.rows.get(key)?.state).toBe('created')
    expect(work.events.filter((e) => e.startsWith('Creating load balancer'))).toHaveLength(1)

    await untilDone(() => driver.reconcileDelete(work))
    expect(await clusterResources(fake, 'uid-resume', 'resume')).toEqual([])
  })

  it('rolls a Contract First pool one node at a time: each old instance is gone before its replacement launches', async () => {
    const region = 'eu-west-1'
    const spec = (labels: Record<string, string>) =>
      iaasSpec({
        name: 'roll',
        region,
        pools: [
          { name: 'cp', size: 1, controlPlane: true, azs: ['eu-west-1a'] },
          { name: 'workers', size: 2, azs: ['eu-west-1a'], labels, strategy: 'RollingUpdateScaleIn' },
        ],
      })
    const work = iaasWork({ clusterUid: 'uid-roll', clusterName: 'roll', credentials, spec: spec({ tier: 'a' }) })
    await untilDone(() => driver.reconcileCreate(work))
    const workersNow = async () =>
      (await instancesOf(region, 'uid-roll')).filter((i) => tagOf(i, NODE_POOL_TAG) === 'workers')
    const before = await workersNow()
    expect(before).toHaveLength(2)

    work.spec = spec({ tier: 'b' })
    const seen: number[] = []
    await untilDone(async () => {
      const result = await driver.reconcileCreate(work)
      seen.push((await workersNow()).length)
      return result
    })
    // Contract First: the pool never has more instances than nodes, and is one short while a node is replaced.
    expect(Math.max(...seen)).toBeLessThanOrEqual(2)
    expect(Math.min(...seen)).toBe(1)
    const after = await workersNow()
    expect(after).toHaveLength(2)
    expect(after.every((i) => tagOf(i, 'console-node-labels') === 'tier=b')).toBe(true)
    expect(after.some((i) => before.some((b) => b.InstanceId === i.InstanceId))).toBe(false)
    const roll = (node: number) =>
      `Rolling update of worker pool workers (Contract First): node ${node} of worker pool workers`
    const oldId = (node: number) =>
      before.find((i) => tagOf(i, RESOURCE_KEY_TAG)?.startsWith(`instance/workers/${node - 1}/`))?.InstanceId
    expectBefore(
      work.events,
      `${roll(1)}: terminating its old instance ${oldId(1)}`,
      `${roll(1)}: launching its new instance`,
    )
    expectBefore(
      work.events,
      `${roll(1)}: launching its new instance`,
      `${roll(2)}: terminating its old instance ${oldId(2)}`,
    )
    expectBefore(
      work.events,
      `${roll(2)}: terminating its old instance ${oldId(2)}`,
      `${roll(2)}: launching its new instance`,
    )

    await untilDone(() => driver.reconcileDelete(work))
    expect(await clusterResources(fake, 'uid-roll', 'roll')).toEqual([])
  })

  it('replaces a spot node AWS interrupted, with a warning saying why', async () => {
    const region = 'eu-west-1'
    const work = iaasWork({
      clusterUid: 'uid-spot',
      clusterName: 'spot',
      credentials,
      spec: iaasSpec({
        name: 'spot',
        region,
        pools: [
          { name: 'cp', size: 1, controlPlane: true, azs: ['eu-west-1b'] },
          { name: 'spot', size: 2, azs: ['eu-west-1b'], spotMaxPrice: '0.5' },
        ],
      }),
    })
    await untilDone(() => driver.reconcileCreate(work))
    const spotNodes = async () =>
      (await instancesOf(region, 'uid-spot')).filter((i) => tagOf(i, NODE_POOL_TAG) === 'spot')
    const before = await spotNodes()
    expect(before).toHaveLength(2)
    const victim = before.find((i) => tagOf(i, RESOURCE_KEY_TAG)?.startsWith('instance/spot/1/'))!
    const res = await fetch(`${fake.adminUrl}/aws/spot-interruptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instanceId: victim.InstanceId }),
    })
    expect(res.status).toBe(200)

    await untilDone(() => driver.reconcileCreate(work))
    const after = await spotNodes()
    expect(after).toHaveLength(2)
    expect(after.map((i) => i.InstanceId)).not.toContain(victim.InstanceId)
    const replacement = after.find((i) => tagOf(i, RESOURCE_KEY_TAG) === tagOf(victim, RESOURCE_KEY_TAG))
    expect(replacement?.State?.Name).toBe('running')
    expect(replacement?.InstanceLifecycle).toBe('spot')
    expect(work.warnings).toEqual([
      `Node 2 of worker pool spot: instance ${victim.InstanceId} was terminated by AWS (Server.SpotInstanceTermination: Spot instance termination); launching a replacement`,
    ])
    const row = (work.ledger as MemoryLedger).rows.get(tagOf(victim, RESOURCE_KEY_TAG)!)
    expect(row?.cloudId).toBe(replacement?.InstanceId)

    await untilDone(() => driver.reconcileDelete(work))
    expect(await clusterResources(fake, 'uid-spot', 'spot')).toEqual([])
  })

  it('waits with a warning while the spot price is above the max bid', async () => {
    const region = 'ap-southeast-1'
    const work = iaasWork({
      clusterUid: 'uid-bid',
      clusterName: 'bid',
      credentials,
      spec: iaasSpec({
        name: 'bid',
        region,
        vpcId: undefined,
        pools: [
          { name: 'cp', size: 1, controlPlane: true, azs: ['ap-southeast-1a'] },
          { name: 'cheap', size: 1, azs: ['ap-southeast-1a'], spotMaxPrice: '0.001' },
        ],
      }),
    })
    await expect(untilDone(() => driver.reconcileCreate(work), { maxPasses: 60 })).rejects.toThrow(/not done/)
    const instances = await instancesOf(region, 'uid-bid')
    expect(instances.filter((i) => tagOf(i, NODE_POOL_TAG) === 'cheap')).toEqual([])
    expect(work.warnings).toEqual([
      'Worker pool cheap: the spot price of m5.large is above the max bid of 0.001 USD/h; waiting for it to fall',
    ])
    await untilDone(() => driver.reconcileDelete(work))
    expect(await clusterResources(fake, 'uid-bid', 'bid')).toEqual([])
  })

  it('names the missing IAM permission when the account may not launch instances', async () => {
    const { restricted } = seededAccounts(fake, 'aws')
    const work = iaasWork({
      clusterUid: 'uid-denied',
      clusterName: 'denied',
      credentials: {
        credentialType: 'secret',
        accessKey: restricted.id,
        secretKey: restricted.secret,
        partition: 'aws',
      },
      spec: iaasSpec({
        name: 'denied',
        region: 'us-east-1',
        pools: [
          { name: 'cp', size: 1, controlPlane: true, azs: ['us-east-1b'] },
          { name: 'workers', size: 1, azs: ['us-east-1b'] },
        ],
      }),
    })
    const error = await untilDone(() => driver.reconcileCreate(work)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CloudError)
    expect(error).toMatchObject({ kind: 'PermissionDenied', retryable: false, permission: 'ec2:RunInstances' })
    expect((error as CloudError).message).toMatch(/^Creating bastion host: .*lacks the IAM permission ec2:RunInstances/)
    await untilDone(() => driver.reconcileDelete(work))
    expect(
      (await awsResources(fake)).filter((r) => r.tags[OWNER_TAG] === 'uid-denied' && r.state !== 'deleted'),
    ).toEqual([])
  })

  it('converges while 30% of AWS calls (EC2 and ELBv2) are throttled, and deletes while 10% are', async () => {
    const region = 'eu-west-1'
    // One attempt per call: every throttled answer reaches the pass, as when the policy's retries run out.
    const impatient = createProviders({ mode: 'sandbox', ...fake.endpoints }, { retry: { attempts: 1 } }).clusterDriver(
      'aws',
    )
    const work = iaasWork({
      clusterUid: 'uid-throttled',
      clusterName: 'throttled',
      credentials,
      spec: iaasSpec({
        name: 'throttled',
        region,
        sshKeyName: 'ops-bastion',
        pools: [
          { name: 'cp', size: 3, controlPlane: true, azs: ['eu-west-1a', 'eu-west-1b'] },
          { name: 'workers', size: 2, azs: ['eu-west-1b'] },
        ],
      }),
    })
    await injectFault(fake, { cloud: 'aws', action: '*', errorCode: 'RequestLimitExceeded', errorRate: 0.3 })

    const { retries } = await untilDone(() => impatient.reconcileCreate(work))
    expect(retries).toBeGreaterThan(0)
    expect(countByType(await clusterResources(fake, 'uid-throttled', 'throttled'))).toEqual({
      'ec2.vpc': 1,
      'ec2.internet-gateway': 1,
      'ec2.subnet': 4,
      'ec2.route-table': 3,
      'ec2.address': 2,
      'ec2.nat-gateway': 2,
      'ec2.security-group': 3,
      'ec2.instance': 6,
      'elb.load-balancer': 1,
      'elb.target-group': 1,
    })

    // A delete pass reads every kind of owned resource (a dozen calls; at 30% it takes ~400 passes):
    // 10% keeps whole passes likely.
    await fetch(`${fake.adminUrl}/faults`, { method: 'DELETE' })
    await injectFault(fake, { cloud: 'aws', action: '*', errorCode: 'RequestLimitExceeded', errorRate: 0.1 })
    await untilDone(() => impatient.reconcileDelete(work))
    expect(await clusterResources(fake, 'uid-throttled', 'throttled')).toEqual([])
  })

  it('retries a throttled call within the pass under the default policy', async () => {
    await injectFault(fake, { cloud: 'aws', action: 'CreateLoadBalancer', errorCode: 'Throttling', errorRate: 1 })
    const delays: number[] = []
    const patient = createProviders(
      { mode: 'sandbox', ...fake.endpoints },
      {
        retry: { attempts: 4 },
        sleep: async (ms) => {
          delays.push(ms)
          if (delays.length === 2) await fetch(`${fake.adminUrl}/faults`, { method: 'DELETE' })
        },
      },
    ).clusterDriver('aws')
    const region = 'us-west-2'
    const { ec2 } = sdk(region)
    const seeded = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets!
    const subnet = seeded.find((s) => s.AvailabilityZone === 'us-west-2c' && !s.MapPublicIpOnLaunch)!
    const work = iaasWork({
      clusterUid: 'uid-patient',
      clusterName: 'patient',
      credentials,
      spec: iaasSpec({
        name: 'patient',
        region,
        vpcId: subnet.VpcId,
        pools: [
          {
            name: 'cp',
            size: 1,
            controlPlane: true,
            azs: ['us-west-2c'],
            subnets: [{ id: subnet.SubnetId ?? '', az: 'us-west-2c' }],
          },
          { name: 'workers', size: 1, azs: ['us-west-2c'], subnets: [{ id: subnet.SubnetId ?? '', az: 'us-west-2c' }] },
        ],
      }),
    })
    const { retries } = await untilDone(() => patient.reconcileCreate(work))
    expect(retries).toBe(0)
    expect(delays).toHaveLength(2)
    expect(ofType(await clusterResources(fake, 'uid-patient', 'patient'), 'elb.load-balancer')).toHaveLength(1)
    await untilDone(() => patient.reconcileDelete(work))
    expect(await clusterResources(fake, 'uid-patient', 'patient')).toEqual([])
  })
})
