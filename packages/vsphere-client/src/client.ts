import { isVcenterError, VcenterError } from './errors.ts'
import { pollUntil } from './poll.ts'
import { cloneVm, deployTemplate, waitForTask } from './provisioning.ts'
import { ensureTag, listAttachedTags, listObjectsWithTag, setTagAttached } from './tagging.ts'
import { type VcenterConnection, VcenterTransport } from './transport.ts'
import type {
  CloneVmOptions,
  ComputeCluster,
  Datacenter,
  Datastore,
  DeployTemplateOptions,
  Folder,
  FolderType,
  GuestIdentity,
  Host,
  Network,
  ObjectRef,
  PowerState,
  ResourcePool,
  Tag,
  VmDetails,
  VmSummary,
  VmTemplate,
  WaitOptions,
} from './types.ts'

type Json = Record<string, any>

const DEFAULT_IP_TIMEOUT_MS = 15 * 60_000

/**
 * A typed client for the vCenter Automation REST API (`/api`, vSphere 7.0 U2 and later), built on
 * fetch only so it runs in the gateway agent and anywhere else. Every failure is a VcenterError.
 * Sessions are created on first use and renewed when vCenter drops them.
 */
export class VcenterClient {
  private readonly http: VcenterTransport

  constructor(connection: VcenterConnection) {
    this.http = new VcenterTransport(connection)
  }

  get endpoint(): string {
    return this.http.endpoint
  }

  /** Logs in now (instead of on first use) and returns the user vCenter knows; wrong credentials throw UNAUTHENTICATED. */
  async validateCredentials(): Promise<{ user: string }> {
    await this.http.login()
    const info = await this.http.request<Json>('GET', '/api/session')
    return { user: String(info.user) }
  }

  /** The vCenter product and version (`GET /api/appliance/system/version`), e.g. to refuse versions before 7.0 U2. */
  async getVersion(): Promise<{ product: string; version: string; build: string }> {
    const v = await this.http.request<Json>('GET', '/api/appliance/system/version')
    return { product: String(v.product), version: String(v.version), build: String(v.build) }
  }

  logout(): Promise<void> {
    return this.http.logout()
  }

  // --- Inventory -----------------------------------------------------------------------------

  async listDatacenters(filter: { names?: string[] } = {}): Promise<Datacenter[]> {
    const list = await this.http.request<Json[]>('GET', '/api/vcenter/datacenter', { query: { names: filter.names } })
    return list.map((d) => ({ id: d.datacenter, name: d.name }))
  }

  async listClusters(filter: { datacenter?: string; names?: string[] } = {}): Promise<ComputeCluster[]> {
    const query = { datacenters: filter.datacenter ? [filter.datacenter] : undefined, names: filter.names }
    const list = await this.http.request<Json[]>('GET', '/api/vcenter/cluster', { query })
    return list.map((c) => ({
      id: c.cluster,
      name: c.name,
      drsEnabled: c.drs_enabled === true,
      haEnabled: c.ha_enabled === true,
    }))
  }

  async listHosts(filter: { cluster?: string; datacenter?: string } = {}): Promise<Host[]> {
    const query = {
      clusters: filter.cluster ? [filter.cluster] : undefined,
      datacenters: filter.datacenter ? [filter.datacenter] : undefined,
    }
    const list = await this.http.request<Json[]>('GET', '/api/vcenter/host', { query })
    return list.map((h) => ({
      id: h.host,
      name: h.name,
      connectionState: h.connection_state,
      powerState: h.power_state,
    }))
  }

  async listDatastores(filter: { datacenter?: string; names?: string[] } = {}): Promise<Datastore[]> {
    const query = { datacenters: filter.datacenter ? [filter.datacenter] : undefined, names: filter.names }
    const list = await this.http.request<Json[]>('GET', '/api/vcenter/datastore', { query })
    return list.map((d) => ({
      id: d.datastore,
      name: d.name,
      type: d.type,
      capacityBytes: Number(d.capacity ?? 0),
      freeSpaceBytes: Number(d.free_space ?? 0),
    }))
  }

