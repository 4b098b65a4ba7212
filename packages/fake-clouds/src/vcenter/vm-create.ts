import type { CloudContext, ResourceRecord } from '../core/types.ts'
import { invalidArgument, notFound, VcenterFault } from './errors.ts'
import { type GuestSettings, leaseDhcpAddress, readCustomizationSpec } from './guest-ip.ts'
import { datastoreFree, mustGet } from './inventory.ts'
import { getRecord, listRecords, nextId, putRecord, T, uuid, type VmAttrs, vmAttrs } from './repo.ts'
import { macAddress } from './seed.ts'
import type { Caller } from './session.ts'

/** Defaults when the fixture has no `durations` for these keys (simulated ms). */
export const DEFAULT_DURATIONS = { 'vcenter.vm.clone': 90_000, 'vcenter.vm.boot': 45_000 }

const GiB = 1024 ** 3

export function duration(ctx: CloudContext, key: keyof typeof DEFAULT_DURATIONS): number {
  return ctx.durations[key] ?? DEFAULT_DURATIONS[key]
}

/** vCenter's `VM.ClonePlacementSpec` / vm-template `DeployPlacementSpec`. */
export interface PlacementSpec {
  folder?: string
  resource_pool?: string
  host?: string
  cluster?: string
  datastore?: string
}

export interface CreateVmInput {
  caller: Caller
  name: unknown
  source: ResourceRecord
  /** What the clone came from, for the record: a VM id or a library item id. */
  sourceRef: string
  placement: PlacementSpec | undefined
  /** Datastore for the VM's files when the placement has none (deploy's `disk_storage.datastore`). */
  datastore?: string
  powerOn: boolean
  /** Name of a stored customization spec (`guest_customization_spec.name` / `guest_customization.name`). */
  customizationName?: string
  /** Deploy's `hardware_customization` (vm-template `HardwareCustomizationSpec`), unchecked. */
  hardwareCustomization?: unknown
  /** The fault/stuck operation name: CloneVm or DeployVmTemplate. */
  operation: string
}

/** The template's single disk, as GET /api/vcenter/vm/{vm} and the vm-template item report it. */
export const DISK_ID = '2000'
/** Virtual hardware version 19 (vSphere 7.0 U2+): at most 768 vCPUs and 24 TiB of memory. */
const MAX_CPUS = 768
const MAX_MEMORY_MIB = 24 * 1024 * 1024

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Checks deploy's `hardware_customization` like vCenter and answers the deployed VM's hardware:
 * `cpu_update {num_cpus, num_cores_per_socket}`, `memory_update {memory}` (MB; a positive multiple of 4),
 * `disks_to_update {<disk id>: {capacity}}` (bytes; larger than the template's disk). Anything else keeps
 * the template's value.
 */
export function applyHardwareCustomization(
  source: Pick<VmAttrs, 'cpu' | 'memoryMiB' | 'diskGiB'>,
  raw: unknown,
): Pick<VmAttrs, 'cpu' | 'memoryMiB' | 'diskGiB'> {
  const out = { cpu: source.cpu, memoryMiB: source.memoryMiB, diskGiB: source.diskGiB }
  if (raw === undefined || raw === null) return out
  if (!isObject(raw)) throw invalidArgument("The field 'hardware_customization' must be a structure.")
  const { cpu_update: cpu, memory_update: memory, disks_to_update: disks, disks_to_remove: remove } = raw
  if (cpu !== undefined && cpu !== null) {
    if (!isObject(cpu)) throw invalidArgument("The field 'hardware_customization.cpu_update' must be a structure.")
    const n = cpu.num_cpus
    if (n !== undefined && n !== null) {
      if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > MAX_CPUS) {
        throw invalidArgument(
          `Invalid value ${JSON.stringify(n)} for 'hardware_customization.cpu_update.num_cpus': the number of CPUs must be an integer from 1 to ${MAX_CPUS}.`,
        )
      }
      out.cpu = n as number
    }
    const perSocket = cpu.num_cores_per_socket
    if (perSocket !== undefined && perSocket !== null) {
      if (!Number.isInteger(perSocket) || (perSocket as number) < 1 || out.cpu % (perSocket as number) !== 0) {
        throw invalidArgument(
          `Invalid value ${JSON.stringify(perSocket)} for 'hardware_customization.cpu_update.num_cores_per_socket': the number of CPUs (${out.cpu}) must be a multiple of the cores per socket.`,
        )
      }
    }
  }
  if (memory !== undefined && memory !== null) {
    if (!isObject(memory))
      throw invalidArgument("The field 'hardware_customization.memory_update' must be a structure.")
    const m = memory.memory
    if (m !== undefined && m !== null) {
      if (!Number.isInteger(m) || (m as number) < 4 || (m as number) % 4 !== 0 || (m as number) > MAX_MEMORY_MIB) {
        throw invalidArgument(
          `Invalid value ${JSON.stringify(m)} for 'hardware_customization.memory_update.memory': the memory size must be a positive multiple of 4 MB, at most ${MAX_MEMORY_MIB} MB.`,
        )
      }
      out.memoryMiB = m as number
    }
  }
  if (remove !== undefined && remove !== null && !(Array.isArray(remove) && remove.length === 0)) {
    throw new VcenterFault('UNSUPPORTED', 'Removing disks while deploying is not supported by this vCenter.')
  }
  if (disks !== undefined && disks !== null) {
    if (!isObject(disks)) throw invalidArgument("The field 'hardware_customization.disks_to_update' must be a map.")
    for (const [diskId, update] of Object.entries(disks)) {
      if (diskId !== DISK_ID) throw notFound('Disk', diskId)
      const capacity = isObject(update) ? update.capacity : undefined
      if (!Number.isInteger(capacity) || (capacity as number) <= 0) {
        throw invalidArgument(
          `Invalid value ${JSON.stringify(capacity)} for 'hardware_customization.disks_to_update.${diskId}.capacity': the capacity must be a positive number of bytes.`,
        )
      }
      const current = source.diskGiB * GiB
      if ((capacity as number) < current) {
        throw invalidArgument(
          `Invalid value ${capacity} for 'hardware_customization.disks_to_update.${diskId}.capacity': a disk cannot shrink; its capacity is ${current} bytes.`,
        )
      }
      out.diskGiB = (capacity as number) / GiB
    }
  }
  return out
}

