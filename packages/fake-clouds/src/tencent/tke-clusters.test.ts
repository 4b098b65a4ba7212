import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AdminResourceView } from '../core/admin.ts'
import { type FakeClouds, startFakeClouds } from '../index.ts'
import {
  createClusterRequest,
  errorCode,
  type TencentClients,
  tencentAccounts,
  tencentClients,
  waitFor,
} from './test-support.ts'

describe('tencent: TKE clusters and endpoints through tencentcloud-sdk-nodejs', () => {
  let fake: FakeClouds
  let clients: TencentClients
  const admin = (path: string, body?: unknown) =>
    fetch(`${fake.adminUrl}${path}`, body === undefined ? undefined : { method: 'POST', body: JSON.stringify(body) })
  const created = async () =>
    (await (await admin('/resources?cloud=tencent&includeSeeded=false')).json()) as AdminResourceView[]
  const state = async (id: string) =>
    (await clients.tke.DescribeClusters({ ClusterIds: [id] })).Clusters?.[0]?.ClusterStatus
  const running = (id: string) => waitFor(async () => (await state(id)) === 'Running')
  /** Real time (factor 1) while a test looks at intermediate states; then fast-forward. */
  const slow = () => admin('/time-scale', { factor: 1 })
  const fast = () => admin('/time-scale', { factor: 100_000 })

  beforeAll(async () => {
    // 1000x: a cluster takes 420 ms to create, an endpoint 90 ms.
    fake = await startFakeClouds({ port: 0, timeScale: 1000 })
    clients = tencentClients(fake, tencentAccounts(fake)[0])
  })
  afterAll(() => fake.close())
  beforeEach(async () => {
    await admin('/reset', {})
  })

  it('creates a cluster that goes Creating → Running, with its tags on /_admin/resources', async () => {
    await slow()
    const { ClusterId } = await clients.tke.CreateCluster(
      await createClusterRequest(clients, { name: 'prod-gz', tags: { 'spectro-cluster': 'prod-gz', team: 'a' } }),
    )
    expect(ClusterId).toMatch(/^cls-[a-z0-9]{8}$/)
    const described = await clients.tke.DescribeClusters({ ClusterIds: [ClusterId!] })
    expect(described.TotalCount).toBe(1)
    const cluster = described.Clusters![0]!
    expect(cluster).toMatchObject({
      ClusterName: 'prod-gz',
      ClusterType: 'MANAGED_CLUSTER',
      ClusterStatus: 'Creating',
      ClusterVersion: '1.30.0',
      ContainerRuntime: 'containerd',
      ClusterNetworkSettings: { ClusterCIDR: '10.88.0.0/16', ServiceCIDR: '10.89.0.0/20' },
    })
    expect(cluster.TagSpecification![0]!.Tags).toEqual([
      { Key: 'spectro-cluster', Value: 'prod-gz' },
      { Key: 'team', Value: 'a' },
    ])
    const status = await clients.tke.DescribeClusterStatus({ ClusterIds: [ClusterId!] })
    expect(status.ClusterStatusSet![0]).toMatchObject({ ClusterId, ClusterState: 'Creating' })

    expect(await created()).toEqual([
      {
        cloud: 'tencent',
        account: '100038427713',
        region: 'ap-guangzhou',
        type: 'tke.cluster',
        id: ClusterId,
        name: 'prod-gz',
        state: 'Creating',
        tags: { 'spectro-cluster': 'prod-gz', team: 'a' },
      },
    ])
    await fast()
    await running(ClusterId!)
    expect((await created())[0]!.state).toBe('Running')
    const byTag = await clients.tke.DescribeClusters({ Filters: [{ Name: 'tag:team', Values: ['a'] }] })
    expect(byTag.Clusters!.map((c) => c.ClusterId)).toEqual([ClusterId])
    expect((await clients.tke.DescribeClusters({ Filters: [{ Name: 'tag:team', Values: ['b'] }] })).TotalCount).toBe(0)
  })

  it('creates worker instances from RunInstancesForNode that run once the cluster does', async () => {
    const request = await createClusterRequest(clients)
    const subnetId = (await clients.vpc.DescribeSubnets({})).SubnetSet![0]!.SubnetId
    const para = {
      InstanceType: 'S5.MEDIUM4',
      InstanceCount: 2,
      Placement: { Zone: 'ap-guangzhou-3' },
      VirtualPrivateCloud: { VpcId: request.ClusterBasicSettings.VpcId, SubnetId: subnetId },
    }
    await slow()
    const { ClusterId } = await clients.tke.CreateCluster({
      ...request,
      RunInstancesForNode: [{ NodeRole: 'WORKER', RunInstancesPara: [JSON.stringify(para)] }],
    })
    const instances = await clients.tke.DescribeClusterInstances({ ClusterId: ClusterId! })
    expect(instances.TotalCount).toBe(2)
    expect(instances.InstanceSet!.every((i) => i.InstanceState === 'initializing' && i.InstanceRole === 'WORKER')).toBe(
      true,
    )
    expect(instances.InstanceSet![0]!.LanIP).toMatch(/^172\.16\.\d+\.\d+$/)
    await fast()
    await waitFor(async () => {
      const now = await clients.tke.DescribeClusterInstances({ ClusterId: ClusterId! })
      return now.InstanceSet!.every((i) => i.InstanceState === 'running')
    })
    expect((await clients.tke.DescribeClusters({ ClusterIds: [ClusterId!] })).Clusters![0]!.ClusterNodeNum).toBe(2)
  })

  it('deletes a cluster (terminate): Deleting, then nothing left on /_admin/resources', async () => {
    const { ClusterId } = await clients.tke.CreateCluster(await createClusterRequest(clients))
    await running(ClusterId!)
    await slow()
    await clients.tke.DeleteCluster({ ClusterId: ClusterId!, InstanceDeleteMode: 'terminate' })
    expect(await state(ClusterId!)).toBe('Deleting')
    await fast()
    await waitFor(async () => (await clients.tke.DescribeClusters({})).TotalCount === 0)
    expect(await created()).toEqual([])
  })

  it('keeps a deleted cluster in Deleting forever while DeleteCluster is stuck', async () => {
    const { ClusterId } = await clients.tke.CreateCluster(await createClusterRequest(clients))
    await admin('/faults', { cloud: 'tencent', action: 'DeleteCluster', stuck: true })
    await clients.tke.DeleteCluster({ ClusterId: ClusterId!, InstanceDeleteMode: 'terminate' })
    await new Promise((r) => setTimeout(r, 600)) // more than the 180 ms a delete takes at 1000x
    expect(await state(ClusterId!)).toBe('Deleting')
    expect((await created()).map((r) => r.state)).toEqual(['Deleting'])
  })

  it('answers the real not-found codes for unknown clusters', async () => {
    const missing = 'cls-00000000'
    expect(await errorCode(clients.tke.DeleteCluster({ ClusterId: missing, InstanceDeleteMode: 'terminate' }))).toBe(
      'InternalError.ClusterNotFound',
    )
    expect(await errorCode(clients.tke.DescribeClusterInstances({ ClusterId: missing }))).toBe(
      'InternalError.ClusterNotFound',
    )
    expect(await errorCode(clients.tke.DescribeClusterAsGroupOption({ ClusterId: missing }))).toBe(
      'InternalError.ClusterNotFound',
    )
    expect(await errorCode(clients.tke.DescribeClusterNodePools({ ClusterId: missing }))).toBe(
      'ResourceNotFound.ClusterNotFound',
    )
    expect(await errorCode(clients.tke.DescribeClusterEndpointStatus({ ClusterId: missing }))).toBe('ResourceNotFound')
    expect((await clients.tke.DescribeClusters({ ClusterIds: [missing] })).TotalCount).toBe(0)
    expect((await clients.tke.DescribeClusterStatus({ ClusterIds: [missing] })).TotalCount).toBe(0)
  })

  it('enforces the per-region cluster quota with LimitExceeded', async () => {
    for (let i = 0; i < 5; i++) {
      await clients.tke.CreateCluster(
        await createClusterRequest(clients, { name: `c${i}`, cidr: `10.${100 + i}.0.0/16` }),
      )
    }
    expect(
      await errorCode(clients.tke.CreateCluster(await createClusterRequest(clients, { cidr: '10.120.0.0/16' }))),
    ).toBe('LimitExceeded')
    // Another region has its own quota.
    const shanghai = tencentClients(fake, tencentAccounts(fake)[0], 'ap-shanghai')
    expect((await shanghai.tke.CreateCluster(await createClusterRequest(shanghai))).ClusterId).toMatch(/^cls-/)
  })

  it('validates the container CIDR against the VPC and other clusters', async () => {
    expect(
      await errorCode(clients.tke.CreateCluster(await createClusterRequest(clients, { cidr: '172.16.0.0/20' }))),
    ).toBe('InvalidParameter.CidrConflictWithVpcCidr')
    expect(await errorCode(clients.tke.CreateCluster(await createClusterRequest(clients, { cidr: 'ten/8' })))).toBe(
      'InvalidParameter.CidrInvalid',
    )
    await clients.tke.CreateCluster(await createClusterRequest(clients, { cidr: '10.88.0.0/16' }))
    expect(
      await errorCode(clients.tke.CreateCluster(await createClusterRequest(clients, { cidr: '10.88.128.0/17' }))),
    ).toBe('InvalidParameter.CidrConflictWithOtherCluster')
  })

  it('opens and closes endpoints: Creating → Created, then NotFound', async () => {
    const { ClusterId } = await clients.tke.CreateCluster(await createClusterRequest(clients))
    expect(await errorCode(clients.tke.CreateClusterEndpoint({ ClusterId: ClusterId!, IsExtranet: true }))).toBe(
      'InternalError.ClusterState',
    )
    await running(ClusterId!)
    const sg = (await clients.vpc.DescribeSecurityGroups({})).SecurityGroupSet!.find(
      (g) => g.SecurityGroupName === 'tke-https',
    )!
    await slow()
    await clients.tke.CreateClusterEndpoint({
      ClusterId: ClusterId!,
      IsExtranet: true,
      SecurityGroup: sg.SecurityGroupId,
    })
    const status = () => clients.tke.DescribeClusterEndpointStatus({ ClusterId: ClusterId!, IsExtranet: true })
    expect((await status()).Status).toBe('Creating')
    expect((await clients.tke.DescribeClusterEndpointStatus({ ClusterId: ClusterId!, IsExtranet: false })).Status).toBe(
      'NotFound',
    )
    await fast()
    await waitFor(async () => (await status()).Status === 'Created')
    expect(await errorCode(clients.tke.CreateClusterEndpoint({ ClusterId: ClusterId!, IsExtranet: true }))).toBe(
      'ResourceInUse',
    )
    expect(await errorCode(clients.tke.CreateClusterEndpoint({ ClusterId: ClusterId!, IsExtranet: false }))).toBe(
      'InvalidParameter.Param',
    )
    await slow()
    await clients.tke.DeleteClusterEndpoint({ ClusterId: ClusterId!, IsExtranet: true })
    expect((await status()).Status).toBe('Deleting')
    await fast()
    await waitFor(async () => (await status()).Status === 'NotFound')
  })

  it('follows a time-scale change for transitions already under way', async () => {
    await admin('/time-scale', { factor: 1 }) // a cluster now takes 7 minutes
    const { ClusterId } = await clients.tke.CreateCluster(await createClusterRequest(clients))
    await new Promise((r) => setTimeout(r, 100))
    expect(await state(ClusterId!)).toBe('Creating')
    await admin('/time-scale', { factor: 100_000 }) // the remaining ~7 minutes shrink to ~4 ms
    await waitFor(async () => (await state(ClusterId!)) === 'Running', 1_000)
  })

  it('resets to the seed: created resources gone, seeded ids unchanged, faults cleared', async () => {
    const vpcBefore = (await clients.vpc.DescribeVpcs({})).VpcSet![0]!.VpcId
    await clients.tke.CreateCluster(await createClusterRequest(clients))
    await admin('/faults', { cloud: 'tencent', action: 'DescribeVpcs', errorCode: 'InternalError' })
    expect(await created()).toHaveLength(1)
    expect((await admin('/reset', {})).status).toBe(200)
    expect(await created()).toEqual([])
    expect((await clients.tke.DescribeClusters({})).TotalCount).toBe(0)
    expect((await clients.vpc.DescribeVpcs({})).VpcSet![0]!.VpcId).toBe(vpcBefore)
  })

  it('reports the cluster autoscaler options', async () => {
    const { ClusterId } = await clients.tke.CreateCluster(await createClusterRequest(clients))
    const { ClusterAsGroupOption } = await clients.tke.DescribeClusterAsGroupOption({ ClusterId: ClusterId! })
    expect(ClusterAsGroupOption).toMatchObject({
      IsScaleDownEnabled: false,
      Expander: 'random',
      ScaleDownUtilizationThreshold: 50,
    })
  })
})
