import type { Cluster } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tke/v20180525/tke_models'
import type { CallPolicy } from '../call-policy.ts'
import type { TencentCredentials } from '../cloud-provider.ts'
import type { ClusterDriver, ClusterWork, ReconcileResult } from '../cluster-driver.ts'
import { CloudError } from '../errors.ts'
import type { TencentEndpoint } from './tencent-client.ts'
import { createTkeCalls, inStep, isGoneError } from './tke-call.ts'
import { deleteEndpoints, reconcileEndpoints } from './tke-endpoints.ts'
import { deleteNodePools, reconcileNodePools } from './tke-node-pools.ts'
import { LEDGER_KEYS, recordFound, reportChange, type TkePass } from './tke-pass.ts'
import { createClusterRequest, OWNER_TAG, pickClusterCidr, readProfileSettings, type TkeSpec } from './tke-spec.ts'

/** How the TKE driver reaches Tencent Cloud. */
export interface TkeClusterDriverOptions {
  endpoint: TencentEndpoint
  policy: CallPolicy
  /** The `retryAfterMs` of a waiting pass; default 2000 (the engine may scale it). */
  pollIntervalMs?: number
}

/** The work the engine hands the TKE driver. */
export type TkeClusterWork = ClusterWork<TencentCredentials, TkeSpec>

const PAGE = 100

/**
 * Tencent TKE clusters: a managed control plane (CreateCluster in the chosen VPC), its API server
 * endpoint(s) and one node pool per worker pool. Every resource carries the ownership tag
 * `console-cluster-uid=<clusterUid>` (node pools pass it on to their CVMs), so a pass that lost the
 * ledger's `created` write finds the resource again instead of creating a second one.
 */
export class TkeClusterDriver implements ClusterDriver<TencentCredentials, TkeSpec> {
  readonly cloudType = 'tencent' as const
  private readonly pollIntervalMs: number
  private readonly lastReported = new Map<string, string>()

  constructor(private readonly options: TkeClusterDriverOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 2000
  }

  /** Cluster → Running → endpoint(s) Created → node pools with their desired instances running. */
  async reconcileCreate(work: TkeClusterWork): Promise<ReconcileResult> {
    const pass = this.pass(work)
    const cluster = await this.ensureCluster(pass)
    if (cluster.ClusterStatus !== 'Running') {
      if (cluster.ClusterStatus === 'Deleting') {
        throw new CloudError({
          kind: 'InvalidRequest',
          cloud: 'tencent',
          message: `Waiting for TKE cluster: cluster ${cluster.ClusterId} is being deleted.`,
        })
      }
      const state = cluster.ClusterStatus ?? 'unknown'
      await reportChange(
        pass,
        'cluster',
        'WaitingForCluster',
        `Waiting for TKE cluster to be Running (state: ${state})`,
      )
      return this.waiting()
    }
    const clusterId = cluster.ClusterId ?? ''
    if (!(await reconcileEndpoints(pass, clusterId))) return this.waiting()
    if (!(await reconcileNodePools(pass, clusterId))) return this.waiting()
    this.forget(work.clusterUid)
    return { status: 'done' }
  }

  /**
   * Node pools (waiting until they are gone), then the endpoints, then the cluster itself with
   * `InstanceDeleteMode: terminate` so its CVMs and their disks go too. Clusters that carry the
   * ownership tag but are not in the ledger (a crash before `created`) are deleted the same way.
   */
  async reconcileDelete(work: TkeClusterWork): Promise<ReconcileResult> {
    const pass = this.pass(work)
    const { ledger } = work
    const entry = await ledger.get(LEDGER_KEYS.cluster)
    const clusters = await inStep('Looking up TKE clusters', () => this.ownedClusters(pass, entry?.cloudId))
    for (const cluster of clusters) {
      const clusterId = cluster.ClusterId ?? ''
      const key = !entry?.cloudId || entry.cloudId === clusterId ? LEDGER_KEYS.cluster : `cluster/${clusterId}`
      const init = { kind: 'tke.cluster', region: pass.region, name: cluster.ClusterName }
      if (cluster.ClusterStatus === 'Deleting') {
        // DeleteCluster is under way (from an earlier pass): it takes the pools and endpoints with it.
        const current = await ledger.get(key)
        if (current?.state !== 'deleting') {
          await recordFound(ledger, key, init, clusterId, current)
          await ledger.deleting(key)
        }
        continue
      }
      if (!(await deleteNodePools(pass, clusterId))) continue
      if (!(await deleteEndpoints(pass, clusterId))) continue
      await recordFound(ledger, key, init, clusterId)
      await ledger.deleting(key)
      await work.report('DeletingCluster', 'Deleting TKE cluster')
      await inStep('Deleting TKE cluster', async () => {
        try {
          await pass.calls.tke('DeleteCluster', { ClusterId: clusterId, InstanceDeleteMode: 'terminate' })
        } catch (err) {
          if (!isGoneError(err)) throw err
        }
      })
    }
    if (clusters.length > 0) return this.waiting()
    const rows = await ledger.list()
    const clusterRow = rows.find((r) => r.key === LEDGER_KEYS.cluster)
    for (const row of rows) if (row.state !== 'deleted') await ledger.deleted(row.key)
    if (clusterRow && clusterRow.state !== 'deleted') await work.report('ClusterDeleted', 'TKE cluster deleted')
    this.forget(work.clusterUid)
    return { status: 'done' }
  }

