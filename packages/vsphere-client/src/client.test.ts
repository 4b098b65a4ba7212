import { readdir, readFile } from 'node:fs/promises'
import { type FakeClouds, startFakeClouds } from '@console/fake-clouds'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { isVcenterError, VcenterClient, VcenterError } from './index.ts'

describe('VcenterClient against the fake vCenter', () => {
  let fake: FakeClouds
  let admin: { username: string; password: string }
  let readOnly: { username: string; password: string }
  let client: VcenterClient
  /** Every request the main client sent, as `METHOD /path`. */
  const sent: string[] = []

  beforeAll(async () => {
    fake = await startFakeClouds({ port: 0, timeScale: 1000 })
    const users = fake.accounts.filter((a) => a.cloud === 'vsphere')
    const a = users.find((u) => u.note.startsWith('full'))!
    const r = users.find((u) => u.note.startsWith('read-only'))!
    admin = { username: a.id, password: a.secret }
    readOnly = { username: r.id, password: r.secret }
    client = new VcenterClient({
      endpoint: fake.endpoints.vsphere.endpoint,
      ...admin,
      fetch: (input, init) => {
        sent.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`)
        return fetch(input, init)
      },
    })
  })
  afterEach(() => fetch(`${fake.adminUrl}/faults`, { method: 'DELETE' }))
  afterAll(() => fake.close())

  /** The placement the PCG would be configured with: Cluster1, the palette pool, vsanDatastore, folder spectro/pcg. */
  async function pcgPlacement() {
    const [dc] = await client.listDatacenters()
    const [cluster] = await client.listClusters({ datacenter: dc!.id, names: ['Cluster1'] })
    const [pool] = await client.listResourcePools({ cluster: cluster!.id, names: ['palette'] })
    const [datastore] = await client.listDatastores({ names: ['vsanDatastore'] })
    const folder = await client.resolveVmFolder('/Datacenter/vm/spectro/pcg')
    return { folder: folder.id, cluster: cluster!.id, resourcePool: pool!.id, datastore: datastore!.id }
  }

  async function template(name: string) {
    const t = (await client.listTemplates()).find((x) => x.name === name)
    if (!t) throw new Error(`no template ${name}`)
    return t
  }

  it('validates credentials and refuses a wrong password with a typed UNAUTHENTICATED error', async () => {
    expect(await client.validateCredentials()).toEqual({ user: admin.username })
    expect(await client.getVersion()).toMatchObject({ product: 'VMware vCenter Server', version: '8.0.2' })
    const bad = new VcenterClient({
      endpoint: fake.endpoints.vsphere.endpoint,
      username: admin.username,
      password: 'wrong',
    })
    const err = await bad.listDatacenters().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(VcenterError)
    expect(err).toMatchObject({ errorType: 'UNAUTHENTICATED', status: 401, operation: 'POST /api/session' })
    expect(String((err as Error).message)).not.toContain('wrong')
  })

  it('lists the inventory as plain typed objects', async () => {
    const [dc] = await client.listDatacenters()
    expect(dc).toEqual({ id: expect.stringMatching(/^datacenter-/), name: 'Datacenter' })
    const clusters = await client.listClusters({ datacenter: dc!.id })
    expect(clusters.map((c) => c.name)).toEqual(['Cluster1', 'Cluster2', 'Cluster3'])
    expect(clusters[0]).toMatchObject({ drsEnabled: true, haEnabled: true })
    const hosts = await client.listHosts({ cluster: clusters[0]!.id })
    expect(hosts.map((h) => h.name)).toEqual(['esxi-01.lab.local', 'esxi-02.lab.local'])
    const datastores = await client.listDatastores({ datacenter: dc!.id })
    expect(datastores.find((d) => d.name === 'datastore1')).toMatchObject({
      type: 'VMFS',
      capacityBytes: 200 * 1024 ** 3,
    })
    const networks = await client.listNetworks({ datacenter: dc!.id })
    expect(networks.map((n) => `${n.name}:${n.type}`)).toEqual([
      'VM Network:STANDARD_PORTGROUP',
      'k8s-network:DISTRIBUTED_PORTGROUP',
    ])
    const pools = await client.listResourcePools({ cluster: clusters[0]!.id })
    expect(pools.map((p) => p.name)).toEqual(['Resources', 'palette'])
  })

  it('lists VM folders with their paths and resolves a path to a folder', async () => {
    const [dc] = await client.listDatacenters()
    const paths = (await client.listVmFolderPaths(dc!.id)).map((f) => f.path)
    expect(paths).toEqual([
      '/Datacenter/vm',
      '/Datacenter/vm/spectro',
      '/Datacenter/vm/discovered virtual machine',
      '/Datacenter/vm/spectro/pcg',
      '/Datacenter/vm/spectro/clusters',
    ])
    const pcg = await client.resolveVmFolder('/Datacenter/vm/spectro/pcg')
    expect(pcg).toMatchObject({ name: 'pcg', type: 'VIRTUAL_MACHINE', id: expect.stringMatching(/^group-v/) })
    const missing = await client.resolveVmFolder('/Datacenter/vm/nope').catch((e: unknown) => e)
    expect(isVcenterError(missing, 'NOT_FOUND')).toBe(true)
  })

  it('lists the content library VM templates with their inventory ids', async () => {
    const templates = await client.listTemplates()
    expect(templates.map((t) => t.name).sort()).toEqual([
      'spectro-pcg-gateway-4.6',
      'ubuntu-20.04-k8s-1.29',
      'ubuntu-20.04-k8s-1.30',
      'ubuntu-20.04-k8s-1.31',
      'ubuntu-22.04-k8s-1.29',
      'ubuntu-22.04-k8s-1.30',
      'ubuntu-22.04-k8s-1.31',
    ])
    expect(templates[0]).toMatchObject({
      libraryName: 'spectro-templates',
      vmTemplateId: expect.stringMatching(/^vm-/),
      guestOS: 'UBUNTU_64',
      cpuCount: 2,
      memoryMiB: 4096,
    })
  })

  it('clones a template with DHCP, waits for the guest IP and finds the VM by name prefix', async () => {
    const placement = await pcgPlacement()
    const t = await template('spectro-pcg-gateway-4.6')
    const vm = await client.cloneVm({
      pollIntervalMs: 20,
      name: 'pcg-a1-dhcp-0',
      source: t.vmTemplateId,
      placement,
      powerOn: true,
    })
    expect(vm).toMatch(/^vm-/)
    const ip = await client.waitForGuestIp(vm, { intervalMs: 20, timeoutMs: 5000 })
    expect(ip).toMatch(/^10\.10\.100\.\d+$/)
    const details = await client.getVm(vm)
    expect(details).toMatchObject({ name: 'pcg-a1-dhcp-0', powerState: 'POWERED_ON', cpuCount: 2, memoryMiB: 4096 })
    expect(details.networks).toHaveLength(1)
    const found = await client.findVmsByPrefix('pcg-a1-', { folders: [placement.folder] })
    expect(found.map((v) => v.id)).toEqual([vm])
  })

  it('clones with a static IP that the guest reports exactly, and removes the temporary customization spec', async () => {
    const placement = await pcgPlacement()
    const t = await template('spectro-pcg-gateway-4.6')
    const vm = await client.cloneVm({
      pollIntervalMs: 20,
      name: 'pcg-a1-static-0',
      source: t.vmTemplateId,
      placement,
      powerOn: true,
      staticIp: { ipAddress: '10.10.183.21', prefix: 24, gateways: ['10.10.183.1'], dnsServers: ['8.8.8.8'] },
    })
    expect(await client.waitForGuestIp(vm, { intervalMs: 20, timeoutMs: 5000 })).toBe('10.10.183.21')
    expect((await client.getGuestIdentity(vm))?.hostName).toBe('pcg-a1-static-0')
    const specs = fake.store.list({ cloud: 'vsphere', type: 'vcenter.customization-spec' })
    expect(specs).toEqual([])
  })

  it('deploys from a library item with a static IP', async () => {
    const placement = await pcgPlacement()
    const t = await template('ubuntu-22.04-k8s-1.30')
    const vm = await client.deployTemplate({
      pollIntervalMs: 20,
      name: 'c1-cp-0',
      libraryItemId: t.libraryItemId,
      placement,
      powerOn: true,
      staticIp: { ipAddress: '10.10.183.30', prefix: 24, hostName: 'c1-cp-0.lab' },
    })
    expect(await client.waitForGuestIp(vm, { intervalMs: 20, timeoutMs: 5000 })).toBe('10.10.183.30')
  })

  it('deploys with other hardware than the template (hardware_customization); vCenter refuses a bad memory size', async () => {
    const placement = await pcgPlacement()
    const t = await template('ubuntu-22.04-k8s-1.30')
    expect(t.disks).toEqual([{ id: '2000', capacityBytes: 20 * 1024 ** 3 }])
    const vm = await client.deployTemplate({
      pollIntervalMs: 20,
      name: 'c1-w-0',
      libraryItemId: t.libraryItemId,
      placement,
      hardware: { cpuCount: 6, memoryMiB: 12288, diskCapacityBytes: { '2000': 120 * 1024 ** 3 } },
    })
    expect(await client.getVm(vm)).toMatchObject({ cpuCount: 6, memoryMiB: 12288, diskCapacityBytes: 120 * 1024 ** 3 })
    const refused = await client
      .deployTemplate({ name: 'c1-w-1', libraryItemId: t.libraryItemId, placement, hardware: { memoryMiB: 1000 + 1 } })
      .catch((e: unknown) => e)
    expect(refused).toMatchObject({ errorType: 'INVALID_ARGUMENT', status: 400 })
  })

  it('powers off and deletes, idempotently', async () => {
    const placement = await pcgPlacement()
    const t = await template('ubuntu-22.04-k8s-1.30')
    const vm = await client.cloneVm({
      pollIntervalMs: 20,
      name: 'to-remove',
      source: t.vmTemplateId,
      placement,
      powerOn: true,
    })
    const refused = await client.deleteVm(vm).catch((e: unknown) => e)
    expect(refused).toMatchObject({ errorType: 'NOT_ALLOWED_IN_CURRENT_STATE', status: 400 })
    await client.powerOff(vm)
    await client.powerOff(vm) // already off: no error
    expect(await client.getPowerState(vm)).toBe('POWERED_OFF')
    expect(await client.deleteVm(vm)).toBe(true)
    expect(await client.deleteVm(vm)).toBe(false)
    const second = await client.cloneVm({
      pollIntervalMs: 20,
      name: 'to-remove-2',
      source: t.vmTemplateId,
      placement,
      powerOn: true,
    })
    expect(await client.deleteVm(second, { powerOffFirst: true })).toBe(true)
    expect(await client.listVms({ names: ['to-remove', 'to-remove-2'] })).toEqual([])
  })

  it('reads zone tags and finds the VMs it tagged', async () => {
    const [cluster] = await client.listClusters({ names: ['Cluster3'] })
    const zone = await client.listAttachedTags({ type: 'ClusterComputeResource', id: cluster!.id })
    expect(zone).toEqual([
      {
        id: expect.stringMatching(/^urn:vmomi:/),
        name: 'az3',
        categoryId: expect.any(String),
        categoryName: 'k8s-zone',
      },
    ])

    const owner = await client.ensureTag({
      category: 'spectro-pcg',
      tag: 'pcg-b2',
      associableTypes: ['VirtualMachine'],
    })
    expect(await client.ensureTag({ category: 'spectro-pcg', tag: 'pcg-b2' })).toBe(owner) // idempotent
    const placement = await pcgPlacement()
    const t = await template('spectro-pcg-gateway-4.6')
    const vm = await client.cloneVm({ pollIntervalMs: 20, name: 'pcg-b2-0', source: t.vmTemplateId, placement })
    await client.cloneVm({ pollIntervalMs: 20, name: 'someone-else', source: t.vmTemplateId, placement })
    await client.attachTag(owner, { type: 'VirtualMachine', id: vm })
    expect((await client.findVmsByTag(owner)).map((v) => v.name)).toEqual(['pcg-b2-0'])
    await client.detachTag(owner, { type: 'VirtualMachine', id: vm })
    expect(await client.findVmsByTag(owner)).toEqual([])
  })

  it('throws typed errors: ALREADY_EXISTS for a taken name, UNAUTHORIZED for the read-only user', async () => {
    const placement = await pcgPlacement()
    const t = await template('ubuntu-22.04-k8s-1.30')
    await client.cloneVm({ pollIntervalMs: 20, name: 'same-name', source: t.vmTemplateId, placement })
    const dup = await client
      .cloneVm({ pollIntervalMs: 20, name: 'same-name', source: t.vmTemplateId, placement })
      .catch((e: unknown) => e)
    expect(dup).toMatchObject({ errorType: 'ALREADY_EXISTS', status: 400 })

    const ro = new VcenterClient({ endpoint: fake.endpoints.vsphere.endpoint, ...readOnly })
    expect((await ro.listDatacenters()).length).toBe(1)
    const denied = await ro
      .cloneVm({ pollIntervalMs: 20, name: 'ro', source: t.vmTemplateId, placement })
      .catch((e: unknown) => e)
    expect(denied).toMatchObject({ errorType: 'UNAUTHORIZED', status: 403 })
  })

  it('renews the session when vCenter drops it, transparently', async () => {
    await client.listDatacenters()
    const loginsBefore = sent.filter((s) => s === 'POST /api/session').length
    for (const s of fake.store.list({ cloud: 'vsphere', type: 'vcenter.session' })) fake.store.remove(s)
    const [dc] = await client.listDatacenters()
    expect(dc?.name).toBe('Datacenter')
    expect(sent.filter((s) => s === 'POST /api/session').length).toBe(loginsBefore + 1)
    // Reused afterwards, not a login per call.
    await client.listClusters()
    expect(sent.filter((s) => s === 'POST /api/session').length).toBe(loginsBefore + 1)
  })

  it('shares one login between concurrent first calls, and logs in again after logout', async () => {
    const logins: string[] = []
    const fresh = new VcenterClient({
      endpoint: fake.endpoints.vsphere.endpoint,
      ...admin,
      fetch: (input, init) => {
        if (init?.method === 'POST' && String(input).endsWith('/api/session')) logins.push('login')
        return fetch(input, init)
      },
    })
    const results = await Promise.all([
      fresh.listDatacenters(),
      fresh.listClusters(),
      fresh.listNetworks(),
      fresh.listHosts(),
    ])
    expect(results.map((r) => r.length)).toEqual([1, 3, 2, 5])
    expect(logins).toHaveLength(1)
    const sessions = () => fake.store.list({ cloud: 'vsphere', type: 'vcenter.session' }).length
    const before = sessions()
    await fresh.logout()
    expect(sessions()).toBe(before - 1) // the session was ended on the vCenter side too
    expect((await fresh.listDatacenters()).length).toBe(1)
    expect(logins).toHaveLength(2)
  })

  it('gives up with CLIENT_TIMEOUT when a clone is stuck or the guest never reports an IP', async () => {
    const placement = await pcgPlacement()
    const t = await template('ubuntu-22.04-k8s-1.30')
    await fetch(`${fake.adminUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { cloud: 'vsphere', action: 'CloneVm', stuck: true },
        { cloud: 'vsphere', action: 'PowerOnVm', stuck: true },
      ]),
    })
    const stuck = await client
      .cloneVm({ name: 'never-done', source: t.vmTemplateId, placement, timeoutMs: 300 })
      .catch((e: unknown) => e)
    expect(stuck).toMatchObject({ errorType: 'CLIENT_TIMEOUT', status: 0 })

    await fetch(`${fake.adminUrl}/faults`, { method: 'DELETE' })
    await fetch(`${fake.adminUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cloud: 'vsphere', action: 'PowerOnVm', stuck: true }),
    })
    const vm = await client.cloneVm({
      pollIntervalMs: 20,
      name: 'no-ip',
      source: t.vmTemplateId,
      placement,
      powerOn: true,
    })
    const noIp = await client.waitForGuestIp(vm, { timeoutMs: 300, intervalMs: 20 }).catch((e: unknown) => e)
    expect(noIp).toMatchObject({ errorType: 'CLIENT_TIMEOUT' })
  })

  it('passes an injected vCenter error through with its type and status', async () => {
    await fetch(`${fake.adminUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cloud: 'vsphere', action: 'ListClusters', errorCode: 'SERVICE_UNAVAILABLE' }),
    })
    const err = await client.listClusters().catch((e: unknown) => e)
    expect(err).toMatchObject({ errorType: 'SERVICE_UNAVAILABLE', status: 503, operation: 'GET /api/vcenter/cluster' })
  })

  it('reports an unreachable vCenter as CONNECTION_FAILED', async () => {
    const nowhere = new VcenterClient({ endpoint: 'http://127.0.0.1:9', username: 'u', password: 'p' })
    const err = await nowhere.listDatacenters().catch((e: unknown) => e)
    expect(err).toMatchObject({ errorType: 'CONNECTION_FAILED', status: 0 })
  })

  it('imports nothing from Node in its runtime code (the agent may run it anywhere fetch exists)', async () => {
    const dir = new URL('./', import.meta.url)
    const files = (await readdir(dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    expect(files.length).toBeGreaterThan(3)
    for (const f of files) {
      const text = await readFile(new URL(f, dir), 'utf8')
      expect(text, f).not.toMatch(/from '(node:|fs|path|http|https|crypto|buffer)/)
      expect(text, f).not.toMatch(/\bBuffer\./)
    }
  })
})
