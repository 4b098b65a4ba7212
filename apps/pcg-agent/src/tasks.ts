import type { GatewayTask, VcenterAccess, VmSpec } from '@console/contracts'
import {
  type HardwareCustomization,
  isVcenterError,
  VcenterClient,
  type VcenterError,
  type VmTemplate,
} from '@console/vsphere-client'
import type { AgentFetch } from './proxy.ts'

/** A task's failure as the console records it: `{error: {code, message}}`. */
export class TaskError extends Error {
  override readonly name = 'TaskError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export interface TaskContext {
  /** Posts a progress event for the task (failures to post are logged, never fatal). */
  event(message: string, severity?: 'Normal' | 'Warning'): Promise<void>
  signal: AbortSignal
  /** The fetch for vCenter (proxied unless NO Proxy matches). */
  vcenterFetch(insecure: boolean): AgentFetch
  /** Name of the VM template (content library item) new VMs are cloned from. */
  nodeTemplate: string
  /** How long to wait for clones and guest IPs, and how often to look (tests shorten these). */
  timeouts?: { cloneMs?: number; guestIpMs?: number; pollIntervalMs?: number }
}

export type TaskResult = Record<string, unknown>

function vcenterUrl(server: string): string {
  return /^https?:\/\//.test(server) ? server.replace(/\/+$/, '') : `https://${server}`
}

function connect(access: VcenterAccess, ctx: TaskContext): VcenterClient {
  return new VcenterClient({
    endpoint: vcenterUrl(access.vcenterServer),
    username: access.username,
    password: access.password,
    fetch: ctx.vcenterFetch(access.insecure),
  })
}

/** Turns a vCenter failure into the error code and message the console shows (never with the password). */
export function toTaskError(err: unknown, access: VcenterAccess): TaskError {
  if (err instanceof TaskError) return err
  if (isVcenterError(err)) {
    const e = err as VcenterError
    switch (e.errorType) {
      case 'UNAUTHENTICATED':
        return new TaskError(
          'InvalidCredentials',
          `vCenter ${access.vcenterServer} refused the user name or password for ${access.username}`,
        )
      case 'UNAUTHORIZED':
        return new TaskError(
          'PermissionDenied',
          `vCenter user ${access.username} lacks the permission for ${e.operation ?? 'this operation'}: give it the privileges the Private Cloud Gateway needs (${e.message})`,
        )
      case 'CONNECTION_FAILED':
        return new TaskError('VcenterUnreachable', `Cannot reach vCenter ${access.vcenterServer}: ${e.message}`)
      default:
        return new TaskError(`Vcenter${e.errorType}`, e.message)
    }
  }
  return new TaskError('AgentError', err instanceof Error ? err.message : String(err))
}

/** Runs one task against vCenter and answers its result; failures throw TaskError. */
export async function runTask(task: GatewayTask, ctx: TaskContext): Promise<TaskResult> {
  const access = task.payload.vcenter
  const vc = connect(access, ctx)
  try {
    switch (task.kind) {
      case 'vcenter.validate': {
        await vc.validateCredentials()
        const { version } = await vc.getVersion()
        return { version }
      }
      case 'vcenter.inventory':
        return { items: await inventory(vc, task.payload) }
      case 'vms.ensure':
        return { vms: await ensureVms(vc, task.payload.vms, ctx) }
      case 'vms.delete':
        return { deleted: await deleteVms(vc, task.payload, ctx) }
    }
  } catch (err) {
    throw toTaskError(err, access)
  } finally {
    await vc.logout().catch(() => undefined)
  }
}

// ---- inventory ------------------------------------------------------------------------------

async function findDatacenter(vc: VcenterClient, nameOrId: string | undefined) {
  if (!nameOrId) throw new TaskError('InvalidArgument', 'A datacenter is required')
  const dc = (await vc.listDatacenters()).find((d) => d.name === nameOrId || d.id === nameOrId)
  if (!dc) throw new TaskError('NotFound', `Datacenter ${nameOrId} does not exist in vCenter`)
  return dc
}

async function findCluster(vc: VcenterClient, datacenterId: string, nameOrId: string | undefined) {
  if (!nameOrId) throw new TaskError('InvalidArgument', 'A compute cluster is required')
  const cluster = (await vc.listClusters({ datacenter: datacenterId })).find(
    (c) => c.name === nameOrId || c.id === nameOrId,
  )
  if (!cluster) throw new TaskError('NotFound', `Compute cluster ${nameOrId} does not exist in the datacenter`)
  return cluster
}

/** A VM folder by full path (`/Datacenter/vm/spectro/pcg`), path below the datacenter's VM folder, name or id. */
async function findFolder(vc: VcenterClient, dc: { id: string; name: string }, folder: string) {
  const folders = await vc.listVmFolderPaths(dc.id)
  const relative = `/${dc.name}/vm/${folder.replace(/^\/+/, '')}`
  const match =
    folders.find((f) => f.path === folder || f.id === folder) ??
    folders.find((f) => f.path === relative) ??
    (() => {
      const byName = folders.filter((f) => f.name === folder)
      return byName.length === 1 ? byName[0] : undefined
    })()
  if (!match) throw new TaskError('NotFound', `VM folder ${folder} does not exist in datacenter ${dc.name}`)
  return match
}