  private pass(work: TkeClusterWork): TkePass {
    const region = work.spec.cloudConfig.region
    return {
      work,
      region,
      calls: createTkeCalls(this.options, work.credentials, region),
      settings: readProfileSettings(work.spec),
      lastReported: this.lastReported,
    }
  }

  private waiting(): ReconcileResult {
    return { status: 'waiting', retryAfterMs: this.pollIntervalMs }
  }

  private forget(clusterUid: string) {
    for (const key of this.lastReported.keys()) {
      if (key.startsWith(`${clusterUid}/`)) this.lastReported.delete(key)
    }
  }

  /** The cluster of the ledger, else the one carrying the ownership tag, else a new one. */
  private async ensureCluster(pass: TkePass): Promise<Cluster> {
    const { ledger, clusterName, clusterUid } = pass.work
    const key = LEDGER_KEYS.cluster
    const entry = await ledger.get(key)
    let clusterId = entry?.cloudId
    if (!clusterId) {
      const tagged = await inStep('Looking up TKE cluster', () => this.taggedClusters(pass))
      const found = tagged.find((c) => c.ClusterStatus !== 'Deleting')
      const init = {
        kind: 'tke.cluster',
        region: pass.region,
        name: clusterName,
        attrs: { vpcId: pass.work.spec.cloudConfig.vpcID },
      }
      if (found?.ClusterId) {
        await recordFound(ledger, key, init, found.ClusterId, entry)
        return found
      }
      if (!entry) await ledger.begin(key, init)
      const step = `Creating TKE cluster ${clusterName}`
      await pass.work.report('CreatingCluster', step)
      clusterId = await inStep('Creating TKE cluster', async () => {
        const clusterCidr = pass.settings.clusterCidr ?? (await this.freeClusterCidr(pass))
        const res = await pass.calls.tke(
          'CreateCluster',
          createClusterRequest({
            clusterUid,
            clusterName,
            labels: pass.work.labels,
            spec: pass.work.spec,
            settings: pass.settings,
            clusterCidr,
          }),
          // TKE's CreateCluster takes no client token: never re-sent blindly, the next pass looks up by tag.
          { singleAttempt: true },
        )
        return res.ClusterId ?? ''
      })
      await ledger.created(key, { cloudId: clusterId, attrs: init.attrs })
    }
    const id = clusterId
    const [cluster] = await inStep('Waiting for TKE cluster', () => this.describeClusters(pass, { ClusterIds: [id] }))
    if (!cluster) {
      throw new CloudError({
        kind: 'NotFound',
        cloud: 'tencent',
        message: `Waiting for TKE cluster: cluster ${id} no longer exists in ${pass.region}.`,
      })
    }
    return cluster
  }

  /** Clusters carrying this cluster's ownership tag. */
  private taggedClusters(pass: TkePass): Promise<Cluster[]> {
    return this.describeClusters(pass, { Filters: [{ Name: `tag:${OWNER_TAG}`, Values: [pass.work.clusterUid] }] })
  }

  /** The ledger's cluster (when TKE still has it) and every cluster with the ownership tag. */
  private async ownedClusters(pass: TkePass, ledgerId: string | undefined): Promise<Cluster[]> {
    const byId = new Map<string, Cluster>()
    if (ledgerId)
      for (const c of await this.describeClusters(pass, { ClusterIds: [ledgerId] })) byId.set(c.ClusterId ?? '', c)
    for (const c of await this.taggedClusters(pass)) byId.set(c.ClusterId ?? '', c)
    return [...byId.values()]
  }

  private async describeClusters(
    pass: TkePass,
    query: { ClusterIds?: string[]; Filters?: Array<{ Name: string; Values: string[] }> },
  ): Promise<Cluster[]> {
    const out: Cluster[] = []
    for (let offset = 0; ; offset += PAGE) {
      const res = await pass.calls.tke('DescribeClusters', { ...query, Offset: offset, Limit: PAGE })
      const page = res.Clusters ?? []
      out.push(...page)
      if (page.length < PAGE || out.length >= (res.TotalCount ?? 0)) return out
    }
  }

  /** A container CIDR clear of the VPC and of the other clusters in it (the profile did not choose one). */
  private async freeClusterCidr(pass: TkePass): Promise<string> {
    const vpcId = pass.work.spec.cloudConfig.vpcID
    const vpcs = await pass.calls.vpc('DescribeVpcs', { VpcIds: [vpcId] })
    const neighbours = await this.describeClusters(pass, { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })
    const taken = neighbours.map((c) => c.ClusterNetworkSettings?.ClusterCIDR ?? '').filter(Boolean)
    const cidr = pickClusterCidr(vpcs.VpcSet?.[0]?.CidrBlock, taken)
    if (!cidr) {
      throw new CloudError({
        kind: 'InvalidRequest',
        cloud: 'tencent',
        message: `no private /16 is free for the container network in VPC ${vpcId}; set networking.clusterCIDR in the Kubernetes layer.`,
      })
    }
    return cidr
  }
}
