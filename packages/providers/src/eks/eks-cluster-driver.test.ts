import {
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  EC2Client,
} from '@aws-sdk/client-ec2'
import { DescribeClusterCommand, DescribeNodegroupCommand, EKSClient } from '@aws-sdk/client-eks'
import { type FakeClouds, startFakeClouds } from '@console/fake-clouds'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AwsCredentials } from '../cloud-provider.ts'
import { seededAccounts } from '../contract-cases.ts'
import { createProviders, type Providers } from '../create-providers.ts'
import { CloudError } from '../errors.ts'
import { CLUSTER_NAME_TAG, NODE_POOL_TAG, OWNER_TAG, RESOURCE_KEY_TAG } from '../ownership.ts'
import { EksClusterDriver } from './eks-cluster-driver.ts'
import {
  awsResources,
  clusterResources,
  countByType,
  eksSpec,
  eksWork,
  expectBefore,
  injectFault,
  LosingLedger,
  type MemoryLedger,
  ofType,
  standingResources,
  untilDone,
} from './eks-test-support.ts'

let fake: FakeClouds
let providers: Providers
let driver: EksClusterDriver
let credentials: AwsCredentials
let keys: { accessKeyId: string; secretAccessKey: string }

beforeAll(async () => {
  fake = await startFakeClouds({ port: 0, timeScale: 2_000 })
  providers = createProviders({ mode: 'sandbox', ...fake.endpoints }, { sleep: async () => {}, cacheTtlMs: 0 })
  driver = providers.clusterDriver('eks')
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
  return { ec2: new EC2Client(config), eks: new EKSClient(config) }
}

const standing = () => standingResources(fake)

describe('providers.clusterDriver', () => {
  it('answers the EKS driver for eks', () => {
    expect(driver).toBeInstanceOf(EksClusterDriver)
    expect(driver.cloudType).toBe('eks')
  })
})

describe('EksClusterDriver against the fake AWS', () => {
  it('creates a dynamic VPC, the cluster and its node groups; a second pass changes nothing; delete removes it all in reverse', async () => {
    const region = 'us-east-1'
    const labels = { team: 'payments' }
    const work = eksWork({
      clusterUid: 'uid-dynamic',
      clusterName: 'dynamic',
      credentials,
      labels,
      spec: eksSpec({
        region,
        sshKeyName: 'console-dev',
        endpointAccess: {
          public: true,
          private: true,
          publicCIDRs: ['203.0.113.0/24'],
          privateCIDRs: ['192.168.10.0/24'],
        },
        pools: [
          {
            name: 'workers',
            size: 2,
            azs: ['us-east-1a', 'us-east-1b'],
            labels: { tier: 'web' },
            taints: [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }],
          },
          // m5.large spot costs 0.0336 in us-east-1a: within the bid.
          { name: 'spot', size: 1, azs: ['us-east-1a'], spotMaxPrice: '0.05' },
        ],
        packValues: [
          { name: 'amazon-linux-eks', tag: '2023.0.0', values: 'amiType: AL2023_x86_64_STANDARD\n' },
          {
            name: 'kubernetes-eks',
            tag: '1.30',
            values: 'managedControlPlane:\n  logging:\n    apiServer: true\n    audit: true\n',
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
      'ec2.subnet': 4,
      'ec2.route-table': 3,
      'ec2.address': 2,
      'ec2.nat-gateway': 2,
      // The console's group, and the one EKS makes for the cluster.
      'ec2.security-group': 2,
      'eks.cluster': 1,
      'eks.nodegroup': 2,
      'ec2.instance': 3,
    })
    for (const r of owned.filter((x) => x.tags[OWNER_TAG])) {
      expect(r.tags).toMatchObject({ ...labels, [OWNER_TAG]: 'uid-dynamic', [CLUSTER_NAME_TAG]: 'dynamic' })
    }
    // Every EC2 resource names its ledger row, and the ledger names exactly those ids.
    for (const r of owned.filter((x) => x.tags[RESOURCE_KEY_TAG])) {
      expect(ledger.rows.get(r.tags[RESOURCE_KEY_TAG] ?? '')).toMatchObject({ state: 'created', cloudId: r.id })
    }
    expect([...ledger.rows.values()].every((r) => r.state === 'created')).toBe(true)
    expect(ledger.rows.size).toBe(17)

    const { ec2, eks } = sdk(region)
    const vpcId = ofType(owned, 'ec2.vpc')[0]?.id ?? ''
    const dns = await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }))
    expect(dns.EnableDnsHostnames?.Value).toBe(true)
    const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })))
      .Subnets!
    const publicSubnets = subnets.filter((s) => s.MapPublicIpOnLaunch)
    expect(publicSubnets.map((s) => s.CidrBlock).sort()).toEqual(['10.0.0.0/20', '10.0.16.0/20'])
    expect(publicSubnets[0]?.Tags).toContainEqual({ Key: 'kubernetes.io/role/elb', Value: '1' })
    const privateSubnets = subnets.filter((s) => !s.MapPublicIpOnLaunch)
    expect(privateSubnets.map((s) => s.CidrBlock).sort()).toEqual(['10.0.128.0/20', '10.0.144.0/20'])
    const tables = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })))
      .RouteTables!
    for (const s of privateSubnets) {
      const table = tables.find((t) => t.Associations?.some((a) => a.SubnetId === s.SubnetId))
      expect(table?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.NatGatewayId).toMatch(/^nat-/)
    }
    const nats = (await ec2.send(new DescribeNatGatewaysCommand({ Filter: [{ Name: 'vpc-id', Values: [vpcId] }] })))
      .NatGateways!
    expect(nats.map((n) => n.State)).toEqual(['available', 'available'])
    expect(new Set(nats.map((n) => n.SubnetId))).toEqual(new Set(publicSubnets.map((s) => s.SubnetId)))

    const cluster = (await eks.send(new DescribeClusterCommand({ name: 'dynamic' }))).cluster!
    expect(cluster.status).toBe('ACTIVE')
    expect(cluster.version).toBe('1.30')
    expect(cluster.roleArn).toMatch(/:role\/eks-controlplane\.cluster-api-provider-aws\.sigs\.k8s\.io$/)
    expect(cluster.resourcesVpcConfig).toMatchObject({
      vpcId,
      endpointPublicAccess: true,
      endpointPrivateAccess: true,
      publicAccessCidrs: ['203.0.113.0/24'],
    })
    expect(cluster.resourcesVpcConfig?.subnetIds).toHaveLength(4)
    expect(cluster.logging?.clusterLogging).toEqual([{ types: ['api', 'audit'], enabled: true }])
    const sgId = ledger.rows.get('sg')?.cloudId ?? ''
    expect(cluster.resourcesVpcConfig?.securityGroupIds).toEqual([sgId])
    const group = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [sgId] }))).SecurityGroups![0]!
    expect(group.IpPermissions?.flatMap((p) => p.IpRanges?.map((r) => `${p.FromPort} ${r.CidrIp}`))).toEqual([
      '443 10.0.0.0/16',
      '443 192.168.10.0/24',
    ])

    const nodegroup = async (name: string) =>
      (await eks.send(new DescribeNodegroupCommand({ clusterName: 'dynamic', nodegroupName: name }))).nodegroup!
    const workers = await nodegroup('workers')
    expect(workers).toMatchObject({
      status: 'ACTIVE',
      capacityType: 'ON_DEMAND',
      instanceTypes: ['m5.large'],
      diskSize: 60,
      amiType: 'AL2023_x86_64_STANDARD',
      scalingConfig: { minSize: 2, maxSize: 4, desiredSize: 2 },
      labels: { tier: 'web' },
      taints: [{ key: 'dedicated', value: 'web', effect: 'NO_SCHEDULE' }],
      remoteAccess: { ec2SshKey: 'console-dev', sourceSecurityGroups: [sgId] },
    })
    expect(workers.nodeRole).toMatch(/:role\/nodes\.cluster-api-provider-aws\.sigs\.k8s\.io$/)
    expect(new Set(workers.subnets)).toEqual(new Set(privateSubnets.map((s) => s.SubnetId)))
    expect(workers.tags).toMatchObject({ [OWNER_TAG]: 'uid-dynamic', [NODE_POOL_TAG]: 'workers' })
    expect(await nodegroup('spot')).toMatchObject({ status: 'ACTIVE', capacityType: 'SPOT' })

    const events = work.events
    expect(events[0]).toBe('Creating VPC 10.0.0.0/16 with a public and a private subnet in us-east-1a, us-east-1b')
    expect(events).toContain('Creating EKS cluster dynamic')
    expect(events).toContain('Waiting for EKS cluster to be ACTIVE (status: CREATING)')
    expect(events).toContain('Creating node group workers')
    expect(events).toContain('Node group workers is ACTIVE (2 of 2–4 nodes)')
    expect(work.warnings).toEqual([])

    // A second create pass after done changes nothing.
    const before = await awsResources(fake)
    await expect(driver.reconcileCreate(work)).resolves.toEqual({ status: 'done' })
    expect(await awsResources(fake)).toEqual(before)

    const reported = events.length
    await untilDone(() => driver.reconcileDelete(work))
    expect(await clusterResources(fake, 'uid-dynamic', 'dynamic')).toEqual([])
    expect([...ledger.rows.values()].filter((r) => r.state !== 'deleted')).toEqual([])
    // The default VPC and everything else seeded is untouched.
    const seededAfter = await standing()
    expect(seededAfter).toEqual(seededBefore)
    const deleteEvents = events.slice(reported)
    expectBefore(deleteEvents, 'Deleting node group workers', 'Deleting EKS cluster')
    expectBefore(deleteEvents, 'Deleting node group spot', 'Deleting EKS cluster')
    expectBefore(deleteEvents, 'EKS cluster deleted', 'Deleting security group')
    expectBefore(deleteEvents, 'Deleting NAT gateways', 'Releasing Elastic IPs')
    expectBefore(deleteEvents, 'Deleting subnets', `Deleting VPC ${vpcId}`)
    expect(deleteEvents.at(-1)).toBe('VPC and its subnets, gateways and route tables deleted')

    // Deleting again is done at once and says nothing new.
    const afterDelete = events.length
    await expect(driver.reconcileDelete(work)).resolves.toEqual({ status: 'done' })
    expect(events.length).toBe(afterDelete)
  })

  it('places a cluster in an existing VPC and subnets (Static Placement) and never deletes them', async () => {
    const region = 'us-west-2'
    const { ec2 } = sdk(region)
    const seeded = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets!.filter((s) => !s.MapPublicIpOnLaunch)
    const [a, b] = [
      seeded.find((s) => s.AvailabilityZone === 'us-west-2a')!,
      seeded.find((s) => s.AvailabilityZone === 'us-west-2b')!,
    ]
    const vpcId = a.VpcId ?? ''
    const work = eksWork({
      clusterUid: 'uid-static',
      clusterName: 'static',
      credentials,
      spec: eksSpec({
        region,
        vpcId,
        pools: [
          {
            name: 'workers',
            size: 1,
            azs: ['us-west-2a', 'us-west-2b'],
            subnets: [
              { id: a.SubnetId ?? '', az: 'us-west-2a' },
              { id: b.SubnetId ?? '', az: 'us-west-2b' },
            ],
          },
        ],
      }),
    })
    const seededBefore = await standing()

    await untilDone(() => driver.reconcileCreate(work))

    const owned = await clusterResources(fake, 'uid-static', 'static')
    expect(countByType(owned)).toEqual({
      'ec2.security-group': 2,
      'eks.cluster': 1,
      'eks.nodegroup': 1,
      'ec2.instance': 1,
    })
    const cluster = (await sdk(region).eks.send(new DescribeClusterCommand({ name: 'static' }))).cluster!
    expect(new Set(cluster.resourcesVpcConfig?.subnetIds)).toEqual(new Set([a.SubnetId, b.SubnetId]))
    expect(cluster.resourcesVpcConfig?.vpcId).toBe(vpcId)
    expect(work.events.some((e) => e.startsWith('Creating VPC'))).toBe(false)

    await untilDone(() => driver.reconcileDelete(work))
    expect(await clusterResources(fake, 'uid-static', 'static')).toEqual([])
    const seededAfter = await standing()
    expect(seededAfter).toEqual(seededBefore)
    expect(work.events).not.toContain('VPC and its subnets, gateways and route tables deleted')
  })

  it('applies a day-2 edit of a running node group (size, labels, taints) and then changes nothing more', async () => {
    const region = 'us-west-2'
    const { ec2, eks } = sdk(region)
    const seeded = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets!.filter((s) => !s.MapPublicIpOnLaunch)
    const subnets = ['us-west-2a', 'us-west-2b'].map((az) => {
      const subnet = seeded.find((s) => s.AvailabilityZone === az)!
      return { id: subnet.SubnetId ?? '', az }
    })
    const pool = {
      name: 'workers',
      size: 1,
      azs: ['us-west-2a', 'us-west-2b'],
      subnets,
      labels: { tier: 'web', keep: 'yes' },
      taints: [{ key: 'old', value: 'x', effect: 'NoExecute' as const }],
    }
    const work = eksWork({
      clusterUid: 'uid-edit',
      clusterName: 'edit',
      credentials,
      spec: eksSpec({ region, vpcId: seeded[0]?.VpcId ?? '', pools: [pool] }),
    })
    await untilDone(() => driver.reconcileCreate(work))

    // The API's edit: a new spec, then the engine's passes until done.
    work.spec = eksSpec({
      region,
      vpcId: seeded[0]?.VpcId ?? '',
      pools: [
        {
          ...pool,
          size: 2,
          labels: { tier: 'api', keep: 'yes' },
          taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
        },
      ],
    })
    work.spec.machinepoolconfig[0]!.poolConfig.maxSize = 3
    work.events.length = 0
    await untilDone(() => driver.reconcileCreate(work))

    const ng = (await eks.send(new DescribeNodegroupCommand({ clusterName: 'edit', nodegroupName: 'workers' })))
      .nodegroup!
    expect(ng.status).toBe('ACTIVE')
    expect(ng.scalingConfig).toMatchObject({ desiredSize: 2, maxSize: 3 })
    expect(ng.labels).toEqual({ tier: 'api', keep: 'yes' })
    expect(ng.taints).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NO_SCHEDULE' }])
    const updates = work.events.filter((e) => e.startsWith('Updating node group workers'))
    expect(updates).toHaveLength(1)
    expect(updates[0]).toContain('taints set dedicated=gpu:NO_SCHEDULE')
    expect(updates[0]).toContain('taints removed old=x:NO_EXECUTE')
    expect(updates[0]).toContain('labels set tier=api')

    // Converged: another pass sends nothing.
    work.events.length = 0
    await untilDone(() => driver.reconcileCreate(work))
    expect(work.events.filter((e) => e.startsWith('Updating'))).toEqual([])
    await untilDone(() => driver.reconcileDelete(work))
  })

  it('resumes after lost ledger writes: finds what it created by tag, token or name, and creates each thing once', async () => {
    const region = 'us-east-2'
    const losing = ['vpc', 'subnet/private/us-east-2b', 'nat/us-east-2a', 'sg', 'cluster', 'nodegroup/workers']
    const ledger = new LosingLedger(losing)
    const work = eksWork({
      clusterUid: 'uid-resume',
      clusterName: 'resume',
      credentials,
      ledger,
      spec: eksSpec({ region, pools: [{ name: 'workers', size: 1, azs: ['us-east-2a', 'us-east-2b'] }] }),
    })

    // Every lost write fails its pass; each next pass adopts what the cloud already has.
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
    expect(countByType(owned)).toMatchObject({
      'ec2.vpc': 1,
      'ec2.subnet': 4,
      'ec2.nat-gateway': 2,
      'ec2.address': 2,
      'ec2.security-group': 2,
      'eks.cluster': 1,
      'eks.nodegroup': 1,
    })
    for (const key of losing) expect(ledger.rows.get(key)?.state).toBe('created')
    expect(ledger.rows.get('vpc')?.cloudId).toBe(ofType(owned, 'ec2.vpc')[0]?.id)
    expect(work.events.filter((e) => e === 'Creating EKS cluster resume')).toHaveLength(1)
    expect(work.events.filter((e) => e === 'Creating node group workers')).toHaveLength(1)

    await untilDone(() => driver.reconcileDelete(work))
    expect(await clusterResources(fake, 'uid-resume', 'resume')).toEqual([])
  })

  it('waits with a warning while the spot price is above the max bid', async () => {
    const region = 'eu-west-1'
    const work = eksWork({
      clusterUid: 'uid-bid',
      clusterName: 'bid',
      credentials,
      spec: eksSpec({
        region,
        vpcId: undefined,
        pools: [{ name: 'cheap', size: 1, azs: ['eu-west-1a', 'eu-west-1b'], spotMaxPrice: '0.001' }],
      }),
    })
    await expect(untilDone(() => driver.reconcileCreate(work), { maxPasses: 60 })).rejects.toThrow(/not done/)
    expect(ofType(await clusterResources(fake, 'uid-bid', 'bid'), 'eks.nodegroup')).toEqual([])
    expect(work.warnings).toHaveLength(1)
    expect(work.warnings[0]).toMatch(
      /^Node group cheap: the spot price of m5\.large is [\d.]+ USD\/h at best \(eu-west-1a, eu-west-1b\), above the max bid of 0\.001 USD\/h; waiting for it to fall$/,
    )
    await untilDone(() => driver.reconcileDelete(work))
    expect(await clusterResources(fake, 'uid-bid', 'bid')).toEqual([])
  })

  it('converges through an assumed role (STS account) while 30% of AWS calls are throttled', async () => {
    const region = 'us-west-2'
    const base = fake.accounts.find((a) => a.cloud === 'aws' && a.consoleIdentity)
    const role = fake.accounts.flatMap((a) => a.roles ?? []).find((r) => r.arn.includes('111122223333'))
    if (!base || !role?.externalId) throw new Error('the fake AWS has no console identity or role')
    // One attempt per call: every throttled answer reaches the pass, as when the policy's retries run out.
    const impatient = createProviders(
      { mode: 'sandbox', ...fake.endpoints },
      { retry: { attempts: 1 }, awsBaseCredentials: { accessKeyId: base.id, secretAccessKey: base.secret } },
    ).clusterDriver('eks')
    const work = eksWork({
      clusterUid: 'uid-throttled',
      clusterName: 'throttled',
      credentials: { credentialType: 'sts', arn: role.arn, externalId: role.externalId, partition: 'aws' },
      spec: eksSpec({
        region,
        pools: [
          { name: 'a', size: 1, azs: ['us-west-2a', 'us-west-2b'] },
          { name: 'b', size: 1, azs: ['us-west-2c'] },
        ],
      }),
    })
    await injectFault(fake, { cloud: 'aws', action: '*', errorCode: 'RequestLimitExceeded', errorRate: 0.3 })

    const { retries } = await untilDone(() => impatient.reconcileCreate(work))
    expect(retries).toBeGreaterThan(0)
    expect(countByType(await clusterResources(fake, 'uid-throttled', 'throttled'))).toEqual({
      'ec2.vpc': 1,
      'ec2.internet-gateway': 1,
      'ec2.subnet': 6,
      'ec2.route-table': 4,
      'ec2.address': 3,
      'ec2.nat-gateway': 3,
      'ec2.security-group': 2,
      'eks.cluster': 1,
      'eks.nodegroup': 2,
      'ec2.instance': 2,
    })

    await fetch(`${fake.adminUrl}/faults`, { method: 'DELETE' })
    await untilDone(() => impatient.reconcileDelete(work))
    expect(await clusterResources(fake, 'uid-throttled', 'throttled')).toEqual([])
  })

  it('names the missing IAM permission when the account may not create EKS clusters', async () => {
    const { restricted } = seededAccounts(fake, 'aws')
    const work = eksWork({
      clusterUid: 'uid-denied',
      clusterName: 'denied',
      credentials: {
        credentialType: 'secret',
        accessKey: restricted.id,
        secretKey: restricted.secret,
        partition: 'aws',
      },
      spec: eksSpec({ region: 'us-east-1', pools: [{ name: 'workers', size: 1, azs: ['us-east-1b', 'us-east-1c'] }] }),
    })
    const error = await untilDone(() => driver.reconcileCreate(work)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CloudError)
    expect(error).toMatchObject({ kind: 'PermissionDenied', retryable: false, permission: 'eks:CreateCluster' })
    expect((error as CloudError).message).toMatch(/^Creating EKS cluster: .*lacks the IAM permission eks:CreateCluster/)
    await untilDone(() => driver.reconcileDelete(work))
    expect(
      (await awsResources(fake)).filter((r) => r.tags[OWNER_TAG] === 'uid-denied' && r.state !== 'deleted'),
    ).toEqual([])
  })

  it('surfaces a refused CreateCluster as a permanent CloudError naming the step', async () => {
    const region = 'ap-southeast-1'
    await injectFault(fake, { cloud: 'aws', action: 'CreateCluster', errorCode: 'ResourceLimitExceededException' })
    const work = eksWork({
      clusterUid: 'uid-refused',
      clusterName: 'refused',
      credentials,
      spec: eksSpec({ region, pools: [{ name: 'workers', size: 1, azs: ['ap-southeast-1a', 'ap-southeast-1b'] }] }),
    })
    const error = await untilDone(() => driver.reconcileCreate(work)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CloudError)
    expect(error).toMatchObject({ retryable: false, cloudCode: 'ResourceLimitExceededException' })
    expect((error as CloudError).message).toMatch(/^Creating EKS cluster: /)
    await fetch(`${fake.adminUrl}/faults`, { method: 'DELETE' })
    await untilDone(() => driver.reconcileDelete(work))
    expect(await clusterResources(fake, 'uid-refused', 'refused')).toEqual([])
  })
})
