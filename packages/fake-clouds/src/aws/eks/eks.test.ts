import {
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
} from '@aws-sdk/client-ec2'
import {
  CreateClusterCommand,
  CreateNodegroupCommand,
  DeleteClusterCommand,
  DeleteNodegroupCommand,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  DescribeUpdateCommand,
  ListClustersCommand,
  ListNodegroupsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateClusterConfigCommand,
  UpdateNodegroupConfigCommand,
} from '@aws-sdk/client-eks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeClouds } from '../../index.ts'
import {
  ADMIN,
  type AwsClients,
  clientsFor,
  errorOf,
  eventually,
  goneWith,
  LIMITED,
  startFastFake,
} from '../testing.ts'

let fake: FakeClouds
let aws: AwsClients
let privateSubnets: string[]
const ROLE = `arn:aws:iam::${ADMIN.id}:role/demo-eks-cluster`
const NODE_ROLE = `arn:aws:iam::${ADMIN.id}:role/demo-eks-nodes`

beforeAll(async () => {
  fake = await startFastFake()
  aws = clientsFor(fake, { region: 'us-west-2' })
  const { Subnets } = await aws.ec2.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'map-public-ip-on-launch', Values: ['false'] }] }),
  )
  privateSubnets = Subnets!.map((s) => s.SubnetId!)
})
afterAll(() => fake.close())

/** The nodegroup's EC2 instances that are not on their way out. */
async function nodeInstances(nodegroup: string) {
  const { Reservations } = await aws.ec2.send(
    new DescribeInstancesCommand({
      Filters: [
        { Name: 'tag:eks:nodegroup-name', Values: [nodegroup] },
        { Name: 'instance-state-name', Values: ['pending', 'running'] },
      ],
    }),
  )
  return Reservations!.flatMap((r) => r.Instances!)
}

async function clusterStatus(name: string): Promise<string | undefined> {
  return (await aws.eks.send(new DescribeClusterCommand({ name }))).cluster!.status
}

async function createActiveCluster(name: string): Promise<void> {
  await aws.eks.send(
    new CreateClusterCommand({
      name,
      roleArn: ROLE,
      resourcesVpcConfig: { subnetIds: privateSubnets },
      tags: { owner: 'demo' },
    }),
  )
  await eventually(async () => ((await clusterStatus(name)) === 'ACTIVE' ? true : undefined))
}

