import { type FakeClouds, startFakeClouds } from '@console/fake-clouds'
import { tke } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tke'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TencentCredentials } from '../cloud-provider.ts'
import { seededAccounts } from '../contract-cases.ts'
import { createProviders, type Providers } from '../create-providers.ts'
import { TkeClusterDriver } from './tke-cluster-driver.ts'
import { CLUSTER_NAME_TAG, NODE_POOL_TAG, OWNER_TAG } from './tke-spec.ts'
import {
  clusterWork,
  createdResources,
  type Driver,
  LosingLedger,
  type MemoryLedger,
  ofType,
  regionInventory,
  tkeSpec,
  untilDone,
} from './tke-test-support.ts'

let fake: FakeClouds
let providers: Providers
let driver: Driver
let credentials: TencentCredentials

beforeAll(async () => {
  fake = await startFakeClouds({ port: 0, timeScale: 2_000 })
  // No real waits between the call policy's retries; the engine's waits are shortened in untilDone.
  providers = createProviders({ mode: 'sandbox', ...fake.endpoints }, { sleep: async () => {}, cacheTtlMs: 0 })
  driver = providers.clusterDriver('tencent')
  const { full } = seededAccounts(fake, 'tencent')
  credentials = { secretId: full.id, secretKey: full.secret }
})
afterAll(async () => {
  await fake?.close()
})
afterEach(async () => {
  await fetch(`${fake.adminUrl}/faults`, { method: 'DELETE' })
})

function tkeClient(region: string) {
  return new tke.v20180525.Client({ credential: credentials, region, profile: { httpProfile: fake.endpoints.tencent } })
}

/** The cluster as TKE describes it (what the driver asked for, beyond the admin view). */
async function describeCluster(region: string, clusterId: string) {
  const client = tkeClient(region)
  const clusters = await client.DescribeClusters({ ClusterIds: [clusterId] })
  const pools = await client.DescribeClusterNodePools({ ClusterId: clusterId })
  return { cluster: clusters.Clusters?.[0], pools: pools.NodePoolSet ?? [] }
}

describe('providers.clusterDriver', () => {
  it('answers the TKE driver for tencent and a clear error for clouds without one', () => {
    expect(driver).toBeInstanceOf(TkeClusterDriver)
    expect(driver.cloudType).toBe('tencent')
    expect(() => providers.clusterDriver('vsphere')).toThrow(/No cluster driver for cloud type "vsphere"/)
  })
})

