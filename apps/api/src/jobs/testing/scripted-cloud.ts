import type { ClusterDriver, ClusterWork, ReconcileResult } from '@console/providers'
import { CloudError } from '@console/providers'

/** One resource of the scripted cloud: created once per client token, like a cloud honouring idempotency. */
interface ScriptedResource {
  id: string
  key: string
  clientToken: string
  clusterUid: string
  readyAfterPolls: number
  state: 'creating' | 'ready' | 'deleting'
}

/**
 * A scripted in-memory cloud and its ClusterDriver, for engine tests only: two resources per cluster
 * ("cluster", then "nodepool/workers"), each needing a few polls to become ready, created with the
 * ledger's client token (so a repeated create answers the same resource). `failNext` queues errors
 * the next cloud calls throw; `gate` holds the next create call until released (to crash mid-call).
 */
export class ScriptedCloud {
  readonly resources = new Map<string, ScriptedResource>()
  readonly calls: string[] = []
  private failures: CloudError[] = []
  private gateWaiter: { reached: () => void; release: Promise<void> } | undefined
  private seq = 0
  /** When true, deletes never finish (the cloud's delete is stuck). */
  deleteStuck = false

  constructor(private readonly pollsToReady = 2) {}

  failNext(...errors: CloudError[]) {
    this.failures.push(...errors)
  }

  /** Holds the next create call; answers when it is reached and a function that lets it go on. */
  gateNextCreate(): { reached: Promise<void>; release: () => void } {
    let release!: () => void
    let reached!: () => void
    const reachedPromise = new Promise<void>((resolve) => {
      reached = resolve
    })
    const releasePromise = new Promise<void>((resolve) => {
      release = resolve
    })
    this.gateWaiter = { reached, release: releasePromise }
    return { reached: reachedPromise, release }
  }

  private async call(action: string) {
    this.calls.push(action)
    const failure = this.failures.shift()
    if (failure) throw failure
  }

  private async create(clusterUid: string, key: string, clientToken: string): Promise<ScriptedResource> {
    await this.call(`Create ${key}`)
    const gate = this.gateWaiter
    if (gate) {
      this.gateWaiter = undefined
      gate.reached()
      await gate.release
    }
    const existing = [...this.resources.values()].find((r) => r.clientToken === clientToken)
    if (existing) return existing
    const resource: ScriptedResource = {
      id: `res-${++this.seq}`,
      key,
      clientToken,
      clusterUid,
      readyAfterPolls: this.pollsToReady,
      state: 'creating',
    }
    this.resources.set(resource.id, resource)
    return resource
  }

  ofCluster(clusterUid: string) {
    return [...this.resources.values()].filter((r) => r.clusterUid === clusterUid)
  }

  driver(): ClusterDriver {
    const cloud = this
    const ensure = async (work: ClusterWork<unknown, unknown>, key: string, kind: string): Promise<boolean> => {
      const entry = await work.ledger.begin(key, { kind, region: 'test-region-1', name: `${work.clusterName}-${key}` })
      let resource = entry.cloudId ? cloud.resources.get(entry.cloudId) : undefined
      if (!resource) {
        await work.report('Creating', `Creating ${key}`)
        resource = await cloud.create(work.clusterUid, key, entry.clientToken)
        await work.ledger.created(key, { cloudId: resource.id })
      }
      await cloud.call(`Describe ${key}`)
      if (resource.state === 'creating' && --resource.readyAfterPolls <= 0) resource.state = 'ready'
      if (resource.state !== 'ready') {
        await work.report('Waiting', `Waiting for ${key} to be ready`)
        return false
      }
      return true
    }
    const waiting: ReconcileResult = { status: 'waiting', retryAfterMs: 1000 }
    return {
      cloudType: 'tencent',
      async reconcileCreate(work) {
        if (!(await ensure(work, 'cluster', 'test.cluster'))) return waiting
        if (!(await ensure(work, 'nodepool/workers', 'test.nodepool'))) return waiting
        return { status: 'done' }
      },
      async reconcileDelete(work) {
        const entries = (await work.ledger.list()).filter((e) => e.state !== 'deleted').reverse()
        for (const entry of entries) {
          await work.ledger.deleting(entry.key)
          await cloud.call(`Delete ${entry.key}`)
          if (cloud.deleteStuck) {
            await work.report('Deleting', `Deleting ${entry.key}`)
            return waiting
          }
          if (entry.cloudId) cloud.resources.delete(entry.cloudId)
          await work.ledger.deleted(entry.key)
        }
        return { status: 'done' }
      },
    }
  }
}

export function throttled(): CloudError {
  return new CloudError({
    kind: 'Throttled',
    cloud: 'tencent',
    message: 'Rate limit exceeded',
    cloudCode: 'RequestLimitExceeded',
  })
}
