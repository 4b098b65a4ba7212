import type { CloudContext, ResourceRecord } from '../core/types.ts'
import { invalidArgument, notFound, VcenterFault } from './errors.ts'
import { leaseDhcpAddress, readCustomizationSpec } from './guest-ip.ts'
import { multi } from './inventory.ts'
import { getRecord, key, listRecords, patchAttrs, T, type VmState, vmAttrs } from './repo.ts'
import { duration } from './vm-create.ts'

const GiB = 1024 ** 3

/** The power state vCenter reports for a record state (BOOTING is on, only Tools are not up yet). */
export function powerState(state: string): 'POWERED_ON' | 'POWERED_OFF' | 'SUSPENDED' {
  if (state === 'BOOTING' || state === 'POWERED_ON') return 'POWERED_ON'
  if (state === 'SUSPENDED') return 'SUSPENDED'
  return 'POWERED_OFF'
}

/** A VM of the inventory: not a clone in progress (vCenter registers it only at the end). */
export function mustGetVm(ctx: CloudContext, id: string): ResourceRecord {
  const vm = getRecord(ctx, T.vm, id)
  if (!vm || vm.state === 'CLONING') throw notFound('VirtualMachine', id)
  return vm
}

export function listVms(ctx: CloudContext, q: URLSearchParams) {
  const filters: Array<[string, (vm: ResourceRecord) => string | undefined]> = [
    ['vms', (vm) => vm.id],
    ['names', (vm) => vm.name],
    ['folders', (vm) => vmAttrs(vm).folder],
    ['datacenters', (vm) => vmAttrs(vm).datacenter],
    ['hosts', (vm) => vmAttrs(vm).host],
    ['clusters', (vm) => vmAttrs(vm).cluster],
    ['resource_pools', (vm) => vmAttrs(vm).resourcePool],
    ['power_states', (vm) => powerState(vm.state)],
  ]
  let vms = listRecords(ctx, T.vm).filter((vm) => vm.state !== 'CLONING' && vm.attrs.template !== true)
  for (const [param, pick] of filters) {
    const values = multi(q, param)
    if (values) vms = vms.filter((vm) => values.includes(pick(vm) ?? ''))
  }
  return vms.map((vm) => ({
    vm: vm.id,
    name: vm.name,
    power_state: powerState(vm.state),
    cpu_count: vmAttrs(vm).cpu,
    memory_size_MiB: vmAttrs(vm).memoryMiB,
  }))
}

export function getVm(ctx: CloudContext, id: string) {
  const vm = mustGetVm(ctx, id)
  const a = vmAttrs(vm)
  const network = getRecord(ctx, T.network, a.network)
  const datastore = getRecord(ctx, T.datastore, a.datastore)
  return {
    name: vm.name,
    identity: { name: vm.name, bios_uuid: a.biosUuid, instance_uuid: a.instanceUuid },
    guest_OS: a.guestOS,
    power_state: powerState(vm.state),
    instant_clone_frozen: false,
    hardware: { version: 'VMX_19', upgrade_policy: 'NEVER', upgrade_status: 'NONE' },
    boot: { type: 'BIOS', delay: 0, retry: false, retry_delay: 10000, enter_setup_mode: false },
    boot_devices: [],
    cpu: { count: a.cpu, cores_per_socket: 1, hot_add_enabled: false, hot_remove_enabled: false },
    memory: { size_MiB: a.memoryMiB, hot_add_enabled: false },
    disks: {
      '2000': {
        label: 'Hard disk 1',
        type: 'SCSI',
        capacity: a.diskGiB * GiB,
        backing: { type: 'VMDK_FILE', vmdk_file: `[${datastore?.name ?? a.datastore}] ${vm.name}/${vm.name}.vmdk` },
        scsi: { bus: 0, unit: 0 },
      },
    },
    nics: {
      '4000': {
        label: 'Network adapter 1',
        type: 'VMXNET3',
        mac_type: 'ASSIGNED',
        mac_address: a.macAddress,
        state: powerState(vm.state) === 'POWERED_ON' ? 'CONNECTED' : 'NOT_CONNECTED',
        start_connected: true,
        allow_guest_control: true,
        wake_on_lan_enabled: false,
        upt_compatibility_enabled: false,
        pci_slot_number: 160,
        backing: { type: network?.attrs.type ?? 'STANDARD_PORTGROUP', network: a.network, network_name: network?.name },
      },
    },
    cdroms: {},
    floppies: {},
    parallel_ports: {},
    serial_ports: {},
    sata_adapters: {},
    scsi_adapters: {
      '1000': { label: 'SCSI controller 0', type: 'PVSCSI', scsi: { bus: 0, unit: 7 }, sharing: 'NONE' },
    },
    nvme_adapters: {},
  }
}

export function getPower(ctx: CloudContext, id: string) {
  const state = powerState(mustGetVm(ctx, id).state)
  return state === 'POWERED_OFF' ? { state, clean_power_off: true } : { state }
}

function bootSteps(ctx: CloudContext) {
  const stuck = ctx.faults.isStuck('vsphere', 'PowerOnVm')
  return [{ afterMs: stuck ? Number.POSITIVE_INFINITY : duration(ctx, 'vcenter.vm.boot'), next: 'POWERED_ON' }]
}