describe('EKS clusters', () => {
  it('creates a cluster CREATING → ACTIVE with an endpoint, lists, describes and deletes it', async () => {
    const created = await aws.eks.send(
      new CreateClusterCommand({
        name: 'demo',
        version: '1.30',
        roleArn: ROLE,
        resourcesVpcConfig: {
          subnetIds: privateSubnets,
          endpointPublicAccess: true,
          publicAccessCidrs: ['10.0.0.0/8'],
        },
        tags: { owner: 'demo' },
      }),
    )
    const c = created.cluster!
    expect(c.status).toBe('CREATING')
    expect(c.arn).toBe(`arn:aws:eks:us-west-2:${ADMIN.id}:cluster/demo`)
    expect(c.version).toBe('1.30')
    expect(c.createdAt).toBeInstanceOf(Date)
    expect(c.resourcesVpcConfig!.publicAccessCidrs).toEqual(['10.0.0.0/8'])
    expect(c.resourcesVpcConfig!.clusterSecurityGroupId).toMatch(/^sg-/)
    expect(c.endpoint).toBeUndefined()

    await eventually(async () => ((await clusterStatus('demo')) === 'ACTIVE' ? true : undefined))
    const active = (await aws.eks.send(new DescribeClusterCommand({ name: 'demo' }))).cluster!
    expect(active.endpoint).toMatch(/^https:\/\/[0-9A-F]{32}\.gr7\.us-west-2\.eks\.amazonaws\.com$/)
    expect(active.certificateAuthority!.data).toBeTruthy()
    expect(active.tags).toEqual({ owner: 'demo' })

    const { clusters } = await aws.eks.send(new ListClustersCommand({}))
    expect(clusters).toEqual(['demo'])

    // EKS's own cluster security group exists while the cluster does.
    const sgs = await aws.ec2.send(
      new DescribeSecurityGroupsCommand({ GroupIds: [c.resourcesVpcConfig!.clusterSecurityGroupId!] }),
    )
    expect(sgs.SecurityGroups![0]!.GroupName).toMatch(/^eks-cluster-sg-demo-/)

    const subnetInUse = await errorOf(aws.ec2.send(new DeleteSubnetCommand({ SubnetId: privateSubnets[0]! })))
    expect(subnetInUse.name).toBe('DependencyViolation')

    const deleting = await aws.eks.send(new DeleteClusterCommand({ name: 'demo' }))
    expect(deleting.cluster!.status).toBe('DELETING')
    await eventually(() => goneWith(() => aws.eks.send(new DescribeClusterCommand({ name: 'demo' }))))
    expect(fake.store.list({ cloud: 'aws' }).filter((r) => !r.seeded)).toEqual([])
  })

  it('refuses duplicates, honours clientRequestToken and answers ResourceNotFoundException', async () => {
    const input = {
      name: 'dup',
      roleArn: ROLE,
      resourcesVpcConfig: { subnetIds: privateSubnets },
      clientRequestToken: 'tok-1',
    }
    const first = await aws.eks.send(new CreateClusterCommand(input))
    const retried = await aws.eks.send(new CreateClusterCommand(input))
    expect(retried.cluster!.arn).toBe(first.cluster!.arn)
    const dup = await errorOf(aws.eks.send(new CreateClusterCommand({ ...input, clientRequestToken: 'tok-2' })))
    expect(dup.name).toBe('ResourceInUseException')
    expect(dup.$metadata?.httpStatusCode).toBe(409)
    const missing = await errorOf(aws.eks.send(new DescribeClusterCommand({ name: 'nope' })))
    expect(missing.name).toBe('ResourceNotFoundException')
    expect(missing.$metadata?.httpStatusCode).toBe(404)
    expect((missing as unknown as { clusterName: string }).clusterName).toBe('nope')
    await eventually(async () => ((await clusterStatus('dup')) === 'ACTIVE' ? true : undefined))
    await aws.eks.send(new DeleteClusterCommand({ name: 'dup' }))
  })

  it('validates subnets: unknown ids and a single AZ are InvalidParameterException', async () => {
    const unknown = await errorOf(
      aws.eks.send(
        new CreateClusterCommand({
          name: 'bad',
          roleArn: ROLE,
          resourcesVpcConfig: { subnetIds: ['subnet-00000000000000000'] },
        }),
      ),
    )
    expect(unknown.name).toBe('InvalidParameterException')
    const oneAz = await errorOf(
      aws.eks.send(
        new CreateClusterCommand({
          name: 'bad',
          roleArn: ROLE,
          resourcesVpcConfig: { subnetIds: privateSubnets.slice(0, 1) },
        }),
      ),
    )
    expect(oneAz.name).toBe('InvalidParameterException')
    expect(oneAz.message).toMatch(/two different AZs/)
  })

  it('denies CreateCluster to the account that lacks eks:CreateCluster', async () => {
    const limited = clientsFor(fake, {
      region: 'us-west-2',
      accessKeyId: LIMITED.accessKeyId,
      secretAccessKey: LIMITED.secretAccessKey,
    })
    const err = await errorOf(
      limited.eks.send(
        new CreateClusterCommand({ name: 'x', roleArn: ROLE, resourcesVpcConfig: { subnetIds: privateSubnets } }),
      ),
    )
    expect(err.name).toBe('AccessDeniedException')
    expect(err.message).toContain('eks:CreateCluster')
    const list = await limited.eks.send(new ListClustersCommand({}))
    expect(list.clusters).toEqual([])
  })

  it('changes endpoint access and public CIDRs on a running cluster (UPDATING → ACTIVE)', async () => {
    await createActiveCluster('day2')
    const { update } = await aws.eks.send(
      new UpdateClusterConfigCommand({
        name: 'day2',
        resourcesVpcConfig: { endpointPrivateAccess: true, publicAccessCidrs: ['203.0.113.0/24'] },
      }),
    )
    expect(update!.type).toBe('EndpointAccessUpdate')
    expect(update!.status).toBe('InProgress')
    expect(update!.params).toContainEqual({ type: 'PublicAccessCidrs', value: '["203.0.113.0/24"]' })
    const cluster = (await aws.eks.send(new DescribeClusterCommand({ name: 'day2' }))).cluster!
    expect(cluster.resourcesVpcConfig!.publicAccessCidrs).toEqual(['203.0.113.0/24'])
    expect(cluster.resourcesVpcConfig!.endpointPrivateAccess).toBe(true)
    await eventually(async () => {
      const u = await aws.eks.send(new DescribeUpdateCommand({ name: 'day2', updateId: update!.id! }))
      return u.update!.status === 'Successful' ? true : undefined
    })
    const closed = await errorOf(
      aws.eks.send(
        new UpdateClusterConfigCommand({
          name: 'day2',
          resourcesVpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: false },
        }),
      ),
    )
    expect(closed.name).toBe('InvalidParameterException')
    await aws.eks.send(new DeleteClusterCommand({ name: 'day2' }))
  })

  it('tags clusters by ARN', async () => {
    await createActiveCluster('tagged')
    const arn = `arn:aws:eks:us-west-2:${ADMIN.id}:cluster/tagged`
    await aws.eks.send(new TagResourceCommand({ resourceArn: arn, tags: { team: 'platform' } }))
    expect((await aws.eks.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({
      owner: 'demo',
      team: 'platform',
    })
    await aws.eks.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['owner'] }))
    expect((await aws.eks.send(new DescribeClusterCommand({ name: 'tagged' }))).cluster!.tags).toEqual({
      team: 'platform',
    })
    await aws.eks.send(new DeleteClusterCommand({ name: 'tagged' }))
  })

  it('holds a security group while a cluster or a nodegroup uses it (DependencyViolation), frees it once they are gone', async () => {
    const { Subnets } = await aws.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [privateSubnets[0]!] }))
    const vpcId = Subnets![0]!.VpcId!
    const group = async (name: string) =>
      (await aws.ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId })))
        .GroupId!
    const clusterGroup = await group('extra-control-plane')
    const sshGroup = await group('ssh-sources')
    await aws.eks.send(
      new CreateClusterCommand({
        name: 'sg-holder',
        roleArn: ROLE,
        resourcesVpcConfig: { subnetIds: privateSubnets, securityGroupIds: [clusterGroup] },
      }),
    )
    await eventually(async () => ((await clusterStatus('sg-holder')) === 'ACTIVE' ? true : undefined))
    await aws.eks.send(
      new CreateNodegroupCommand({
        clusterName: 'sg-holder',
        nodegroupName: 'ssh',
        nodeRole: NODE_ROLE,
        subnets: privateSubnets,
        remoteAccess: { ec2SshKey: 'console-dev', sourceSecurityGroups: [sshGroup] },
      }),
    )
    const deleteGroup = (GroupId: string) => aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId }))
    expect((await errorOf(deleteGroup(clusterGroup))).name).toBe('DependencyViolation')
    expect((await errorOf(deleteGroup(sshGroup))).name).toBe('DependencyViolation')

    const describeNg = () =>
      aws.eks.send(new DescribeNodegroupCommand({ clusterName: 'sg-holder', nodegroupName: 'ssh' }))
    await eventually(async () => ((await describeNg()).nodegroup!.status === 'ACTIVE' ? true : undefined))
    await aws.eks.send(new DeleteNodegroupCommand({ clusterName: 'sg-holder', nodegroupName: 'ssh' }))
    await eventually(() => goneWith(describeNg))
    await deleteGroup(sshGroup)
    expect((await errorOf(deleteGroup(clusterGroup))).name).toBe('DependencyViolation')

    await aws.eks.send(new DeleteClusterCommand({ name: 'sg-holder' }))
    await eventually(() => goneWith(() => aws.eks.send(new DescribeClusterCommand({ name: 'sg-holder' }))))
    await deleteGroup(clusterGroup)
  })

  it('keeps a cluster DELETING forever while DeleteCluster is stuck', async () => {
    await createActiveCluster('stuck')
    fake.faults.add({ cloud: 'aws', action: 'DeleteCluster', stuck: true })
    try {
      await aws.eks.send(new DeleteClusterCommand({ name: 'stuck' }))
      await new Promise((r) => setTimeout(r, 150))
      expect(await clusterStatus('stuck')).toBe('DELETING')
    } finally {
      fake.faults.clear()
    }
    // The delete that was stuck stays stuck; reset is how a test gets a clean cloud again.
    expect(await clusterStatus('stuck')).toBe('DELETING')
  })
})

