import {
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2'
import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  RegisterTargetsCommand,
  RemoveTagsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeClouds } from '../../index.ts'
import { ADMIN, AMI, type AwsClients, clientsFor, errorOf, eventually, LIMITED, startFastFake } from '../testing.ts'

let fake: FakeClouds
let aws: AwsClients
let vpcId: string
let publicSubnets: string[]

beforeAll(async () => {
  fake = await startFastFake()
  aws = clientsFor(fake)
  vpcId = (await aws.ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId!
  const { Subnets } = await aws.ec2.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'map-public-ip-on-launch', Values: ['true'] }] }),
  )
  publicSubnets = Subnets!.map((s) => s.SubnetId!)
})
afterAll(() => fake.close())

describe('ELBv2: an API-server load balancer across control-plane nodes', () => {
  it('creates an NLB, a target group, registers running instances, listens on 6443 and tears down', async () => {
    const { LoadBalancers } = await aws.elb.send(
      new CreateLoadBalancerCommand({
        Name: 'demo-apiserver',
        Type: 'network',
        Scheme: 'internet-facing',
        Subnets: publicSubnets,
        Tags: [{ Key: 'owner', Value: 'demo' }],
      }),
    )
    const lb = LoadBalancers![0]!
    expect(lb.LoadBalancerArn).toMatch(
      new RegExp(`^arn:aws:elasticloadbalancing:us-east-1:${ADMIN.id}:loadbalancer/net/demo-apiserver/[0-9a-f]{16}$`),
    )
    expect(lb.DNSName).toMatch(/^demo-apiserver-[0-9a-f]{16}\.elb\.us-east-1\.amazonaws\.com$/)
    expect(lb.State!.Code).toBe('provisioning')
    expect(lb.VpcId).toBe(vpcId)
    expect(lb.AvailabilityZones).toHaveLength(publicSubnets.length)
    expect(lb.CreatedTime).toBeInstanceOf(Date)
    const lbArn = lb.LoadBalancerArn!

    await eventually(async () => {
      const out = await aws.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lbArn] }))
      return out.LoadBalancers![0]!.State!.Code === 'active' ? true : undefined
    })
    const byName = await aws.elb.send(new DescribeLoadBalancersCommand({ Names: ['demo-apiserver'] }))
    expect(byName.LoadBalancers![0]!.LoadBalancerArn).toBe(lbArn)
    const sameAgain = await aws.elb.send(
      new CreateLoadBalancerCommand({
        Name: 'demo-apiserver',
        Type: 'network',
        Scheme: 'internet-facing',
        Subnets: publicSubnets,
      }),
    )
    expect(sameAgain.LoadBalancers![0]!.LoadBalancerArn).toBe(lbArn)
    const clash = await errorOf(
      aws.elb.send(
        new CreateLoadBalancerCommand({
          Name: 'demo-apiserver',
          Type: 'network',
          Scheme: 'internal',
          Subnets: publicSubnets,
        }),
      ),
    )
    expect(clash.name).toBe('DuplicateLoadBalancerNameException')

    const { TargetGroups } = await aws.elb.send(
      new CreateTargetGroupCommand({
        Name: 'demo-apiserver',
        Protocol: 'TCP',
        Port: 6443,
        VpcId: vpcId,
        TargetType: 'instance',
        HealthCheckProtocol: 'TCP',
        Tags: [{ Key: 'owner', Value: 'demo' }],
      }),
    )
    const tgArn = TargetGroups![0]!.TargetGroupArn!
    expect(tgArn).toMatch(/:targetgroup\/demo-apiserver\/[0-9a-f]{16}$/)
    expect(TargetGroups![0]!.Port).toBe(6443)

    // A pending instance cannot be registered: hold one in pending with the stuck switch.
    fake.faults.add({ cloud: 'aws', action: 'RunInstances', stuck: true })
    const pending = await aws.ec2.send(
      new RunInstancesCommand({ ImageId: AMI, InstanceType: 't3.large', MinCount: 1, MaxCount: 1 }),
    )
    fake.faults.clear()
    const pendingId = pending.Instances![0]!.InstanceId!
    const early = await errorOf(
      aws.elb.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: pendingId }] })),
    )
    expect(early.name).toBe('InvalidTargetException')

    const run = await aws.ec2.send(
      new RunInstancesCommand({ ImageId: AMI, InstanceType: 't3.large', MinCount: 3, MaxCount: 3 }),
    )
    const ids = run.Instances!.map((i) => i.InstanceId!)
    await eventually(async () => {
      try {
        await aws.elb.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: ids.map((Id) => ({ Id })) }))
        return true
      } catch {
        return undefined
      }
    })

    const { Listeners } = await aws.elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: lbArn,
        Protocol: 'TCP',
        Port: 6443,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
      }),
    )
    const listenerArn = Listeners![0]!.ListenerArn!
    expect(listenerArn).toMatch(/:listener\/net\/demo-apiserver\/[0-9a-f]{16}\/[0-9a-f]{16}$/)
    const listed = await aws.elb.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }))
    expect(listed.Listeners!.map((l) => l.Port)).toEqual([6443])
    const duplicate = await errorOf(
      aws.elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: lbArn,
          Protocol: 'TLS',
          Port: 6443,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
        }),
      ),
    )
    expect(duplicate.name).toBe('DuplicateListenerException')

    const health = await aws.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }))
    expect(health.TargetHealthDescriptions!.map((h) => h.TargetHealth!.State)).toEqual([
      'healthy',
      'healthy',
      'healthy',
    ])
    const groups = await aws.elb.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lbArn }))
    expect(groups.TargetGroups!.map((g) => g.TargetGroupArn)).toEqual([tgArn])
    expect(groups.TargetGroups![0]!.LoadBalancerArns).toEqual([lbArn])

    await aws.elb.send(new AddTagsCommand({ ResourceArns: [lbArn, tgArn], Tags: [{ Key: 'cluster', Value: 'demo' }] }))
    await aws.elb.send(new RemoveTagsCommand({ ResourceArns: [tgArn], TagKeys: ['owner'] }))
    const tags = await aws.elb.send(new DescribeTagsCommand({ ResourceArns: [lbArn, tgArn] }))
    expect(tags.TagDescriptions).toEqual([
      {
        ResourceArn: lbArn,
        Tags: [
          { Key: 'owner', Value: 'demo' },
          { Key: 'cluster', Value: 'demo' },
        ],
      },
      { ResourceArn: tgArn, Tags: [{ Key: 'cluster', Value: 'demo' }] },
    ])

    const tgInUse = await errorOf(aws.elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: tgArn })))
    expect(tgInUse.name).toBe('ResourceInUseException')

    await aws.elb.send(new DeregisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: ids[0]! }] }))
    await aws.elb.send(new DeleteListenerCommand({ ListenerArn: listenerArn }))
    await aws.elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lbArn }))
    await aws.elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: tgArn }))
    await aws.ec2.send(new TerminateInstancesCommand({ InstanceIds: [...ids, pendingId] }))
    const gone = await errorOf(aws.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lbArn] })))
    expect(gone.name).toBe('LoadBalancerNotFoundException')
    const tgGone = await errorOf(aws.elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [tgArn] })))
    expect(tgGone.name).toBe('TargetGroupNotFoundException')
    await eventually(async () => (fake.store.list({ cloud: 'aws' }).every((r) => r.seeded) ? true : undefined))
  })

  it('validates subnets and AZ spread', async () => {
    const unknown = await errorOf(
      aws.elb.send(
        new CreateLoadBalancerCommand({ Name: 'x', Type: 'network', Subnets: ['subnet-00000000000000000'] }),
      ),
    )
    expect(unknown.name).toBe('SubnetNotFoundException')
    const oneAz = await errorOf(
      aws.elb.send(
        new CreateLoadBalancerCommand({ Name: 'x', Type: 'application', Subnets: publicSubnets.slice(0, 1) }),
      ),
    )
    expect(oneAz.name).toBe('InvalidConfigurationRequestException')
  })

  it('denies CreateLoadBalancer to the account that lacks it, with AccessDenied', async () => {
    const limited = clientsFor(fake, { accessKeyId: LIMITED.accessKeyId, secretAccessKey: LIMITED.secretAccessKey })
    const err = await errorOf(
      limited.elb.send(new CreateLoadBalancerCommand({ Name: 'x', Type: 'network', Subnets: publicSubnets })),
    )
    expect(err.name).toBe('AccessDenied')
    expect(err.$metadata?.httpStatusCode).toBe(403)
  })
})
