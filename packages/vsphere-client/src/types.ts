/** Plain objects the client returns: vCenter's answers with camelCase names and ids named `id`. */

export interface Datacenter {
  id: string
  name: string
}

export interface ComputeCluster {
  id: string
  name: string
  drsEnabled: boolean
  haEnabled: boolean
}

export interface Host {
  id: string
  name: string
  connectionState: string
  powerState: string
}

export interface Datastore {
  id: string
  name: string
  /** VMFS, NFS, VSAN, … */
  type: string
  capacityBytes: number
  freeSpaceBytes: number
}

export interface Network {
  id: string
  name: string
  /** STANDARD_PORTGROUP, DISTRIBUTED_PORTGROUP or OPAQUE_NETWORK. */
  type: string
}

export interface ResourcePool {
  id: string
  name: string
}

export type FolderType = 'VIRTUAL_MACHINE' | 'HOST' | 'DATASTORE' | 'NETWORK' | 'DATACENTER'

export interface Folder {
  id: string
  name: string
  type: FolderType
  /**
   * Path below the datacenter, as vSphere shows it (`/Datacenter/vm/spectro/pcg`);
   * only set by listFolders when it was asked for paths.
   */
  path?: string
}

/** A VM template published as a `vm-template` item of a content library. */
export interface VmTemplate {
  /** Content library item id: what deployTemplate() takes. */
  libraryItemId: string
  libraryId: string
  libraryName: string
  name: string
  /** The template in the inventory (`vm-N`): what cloneVm() takes as source. */
  vmTemplateId: string
  guestOS: string
  cpuCount: number
  memoryMiB: number
  /** The template's disks (ids like `2000`): what `hardware.diskCapacityBytes` of deployTemplate() refers to. */
  disks: Array<{ id: string; capacityBytes: number }>
}

export type PowerState = 'POWERED_ON' | 'POWERED_OFF' | 'SUSPENDED'

export interface VmSummary {
  id: string
  name: string
  powerState: PowerState
  cpuCount: number
  memoryMiB: number
}

export interface VmDetails extends VmSummary {
  guestOS: string
  instanceUuid: string
  biosUuid: string
  macAddresses: string[]
  /** Network ids of the NICs. */
  networks: string[]
  diskCapacityBytes: number
}

export interface GuestIdentity {
  hostName?: string
  /** The guest's primary IPv4 address, once VMware Tools reports one. */
  ipAddress?: string
  guestOS: string
  family: string
}

/** Where a new VM goes. Give a cluster, a resource pool, or both (the pool must be in the cluster). */
export interface Placement {
  folder: string
  cluster?: string
  resourcePool?: string
  host?: string
  datastore?: string
}

/** A fixed IPv4 configuration for the VM's first NIC, applied through vCenter guest customization. */
export interface StaticIpv4 {
  ipAddress: string
  prefix: number
  gateways?: string[]
  dnsServers?: string[]
  /** Guest host name; defaults to the VM name. */
  hostName?: string
  domain?: string
}

export interface CloneVmOptions {
  name: string
  /** VM or VM template (inventory id) to clone. */
  source: string
  placement: Placement
  powerOn?: boolean
  staticIp?: StaticIpv4
  /** Gives up waiting for the clone task after this many ms (default 30 min). */
  timeoutMs?: number
  /** How often to look at the clone task, in ms (default 1000). */
  pollIntervalMs?: number
  signal?: AbortSignal
}

/**
 * The deployed VM's hardware (vm-template deploy's `hardware_customization`); anything left out keeps the
 * template's value. vCenter wants memory as a multiple of 4 MiB and refuses to shrink a disk.
 */
export interface HardwareCustomization {
  cpuCount?: number
  coresPerSocket?: number
  memoryMiB?: number
  /** New capacity in bytes by disk id of the template (VmTemplate.disks). */
  diskCapacityBytes?: Record<string, number>
}

export interface DeployTemplateOptions extends Omit<CloneVmOptions, 'source'> {
  /** Content library item id of a vm-template. */
  libraryItemId: string
  hardware?: HardwareCustomization
}

export interface WaitOptions {
  timeoutMs?: number
  /** Poll interval in ms (default 2000). */
  intervalMs?: number
  signal?: AbortSignal
}

/** A vSphere managed object as the tagging service names it, e.g. `{ type: 'VirtualMachine', id: 'vm-42' }`. */
export interface ObjectRef {
  type:
    | 'VirtualMachine'
    | 'ClusterComputeResource'
    | 'Datacenter'
    | 'Datastore'
    | 'HostSystem'
    | 'ResourcePool'
    | 'Folder'
    | (string & {})
  id: string
}

export interface Tag {
  id: string
  name: string
  categoryId: string
  categoryName: string
}
