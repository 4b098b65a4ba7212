import {
  type IpPoolSpec,
  nodesPerDomain,
  placementOfNode,
  type VmAddress,
  type VmSpec,
  type VsphereAccountCredentials,
  type VsphereCloudConfig,
  type VsphereMachinePool,
  vsphereNodeTemplate,
} from '@console/contracts'
import {
  CloudError,
  type ClusterDriver,
  type ClusterWork,
  type LedgerEntry,
  type ReconcileResult,
} from '@console/providers'
import type { Deps } from '../../lib/deps.ts'
import { queueTask, type TaskOutcome, taskOutcome } from '../gateways/task-queue.ts'
import { allocateAddresses, releaseAddresses } from '../ip-pools/allocation.ts'

/** The stored spec of a vSphere cluster (the accepted body's spec with the profile's effective layers). */
export interface VsphereStoredSpec {
  cloudConfig: VsphereCloudConfig
  machinepoolconfig: VsphereMachinePool[]
  profiles: Array<{ uid: string; packValues: Array<{ name: string; tag: string; layer: string; values: string }> }>
}

export type VsphereClusterWork = ClusterWork<VsphereAccountCredentials, VsphereStoredSpec>

/** How long a pass waits before looking again at a task or a gateway that is not Running (engine time). */
const TASK_POLL_MS = 5_000
const GATEWAY_POLL_MS = 15_000
/** vSphere VM names are at most 80 characters. */
const VM_NAME_MAX = 80
const VM_KIND = 'vcenter.vm'

/** One node the cluster needs: its VM and where it goes. */
interface DesiredVm {
  key: string
  pool: string
  spec: VmSpec
}

const waiting = (ms: number) => ({ status: 'waiting' as const, retryAfterMs: ms })

function vsphereError(message: string, options: { code?: string; retryable?: boolean } = {}): CloudError {
  return new CloudError({
    kind: options.retryable ? 'Unreachable' : 'InvalidRequest',
    cloud: 'vsphere',
    message,
    cloudCode: options.code,
    retryable: options.retryable,
  })
}

/** The agent's failure as the engine's error: transport-like codes are retried, the rest is permanent. */
function taskFailure(step: string, outcome: Extract<TaskOutcome, { error: unknown }>): CloudError {
  const { code, message } = outcome.error
  const retryable = /unreachable|timeout|busy|throttl/i.test(code)
  return vsphereError(`${step}: ${message}`, { code, retryable })
}

/**
 * A VM name unique in the folder, readable in vCenter: `<cluster>-<pool>-<n>-<uid prefix>` (the uid part
 * keeps clusters of the same name in different projects apart).
 */
function vmName(work: VsphereClusterWork, pool: string, node: number): string {
  const suffix = `-${node + 1}-${work.clusterUid.slice(0, 5)}`
  return `${work.clusterName}-${pool}`.slice(0, VM_NAME_MAX - suffix.length) + suffix
}

/**
 * The Private Cloud Gateway's work for vSphere clusters (decision 012): the console never talks to
 * vCenter, so a pass queues tasks for the gateway's agent (`vms.ensure`, `vms.delete`) and comes back
 * for their outcome. VMs of a pool are spread over its placement domains round-robin; with Static IP
 * each node holds an address of its domain's IP pool (holder `cluster/<uid>/<pool>/<domain>/<n>`), given
 * back when the cluster is deleted. While the gateway is not Running (Upgrading, Unhealthy, Pending) the
 * request waits and says so.
 */
export class VsphereClusterDriver implements ClusterDriver<VsphereAccountCredentials, VsphereStoredSpec> {
  readonly cloudType = 'vsphere' as const

  constructor(private readonly deps: Deps) {}

  async reconcileCreate(work: VsphereClusterWork): Promise<ReconcileResult> {
    const gateway = await this.runningGateway(work, 'create')
    if (!gateway) return waiting(GATEWAY_POLL_MS)
    const desired = await this.desiredVms(work)
    const entries = new Map((await work.ledger.list()).map((e) => [e.key, e]))
    const missing = desired.filter((vm) => entries.get(vm.key)?.state !== 'created')
    if (missing.length === 0) {
      await work.report('NodesRunning', `${desired.length} VM(s) running in vCenter`)
      return { status: 'done' as const }
    }

    const taskId = commonTask(
      missing.map((vm) => entries.get(vm.key)),
      'ensureTaskId',
    )
    if (taskId) {
      const outcome = await taskOutcome(this.deps, taskId)
      if (!outcome) return waiting(TASK_POLL_MS)
      if ('result' in outcome) {
        const made = (outcome.result.vms ?? []) as Array<{ name: string; id: string; ipAddress?: string }>
        let progressed = false
        for (const vm of missing) {
          const found = made.find((m) => m.name === vm.spec.name)
          if (found) {
            await work.ledger.created(vm.key, { cloudId: found.id, attrs: { ipAddress: found.ipAddress } })
            progressed = true
          } else {
            // The agent answered without this VM: it is asked again by a new task.
            await work.ledger.annotate(vm.key, { ensureTaskId: null })
          }
        }
        return progressed ? this.reconcileCreate(work) : this.queueEnsure(work, gateway, missing)
      }
      // A task withdrawn unanswered (the agent was away) is queued again; a refusal is the cluster's error.
      if (outcome.error.code !== 'Timeout') throw taskFailure('Creating VMs', outcome)
    }

    return this.queueEnsure(work, gateway, missing)
  }

