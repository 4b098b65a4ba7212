import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startVcenterHarness, type VcenterHarness } from './test-helpers.ts'

describe('fake vCenter virtual machines', () => {
  let h: VcenterHarness
  const inv = {} as Record<
    'cluster1' | 'cluster3' | 'pool' | 'folder' | 'vsan' | 'ds1' | 'template' | 'item' | 'gatewayTemplate',
    string
  >

  beforeAll(async () => {
    h = await startVcenterHarness()
    const get = async (path: string) => (await h.call('GET', path)).body
    inv.cluster1 = (await get('/api/vcenter/cluster?names=Cluster1'))[0].cluster
    inv.cluster3 = (await get('/api/vcenter/cluster?names=Cluster3'))[0].cluster
    inv.pool = (await get(`/api/vcenter/resource-pool?names=palette&clusters=${inv.cluster1}`))[0].resource_pool
    inv.folder = (await get('/api/vcenter/folder?type=VIRTUAL_MACHINE&names=clusters'))[0].folder
    inv.vsan = (await get('/api/vcenter/datastore?names=vsanDatastore'))[0].datastore
    inv.ds1 = (await get('/api/vcenter/datastore?names=datastore1'))[0].datastore
    inv.item = (
      await h.call('POST', '/api/content/library/item?action=find', { name: 'ubuntu-22.04-k8s-1.30' })
    ).body[0]
    inv.template = (await get(`/api/vcenter/vm-template/library-items/${inv.item}`)).vm_template
    const gatewayItem = (
      await h.call('POST', '/api/content/library/item?action=find', { name: 'spectro-pcg-gateway-4.6' })
    ).body[0]
    inv.gatewayTemplate = (await get(`/api/vcenter/vm-template/library-items/${gatewayItem}`)).vm_template
  })
  afterAll(() => h.fake.close())

  const cloneSpec = (name: string, extra: Record<string, unknown> = {}) => ({
    source: inv.template,
    name,
    placement: { folder: inv.folder, resource_pool: inv.pool, datastore: inv.vsan },
    power_on: true,
    ...extra,
  })

  const identity = async (vm: string) =>
    h.until(async () => {
      const res = await h.call('GET', `/api/vcenter/vm/${vm}/guest/identity`)
      return res.status === 200 ? res.body : undefined
    })

  it('clones a template (blocking call), powers it on, and the guest reports a DHCP address', async () => {
    const res = await h.call('POST', '/api/vcenter/vm?action=clone', cloneSpec('dhcp-node-1'))
    expect(res.status).toBe(200)
    const vm = res.body as string
    expect(vm).toMatch(/^vm-\d+$/)

    const info = await h.call('GET', `/api/vcenter/vm/${vm}`)
    expect(info.body).toMatchObject({
      name: 'dhcp-node-1',
      power_state: 'POWERED_ON',
      cpu: { count: 2 },
      memory: { size_MiB: 4096 },
    })
    expect(info.body.nics['4000'].mac_address).toMatch(/^00:50:56:/)

    const guest = await identity(vm)
    expect(guest.ip_address).toMatch(/^10\.10\.100\.1\d\d$/)
    expect(guest.host_name).toBe('dhcp-node-1')
    expect(guest.family).toBe('LINUX')

    const listed = await h.call('GET', `/api/vcenter/vm?folders=${inv.folder}&power_states=POWERED_ON`)
    expect(listed.body).toContainEqual({
      vm,
      name: 'dhcp-node-1',
      power_state: 'POWERED_ON',
      cpu_count: 2,
      memory_size_MiB: 4096,
    })
  })

  it('answers 503 SERVICE_UNAVAILABLE for the guest identity until VMware Tools runs', async () => {
    const vm = (await h.call('POST', '/api/vcenter/vm?action=clone', cloneSpec('slow-boot', { power_on: false }))).body
    const off = await h.call('GET', `/api/vcenter/vm/${vm}/guest/identity`)
    expect(off.status).toBe(503)
    expect(off.body.error_type).toBe('SERVICE_UNAVAILABLE')

    h.fake.clock.setFactor(1) // a real-time boot: 45 s
    try {
      expect((await h.call('POST', `/api/vcenter/vm/${vm}/power?action=start`)).status).toBe(204)
      expect((await h.call('GET', `/api/vcenter/vm/${vm}/power`)).body).toEqual({ state: 'POWERED_ON' })
      const booting = await h.call('GET', `/api/vcenter/vm/${vm}/guest/identity`)
      expect(booting.status).toBe(503)
      expect(booting.body.messages[0].default_message).toContain('VMware Tools')
    } finally {
      h.fake.clock.setFactor(1000) // the boot under way shrinks to a few ms
    }
    expect((await identity(vm)).ip_address).toMatch(/^10\.10\.100\./)
  })

  it('gives a static address from a stored customization spec named in the clone', async () => {
    const spec = {
      name: 'static-10-20-0-15',
      description: 'fixed address for one node',
      spec: {
        configuration_spec: { linux_config: { hostname: { type: 'FIXED', fixed_name: 'cp-0' }, domain: 'lab.local' } },
        global_DNS_settings: { dns_servers: ['10.20.0.2'] },
        interfaces: [
          { adapter: { ipv4: { type: 'STATIC', ip_address: '10.20.0.15', prefix: 24, gateways: ['10.20.0.1'] } } },
        ],
      },
    }
    const created = await h.call('POST', '/api/vcenter/guest/customization-specs', spec)
    expect(created.status).toBe(201)
    expect(created.body).toBe('static-10-20-0-15')
    expect((await h.call('POST', '/api/vcenter/guest/customization-specs', spec)).body.error_type).toBe(
      'ALREADY_EXISTS',
    )

    const vm = (
      await h.call(
        'POST',
        '/api/vcenter/vm?action=clone',
        cloneSpec('static-node', { guest_customization_spec: { name: spec.name } }),
      )
    ).body
    const guest = await identity(vm)
    expect(guest).toMatchObject({ ip_address: '10.20.0.15', host_name: 'cp-0' })
  })

  it('applies a customization to a powered-off clone with PUT guest/customization, then boots with that address', async () => {
    const vm = (await h.call('POST', '/api/vcenter/vm?action=clone', cloneSpec('static-node-2', { power_on: false })))
      .body
    expect((await h.call('GET', `/api/vcenter/vm/${vm}/power`)).body).toEqual({
      state: 'POWERED_OFF',
      clean_power_off: true,
    })
    const put = await h.call('PUT', `/api/vcenter/vm/${vm}/guest/customization`, {
      spec: {
        interfaces: [
          { adapter: { ipv4: { type: 'STATIC', ip_address: '10.20.0.16', prefix: 24, gateways: ['10.20.0.1'] } } },
        ],
      },
    })
    expect(put.status).toBe(204)
    expect((await h.call('POST', `/api/vcenter/vm/${vm}/power?action=start`)).status).toBe(204)
    expect((await identity(vm)).ip_address).toBe('10.20.0.16')
    // Customizing a running VM is refused, as vCenter does.
    const again = await h.call('PUT', `/api/vcenter/vm/${vm}/guest/customization`, { spec: { interfaces: [] } })
    expect(again.body.error_type).toBe('NOT_ALLOWED_IN_CURRENT_STATE')
  })

  it('deploys from a vm-template library item with a task, and the task reports the new VM', async () => {
    const res = await h.call('POST', `/api/vcenter/vm-template/library-items/${inv.item}?action=deploy&vmw-task=true`, {
      name: 'deployed-node',
      placement: { folder: inv.folder, cluster: inv.cluster3 },
      vm_home_storage: { datastore: inv.vsan },
      powered_on: true,
    })
    expect(res.status).toBe(202)
    const task = res.body as string
    const done = await h.until(async () => {
      const t = await h.call('GET', `/api/cis/tasks/${task}`)
      return t.body.status === 'SUCCEEDED' ? t.body : undefined
    })
    expect(done.result).toMatch(/^vm-/)
    expect(done.operation).toBe('deploy')
    const vms = await h.call('GET', `/api/vcenter/vm?clusters=${inv.cluster3}`)
    expect(vms.body.map((v: any) => v.name)).toEqual(['deployed-node'])
  })

  it('deploys with hardware_customization: CPUs, memory and a grown disk show in GET /api/vcenter/vm/{vm}', async () => {
    const GiB = 1024 ** 3
    const res = await h.call('POST', `/api/vcenter/vm-template/library-items/${inv.item}?action=deploy`, {
      name: 'sized-node',
      placement: { folder: inv.folder, resource_pool: inv.pool },
      vm_home_storage: { datastore: inv.vsan },
      hardware_customization: {
        cpu_update: { num_cpus: 4, num_cores_per_socket: 2 },
        memory_update: { memory: 8192 },
        disks_to_update: { '2000': { capacity: 100 * GiB } },
      },
    })
    expect(res.status).toBe(200)
    const info = (await h.call('GET', `/api/vcenter/vm/${res.body}`)).body
    expect(info).toMatchObject({ cpu: { count: 4 }, memory: { size_MiB: 8192 } })
    expect(info.disks['2000'].capacity).toBe(100 * GiB)
    const listed = (await h.call('GET', `/api/vcenter/vm?names=sized-node`)).body
    expect(listed).toEqual([
      { vm: res.body, name: 'sized-node', power_state: 'POWERED_OFF', cpu_count: 4, memory_size_MiB: 8192 },
    ])
    // The template itself is unchanged.
    expect((await h.call('GET', `/api/vcenter/vm-template/library-items/${inv.item}`)).body).toMatchObject({
      cpu: { count: 2 },
      memory: { size_MiB: 4096 },
    })
  })

  it('refuses bad hardware_customization like vCenter (400 INVALID_ARGUMENT) and creates nothing', async () => {
    const deploy = (name: string, hardware_customization: unknown) =>
      h.call('POST', `/api/vcenter/vm-template/library-items/${inv.item}?action=deploy`, {
        name,
        placement: { folder: inv.folder, resource_pool: inv.pool },
        vm_home_storage: { datastore: inv.vsan },
        hardware_customization,
      })
    const memory = await deploy('bad-mem', { memory_update: { memory: 4098 } })
    expect(memory.status).toBe(400)
    expect(memory.body).toEqual({
      error_type: 'INVALID_ARGUMENT',
      messages: [
        {
          id: 'com.vmware.vapi.std.errors.invalid_argument',
          default_message: expect.stringContaining('positive multiple of 4 MB'),
          args: [],
        },
      ],
    })
    expect((await deploy('bad-mem-0', { memory_update: { memory: 0 } })).body.error_type).toBe('INVALID_ARGUMENT')
    const cpus = await deploy('bad-cpu', { cpu_update: { num_cpus: 0 } })
    expect(cpus.body.error_type).toBe('INVALID_ARGUMENT')
    const sockets = await deploy('bad-sockets', { cpu_update: { num_cpus: 6, num_cores_per_socket: 4 } })
    expect(sockets.body.error_type).toBe('INVALID_ARGUMENT')
    const shrink = await deploy('bad-disk', { disks_to_update: { '2000': { capacity: 10 * 1024 ** 3 } } })
    expect(shrink.status).toBe(400)
    expect(shrink.body.error_type).toBe('INVALID_ARGUMENT')
    expect(shrink.body.messages[0].default_message).toContain('cannot shrink')
    expect((await deploy('bad-disk-id', { disks_to_update: { '2001': { capacity: 1 } } })).status).toBe(404)
    const names = (await h.call('GET', '/api/vcenter/vm')).body.map((v: any) => v.name)
    expect(names.filter((n: string) => n.startsWith('bad-'))).toEqual([])
  })

  it('refuses to delete a running VM, then deletes it once powered off', async () => {
    const vm = (await h.call('POST', '/api/vcenter/vm?action=clone', cloneSpec('to-delete'))).body
    const refused = await h.call('DELETE', `/api/vcenter/vm/${vm}`)
    expect(refused.status).toBe(400)
    expect(refused.body.error_type).toBe('NOT_ALLOWED_IN_CURRENT_STATE')

    expect((await h.call('POST', `/api/vcenter/vm/${vm}/power?action=stop`)).status).toBe(204)
    const again = await h.call('POST', `/api/vcenter/vm/${vm}/power?action=stop`)
    expect(again.body.error_type).toBe('ALREADY_IN_DESIRED_STATE')
    expect((await h.call('DELETE', `/api/vcenter/vm/${vm}`)).status).toBe(204)
    const gone = await h.call('GET', `/api/vcenter/vm/${vm}`)
    expect(gone.status).toBe(404)
    expect(gone.body.error_type).toBe('NOT_FOUND')
  })

  it('refuses a second VM with the same name in the same folder with ALREADY_EXISTS', async () => {
    await h.call('POST', '/api/vcenter/vm?action=clone&vmw-task=true', cloneSpec('twin'))
    // The first clone is still running: its name is already taken.
    const dup = await h.call('POST', '/api/vcenter/vm?action=clone', cloneSpec('twin'))
    expect(dup.status).toBe(400)
    expect(dup.body.error_type).toBe('ALREADY_EXISTS')
  })

  it('refuses a clone when the datastore has no room left (UNABLE_TO_ALLOCATE_RESOURCE)', async () => {
    // datastore1 has 120 GiB free and the gateway template's disk is 60 GiB: two clones fit, the third does not.
    const onDs1 = (name: string) =>
      cloneSpec(name, {
        source: inv.gatewayTemplate,
        power_on: false,
        placement: { folder: inv.folder, cluster: inv.cluster1, datastore: inv.ds1 },
      })
    expect((await h.call('POST', '/api/vcenter/vm?action=clone', onDs1('fill-1'))).status).toBe(200)
    expect((await h.call('POST', '/api/vcenter/vm?action=clone', onDs1('fill-2'))).status).toBe(200)
    const full = await h.call('POST', '/api/vcenter/vm?action=clone', onDs1('fill-3'))
    expect(full.status).toBe(400)
    expect(full.body.error_type).toBe('UNABLE_TO_ALLOCATE_RESOURCE')
    expect((await h.call('GET', `/api/vcenter/datastore/${inv.ds1}`)).body.free_space).toBe(0)
    // A datastore the cluster does not mount is an invalid placement.
    const wrong = await h.call('POST', '/api/vcenter/vm?action=clone', {
      ...onDs1('elsewhere'),
      placement: { folder: inv.folder, cluster: inv.cluster3, datastore: inv.ds1 },
    })
    expect(wrong.body.error_type).toBe('INVALID_ARGUMENT')
  })

  it('answers NOT_FOUND for an unknown clone source, folder or customization spec', async () => {
    const source = await h.call('POST', '/api/vcenter/vm?action=clone', { ...cloneSpec('x'), source: 'vm-424242' })
    expect(source.status).toBe(404)
    const folder = await h.call(
      'POST',
      '/api/vcenter/vm?action=clone',
      cloneSpec('x', { placement: { folder: 'group-v999' } }),
    )
    expect(folder.body.error_type).toBe('NOT_FOUND')
    const spec = await h.call(
      'POST',
      '/api/vcenter/vm?action=clone',
      cloneSpec('x', { guest_customization_spec: { name: 'nope' } }),
    )
    expect(spec.body.error_type).toBe('NOT_FOUND')
    expect((await h.call('POST', '/api/vcenter/vm/vm-424242/power?action=start')).status).toBe(404)
  })

  it('lets the read-only user browse but not clone (403 UNAUTHORIZED)', async () => {
    const session = (await h.login(h.readOnly)).body
    expect((await h.call('GET', '/api/vcenter/vm', undefined, session)).status).toBe(200)
    const clone = await h.call('POST', '/api/vcenter/vm?action=clone', cloneSpec('ro-clone'), session)
    expect(clone.status).toBe(403)
    expect(clone.body.error_type).toBe('UNAUTHORIZED')
  })

  it('shows API-created VMs, not seeded ones, in the admin resources with name and state', async () => {
    const res = await fetch(`${h.fake.adminUrl}/resources?cloud=vsphere&type=vcenter.vm&includeSeeded=false`)
    const resources = (await res.json()) as Array<{ name: string; state: string }>
    expect(resources.find((r) => r.name === 'dhcp-node-1')?.state).toBe('POWERED_ON')
    expect(resources.some((r) => r.name === 'ubuntu-22.04-k8s-1.30')).toBe(false)
  })
})