  async listNetworks(filter: { datacenter?: string; names?: string[] } = {}): Promise<Network[]> {
    const query = { datacenters: filter.datacenter ? [filter.datacenter] : undefined, names: filter.names }
    const list = await this.http.request<Json[]>('GET', '/api/vcenter/network', { query })
    return list.map((n) => ({ id: n.network, name: n.name, type: n.type }))
  }

  async listResourcePools(
    filter: { cluster?: string; datacenter?: string; names?: string[] } = {},
  ): Promise<ResourcePool[]> {
    const query = {
      clusters: filter.cluster ? [filter.cluster] : undefined,
      datacenters: filter.datacenter ? [filter.datacenter] : undefined,
      names: filter.names,
    }
    const list = await this.http.request<Json[]>('GET', '/api/vcenter/resource-pool', { query })
    return list.map((p) => ({ id: p.resource_pool, name: p.name }))
  }

  async listFolders(
    filter: { datacenter?: string; type?: FolderType; parent?: string; names?: string[] } = {},
  ): Promise<Folder[]> {
    const query = {
      type: filter.type ?? 'VIRTUAL_MACHINE',
      datacenters: filter.datacenter ? [filter.datacenter] : undefined,
      parent_folders: filter.parent ? [filter.parent] : undefined,
      names: filter.names,
    }
    const list = await this.http.request<Json[]>('GET', '/api/vcenter/folder', { query })
    return list.map((f) => ({ id: f.folder, name: f.name, type: f.type }))
  }

  /**
   * Every VM folder of a datacenter with its path as vSphere shows it (`/Datacenter/vm/spectro/pcg`),
   * walking down from the datacenter's root VM folder.
   */
  async listVmFolderPaths(datacenterId: string): Promise<Folder[]> {
    const dc = await this.http.request<Json>('GET', `/api/vcenter/datacenter/${encodeURIComponent(datacenterId)}`)
    const root: Folder = { id: dc.vm_folder, name: 'vm', type: 'VIRTUAL_MACHINE', path: `/${dc.name}/vm` }
    const out: Folder[] = [root]
    const queue = [root]
    while (queue.length > 0) {
      const parent = queue.shift()!
      for (const child of await this.listFolders({ parent: parent.id })) {
        const folder = { ...child, path: `${parent.path}/${child.name}` }
        out.push(folder)
        queue.push(folder)
      }
    }
    return out
  }

  /** The VM folder at a path like `/Datacenter/vm/spectro/pcg`; NOT_FOUND names the missing part. */
  async resolveVmFolder(path: string): Promise<Folder> {
    const [dcName, root, ...rest] = path.split('/').filter(Boolean)
    const notFound = (what: string) =>
      new VcenterError({ errorType: 'NOT_FOUND', status: 404, message: `folder path ${path}: ${what} does not exist` })
    if (!dcName || root !== 'vm') throw notFound('a path must start with /<datacenter>/vm and it')
    const [dc] = await this.listDatacenters({ names: [dcName] })
    if (!dc) throw notFound(`datacenter ${dcName}`)
    const info = await this.http.request<Json>('GET', `/api/vcenter/datacenter/${encodeURIComponent(dc.id)}`)
    let current: Folder = { id: info.vm_folder, name: 'vm', type: 'VIRTUAL_MACHINE', path: `/${dcName}/vm` }
    for (const name of rest) {
      const [child] = await this.listFolders({ parent: current.id, names: [name] })
      if (!child) throw notFound(`${current.path}/${name}`)
      current = { ...child, path: `${current.path}/${name}` }
    }
    return current
  }