  /** Ledger entries first (a crash after the queueing finds them), then one vms.ensure for them all. */
  private async queueEnsure(work: VsphereClusterWork, gateway: { id: string; name: string }, missing: DesiredVm[]) {
    for (const vm of missing) {
      await work.ledger.begin(vm.key, {
        kind: VM_KIND,
        region: work.spec.cloudConfig.placement.datacenter,
        name: vm.spec.name,
        attrs: { pool: vm.pool, address: vm.spec.address?.ip },
      })
    }
    const id = await queueTask(
      this.deps,
      gateway.id,
      { kind: 'vms.ensure', payload: { vcenter: work.credentials.vcenter, vms: missing.map((vm) => vm.spec) } },
      { clusterId: work.clusterUid },
    )
    await this.rememberTask(
      work,
      missing.map((vm) => vm.key),
      'ensureTaskId',
      id,
    )
    await work.report(
      'CreatingVMs',
      `Asked gateway ${gateway.name} to create ${missing.length} VM(s): ${missing.map((vm) => vm.spec.name).join(', ')}`,
    )
    return waiting(TASK_POLL_MS)
  }

  async reconcileDelete(work: VsphereClusterWork): Promise<ReconcileResult> {
    const entries = (await work.ledger.list()).filter((e) => e.kind === VM_KIND && e.state !== 'deleted')
    if (entries.length === 0) {
      const released = await releaseAddresses(this.deps.prisma, { clusterId: work.clusterUid })
      if (released > 0) await work.report('AddressesReleased', `${released} address(es) returned to their IP pools`)
      return { status: 'done' as const }
    }
    const gateway = await this.runningGateway(work, 'delete')
    if (!gateway) return waiting(GATEWAY_POLL_MS)
    // A create the agent may still be working on would bring VMs back after their delete: let it finish.
    for (const ensureId of new Set(entries.map((e) => e.attrs.ensureTaskId))) {
      if (typeof ensureId === 'string' && !(await taskOutcome(this.deps, ensureId))) {
        await work.report('WaitingForCreate', 'Waiting for the VM creation the gateway is working on to finish')
        return waiting(TASK_POLL_MS)
      }
    }

    const taskId = commonTask(entries, 'deleteTaskId')
    if (taskId) {
      const outcome = await taskOutcome(this.deps, taskId)
      if (!outcome) return waiting(TASK_POLL_MS)
      if ('result' in outcome) {
        const deleted = new Set((outcome.result.deleted ?? []) as string[])
        let progressed = false
        for (const entry of entries) {
          if (entry.name && deleted.has(entry.name)) {
            await work.ledger.deleted(entry.key)
            progressed = true
          } else {
            await work.ledger.annotate(entry.key, { deleteTaskId: null })
          }
        }
        // What the agent did not report deleted is asked again below.
        if (progressed) return this.reconcileDelete(work)
      } else if (outcome.error.code !== 'Timeout') throw taskFailure('Deleting VMs', outcome)
    }

    for (const entry of entries) await work.ledger.deleting(entry.key)
    const { datacenter, folder } = work.spec.cloudConfig.placement
    const id = await queueTask(
      this.deps,
      gateway.id,
      {
        kind: 'vms.delete',
        payload: {
          vcenter: work.credentials.vcenter,
          datacenter,
          folder,
          names: entries.map((e) => e.name ?? e.key),
        },
      },
      { clusterId: work.clusterUid },
    )
    await this.rememberTask(
      work,
      entries.map((e) => e.key),
      'deleteTaskId',
      id,
    )
    await work.report('DeletingVMs', `Asked gateway ${gateway.name} to delete ${entries.length} VM(s)`)
    return waiting(TASK_POLL_MS)
  }