type InventoryPayload = Extract<GatewayTask, { kind: 'vcenter.inventory' }>['payload']

async function inventory(vc: VcenterClient, p: InventoryPayload): Promise<Array<{ id: string; name: string }>> {
  const pick = (list: Array<{ id: string; name: string }>) => list.map(({ id, name }) => ({ id, name }))
  if (p.what === 'datacenters') return pick(await vc.listDatacenters())
  const dc = await findDatacenter(vc, p.datacenter)
  switch (p.what) {
    case 'computeclusters':
      return pick(await vc.listClusters({ datacenter: dc.id }))
    case 'folders':
      return (await vc.listVmFolderPaths(dc.id)).map((f) => ({ id: f.id, name: f.path ?? f.name }))
    default:
      break
  }
  const cluster = await findCluster(vc, dc.id, p.computecluster)
  switch (p.what) {
    case 'datastores':
      // vCenter's REST datastore list cannot filter by cluster; the clone checks the cluster mounts it.
      return pick(await vc.listDatastores({ datacenter: dc.id }))
    case 'networks':
      return pick(await vc.listNetworks({ datacenter: dc.id }))
    case 'resourcepools':
      return pick(await vc.listResourcePools({ cluster: cluster.id }))
  }
}

// ---- VMs --------------------------------------------------------------------------------------

interface ResolvedPlacement {
  folder: string
  cluster: string
  resourcePool: string
  datastore: string
}

async function resolvePlacement(vc: VcenterClient, p: VmSpec['placement']): Promise<ResolvedPlacement> {
  const dc = await findDatacenter(vc, p.datacenter)
  const cluster = await findCluster(vc, dc.id, p.computecluster)
  const folder = await findFolder(vc, dc, p.folder)
  const datastore = (await vc.listDatastores({ datacenter: dc.id })).find(
    (d) => d.name === p.datastore || d.id === p.datastore,
  )
  if (!datastore) throw new TaskError('NotFound', `Datastore ${p.datastore} does not exist in datacenter ${dc.name}`)
  const pool = (await vc.listResourcePools({ cluster: cluster.id })).find(
    (r) => r.name === p.resourcePool || r.id === p.resourcePool,
  )
  if (!pool) throw new TaskError('NotFound', `Resource pool ${p.resourcePool} does not exist in ${cluster.name}`)
  const network = (await vc.listNetworks({ datacenter: dc.id })).find((n) => n.name === p.network || n.id === p.network)
  if (!network) throw new TaskError('NotFound', `Network ${p.network} does not exist in datacenter ${dc.name}`)
  return { folder: folder.id, cluster: cluster.id, resourcePool: pool.id, datastore: datastore.id }
}

/**
 * Finds VM templates by name for one task: vCenter's content libraries are listed once, and each name is
 * resolved once. A missing template fails the task naming it and the templates vCenter has.
 */
function templateFinder(vc: VcenterClient): (name: string) => Promise<VmTemplate> {
  let all: Promise<VmTemplate[]> | undefined
  const byName = new Map<string, Promise<VmTemplate>>()
  return (name) => {
    let found = byName.get(name)
    if (!found) {
      all ??= vc.listTemplates()
      found = all.then((templates) => {
        const t = templates.find((x) => x.name === name)
        if (t) return t
        throw new TaskError(
          'TemplateNotFound',
          `VM template ${name} is not in any content library of vCenter (found: ${templates.map((x) => x.name).join(', ') || 'none'})`,
        )
      })
      byName.set(name, found)
    }
    return found
  }
}

const GiB = 1024 ** 3

/**
 * The hardware a VM gets at deploy (vm-template `hardware_customization`): its CPUs and memory, and its first
 * disk grown to `diskGiB`. vCenter cannot shrink a disk, so a spec smaller than the template's disk fails here.
 */
function hardwareFor(spec: VmSpec, template: VmTemplate): HardwareCustomization {
  const hardware: HardwareCustomization = { cpuCount: spec.cpu, memoryMiB: spec.memoryMiB }
  const disk = template.disks[0]
  if (disk) {
    const wanted = spec.diskGiB * GiB
    if (wanted < disk.capacityBytes) {
      throw new TaskError(
        'InvalidArgument',
        `VM ${spec.name} asks for a ${spec.diskGiB} GiB disk but template ${template.name} has ${disk.capacityBytes / GiB} GiB: vCenter cannot shrink a disk`,
      )
    }
    if (wanted > disk.capacityBytes) hardware.diskCapacityBytes = { [disk.id]: wanted }
  }
  return hardware
}

async function findVm(vc: VcenterClient, name: string, folder: string) {
  const [vm] = await vc.listVms({ names: [name], folders: [folder] })
  return vm
}