  /** VM templates published as `vm-template` items in the content libraries. */
  async listTemplates(): Promise<VmTemplate[]> {
    const libraries = await this.http.request<string[]>('GET', '/api/content/library')
    const out: VmTemplate[] = []
    for (const libraryId of libraries) {
      const library = await this.http.request<Json>('GET', `/api/content/library/${encodeURIComponent(libraryId)}`)
      const items = await this.http.request<string[]>('GET', '/api/content/library/item', {
        query: { library_id: libraryId },
      })
      for (const itemId of items) {
        const item = await this.http.request<Json>('GET', `/api/content/library/item/${encodeURIComponent(itemId)}`)
        if (item.type !== 'vm-template') continue
        const t = await this.http.request<Json>(
          'GET',
          `/api/vcenter/vm-template/library-items/${encodeURIComponent(itemId)}`,
        )
        out.push({
          libraryItemId: itemId,
          libraryId,
          libraryName: library.name,
          name: item.name,
          vmTemplateId: t.vm_template,
          guestOS: t.guest_OS,
          cpuCount: Number(t.cpu?.count ?? 0),
          memoryMiB: Number(t.memory?.size_MiB ?? 0),
          disks: Object.entries((t.disks ?? {}) as Record<string, Json>).map(([id, d]) => ({
            id,
            capacityBytes: Number(d.capacity ?? 0),
          })),
        })
      }
    }
    return out
  }

  // --- Virtual machines ----------------------------------------------------------------------

  async listVms(
    filter: {
      ids?: string[]
      names?: string[]
      folders?: string[]
      clusters?: string[]
      powerStates?: PowerState[]
    } = {},
  ): Promise<VmSummary[]> {
    const query = {
      vms: filter.ids,
      names: filter.names,
      folders: filter.folders,
      clusters: filter.clusters,
      power_states: filter.powerStates,
    }
    const list = await this.http.request<Json[]>('GET', '/api/vcenter/vm', { query })
    return list.map((v) => ({
      id: v.vm,
      name: v.name,
      powerState: v.power_state,
      cpuCount: v.cpu_count,
      memoryMiB: v.memory_size_MiB,
    }))
  }

  /**
   * The VMs whose names start with `prefix` (optionally only in some folders): how the agent finds
   * what it created, since vCenter's REST VM list has no notes or tags to filter on.
   */
  async findVmsByPrefix(prefix: string, filter: { folders?: string[] } = {}): Promise<VmSummary[]> {
    const vms = await this.listVms({ folders: filter.folders })
    return vms.filter((vm) => vm.name.startsWith(prefix))
  }

  async getVm(vmId: string): Promise<VmDetails> {
    const v = await this.http.request<Json>('GET', `/api/vcenter/vm/${encodeURIComponent(vmId)}`)
    const nics = Object.values((v.nics ?? {}) as Record<string, Json>)
    const disks = Object.values((v.disks ?? {}) as Record<string, Json>)
    return {
      id: vmId,
      name: v.name,
      powerState: v.power_state,
      cpuCount: Number(v.cpu?.count ?? 0),
      memoryMiB: Number(v.memory?.size_MiB ?? 0),
      guestOS: v.guest_OS,
      instanceUuid: v.identity?.instance_uuid ?? '',
      biosUuid: v.identity?.bios_uuid ?? '',
      macAddresses: nics.map((n) => n.mac_address).filter(Boolean),
      networks: nics.map((n) => n.backing?.network).filter(Boolean),
      diskCapacityBytes: disks.reduce((sum, d) => sum + Number(d.capacity ?? 0), 0),
    }
  }

  async getPowerState(vmId: string): Promise<PowerState> {
    const p = await this.http.request<Json>('GET', `/api/vcenter/vm/${encodeURIComponent(vmId)}/power`)
    return p.state
  }

  /** Powers a VM on; a VM that is already on is fine. */
  powerOn(vmId: string): Promise<void> {
    return this.power(vmId, 'start')
  }

  /** Powers a VM off (hard); a VM that is already off is fine. */
  powerOff(vmId: string): Promise<void> {
    return this.power(vmId, 'stop')
  }

  private async power(vmId: string, action: 'start' | 'stop'): Promise<void> {
    try {
      await this.http.request('POST', `/api/vcenter/vm/${encodeURIComponent(vmId)}/power`, { query: { action } })
    } catch (err) {
      if (!isVcenterError(err, 'ALREADY_IN_DESIRED_STATE')) throw err
    }
  }