/** `POST /api/vcenter/vm/{vm}/power?action=start|stop|suspend|reset`. */
export function changePower(ctx: CloudContext, id: string, action: string): void {
  let vm = mustGetVm(ctx, id)
  if (vm.attrs.template === true) {
    throw new VcenterFault(
      'NOT_ALLOWED_IN_CURRENT_STATE',
      `Virtual machine '${id}' is a template and cannot be powered on.`,
    )
  }
  const current = powerState(vm.state)
  const already = () =>
    new VcenterFault(
      'ALREADY_IN_DESIRED_STATE',
      `Virtual machine '${id}' is already ${current}.`,
      'com.vmware.api.vcenter.vm.power.already_in_desired_state',
    )
  switch (action) {
    case 'start': {
      if (current === 'POWERED_ON') throw already()
      const a = vmAttrs(vm)
      // A VM that found no lease at clone time asks the DHCP server again when it boots.
      if (!a.staticIp && !a.dhcpIp) vm = patchAttrs(ctx, vm, { dhcpIp: leaseDhcpAddress(ctx) })
      // Resuming a suspended guest brings Tools back at once; a cold start boots the OS first.
      if (current === 'SUSPENDED') ctx.store.transition(vm, 'POWERED_ON', [])
      else ctx.store.transition(vm, 'BOOTING', bootSteps(ctx))
      return
    }
    case 'stop':
      if (current === 'POWERED_OFF') throw already()
      ctx.store.transition(vm, 'POWERED_OFF' satisfies VmState, [])
      return
    case 'suspend':
      if (current === 'SUSPENDED') throw already()
      if (current === 'POWERED_OFF') {
        throw new VcenterFault('NOT_ALLOWED_IN_CURRENT_STATE', `Virtual machine '${id}' is powered off.`)
      }
      ctx.store.transition(vm, 'SUSPENDED', [])
      return
    case 'reset':
      if (current !== 'POWERED_ON') {
        throw new VcenterFault('NOT_ALLOWED_IN_CURRENT_STATE', `Virtual machine '${id}' is not powered on.`)
      }
      ctx.store.transition(vm, 'BOOTING', bootSteps(ctx))
      return
    default:
      throw invalidArgument(`Unknown power action '${action}'.`)
  }
}

/** `DELETE /api/vcenter/vm/{vm}`: refused while the VM runs, like vCenter. */
export function deleteVm(ctx: CloudContext, id: string): void {
  const vm = mustGetVm(ctx, id)
  if (powerState(vm.state) !== 'POWERED_OFF') {
    throw new VcenterFault(
      'NOT_ALLOWED_IN_CURRENT_STATE',
      `The attempted operation cannot be performed in the current state (${powerState(vm.state)}).`,
      'com.vmware.vim.InvalidPowerState',
    )
  }
  ctx.store.remove(key(T.vm, id))
  ctx.log.info('vcenter: vm deleted', { vm: id, name: vm.name })
}

const FAMILY: Record<string, string> = { WINDOWS: 'WINDOWS' }

/**
 * `GET /api/vcenter/vm/{vm}/guest/identity`: known only once VMware Tools runs in the guest;
 * until then (powered off, booting, suspended) vCenter answers 503 SERVICE_UNAVAILABLE.
 */
export function guestIdentity(ctx: CloudContext, id: string) {
  const vm = mustGetVm(ctx, id)
  if (vm.state !== 'POWERED_ON') {
    throw new VcenterFault(
      'SERVICE_UNAVAILABLE',
      'VMware Tools is not running in the virtual machine.',
      'com.vmware.api.vcenter.vm.guest.tools_not_running',
    )
  }
  const a = vmAttrs(vm)
  const ip = a.staticIp?.ipAddress ?? a.dhcpIp
  return {
    name: a.guestOS,
    family: FAMILY[a.guestOS.split('_')[0] ?? ''] ?? 'LINUX',
    full_name: {
      id: `vmsg.guestos.${a.guestOS.toLowerCase()}`,
      default_message: a.guestOS.replace(/_/g, ' '),
      args: [],
    },
    host_name: a.hostName,
    ...(ip ? { ip_address: ip } : {}),
  }
}

/**
 * `PUT /api/vcenter/vm/{vm}/guest/customization` with `{ name? , spec? }`: applied at the next boot,
 * so the VM must be powered off (as vCenter requires).
 */
export function customizeGuest(ctx: CloudContext, id: string, body: unknown): void {
  const vm = mustGetVm(ctx, id)
  if (powerState(vm.state) !== 'POWERED_OFF') {
    throw new VcenterFault(
      'NOT_ALLOWED_IN_CURRENT_STATE',
      `Virtual machine '${id}' must be powered off to be customized.`,
    )
  }
  const b = (body ?? {}) as { name?: unknown; spec?: unknown }
  let spec = b.spec
  if (typeof b.name === 'string') {
    const stored = getRecord(ctx, T.customizationSpec, b.name)
    if (!stored) throw notFound('Customization specification', b.name)
    spec = stored.attrs.spec
  }
  const guest = readCustomizationSpec(spec)
  const a = vmAttrs(vm)
  patchAttrs(ctx, vm, {
    hostName: guest.hostName ?? a.hostName,
    staticIp: guest.staticIp,
    dhcpIp: guest.staticIp ? undefined : (a.dhcpIp ?? leaseDhcpAddress(ctx)),
  })
}
