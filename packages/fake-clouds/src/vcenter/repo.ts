import type { CloudContext, ResourceRecord } from '../core/types.ts'

/**
 * One fake vCenter: its whole inventory lives under one account key, because every vCenter
 * user sees the same inventory (permissions restrict actions, not visibility).
 */
export const VCENTER_ACCOUNT = 'vcenter'

/** Store record types (ResourceRecord.type) of the vCenter module. */
export const T = {
  session: 'vcenter.session',
  datacenter: 'vcenter.datacenter',
  folder: 'vcenter.folder',
  cluster: 'vcenter.cluster',
  host: 'vcenter.host',
  datastore: 'vcenter.datastore',
  network: 'vcenter.network',
  resourcePool: 'vcenter.resource-pool',
  vm: 'vcenter.vm',
  library: 'vcenter.library',
  libraryItem: 'vcenter.library-item',
  customizationSpec: 'vcenter.customization-spec',
  task: 'vcenter.task',
  tagCategory: 'vcenter.tag-category',
  tag: 'vcenter.tag',
  settings: 'vcenter.settings',
} as const

export type RecordType = (typeof T)[keyof typeof T]

/** VM record states: the power state, plus CLONING (not yet in the inventory) and BOOTING (on, Tools not yet up). */
export type VmState = 'CLONING' | 'BOOTING' | 'POWERED_ON' | 'POWERED_OFF' | 'SUSPENDED'

export function key(type: RecordType, id: string) {
  return { cloud: 'vsphere' as const, account: VCENTER_ACCOUNT, region: 'global', type, id }
}

export function getRecord(ctx: CloudContext, type: RecordType, id: string): ResourceRecord | undefined {
  return ctx.store.get(key(type, id))
}

export function listRecords(ctx: CloudContext, type: RecordType): ResourceRecord[] {
  return ctx.store.list({ cloud: 'vsphere', account: VCENTER_ACCOUNT, region: 'global', type })
}

export function putRecord(
  ctx: CloudContext,
  record: { type: RecordType; id: string; name?: string; state: string; attrs: Record<string, unknown> } & Partial<
    Pick<ResourceRecord, 'tags' | 'parentId' | 'pending' | 'createdAt'>
  >,
): ResourceRecord {
  return ctx.store.put({
    cloud: 'vsphere',
    account: VCENTER_ACCOUNT,
    region: 'global',
    tags: {},
    ...record,
  })
}

/** Replaces some attrs of a record, keeping its state and any pending transition. */
export function patchAttrs(ctx: CloudContext, record: ResourceRecord, attrs: Record<string, unknown>): ResourceRecord {
  return ctx.store.put({ ...record, attrs: { ...record.attrs, ...attrs } })
}

/**
 * A fresh managed-object id like vCenter's (`vm-1042`, `group-v17`). The counter lives in the
 * store (a settings record) so a reset starts over and ids never repeat within one run.
 */
export function nextId(ctx: CloudContext, prefix: string): string {
  const settings = getRecord(ctx, T.settings, 'sequence')
  let n = typeof settings?.attrs.next === 'number' ? settings.attrs.next : 1000
  let id = `${prefix}${n}`
  // Seeded ids from the fixture may already use a number: skip over them.
  while (ctx.store.list({ cloud: 'vsphere', account: VCENTER_ACCOUNT }).some((r) => r.id === id)) id = `${prefix}${++n}`
  // Spread the existing record so it keeps its `seeded` flag and stays out of the admin API's "created" view.
  if (settings) ctx.store.put({ ...settings, attrs: { next: n + 1 } })
  else putRecord(ctx, { type: T.settings, id: 'sequence', state: 'active', attrs: { next: n + 1 } })
  return id
}

/** A random RFC 4122 v4 id, the shape of content library ids and instance UUIDs. */
export function uuid(): string {
  return crypto.randomUUID()
}

/** Attrs of a VM record, as this module writes them. */
export interface VmAttrs {
  datacenter: string
  folder: string
  cluster: string
  host: string
  resourcePool: string
  datastore: string
  network: string
  guestOS: string
  cpu: number
  memoryMiB: number
  diskGiB: number
  /** True for a VM template (not listed by GET /api/vcenter/vm, cannot be powered on). */
  template: boolean
  instanceUuid: string
  biosUuid: string
  macAddress: string
  /** Guest host name once customized (defaults to the VM name). */
  hostName: string
  /** Fixed IPv4 applied by guest customization; the guest reports exactly this address. */
  staticIp?: { ipAddress: string; prefix: number; gateways: string[] }
  /** Lease from the fixture's DHCP range, given when the VM is created without a static IP. */
  dhcpIp?: string
  /** Who created it (vCenter user name); never the password. */
  createdBy?: string
  /** Source VM or library item it was cloned/deployed from. */
  source?: string
}

export function vmAttrs(record: ResourceRecord): VmAttrs {
  return record.attrs as unknown as VmAttrs
}