  /**
   * Deletes a VM; `powerOffFirst` powers it off before (vCenter refuses to delete a running VM).
   * Returns false when the VM did not exist, so a repeated delete is harmless.
   */
  async deleteVm(vmId: string, options: { powerOffFirst?: boolean } = {}): Promise<boolean> {
    try {
      if (options.powerOffFirst) await this.powerOff(vmId)
      await this.http.request('DELETE', `/api/vcenter/vm/${encodeURIComponent(vmId)}`)
      return true
    } catch (err) {
      if (isVcenterError(err, 'NOT_FOUND')) return false
      throw err
    }
  }

  /** The guest's identity, or undefined while VMware Tools does not run (vCenter answers 503). */
  async getGuestIdentity(vmId: string): Promise<GuestIdentity | undefined> {
    try {
      const g = await this.http.request<Json>('GET', `/api/vcenter/vm/${encodeURIComponent(vmId)}/guest/identity`)
      return { hostName: g.host_name, ipAddress: g.ip_address, guestOS: g.name, family: g.family }
    } catch (err) {
      if (isVcenterError(err, 'SERVICE_UNAVAILABLE')) return undefined
      throw err
    }
  }

  /** Waits until the guest reports an IPv4 address and returns it; CLIENT_TIMEOUT after `timeoutMs` (default 15 min). */
  waitForGuestIp(vmId: string, options: WaitOptions = {}): Promise<string> {
    return pollUntil(`guest IP of ${vmId}`, async () => (await this.getGuestIdentity(vmId))?.ipAddress, {
      timeoutMs: options.timeoutMs ?? DEFAULT_IP_TIMEOUT_MS,
      intervalMs: options.intervalMs ?? 2000,
      signal: options.signal,
    })
  }

  /**
   * Clones a VM or template into `placement` and returns the new VM's id once the clone has finished.
   * With `staticIp`, the guest reports exactly that address (through a temporary customization spec).
   */
  cloneVm(options: CloneVmOptions): Promise<string> {
    return cloneVm(this.http, options)
  }

  /**
   * Deploys a VM from a `vm-template` content library item; otherwise like cloneVm(). `hardware` sizes the new
   * VM (CPUs, memory, disk growth) in the same call: vCenter's clone has no such option and its disk API cannot
   * resize, so this is how a VM gets other hardware than its template's.
   */
  deployTemplate(options: DeployTemplateOptions): Promise<string> {
    return deployTemplate(this.http, options)
  }

  /** Waits for a vCenter task and returns its result; a FAILED task throws its error. */
  waitForTask(taskId: string, options: WaitOptions = {}): Promise<string> {
    return waitForTask(this.http, taskId, options)
  }

  // --- Tags ------------------------------------------------------------------------------------

  /** The tags on an object with their category names, e.g. the k8s-zone tag of a compute cluster. */
  listAttachedTags(object: ObjectRef): Promise<Tag[]> {
    return listAttachedTags(this.http, object)
  }

  /** Finds or creates tag `tag` in category `category` and returns its id. */
  ensureTag(options: {
    category: string
    tag: string
    associableTypes?: string[]
    description?: string
  }): Promise<string> {
    return ensureTag(this.http, options)
  }

  attachTag(tagId: string, object: ObjectRef): Promise<void> {
    return setTagAttached(this.http, tagId, object, true)
  }

  detachTag(tagId: string, object: ObjectRef): Promise<void> {
    return setTagAttached(this.http, tagId, object, false)
  }

  /** The VMs carrying a tag: how the agent finds what it created, independent of names and folders. */
  async findVmsByTag(tagId: string): Promise<VmSummary[]> {
    const ids = (await listObjectsWithTag(this.http, tagId)).filter((o) => o.type === 'VirtualMachine').map((o) => o.id)
    return ids.length === 0 ? [] : this.listVms({ ids })
  }
}
