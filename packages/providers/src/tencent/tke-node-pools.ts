import type { TkeMachinePool } from '@console/contracts'
import type { NodePool } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tke/v20180525/tke_models'
import { isCloudError } from '../errors.ts'
import { inStep, isGoneError } from './tke-call.ts'
import { LEDGER_KEYS, recordFound, reportChange, type TkePass } from './tke-pass.ts'
import { clusterTags, createNodePoolRequest } from './tke-spec.ts'

const PAGE = 100

/** The node pools of a cluster ([] once the cluster is gone). */
export async function listNodePools(pass: TkePass, clusterId: string): Promise<NodePool[]> {
  try {
    const res = await pass.calls.tke('DescribeClusterNodePools', { ClusterId: clusterId })
    return res.NodePoolSet ?? []
  } catch (err) {
    if (isGoneError(err)) return []
    throw err
  }
}

/** Worker instances of one node pool that are running. */
async function countRunning(pass: TkePass, clusterId: string, poolId: string): Promise<number> {
  let running = 0
  for (let offset = 0; ; offset += PAGE) {
    const res = await pass.calls.tke('DescribeClusterInstances', {
      ClusterId: clusterId,
      InstanceRole: 'WORKER',
      Filters: [{ Name: 'nodepool-id', Values: [poolId] }],
      Offset: offset,
      Limit: PAGE,
    })
    const page = res.InstanceSet ?? []
    running += page.filter((i) => i.InstanceState === 'running').length
    if (page.length < PAGE || offset + PAGE >= (res.TotalCount ?? 0)) return running
  }
}

/**
 * Creates the worker pools and waits for their instances. With `updateWorkerPoolsInParallel` false
 * a pool is created only once the pools before it run their desired count; otherwise all at once.
 * Answers true when every pool has its desired count running.
 */
export async function reconcileNodePools(pass: TkePass, clusterId: string): Promise<boolean> {
  const { spec } = pass.work
  const parallel = spec.clusterConfig.updateWorkerPoolsInParallel
  const existing = await inStep('Reading node pools', () => listNodePools(pass, clusterId))
  let complete = true
  for (const pool of spec.machinepoolconfig) {
    const name = pool.poolConfig.name
    const poolId = await ensureNodePool(pass, clusterId, pool, existing)
    const running = await inStep(`Waiting for node pool ${name}`, () => countRunning(pass, clusterId, poolId))
    const desired = pool.poolConfig.size
    const progress = `Node pool ${name}: ${running}/${desired} instances running`
    await reportChange(pass, `nodepool/${name}`, 'NodePoolProgress', progress)
    if (running < desired) {
      complete = false
      if (!parallel) break
    }
  }
  return complete
}

/** Look-up-before-create of one pool: by its ledger id, else by name; creates it when neither exists. */
async function ensureNodePool(
  pass: TkePass,
  clusterId: string,
  pool: TkeMachinePool,
  existing: NodePool[],
): Promise<string> {
  const { ledger, report } = pass.work
  const name = pool.poolConfig.name
  const key = LEDGER_KEYS.nodePool(name)
  const entry = await ledger.get(key)
  const init = { kind: 'tke.nodepool', region: pass.region, name, attrs: { clusterId } }
  if (entry?.cloudId && existing.some((p) => p.NodePoolId === entry.cloudId)) return entry.cloudId
  const byName = existing.find((p) => p.Name === name)
  if (byName?.NodePoolId) {
    await recordFound(ledger, key, init, byName.NodePoolId, entry)
    return byName.NodePoolId
  }
  const step = `Creating node pool ${name}`
  if (!entry) await ledger.begin(key, init)
  await report('CreatingNodePool', step)
  const poolId = await inStep(step, async () => {
    const request = createNodePoolRequest({
      clusterId,
      pool,
      spec: pass.work.spec,
      settings: pass.settings,
      tags: clusterTags(pass.work.clusterUid, pass.work.clusterName, pass.work.labels),
    })
    try {
      const res = await pass.calls.tke('CreateClusterNodePool', request)
      return res.NodePoolId ?? ''
    } catch (err) {
      // A retried create whose first attempt went through is refused as a duplicate name: adopt that pool.
      if (!isCloudError(err, 'InvalidRequest')) throw err
      const created = (await listNodePools(pass, clusterId)).find((p) => p.Name === name)
      if (!created?.NodePoolId) throw err
      return created.NodePoolId
    }
  })
  await ledger.created(key, { cloudId: poolId, attrs: { clusterId } })
  return poolId
}

/**
 * Deletes every node pool of the cluster (the ledger's and any other: the console owns the
 * cluster) with its instances, and marks the ledger's pools deleted once TKE no longer lists them.
 * Answers true when no pool is left.
 */
export async function deleteNodePools(pass: TkePass, clusterId: string): Promise<boolean> {
  const { ledger, report } = pass.work
  const pools = await inStep('Reading node pools', () => listNodePools(pass, clusterId))
  for (const pool of pools) {
    const name = pool.Name ?? pool.NodePoolId ?? ''
    const key = LEDGER_KEYS.nodePool(name)
    const entry = await ledger.get(key)
    if (entry?.state !== 'deleting') {
      const init = { kind: 'tke.nodepool', region: pass.region, name, attrs: { clusterId } }
      await recordFound(ledger, key, init, pool.NodePoolId ?? '', entry)
      await ledger.deleting(key)
    }
    if (pool.LifeState === 'deleting') continue
    await report('DeletingNodePool', `Deleting node pool ${name}`)
    await inStep(`Deleting node pool ${name}`, async () => {
      try {
        await pass.calls.tke('DeleteClusterNodePool', {
          ClusterId: clusterId,
          NodePoolIds: [pool.NodePoolId ?? ''],
          KeepInstance: false,
        })
      } catch (err) {
        if (!isGoneError(err)) throw err
      }
    })
  }
  const live = new Set(pools.map((p) => p.NodePoolId))
  for (const entry of await ledger.list()) {
    if (!entry.key.startsWith('nodepool/') || entry.state === 'deleted') continue
    if (entry.attrs.clusterId !== undefined && entry.attrs.clusterId !== clusterId) continue
    if (entry.cloudId && live.has(entry.cloudId)) continue
    if (!entry.cloudId && pools.some((p) => LEDGER_KEYS.nodePool(p.Name ?? '') === entry.key)) continue
    await ledger.deleted(entry.key)
  }
  return pools.length === 0
}