async function sleep(ms: number, signal: AbortSignal) {
  signal.throwIfAborted()
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(t)
      reject(signal.reason)
    }
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/** VMs deployed at once by one task: vCenter takes minutes per deploy, and a cluster asks for several. */
const ENSURE_CONCURRENCY = 4

async function ensureVms(vc: VcenterClient, specs: VmSpec[], ctx: TaskContext) {
  const findTemplate = templateFinder(vc)
  const out: Array<{ name: string; id: string; ipAddress: string }> = new Array(specs.length)
  let next = 0
  let failed = false
  // A few workers take the VMs in order (none starts after a failure); the answer keeps the request's order.
  const worker = async () => {
    while (next < specs.length && !failed) {
      const i = next++
      try {
        out[i] = await ensureVm(vc, specs[i] as VmSpec, ctx, findTemplate)
      } catch (err) {
        failed = true
        throw err
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(ENSURE_CONCURRENCY, specs.length) }, worker))
  return out
}

/**
 * Makes one VM exist and run. Idempotent: a VM found by name in its folder is reused; a deploy still running
 * from an earlier attempt (its name taken, the VM not listed yet) is waited for.
 */
async function ensureVm(
  vc: VcenterClient,
  spec: VmSpec,
  ctx: TaskContext,
  findTemplate: (name: string) => Promise<VmTemplate>,
): Promise<{ name: string; id: string; ipAddress: string }> {
  const interval = ctx.timeouts?.pollIntervalMs ?? 2000
  const placement = await resolvePlacement(vc, spec.placement)
  let vm = await findVm(vc, spec.name, placement.folder)
  if (!vm) {
    const template = await findTemplate(spec.template ?? ctx.nodeTemplate)
    const hardware = hardwareFor(spec, template)
    await ctx.event(`Cloning VM ${spec.name}`)
    try {
      // A deploy from the content library item, not a clone of the inventory template: only deploy's
      // hardware_customization sets CPUs, memory and disk size (vCenter's clone spec has no such field).
      await vc.deployTemplate({
        name: spec.name,
        libraryItemId: template.libraryItemId,
        placement,
        powerOn: false,
        hardware,
        staticIp: spec.address
          ? {
              ipAddress: spec.address.ip,
              prefix: spec.address.prefix,
              gateways: [spec.address.gateway],
              dnsServers: spec.address.nameservers,
            }
          : undefined,
        timeoutMs: ctx.timeouts?.cloneMs,
        pollIntervalMs: interval,
        signal: ctx.signal,
      })
    } catch (err) {
      if (!isVcenterError(err, 'ALREADY_EXISTS')) throw err
      await ctx.event(`VM ${spec.name} is already being cloned; waiting for it`)
    }
    const deadline = Date.now() + (ctx.timeouts?.cloneMs ?? 30 * 60_000)
    for (;;) {
      vm = await findVm(vc, spec.name, placement.folder)
      if (vm) break
      if (Date.now() > deadline) throw new TaskError('CloneTimeout', `VM ${spec.name} did not appear after its clone`)
      await sleep(interval, ctx.signal)
    }
  } else if (vm.cpuCount !== spec.cpu || vm.memoryMiB !== spec.memoryMiB) {
    // An existing VM is reused as it is: resizing a running node is not this task's business.
    await ctx.event(
      `${spec.name} already exists with ${vm.cpuCount} CPU / ${vm.memoryMiB} MiB, not the requested ${spec.cpu} CPU / ${spec.memoryMiB} MiB; keeping it`,
      'Warning',
    )
  }
  if (vm.powerState !== 'POWERED_ON') {
    await ctx.event(`Powering on ${spec.name}`)
    await vc.powerOn(vm.id)
  }
  const ipAddress = await vc.waitForGuestIp(vm.id, {
    timeoutMs: ctx.timeouts?.guestIpMs,
    intervalMs: interval,
    signal: ctx.signal,
  })
  if (spec.address && ipAddress !== spec.address.ip) {
    await ctx.event(`${spec.name} reports ${ipAddress}, not its static address ${spec.address.ip}`, 'Warning')
  }
  await ctx.event(`${spec.name} is up at ${ipAddress}`)
  return { name: spec.name, id: vm.id, ipAddress }
}

type DeletePayload = Extract<GatewayTask, { kind: 'vms.delete' }>['payload']

async function deleteVms(vc: VcenterClient, p: DeletePayload, ctx: TaskContext): Promise<string[]> {
  const dc = await findDatacenter(vc, p.datacenter)
  const folder = await findFolder(vc, dc, p.folder)
  for (const name of p.names) {
    const vm = await findVm(vc, name, folder.id)
    if (!vm) {
      await ctx.event(`${name} is already gone`)
      continue
    }
    if (vm.powerState !== 'POWERED_OFF') {
      await ctx.event(`Powering off ${name}`)
      await vc.powerOff(vm.id)
    }
    await ctx.event(`Deleting ${name}`)
    await vc.deleteVm(vm.id)
    await ctx.event(`Deleted ${name}`)
  }
  return [...p.names]
}