  /** The account's gateway when it is Running; otherwise reports why the request waits (or fails). */
  private async runningGateway(work: VsphereClusterWork, action: 'create' | 'delete') {
    const gateway = await this.deps.prisma.gateway.findUnique({ where: { id: work.credentials.gatewayUid } })
    if (!gateway || gateway.deletedAt) {
      throw vsphereError(
        `The Private Cloud Gateway of this cluster's cloud account was deleted: nothing can ${action} its VMs`,
      )
    }
    if (gateway.state === 'Running') return gateway
    await work.report(
      'WaitingForGateway',
      `Private Cloud Gateway ${gateway.name} is ${gateway.state}; the cluster's ${action === 'create' ? 'provisioning' : 'deletion'} continues once it is Running`,
      'Warning',
    )
    return undefined
  }

  /** Every node of every pool, its placement domain (round-robin), template and (Static IP) address. */
  private async desiredVms(work: VsphereClusterWork): Promise<DesiredVm[]> {
    const { cloudConfig, machinepoolconfig, profiles } = work.spec
    const template = vsphereNodeTemplate(profiles[0]?.packValues ?? [])
    const vms: DesiredVm[] = []
    for (const pool of machinepoolconfig) {
      const { placements, instanceType } = pool.cloudConfig
      const name = pool.poolConfig.name
      const addresses = cloudConfig.staticIp
        ? await this.allocate(work, name, placements, pool.poolConfig.size)
        : placements.map(() => [])
      const taken = placements.map(() => 0)
      for (let node = 0; node < pool.poolConfig.size; node++) {
        const d = placementOfNode(node, placements.length)
        const domain = placements[d]
        if (!domain) continue
        const address = addresses[d]?.[taken[d] ?? 0]
        taken[d] = (taken[d] ?? 0) + 1
        vms.push({
          key: `vm/${name}/${node}`,
          pool: name,
          spec: {
            name: vmName(work, name, node),
            template,
            placement: {
              datacenter: cloudConfig.placement.datacenter,
              folder: cloudConfig.placement.folder,
              computecluster: domain.cluster,
              datastore: domain.datastore,
              network: domain.network.networkName,
              resourcePool: domain.resourcePool,
            },
            cpu: instanceType.numCPUs,
            memoryMiB: instanceType.memoryMiB,
            diskGiB: instanceType.diskGiB,
            address,
            sshKeys: cloudConfig.sshKeys,
            ntpServers: cloudConfig.ntpServers,
          },
        })
      }
    }
    return vms
  }

  /** The addresses of each placement domain's nodes, from its IP pool (idempotent per holder). */
  private async allocate(
    work: VsphereClusterWork,
    pool: string,
    placements: VsphereMachinePool['cloudConfig']['placements'],
    size: number,
  ): Promise<VmAddress[][]> {
    const counts = nodesPerDomain(size, placements.length)
    const result: VmAddress[][] = []
    for (const [d, domain] of placements.entries()) {
      const poolId = domain.network.parentPoolUid
      if (!poolId) throw vsphereError(`Node pool ${pool}: Static IP needs an IP pool in placement domain ${d + 1}`)
      const ipPool = await this.deps.prisma.ipPool.findFirst({
        where: { id: poolId, gatewayId: work.credentials.gatewayUid },
      })
      if (!ipPool) throw vsphereError(`Node pool ${pool}: IP pool ${poolId} is not a pool of the cluster's gateway`)
      const spec = ipPool.spec as unknown as IpPoolSpec
      const ips = await allocateAddresses(this.deps.prisma, {
        poolId,
        holderPrefix: `cluster/${work.clusterUid}/${pool}/${d}`,
        clusterId: work.clusterUid,
        count: counts[d] ?? 0,
      })
      result.push(
        ips.map((ip) => ({
          ip,
          prefix: spec.prefix,
          gateway: spec.gateway,
          nameservers: spec.nameserver?.addresses ?? [],
        })),
      )
    }
    return result
  }

  /** Writes the task id onto the ledger entries it works on, so the next pass asks for its outcome. */
  private async rememberTask(work: VsphereClusterWork, keys: string[], field: string, taskId: string) {
    for (const key of keys) await work.ledger.annotate(key, { [field]: taskId })
  }
}
/** The task id every entry carries (the one task that works on all of them), if any. */
function commonTask(entries: Array<LedgerEntry | undefined>, field: string): string | undefined {
  const ids = new Set(entries.map((e) => e?.attrs[field]))
  if (ids.size !== 1) return undefined
  const [id] = [...ids]
  return typeof id === 'string' ? id : undefined
}
