import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startVcenterHarness, type VcenterHarness } from './test-helpers.ts'

describe('fake vCenter inventory', () => {
  let h: VcenterHarness
  let dc: string
  beforeAll(async () => {
    h = await startVcenterHarness()
    dc = (await h.call('GET', '/api/vcenter/datacenter')).body[0].datacenter
  })
  afterAll(() => h.fake.close())

  it('lists datacenters and gets one with its four system folders', async () => {
    const list = await h.call('GET', '/api/vcenter/datacenter')
    expect(list.status).toBe(200)
    expect(list.body).toEqual([{ datacenter: expect.stringMatching(/^datacenter-\d+$/), name: 'Datacenter' }])
    const one = await h.call('GET', `/api/vcenter/datacenter/${dc}`)
    expect(one.body).toMatchObject({ name: 'Datacenter', vm_folder: expect.stringMatching(/^group-v/) })
    expect(one.body.host_folder).toMatch(/^group-h/)
    expect((await h.call('GET', '/api/vcenter/datacenter?names=Nope')).body).toEqual([])
  })

  it('lists clusters, filters by name and datacenter, and gets one with its root resource pool', async () => {
    const all = await h.call('GET', `/api/vcenter/cluster?datacenters=${dc}`)
    expect(all.body.map((c: any) => c.name)).toEqual(['Cluster1', 'Cluster2', 'Cluster3'])
    expect(all.body[0]).toMatchObject({
      cluster: expect.stringMatching(/^domain-c\d+$/),
      ha_enabled: true,
      drs_enabled: true,
    })
    const two = await h.call('GET', '/api/vcenter/cluster?names=Cluster1&names=Cluster3')
    expect(two.body.map((c: any) => c.name)).toEqual(['Cluster1', 'Cluster3'])
    const one = await h.call('GET', `/api/vcenter/cluster/${all.body[0].cluster}`)
    expect(one.body.name).toBe('Cluster1')
    const pool = await h.call('GET', `/api/vcenter/resource-pool/${one.body.resource_pool}`)
    expect(pool.body.name).toBe('Resources')
    expect(pool.body.resource_pools).toHaveLength(1)
  })

  it('lists hosts per cluster with their connection and power state', async () => {
    const cluster1 = (await h.call('GET', '/api/vcenter/cluster?names=Cluster1')).body[0].cluster
    const hosts = await h.call('GET', `/api/vcenter/host?clusters=${cluster1}`)
    expect(hosts.body).toEqual([
      {
        host: expect.stringMatching(/^host-/),
        name: 'esxi-01.lab.local',
        connection_state: 'CONNECTED',
        power_state: 'POWERED_ON',
      },
      {
        host: expect.stringMatching(/^host-/),
        name: 'esxi-02.lab.local',
        connection_state: 'CONNECTED',
        power_state: 'POWERED_ON',
      },
    ])
    expect((await h.call('GET', '/api/vcenter/host')).body).toHaveLength(5)
  })

  it('lists datastores with capacity and free space from the fixture, and gets one', async () => {
    const list = await h.call('GET', '/api/vcenter/datastore')
    const small = list.body.find((d: any) => d.name === 'datastore1')
    expect(small).toMatchObject({ type: 'VMFS', capacity: 200 * 1024 ** 3, free_space: 120 * 1024 ** 3 })
    expect((await h.call('GET', '/api/vcenter/datastore?types=VSAN')).body.map((d: any) => d.name)).toEqual([
      'vsanDatastore',
    ])
    const one = await h.call('GET', `/api/vcenter/datastore/${small.datastore}`)
    expect(one.body).toMatchObject({ name: 'datastore1', accessible: true, free_space: 120 * 1024 ** 3 })
  })

  it('lists networks with their port group type', async () => {
    const list = await h.call('GET', '/api/vcenter/network')
    expect(list.body).toEqual([
      { network: expect.stringMatching(/^network-/), name: 'VM Network', type: 'STANDARD_PORTGROUP' },
      { network: expect.stringMatching(/^dvportgroup-/), name: 'k8s-network', type: 'DISTRIBUTED_PORTGROUP' },
    ])
    expect((await h.call('GET', '/api/vcenter/network?names=k8s-network')).body).toHaveLength(1)
  })

  it('lists resource pools per cluster, including the palette pool', async () => {
    const cluster2 = (await h.call('GET', '/api/vcenter/cluster?names=Cluster2')).body[0].cluster
    const pools = await h.call('GET', `/api/vcenter/resource-pool?clusters=${cluster2}`)
    expect(pools.body.map((p: any) => p.name)).toEqual(['Resources', 'palette'])
    const palette = await h.call('GET', '/api/vcenter/resource-pool?names=palette')
    expect(palette.body).toHaveLength(2)
  })

  it('lists VM folders with type=VIRTUAL_MACHINE and filters by parent folder', async () => {
    const vmFolders = await h.call('GET', '/api/vcenter/folder?type=VIRTUAL_MACHINE')
    expect(vmFolders.body.map((f: any) => f.name)).toEqual([
      'vm',
      'spectro',
      'pcg',
      'clusters',
      'discovered virtual machine',
    ])
    const spectro = vmFolders.body.find((f: any) => f.name === 'spectro').folder
    const children = await h.call('GET', `/api/vcenter/folder?parent_folders=${spectro}`)
    expect(children.body.map((f: any) => f.name)).toEqual(['pcg', 'clusters'])
    const bad = await h.call('GET', '/api/vcenter/folder?type=SOMETHING')
    expect(bad.status).toBe(400)
    expect(bad.body.error_type).toBe('INVALID_ARGUMENT')
  })

  it('publishes the templates in a content library and as vm-template items', async () => {
    const libs = await h.call('GET', '/api/content/library')
    expect(libs.body).toHaveLength(1)
    const lib = await h.call('GET', `/api/content/library/${libs.body[0]}`)
    expect(lib.body).toMatchObject({ name: 'spectro-templates', type: 'LOCAL' })
    const items = await h.call('GET', `/api/content/library/item?library_id=${libs.body[0]}`)
    const infos = await Promise.all(items.body.map((id: string) => h.call('GET', `/api/content/library/item/${id}`)))
    expect(infos.map((i) => i.body.name).sort()).toEqual([
      'spectro-pcg-gateway-4.6',
      'ubuntu-20.04-k8s-1.29',
      'ubuntu-20.04-k8s-1.30',
      'ubuntu-20.04-k8s-1.31',
      'ubuntu-22.04-k8s-1.29',
      'ubuntu-22.04-k8s-1.30',
      'ubuntu-22.04-k8s-1.31',
    ])
    expect(infos.every((i) => i.body.type === 'vm-template')).toBe(true)
    const found = await h.call('POST', '/api/content/library/item?action=find', { name: 'ubuntu-22.04-k8s-1.30' })
    expect(found.body).toHaveLength(1)
    const template = await h.call('GET', `/api/vcenter/vm-template/library-items/${found.body[0]}`)
    expect(template.body).toMatchObject({ guest_OS: 'UBUNTU_64', cpu: { count: 2 }, memory: { size_MiB: 4096 } })
    expect(template.body.vm_template).toMatch(/^vm-/)
    // Templates are not VMs: GET /api/vcenter/vm leaves them out.
    expect((await h.call('GET', '/api/vcenter/vm')).body).toEqual([])
  })

  it('answers 404 NOT_FOUND for unknown ids and OPERATION_NOT_FOUND for unknown paths', async () => {
    for (const path of [
      '/api/vcenter/datacenter/datacenter-999',
      '/api/vcenter/cluster/domain-c999',
      '/api/vcenter/datastore/datastore-999',
      '/api/vcenter/resource-pool/resgroup-999',
      '/api/vcenter/vm/vm-999',
      '/api/content/library/item/00000000-0000-0000-0000-000000000000',
    ]) {
      const res = await h.call('GET', path)
      expect(res.status, path).toBe(404)
      expect(res.body.error_type, path).toBe('NOT_FOUND')
      expect(res.body.messages[0].default_message).toContain(path.split('/').at(-1))
    }
    const unknown = await h.call('GET', '/api/vcenter/nothing-here')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error_type).toBe('OPERATION_NOT_FOUND')
  })
})