describe('EKS nodegroups', () => {
  it('creates, lists, updates labels/taints/scaling, and deletes a nodegroup; cluster delete waits for it', async () => {
    await createActiveCluster('ng-host')
    const created = await aws.eks.send(
      new CreateNodegroupCommand({
        clusterName: 'ng-host',
        nodegroupName: 'workers',
        nodeRole: NODE_ROLE,
        subnets: privateSubnets,
        instanceTypes: ['m5.large'],
        scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 2 },
        labels: { pool: 'workers' },
        taints: [{ key: 'dedicated', value: 'gpu', effect: 'NO_SCHEDULE' }],
        capacityType: 'SPOT',
        remoteAccess: { ec2SshKey: 'console-dev' },
        tags: { owner: 'demo' },
      }),
    )
    const ng = created.nodegroup!
    expect(ng.status).toBe('CREATING')
    expect(ng.nodegroupArn).toMatch(
      new RegExp(`^arn:aws:eks:us-west-2:${ADMIN.id}:nodegroup/ng-host/workers/[0-9a-f-]{36}$`),
    )
    expect(ng.capacityType).toBe('SPOT')
    expect(ng.taints).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NO_SCHEDULE' }])

    const inUse = await errorOf(aws.eks.send(new DeleteClusterCommand({ name: 'ng-host' })))
    expect(inUse.name).toBe('ResourceInUseException')

    const describeNg = () =>
      aws.eks.send(new DescribeNodegroupCommand({ clusterName: 'ng-host', nodegroupName: 'workers' }))
    await eventually(async () => ((await describeNg()).nodegroup!.status === 'ACTIVE' ? true : undefined))
    expect((await aws.eks.send(new ListNodegroupsCommand({ clusterName: 'ng-host' }))).nodegroups).toEqual(['workers'])
    const nodes = await nodeInstances('workers')
    expect(nodes).toHaveLength(2)
    expect(
      nodes.every(
        (i) => i.InstanceType === 'm5.large' && i.InstanceLifecycle === 'spot' && i.KeyName === 'console-dev',
      ),
    ).toBe(true)
    expect(new Set(nodes.map((i) => i.SubnetId)).size).toBe(2)
    expect(nodes[0]!.Tags).toContainEqual({ Key: 'kubernetes.io/cluster/ng-host', Value: 'owned' })

    const { update } = await aws.eks.send(
      new UpdateNodegroupConfigCommand({
        clusterName: 'ng-host',
        nodegroupName: 'workers',
        labels: { addOrUpdateLabels: { tier: 'batch' }, removeLabels: ['pool'] },
        taints: {
          removeTaints: [{ key: 'dedicated', value: 'gpu', effect: 'NO_SCHEDULE' }],
          addOrUpdateTaints: [{ key: 'spot', value: 'true', effect: 'PREFER_NO_SCHEDULE' }],
        },
        scalingConfig: { desiredSize: 3 },
      }),
    )
    expect(update!.status).toBe('InProgress')
    expect(update!.type).toBe('ConfigUpdate')
    const updating = (await describeNg()).nodegroup!
    expect(updating.labels).toEqual({ tier: 'batch' })
    expect(updating.taints).toEqual([{ key: 'spot', value: 'true', effect: 'PREFER_NO_SCHEDULE' }])
    expect(updating.scalingConfig).toEqual({ minSize: 1, maxSize: 3, desiredSize: 3 })
    expect(await nodeInstances('workers')).toHaveLength(3)
    await eventually(async () => {
      const u = await aws.eks.send(
        new DescribeUpdateCommand({ name: 'ng-host', nodegroupName: 'workers', updateId: update!.id! }),
      )
      return u.update!.status === 'Successful' ? true : undefined
    })
    const badScale = await errorOf(
      aws.eks.send(
        new UpdateNodegroupConfigCommand({
          clusterName: 'ng-host',
          nodegroupName: 'workers',
          scalingConfig: { desiredSize: 9 },
        }),
      ),
    )
    expect(badScale.name).toBe('InvalidParameterException')

    const deleting = await aws.eks.send(
      new DeleteNodegroupCommand({ clusterName: 'ng-host', nodegroupName: 'workers' }),
    )
    expect(deleting.nodegroup!.status).toBe('DELETING')
    await eventually(() => goneWith(describeNg))
    await aws.eks.send(new DeleteClusterCommand({ name: 'ng-host' }))
  })

  it('keeps a nodegroup DELETING while DeleteNodegroup is stuck, and refuses nodegroups on unknown clusters', async () => {
    await createActiveCluster('ng-stuck')
    await aws.eks.send(
      new CreateNodegroupCommand({
        clusterName: 'ng-stuck',
        nodegroupName: 'w',
        nodeRole: NODE_ROLE,
        subnets: privateSubnets,
      }),
    )
    await eventually(async () => {
      const { nodegroup } = await aws.eks.send(
        new DescribeNodegroupCommand({ clusterName: 'ng-stuck', nodegroupName: 'w' }),
      )
      return nodegroup!.status === 'ACTIVE' ? true : undefined
    })
    fake.faults.add({ cloud: 'aws', action: 'DeleteNodegroup', stuck: true })
    try {
      await aws.eks.send(new DeleteNodegroupCommand({ clusterName: 'ng-stuck', nodegroupName: 'w' }))
      await new Promise((r) => setTimeout(r, 150))
      const { nodegroup } = await aws.eks.send(
        new DescribeNodegroupCommand({ clusterName: 'ng-stuck', nodegroupName: 'w' }),
      )
      expect(nodegroup!.status).toBe('DELETING')
    } finally {
      fake.faults.clear()
    }
    const err = await errorOf(
      aws.eks.send(
        new CreateNodegroupCommand({
          clusterName: 'ghost',
          nodegroupName: 'w',
          nodeRole: NODE_ROLE,
          subnets: privateSubnets,
        }),
      ),
    )
    expect(err.name).toBe('ResourceNotFoundException')
  })
})