describe('TkeClusterDriver against the fake TKE', () => {
  it('creates the cluster, its endpoint and the pools one after another, then deletes everything', async () => {
    const region = 'ap-guangzhou'
    const inv = await regionInventory(providers, credentials, region)
    const labels = { team: 'payments', env: 'test' }
    const work = clusterWork({
      clusterUid: 'uid-happy',
      clusterName: 'happy',
      credentials,
      labels,
      spec: tkeSpec(inv, [
        { name: 'worker-pool', size: 2, azs: [0, 1] },
        { name: 'batch', size: 1, azs: [2] },
      ]),
    })
    const ledger = work.ledger as MemoryLedger

    await untilDone(() => driver.reconcileCreate(work))

    const resources = await createdResources(fake, region)
    const clusters = ofType(resources, 'tke.cluster')
    expect(clusters).toHaveLength(1)
    expect(clusters[0]?.state).toBe('Running')
    expect(clusters[0]?.name).toBe('happy')
    expect(clusters[0]?.tags).toEqual({ ...labels, [OWNER_TAG]: 'uid-happy', [CLUSTER_NAME_TAG]: 'happy' })
    expect(ofType(resources, 'tke.endpoint').map((e) => e.state)).toEqual(['Created'])
    const pools = ofType(resources, 'tke.nodepool')
    expect(pools.map((p) => p.name).sort()).toEqual(['batch', 'worker-pool'])
    for (const pool of pools)
      expect(pool.tags).toMatchObject({ ...labels, [OWNER_TAG]: 'uid-happy', [NODE_POOL_TAG]: pool.name })
    const instances = ofType(resources, 'cvm.instance')
    expect(instances).toHaveLength(3)
    for (const i of instances) {
      expect(i.state).toBe('running')
      expect(i.tags).toMatchObject({ ...labels, [OWNER_TAG]: 'uid-happy' })
    }

    // The ledger names exactly what the cloud holds.
    expect(ledger.rows.get('cluster')).toMatchObject({
      state: 'created',
      cloudId: clusters[0]?.id,
      kind: 'tke.cluster',
    })
    expect(ledger.rows.get('endpoint')?.state).toBe('created')
    for (const pool of pools) {
      expect(ledger.rows.get(`nodepool/${pool.name}`)).toMatchObject({ state: 'created', cloudId: pool.id })
    }

    // Reports, and the sequential order: "batch" is created once worker-pool runs all its instances.
    const events = work.events
    expect(events[0]).toBe('Creating TKE cluster happy')
    expect(events).toContain('Waiting for TKE cluster to be Running (state: Creating)')
    expect(events).toContain('Creating endpoint')
    expect(events).toContain('Node pool worker-pool: 2/2 instances running')
    expect(events).toContain('Node pool batch: 1/1 instances running')
    expect(events.indexOf('Creating node pool batch')).toBeGreaterThan(
      events.indexOf('Node pool worker-pool: 2/2 instances running'),
    )
    // The fake TKE keeps the endpoint ACL (DescribeClusterEndpoints, ModifyClusterEndpointSP): nothing to warn about.
    expect(work.warnings).toEqual([])
    const endpoints = await tkeClient(region).DescribeClusterEndpoints({ ClusterId: clusters[0]?.id ?? '' })
    expect(endpoints.ClusterExternalACL).toEqual(work.spec.cloudConfig.endpointAccess.publicCIDRs)
    const progress = events.filter((e) => e.startsWith('Node pool worker-pool:'))
    expect(new Set(progress).size).toBe(progress.length)

    // The OS image and version were left to TKE's defaults (no OS or k8s values in the profile).
    const described = await describeCluster(region, clusters[0]?.id ?? '')
    expect(described.cluster?.ClusterNetworkSettings?.ClusterCIDR).toBe('172.17.0.0/16')
    expect(described.pools.find((p) => p.Name === 'worker-pool')?.Labels).toEqual([
      { Name: 'node-role.kubernetes.io/worker', Value: '' },
    ])

    // A second create pass after done changes nothing.
    const before = (await createdResources(fake, region)).map((r) => r.id).sort()
    await expect(driver.reconcileCreate(work)).resolves.toEqual({ status: 'done' })
    expect((await createdResources(fake, region)).map((r) => r.id).sort()).toEqual(before)

    const reported = events.length
    await untilDone(() => driver.reconcileDelete(work))
    expect(await createdResources(fake, region)).toEqual([])
    expect([...ledger.rows.values()].every((r) => r.state === 'deleted')).toBe(true)
    const deleteEvents = events.slice(reported)
    expect(deleteEvents).toContain('Deleting node pool worker-pool')
    expect(deleteEvents).toContain('Deleting node pool batch')
    expect(deleteEvents).toContain('Deleting endpoint')
    expect(deleteEvents).toContain('Deleting TKE cluster')
    expect(deleteEvents.at(-1)).toBe('TKE cluster deleted')
    expect(deleteEvents.indexOf('Deleting TKE cluster')).toBeGreaterThan(deleteEvents.indexOf('Deleting endpoint'))

    // Deleting again is done at once and says nothing new.
    const afterDelete = events.length
    await expect(driver.reconcileDelete(work)).resolves.toEqual({ status: 'done' })
    expect(events.length).toBe(afterDelete)
  })

  it('creates pools in parallel, opens the private endpoint and uses the profile OS, version and CIDR', async () => {
    const region = 'ap-shanghai'
    const inv = await regionInventory(providers, credentials, region)
    const work = clusterWork({
      clusterUid: 'uid-parallel',
      clusterName: 'parallel',
      credentials,
      spec: tkeSpec(
        inv,
        [
          {
            name: 'a',
            size: 1,
            labels: { tier: 'web' },
            taints: [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }],
          },
          { name: 'b', size: 2, azs: [1, 2] },
        ],
        {
          parallel: true,
          private: true,
          packValues: [
            { name: 'tke-os', tag: '1.0.0', values: '"OsName": "centos7.6.0_x64"\n' },
            {
              name: 'kubernetes-tke',
              tag: '1.28.3',
              values: 'clusterLevel: L20\nkubeProxyMode: ipvs\nnetworking:\n  clusterCIDR: "10.50.0.0/16"\n',
            },
          ],
        },
      ),
    })

    await untilDone(() => driver.reconcileCreate(work))

    const events = work.events
    const firstComplete = events.findIndex((e) => /^Node pool \w: (1\/1|2\/2) instances running$/.test(e))
    expect(events.indexOf('Creating node pool a')).toBeLessThan(firstComplete)
    expect(events.indexOf('Creating node pool b')).toBeLessThan(firstComplete)
    expect(events).toContain('Creating private endpoint')

    const resources = await createdResources(fake, region)
    expect(ofType(resources, 'tke.endpoint')).toHaveLength(2)
    expect(ofType(resources, 'cvm.instance')).toHaveLength(3)
    const clusterId = ofType(resources, 'tke.cluster')[0]?.id ?? ''
    const { cluster, pools } = await describeCluster(region, clusterId)
    expect(cluster).toMatchObject({ ClusterOs: 'centos7.6.0_x64', ClusterVersion: '1.28.3', ClusterLevel: 'L20' })
    expect(cluster?.ClusterNetworkSettings).toMatchObject({ ClusterCIDR: '10.50.0.0/16', Ipvs: true })
    const a = pools.find((p) => p.Name === 'a')
    expect(a?.NodePoolOs).toBe('centos7.6.0_x64')
    expect(a?.Labels).toContainEqual({ Name: 'tier', Value: 'web' })
    expect(a?.Taints).toEqual([{ Key: 'dedicated', Value: 'web', Effect: 'NoSchedule' }])
    expect(a).toMatchObject({ DesiredNodesNum: 1, MinNodesNum: 1, MaxNodesNum: 3 })

    await untilDone(() => driver.reconcileDelete(work))
    expect(await createdResources(fake, region)).toEqual([])
  })

  it('finds the cluster by its ownership tag after a lost created write, and deletes an unrecorded one', async () => {
    const region = 'ap-beijing'
    const inv = await regionInventory(providers, credentials, region)
    const spec = tkeSpec(inv, [{ name: 'worker-pool', size: 1 }])

    // The engine's write of `created` fails once per key, after TKE answered the create call.
    const ledger = new LosingLedger(['cluster', 'nodepool/worker-pool'])
    const work = clusterWork({ clusterUid: 'uid-crash', clusterName: 'crash', credentials, spec, ledger })
    await expect(driver.reconcileCreate(work)).rejects.toThrow('database connection lost')
    expect(ledger.rows.get('cluster')?.state).toBe('creating')
    expect(ledger.rows.get('cluster')?.cloudId).toBeUndefined()

    // The next passes adopt the tagged cluster; the pool's lost write fails one pass, then it is found by name.
    await expect(untilDone(() => driver.reconcileCreate(work))).rejects.toThrow('database connection lost')
    expect(ledger.rows.get('nodepool/worker-pool')?.state).toBe('creating')
    await untilDone(() => driver.reconcileCreate(work))
    const resources = await createdResources(fake, region)
    const clusters = ofType(resources, 'tke.cluster')
    expect(clusters).toHaveLength(1)
    expect(ledger.rows.get('cluster')).toMatchObject({ state: 'created', cloudId: clusters[0]?.id })
    const pools = ofType(resources, 'tke.nodepool')
    expect(pools).toHaveLength(1)
    expect(ledger.rows.get('nodepool/worker-pool')).toMatchObject({ state: 'created', cloudId: pools[0]?.id })
    expect(work.events.filter((e) => e.startsWith('Creating TKE cluster'))).toHaveLength(1)
    expect(work.events.filter((e) => e === 'Creating node pool worker-pool')).toHaveLength(1)

    // Another cluster whose id never reached the ledger: delete finds it by tag.
    const orphanLedger = new LosingLedger(['cluster'])
    const orphan = clusterWork({
      clusterUid: 'uid-orphan',
      clusterName: 'orphan',
      credentials,
      spec,
      ledger: orphanLedger,
    })
    await expect(driver.reconcileCreate(orphan)).rejects.toThrow('database connection lost')
    expect(ofType(await createdResources(fake, region), 'tke.cluster')).toHaveLength(2)
    await untilDone(() => driver.reconcileDelete(orphan))
    const left = await createdResources(fake, region)
    expect(left.filter((r) => r.tags[OWNER_TAG] === 'uid-orphan' || r.name === 'orphan')).toEqual([])
    expect(orphanLedger.rows.get('cluster')?.state).toBe('deleted')
    expect(orphan.events).toContain('Deleting TKE cluster')

    await untilDone(() => driver.reconcileDelete(work))
    expect(await createdResources(fake, region)).toEqual([])
  })
})
