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

describe('tencent: TKE node pools and their instances through tencentcloud-sdk-nodejs', () => {
  let fake: FakeClouds
  let clients: TencentClients
  const admin = (path: string, body?: unknown) =>
    fetch(`${fake.adminUrl}${path}`, body === undefined ? undefined : { method: 'POST', body: JSON.stringify(body) })
  const resources = async (type: string) =>
    (await (await admin(`/resources?cloud=tencent&type=${type}`)).json()) as AdminResourceView[]

  /** Real time (factor 1) while a test looks at intermediate states; then fast-forward. */
  const slow = () => admin('/time-scale', { factor: 1 })
  const fast = () => admin('/time-scale', { factor: 100_000 })

  /** A Running cluster on the default VPC, and what a node pool request needs. */
  async function runningCluster() {
    const request = await createClusterRequest(clients)
    const { ClusterId } = await clients.tke.CreateCluster(request)
    await waitFor(
      async () =>
        (await clients.tke.DescribeClusters({ ClusterIds: [ClusterId!] })).Clusters![0]!.ClusterStatus === 'Running',
    )
    const subnets = (await clients.vpc.DescribeSubnets({})).SubnetSet!.map((s) => s.SubnetId!)
    const sg = (await clients.vpc.DescribeSecurityGroups({})).SecurityGroupSet![0]!.SecurityGroupId
    const key = (await clients.cvm.DescribeKeyPairs({})).KeyPairSet![0]!.KeyId!
    return { clusterId: ClusterId!, vpcId: request.ClusterBasicSettings.VpcId, subnets, sg, key }
  }

  function poolRequest(
    c: Awaited<ReturnType<typeof runningCluster>>,
    name: string,
    desired = 3,
    chargeType = 'POSTPAID_BY_HOUR',
  ) {
    return {
      ClusterId: c.clusterId,
      Name: name,
      EnableAutoscale: true,
      AutoScalingGroupPara: JSON.stringify({
        MinSize: 1,
        MaxSize: 5,
        DesiredCapacity: desired,
        VpcId: c.vpcId,
        SubnetIds: c.subnets,
      }),
      LaunchConfigurePara: JSON.stringify({
        InstanceType: 'S5.LARGE8',
        InstanceChargeType: chargeType,
        SecurityGroupIds: [c.sg],
        LoginSettings: { KeyIds: [c.key] },
      }),
      InstanceAdvancedSettings: { DesiredPodNumber: 0, GPUArgs: {}, PreStartUserScript: '', Taints: [] },
      Labels: [{ Name: 'pool', Value: name }],
      Tags: [{ Key: 'spectro-cluster', Value: 'np-test' }],
    }
  }

  beforeAll(async () => {
    fake = await startFakeClouds({ port: 0, timeScale: 1000 })
    clients = tencentClients(fake, tencentAccounts(fake)[0])
  })
  afterAll(() => fake.close())
  beforeEach(async () => {
    await admin('/reset', {})
  })

  it('creates a pool whose instances go initializing → running while LifeState goes creating → normal', async () => {
    const c = await runningCluster()
    await slow()
    const { NodePoolId } = await clients.tke.CreateClusterNodePool(poolRequest(c, 'workers'))
    expect(NodePoolId).toMatch(/^np-[a-z0-9]{8}$/)
    const pools = await clients.tke.DescribeClusterNodePools({ ClusterId: c.clusterId })
    expect(pools.TotalCount).toBe(1)
    expect(pools.NodePoolSet![0]).toMatchObject({
      NodePoolId,
      Name: 'workers',
      ClusterInstanceId: c.clusterId,
      LifeState: 'creating',
      DesiredNodesNum: 3,
      MinNodesNum: 1,
      MaxNodesNum: 5,
      Labels: [{ Name: 'pool', Value: 'workers' }],
      Tags: [{ Key: 'spectro-cluster', Value: 'np-test' }],
      NodeCountSummary: { AutoscalingAdded: { Initializing: 3, Normal: 0, Total: 3 } },
    })
    expect(pools.NodePoolSet![0]!.AutoscalingGroupId).toMatch(/^asg-/)

    const instances = await clients.tke.DescribeClusterInstances({ ClusterId: c.clusterId })
    expect(instances.TotalCount).toBe(3)
    expect(instances.InstanceSet!.every((i) => i.NodePoolId === NodePoolId && i.InstanceState === 'initializing')).toBe(
      true,
    )
    // Spread over the subnets, one per zone.
    const zones = fake.store.list({ cloud: 'tencent', type: 'cvm.instance' }).map((r) => r.attrs.zone)
    expect(new Set(zones)).toEqual(new Set(['ap-guangzhou-3', 'ap-guangzhou-4', 'ap-guangzhou-6']))

    await fast()
    await waitFor(async () => {
      const pool = (await clients.tke.DescribeClusterNodePools({ ClusterId: c.clusterId })).NodePoolSet![0]!
      return pool.LifeState === 'normal' && pool.NodeCountSummary!.AutoscalingAdded!.Normal === 3
    })
    const byPool = await clients.tke.DescribeClusterInstances({
      ClusterId: c.clusterId,
      Filters: [{ Name: 'nodepool-id', Values: [NodePoolId!] }],
    })
    expect(byPool.InstanceSet!.map((i) => i.InstanceState)).toEqual(['running', 'running', 'running'])
    // The pool's tags are on its instances too.
    expect((await resources('cvm.instance')).every((r) => r.tags['spectro-cluster'] === 'np-test')).toBe(true)
  })

  it('refuses a duplicate pool name, an unknown cluster, a cluster still Creating and bad sizes', async () => {
    const c = await runningCluster()
    await clients.tke.CreateClusterNodePool(poolRequest(c, 'workers'))
    expect(await errorCode(clients.tke.CreateClusterNodePool(poolRequest(c, 'workers')))).toBe('InvalidParameter.Param')
    expect(
      await errorCode(clients.tke.CreateClusterNodePool({ ...poolRequest(c, 'x'), ClusterId: 'cls-00000000' })),
    ).toBe('ResourceNotFound.ClusterNotFound')
    const { ClusterId: young } = await clients.tke.CreateCluster(
      await createClusterRequest(clients, { cidr: '10.90.0.0/16' }),
    )
    expect(await errorCode(clients.tke.CreateClusterNodePool({ ...poolRequest(c, 'y'), ClusterId: young! }))).toBe(
      'ResourceUnavailable.ClusterState',
    )
    const tooMany = poolRequest(c, 'z', 9)
    expect(await errorCode(clients.tke.CreateClusterNodePool(tooMany))).toBe('InvalidParameter.Param')
    expect(
      await errorCode(
        clients.tke.DeleteClusterNodePool({
          ClusterId: c.clusterId,
          NodePoolIds: ['np-00000000'],
          KeepInstance: false,
        }),
      ),
    ).toBe('InternalError.DbRecordNotFound')
  })

  it('creates spot pools and rejects unknown charge types and instance types', async () => {
    const c = await runningCluster()
    await clients.tke.CreateClusterNodePool(poolRequest(c, 'spot', 2, 'SPOTPAID'))
    const spot = fake.store.list({ cloud: 'tencent', type: 'cvm.instance' })
    expect(spot.map((r) => [r.attrs.chargeType, r.attrs.instanceType])).toEqual([
      ['SPOTPAID', 'S5.LARGE8'],
      ['SPOTPAID', 'S5.LARGE8'],
    ])
    expect(await errorCode(clients.tke.CreateClusterNodePool(poolRequest(c, 'odd', 1, 'BARTER')))).toBe(
      'InvalidParameter.Param',
    )
    const bigIron = { ...poolRequest(c, 'big', 1), LaunchConfigurePara: JSON.stringify({ InstanceType: 'X9.HUGE' }) }
    expect(await errorCode(clients.tke.CreateClusterNodePool(bigIron))).toBe('InvalidParameter.Param')
  })

  it("gives the pool's instances the launch configuration's system disk (CVM default 50 GB)", async () => {
    const c = await runningCluster()
    const withDisk = (name: string, SystemDisk?: unknown) => {
      const request = poolRequest(c, name, 2)
      const launch = JSON.parse(request.LaunchConfigurePara) as Record<string, unknown>
      return { ...request, LaunchConfigurePara: JSON.stringify({ ...launch, SystemDisk }) }
    }
    // What the console's driver sends (tke-spec.ts createNodePoolRequest).
    const { NodePoolId: big } = await clients.tke.CreateClusterNodePool(
      withDisk('big-disk', { DiskType: 'CLOUD_PREMIUM', DiskSize: 120 }),
    )
    const { NodePoolId: plain } = await clients.tke.CreateClusterNodePool(withDisk('plain'))
    const disks = (poolId: string) =>
      fake.store
        .list({ cloud: 'tencent', type: 'cvm.instance' })
        .filter((r) => r.attrs.nodePoolId === poolId)
        .map((r) => [r.attrs.systemDiskType, r.attrs.systemDiskSize])
    expect(disks(big!)).toEqual([
      ['CLOUD_PREMIUM', 120],
      ['CLOUD_PREMIUM', 120],
    ])
    expect(disks(plain!)).toEqual([
      ['CLOUD_PREMIUM', 50],
      ['CLOUD_PREMIUM', 50],
    ])
    // The instances DescribeClusterInstances lists are those instances.
    const listed = (await clients.tke.DescribeClusterInstances({ ClusterId: c.clusterId })).InstanceSet!
    const bigIds = fake.store
      .list({ cloud: 'tencent', type: 'cvm.instance' })
      .filter((r) => r.attrs.systemDiskSize === 120)
      .map((r) => r.id)
    expect(listed.filter((i) => i.NodePoolId === big).map((i) => i.InstanceId)).toEqual(bigIds)
    const pool = fake.store.list({ cloud: 'tencent', type: 'tke.nodepool' }).find((r) => r.id === big)
    expect(pool?.attrs.systemDisk).toEqual({ type: 'CLOUD_PREMIUM', size: 120 })

    for (const bad of [
      { DiskSize: 10 },
      { DiskSize: 4096 },
      { DiskSize: '100' },
      { DiskType: 'FLOPPY', DiskSize: 50 },
    ]) {
      expect(await errorCode(clients.tke.CreateClusterNodePool(withDisk('bad', bad)))).toBe('InvalidParameter.Param')
    }
  })

  it('deletes a pool: instances terminate, or stay as leftovers with KeepInstance', async () => {
    const c = await runningCluster()
    const { NodePoolId: gone } = await clients.tke.CreateClusterNodePool(poolRequest(c, 'gone', 2))
    const { NodePoolId: kept } = await clients.tke.CreateClusterNodePool(poolRequest(c, 'kept', 1))
    await slow()
    await clients.tke.DeleteClusterNodePool({ ClusterId: c.clusterId, NodePoolIds: [gone!], KeepInstance: false })
    await clients.tke.DeleteClusterNodePool({ ClusterId: c.clusterId, NodePoolIds: [kept!], KeepInstance: true })
    const pools = await clients.tke.DescribeClusterNodePools({ ClusterId: c.clusterId })
    expect(pools.NodePoolSet!.map((p) => p.LifeState)).toEqual(['deleting', 'deleting'])
    // Removed instances leave the cluster at once.
    expect((await clients.tke.DescribeClusterInstances({ ClusterId: c.clusterId })).TotalCount).toBe(0)
    await fast()
    await waitFor(async () => (await clients.tke.DescribeClusterNodePools({ ClusterId: c.clusterId })).TotalCount === 0)
    await waitFor(async () => (await resources('cvm.instance')).length === 1)
    expect((await resources('tke.nodepool')).length).toBe(0)
  })

  it('deletes a cluster with its pools; retain leaves the CVMs running outside it', async () => {
    const c = await runningCluster()
    await clients.tke.CreateClusterNodePool(poolRequest(c, 'workers', 2))
    await clients.tke.DeleteCluster({ ClusterId: c.clusterId, InstanceDeleteMode: 'retain' })
    await waitFor(async () => (await clients.tke.DescribeClusters({})).TotalCount === 0)
    expect(await resources('tke.nodepool')).toEqual([])
    const leftovers = await resources('cvm.instance')
    expect(leftovers).toHaveLength(2)
  })

  it('keeps instances initializing while CreateClusterNodePool is stuck', async () => {
    const c = await runningCluster()
    await admin('/faults', { cloud: 'tencent', action: 'CreateClusterNodePool', stuck: true })
    await clients.tke.CreateClusterNodePool(poolRequest(c, 'stuck', 2))
    await waitFor(
      async () =>
        (await clients.tke.DescribeClusterNodePools({ ClusterId: c.clusterId })).NodePoolSet![0]!.LifeState ===
        'normal',
    )
    await new Promise((r) => setTimeout(r, 400)) // longer than pool + instance creation at 1000x
    const states = (await clients.tke.DescribeClusterInstances({ ClusterId: c.clusterId })).InstanceSet!.map(
      (i) => i.InstanceState,
    )
    expect(states).toEqual(['initializing', 'initializing'])
  })
})