interface Placement {
  datacenter: string
  folder: string
  cluster: string
  host: string
  resourcePool: string
  datastore: string
}

function resolvePlacement(
  ctx: CloudContext,
  source: VmAttrs,
  spec: PlacementSpec,
  datastoreOverride?: string,
): Placement {
  const folder = mustGet(ctx, T.folder, spec.folder ?? source.folder, 'Folder')
  if (folder.attrs.type !== 'VIRTUAL_MACHINE')
    throw invalidArgument(`Folder '${folder.id}' is not a virtual machine folder.`)

  const pool = spec.resource_pool ? mustGet(ctx, T.resourcePool, spec.resource_pool, 'ResourcePool') : undefined
  const hostRecord = spec.host ? mustGet(ctx, T.host, spec.host, 'HostSystem') : undefined
  const clusterId =
    spec.cluster ??
    (pool?.attrs.cluster as string | undefined) ??
    (hostRecord?.attrs.cluster as string | undefined) ??
    source.cluster
  const cluster = mustGet(ctx, T.cluster, clusterId, 'ClusterComputeResource')
  if (pool && pool.attrs.cluster !== cluster.id) {
    throw invalidArgument(`Resource pool '${pool.id}' does not belong to cluster '${cluster.id}'.`)
  }
  if (hostRecord && hostRecord.attrs.cluster !== cluster.id) {
    throw invalidArgument(`Host '${hostRecord.id}' does not belong to cluster '${cluster.id}'.`)
  }
  const resourcePool =
    pool?.id ?? (spec.cluster || spec.host ? String(cluster.attrs.resourcePool) : source.resourcePool)
  if (folder.attrs.datacenter !== cluster.attrs.datacenter) {
    throw invalidArgument(`Folder '${folder.id}' and cluster '${cluster.id}' are in different datacenters.`)
  }

  const datastore = mustGet(ctx, T.datastore, spec.datastore ?? datastoreOverride ?? source.datastore, 'Datastore')
  if (!(datastore.attrs.clusters as string[]).includes(cluster.id)) {
    throw invalidArgument(`Datastore '${datastore.id}' is not accessible from cluster '${cluster.id}'.`)
  }

  // DRS stand-in: the host of the cluster running the fewest VMs.
  const hosts = listRecords(ctx, T.host).filter((h) => h.attrs.cluster === cluster.id)
  const load = (hostId: string) => listRecords(ctx, T.vm).filter((vm) => vm.attrs.host === hostId).length
  const host = hostRecord?.id ?? hosts.sort((a, b) => load(a.id) - load(b.id))[0]?.id
  if (!host) throw new VcenterFault('UNABLE_TO_ALLOCATE_RESOURCE', `Cluster '${cluster.id}' has no host.`)
  return {
    datacenter: String(cluster.attrs.datacenter),
    folder: folder.id,
    cluster: cluster.id,
    host,
    resourcePool,
    datastore: datastore.id,
  }
}

function customization(ctx: CloudContext, name: string | undefined): GuestSettings {
  if (name === undefined) return {}
  const spec = getRecord(ctx, T.customizationSpec, name)
  if (!spec) throw notFound('Customization specification', name)
  return readCustomizationSpec(spec.attrs.spec)
}

/**
 * Starts a clone: validates like vCenter, reserves the name and the disk space at once
 * (a second clone with the same name fails while the first runs), and schedules
 * CLONING → POWERED_OFF, or CLONING → BOOTING → POWERED_ON with power_on.
 * Returns the new VM's id and the id of the task that tracks it.
 */
