import { VcenterError } from './errors.ts'
import { pollUntil } from './poll.ts'
import type { VcenterTransport } from './transport.ts'
import type {
  CloneVmOptions,
  DeployTemplateOptions,
  HardwareCustomization,
  Placement,
  StaticIpv4,
  WaitOptions,
} from './types.ts'

type Json = Record<string, any>

const DEFAULT_CLONE_TIMEOUT_MS = 30 * 60_000

/** vCenter's `Guest.CustomizationSpec` for one NIC with a fixed IPv4 address. */
export function staticIpCustomization(vmName: string, ip: StaticIpv4) {
  return {
    configuration_spec: {
      linux_config: { hostname: { type: 'FIXED', fixed_name: ip.hostName ?? vmName }, domain: ip.domain ?? 'local' },
    },
    global_DNS_settings: { dns_servers: ip.dnsServers ?? [] },
    interfaces: [
      {
        adapter: { ipv4: { type: 'STATIC', ip_address: ip.ipAddress, prefix: ip.prefix, gateways: ip.gateways ?? [] } },
      },
    ],
  }
}

function placementSpec(p: Placement) {
  return { folder: p.folder, cluster: p.cluster, resource_pool: p.resourcePool, host: p.host, datastore: p.datastore }
}

/** vCenter's vm-template `HardwareCustomizationSpec`, or undefined when nothing changes. */
export function hardwareCustomizationSpec(h: HardwareCustomization | undefined) {
  if (!h) return undefined
  const spec: Json = {}
  if (h.cpuCount !== undefined || h.coresPerSocket !== undefined) {
    spec.cpu_update = { num_cpus: h.cpuCount, num_cores_per_socket: h.coresPerSocket }
  }
  if (h.memoryMiB !== undefined) spec.memory_update = { memory: h.memoryMiB }
  const disks = Object.entries(h.diskCapacityBytes ?? {})
  if (disks.length > 0) spec.disks_to_update = Object.fromEntries(disks.map(([id, capacity]) => [id, { capacity }]))
  return Object.keys(spec).length > 0 ? spec : undefined
}

/** Waits for a vCenter task (`/api/cis/tasks/{task}`) and returns its result; a FAILED task throws its error. */
export async function waitForTask(http: VcenterTransport, taskId: string, options: WaitOptions = {}): Promise<string> {
  // A vCenter that ignores `vmw-task=true` for an operation answers with the result itself (the VM id).
  if (/^vm-\d+$/.test(taskId)) return taskId
  return pollUntil(
    `task ${taskId}`,
    async () => {
      const t = await http.request<Json>('GET', `/api/cis/tasks/${encodeURIComponent(taskId)}`)
      if (t.status === 'SUCCEEDED') return String(t.result ?? '')
      if (t.status === 'FAILED') {
        const e = (t.error ?? {}) as Json
        const message = e.messages?.[0]?.default_message ?? 'task failed'
        // status 0: the task failed, not the HTTP call that reported it.
        throw new VcenterError({ errorType: e.error_type ?? 'ERROR', status: 0, message: `task ${taskId}: ${message}` })
      }
      return undefined
    },
    {
      timeoutMs: options.timeoutMs ?? DEFAULT_CLONE_TIMEOUT_MS,
      intervalMs: options.intervalMs ?? 1000,
      signal: options.signal,
    },
  )
}

/**
 * Runs `run` with the name of a temporary customization spec carrying `staticIp` (vCenter's clone and
 * deploy take specs by name only), and removes the spec afterwards, whatever happened.
 */
async function withCustomization<T>(
  http: VcenterTransport,
  vmName: string,
  staticIp: StaticIpv4 | undefined,
  run: (customizationName: string | undefined) => Promise<T>,
): Promise<T> {
  if (!staticIp) return run(undefined)
  const name = `${vmName}-ip-${crypto.randomUUID().slice(0, 8)}`
  await http.request('POST', '/api/vcenter/guest/customization-specs', {
    body: { name, description: `static IPv4 for ${vmName}`, spec: staticIpCustomization(vmName, staticIp) },
  })
  try {
    return await run(name)
  } finally {
    // The VM keeps its settings without the spec; a leftover spec would only clutter vCenter.
    await http
      .request('DELETE', `/api/vcenter/guest/customization-specs/${encodeURIComponent(name)}`)
      .catch(() => undefined)
  }
}

/** `POST /api/vcenter/vm?action=clone&vmw-task=true`, then waits for the task; returns the new VM id. */
export function cloneVm(http: VcenterTransport, options: CloneVmOptions): Promise<string> {
  return withCustomization(http, options.name, options.staticIp, async (customization) => {
    const task = await http.request<string>('POST', '/api/vcenter/vm', {
      query: { action: 'clone', 'vmw-task': true },
      body: {
        source: options.source,
        name: options.name,
        placement: placementSpec(options.placement),
        power_on: options.powerOn ?? false,
        ...(customization ? { guest_customization_spec: { name: customization } } : {}),
      },
      signal: options.signal,
    })
    return waitForTask(http, task, {
      timeoutMs: options.timeoutMs,
      intervalMs: options.pollIntervalMs,
      signal: options.signal,
    })
  })
}

/** `POST /api/vcenter/vm-template/library-items/{item}?action=deploy&vmw-task=true`, then waits; returns the VM id. */
export function deployTemplate(http: VcenterTransport, options: DeployTemplateOptions): Promise<string> {
  return withCustomization(http, options.name, options.staticIp, async (customization) => {
    const { datastore, ...placement } = placementSpec(options.placement)
    const hardware = hardwareCustomizationSpec(options.hardware)
    const task = await http.request<string>(
      'POST',
      `/api/vcenter/vm-template/library-items/${encodeURIComponent(options.libraryItemId)}`,
      {
        query: { action: 'deploy', 'vmw-task': true },
        body: {
          name: options.name,
          placement,
          ...(datastore ? { vm_home_storage: { datastore }, disk_storage: { datastore } } : {}),
          powered_on: options.powerOn ?? false,
          ...(customization ? { guest_customization: { name: customization } } : {}),
          ...(hardware ? { hardware_customization: hardware } : {}),
        },
        signal: options.signal,
      },
    )
    return waitForTask(http, task, {
      timeoutMs: options.timeoutMs,
      intervalMs: options.pollIntervalMs,
      signal: options.signal,
    })
  })
}