export function startVmClone(ctx: CloudContext, input: CreateVmInput): { vm: string; task: string } {
  const { name } = input
  if (typeof name !== 'string' || name.trim().length === 0 || name.length > 80) {
    throw invalidArgument('The virtual machine name must be a non-empty string of at most 80 characters.')
  }
  const source = vmAttrs(input.source)
  const placement = resolvePlacement(ctx, source, input.placement ?? {}, input.datastore)
  const hardware = applyHardwareCustomization(source, input.hardwareCustomization)

  const clash = listRecords(ctx, T.vm).find((vm) => vm.name === name && vm.attrs.folder === placement.folder)
  if (clash) {
    throw new VcenterFault('ALREADY_EXISTS', `The name '${name}' already exists.`, 'com.vmware.vim.DuplicateName')
  }
  const datastore = mustGet(ctx, T.datastore, placement.datastore, 'Datastore')
  const needed = hardware.diskGiB * GiB
  if (datastoreFree(ctx, datastore) < needed) {
    throw new VcenterFault(
      'UNABLE_TO_ALLOCATE_RESOURCE',
      `Insufficient disk space on datastore '${datastore.name}'.`,
      'com.vmware.vim.InsufficientDiskSpace',
    )
  }
  const guest = customization(ctx, input.customizationName)

  const id = nextId(ctx, 'vm-')
  const attrs: VmAttrs = {
    ...placement,
    network: source.network,
    guestOS: source.guestOS,
    ...hardware,
    template: false,
    instanceUuid: uuid(),
    biosUuid: uuid(),
    macAddress: macAddress(),
    hostName: guest.hostName ?? name,
    staticIp: guest.staticIp,
    createdBy: input.caller.user.username,
    source: input.sourceRef,
  }
  // Lease before the record exists so the scan does not see a half-made VM; static guests need no lease.
  if (!guest.staticIp) attrs.dhcpIp = leaseDhcpAddress(ctx)
  const stuck = ctx.faults.isStuck('vsphere', input.operation) || ctx.faults.isStuck('vsphere', 'CloneVm')
  const bootStuck = ctx.faults.isStuck('vsphere', 'PowerOnVm')
  const cloneMs = stuck ? Number.POSITIVE_INFINITY : duration(ctx, 'vcenter.vm.clone')
  const steps = input.powerOn
    ? [
        { afterMs: cloneMs, next: 'BOOTING' },
        { afterMs: bootStuck ? Number.POSITIVE_INFINITY : duration(ctx, 'vcenter.vm.boot'), next: 'POWERED_ON' },
      ]
    : [{ afterMs: cloneMs, next: 'POWERED_OFF' }]
  const record = putRecord(ctx, {
    type: T.vm,
    id,
    name,
    state: 'CLONING',
    parentId: placement.folder,
    attrs: { ...attrs },
  })
  ctx.store.transition(record, 'CLONING', steps)

  const task = `${uuid()}:com.vmware.vcenter.vm`
  putRecord(ctx, {
    type: T.task,
    id: task,
    name: `${input.operation} ${name}`,
    state: 'RUNNING',
    attrs: {
      operation: input.operation,
      vm: id,
      user: input.caller.user.username,
      startTime: new Date().toISOString(),
    },
  })
  ctx.log.info('vcenter: clone started', { vm: id, name, user: input.caller.user.username, stuck })
  return { vm: id, task }
}

/** Task info (`GET /api/cis/tasks/{task}`), derived from the VM it tracks so both always agree. */
export function taskInfo(ctx: CloudContext, taskId: string) {
  const task = mustGet(ctx, T.task, taskId, 'Task')
  const vm = getRecord(ctx, T.vm, String(task.attrs.vm))
  let status = task.state
  if (status === 'RUNNING') {
    if (vm?.state !== 'CLONING') {
      status = vm ? 'SUCCEEDED' : 'FAILED'
      putRecord(ctx, {
        ...task,
        type: T.task,
        state: status,
        attrs: { ...task.attrs, endTime: new Date().toISOString() },
      })
      task.attrs.endTime = new Date().toISOString()
    }
  }
  const operation = task.attrs.operation === 'DeployVmTemplate' ? 'deploy' : 'clone'
  return {
    description: { id: `com.vmware.vcenter.vm.${operation}`, default_message: String(task.name), args: [] },
    service: operation === 'deploy' ? 'com.vmware.vcenter.vm_template.library_items' : 'com.vmware.vcenter.VM',
    operation,
    target: { type: 'VirtualMachine', id: task.attrs.vm },
    status,
    cancelable: false,
    start_time: task.attrs.startTime,
    ...(task.attrs.endTime ? { end_time: task.attrs.endTime } : {}),
    user: task.attrs.user,
    ...(status === 'SUCCEEDED' ? { result: task.attrs.vm } : {}),
    ...(status === 'FAILED'
      ? {
          error: {
            error_type: 'NOT_FOUND',
            messages: [
              {
                id: 'com.vmware.vcenter.vm.clone.failed',
                default_message: 'The clone was removed before it finished.',
                args: [],
              },
            ],
          },
        }
      : {}),
    progress: {
      total: 100,
      completed: status === 'RUNNING' ? 50 : 100,
      message: { id: 'progress', default_message: status, args: [] },
    },
  }
}
