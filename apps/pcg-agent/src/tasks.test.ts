import type { GatewayTask, VmSpec } from '@console/contracts'
import { type FakeClouds, startFakeClouds } from '@console/fake-clouds'
import { VcenterClient } from '@console/vsphere-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OutboundHttp } from './proxy.ts'
import { runTask, type TaskContext, TaskError } from './tasks.ts'

describe('task handlers against the fake vCenter', () => {
  let fake: FakeClouds
  let http: OutboundHttp
  const admin = { username: 'administrator@vsphere.local', password: 'VMware1!-fake', insecure: false }
  const readonly = { username: 'readonly@vsphere.local', password: 'ReadOnly1!-fake', insecure: false }
  let events: string[]

  beforeAll(async () => {
    fake = await startFakeClouds({ port: 0, timeScale: 1000 })
    http = new OutboundHttp(undefined)
  })
  afterAll(async () => {
    await http.close()
    await fake.close()
  })

  function ctx(): TaskContext {
    events = []
    return {
      signal: new AbortController().signal,
      nodeTemplate: 'spectro-pcg-gateway-4.6',
      vcenterFetch: (insecure) => http.fetch({ insecure }),
      timeouts: { pollIntervalMs: 20, cloneMs: 15_000, guestIpMs: 15_000 },
      event: async (message) => {
        events.push(message)
      },
    }
  }
  const vcenter = (user = admin) => ({ vcenterServer: fake.endpoints.vsphere.endpoint, ...user })
  const run = (task: GatewayTask) => runTask(task, ctx())
  const failure = (task: GatewayTask) =>
    runTask(task, ctx()).then(
      () => undefined,
      (e: unknown) => e,
    )

  const placement = {
    datacenter: 'Datacenter',
    computecluster: 'Cluster1',
    datastore: 'vsanDatastore',
    network: 'VM Network',
    resourcePool: 'palette',
    folder: '/Datacenter/vm/spectro/pcg',
  }
  const node = (name: string, extra: Partial<VmSpec> = {}): VmSpec => ({
    name,
    placement,
    cpu: 2,
    memoryMiB: 4096,
    diskGiB: 60,
    sshKeys: [],
    ntpServers: [],
    ...extra,
  })

  it('vcenter.validate answers the version, and InvalidCredentials for a wrong password', async () => {
    expect(await run({ id: 't1', kind: 'vcenter.validate', payload: { vcenter: vcenter() } })).toEqual({
      version: '8.0.2',
    })
    const err = await failure({
      id: 't2',
      kind: 'vcenter.validate',
      payload: { vcenter: vcenter({ ...admin, password: 'not-the-password' }) },
    })
    expect(err).toBeInstanceOf(TaskError)
    expect(err).toMatchObject({
      code: 'InvalidCredentials',
      message: `vCenter ${fake.endpoints.vsphere.endpoint} refused the user name or password for administrator@vsphere.local`,
    })
    expect((err as Error).message).not.toContain('not-the-password')
  })

  it('vcenter.inventory lists every placement drop-down', async () => {
    const list = async (what: string, parents: { datacenter?: string; computecluster?: string } = {}) => {
      const r = await run({
        id: `inv-${what}`,
        kind: 'vcenter.inventory',
        payload: { vcenter: vcenter(), what: what as 'datacenters', ...parents },
      })
      return (r.items as Array<{ id: string; name: string }>).map((i) => i.name)
    }
    expect(await list('datacenters')).toEqual(['Datacenter'])
    const dc = { datacenter: 'Datacenter' }
    expect(await list('computeclusters', dc)).toEqual(['Cluster1', 'Cluster2', 'Cluster3'])
    expect(await list('folders', dc)).toEqual(
      expect.arrayContaining(['/Datacenter/vm', '/Datacenter/vm/spectro', '/Datacenter/vm/spectro/pcg']),
    )
    const cc = { ...dc, computecluster: 'Cluster1' }
    expect(await list('datastores', cc)).toEqual(['vsanDatastore', 'datastore1'])
    expect(await list('networks', cc)).toEqual(['VM Network', 'k8s-network'])
    expect(await list('resourcepools', cc)).toContain('palette')
    const items = await run({
      id: 'inv-dc',
      kind: 'vcenter.inventory',
      payload: { vcenter: vcenter(), what: 'datacenters' },
    })
    expect(items).toEqual({ items: [{ id: expect.stringMatching(/^datacenter-/), name: 'Datacenter' }] })
    const err = await failure({
      id: 'inv-x',
      kind: 'vcenter.inventory',
      payload: { vcenter: vcenter(), what: 'computeclusters', datacenter: 'Nowhere' },
    })
    expect(err).toMatchObject({ code: 'NotFound', message: 'Datacenter Nowhere does not exist in vCenter' })
  })

  it('vms.ensure clones, powers on and waits for the IP; a second run finds the same VMs', async () => {
    const vms = [
      node('pcg-x-1'),
      node('pcg-x-2', {
        address: { ip: '10.10.183.21', prefix: 24, gateway: '10.10.183.1', nameservers: ['8.8.8.8'] },
      }),
    ]
    const task: GatewayTask = { id: 'ens', kind: 'vms.ensure', payload: { vcenter: vcenter(), vms } }
    const first = await run(task)
    expect(first).toEqual({
      vms: [
        { name: 'pcg-x-1', id: expect.stringMatching(/^vm-/), ipAddress: expect.stringMatching(/^10\.10\.100\./) },
        { name: 'pcg-x-2', id: expect.stringMatching(/^vm-/), ipAddress: '10.10.183.21' },
      ],
    })
    const ip1 = (first.vms as Array<{ ipAddress: string }>)[0]!.ipAddress
    // The VMs are deployed side by side: each one's steps in order.
    const of = (vm: string) => events.filter((e) => e.includes(`${vm} `) || e.endsWith(vm))
    expect(of('pcg-x-1')).toEqual(['Cloning VM pcg-x-1', 'Powering on pcg-x-1', `pcg-x-1 is up at ${ip1}`])
    expect(of('pcg-x-2')).toEqual(['Cloning VM pcg-x-2', 'Powering on pcg-x-2', 'pcg-x-2 is up at 10.10.183.21'])
    expect(events).toHaveLength(6)

    const second = await run(task)
    expect(second).toEqual(first)
    expect([...events].sort()).toEqual([`pcg-x-1 is up at ${ip1}`, 'pcg-x-2 is up at 10.10.183.21'])
    const res = await fetch(`${fake.adminUrl}/resources?cloud=vsphere&includeSeeded=false`)
    const created = ((await res.json()) as Array<{ type: string; name?: string }>).filter(
      (r) => r.type === 'vcenter.vm',
    )
    expect(created.map((r) => r.name).sort()).toEqual(['pcg-x-1', 'pcg-x-2'])
  })

  it('vms.ensure re-run after a crash mid-clone waits for that clone instead of making a second VM', async () => {
    const slow = await startFakeClouds({ port: 0, timeScale: 100 })
    try {
      const task: GatewayTask = {
        id: 'crash',
        kind: 'vms.ensure',
        payload: { vcenter: { ...vcenter(), vcenterServer: slow.endpoints.vsphere.endpoint }, vms: [node('pcg-c-1')] },
      }
      const crash = new AbortController()
      const first = ctx()
      const interrupted = await runTask(task, {
        ...first,
        signal: crash.signal,
        event: async (message) => {
          if (message.startsWith('Cloning')) setTimeout(() => crash.abort(new Error('agent killed')), 100)
        },
      }).catch((e: unknown) => e)
      expect(interrupted).toBeInstanceOf(TaskError)
      const again = await run(task)
      expect(events).toEqual([
        'Cloning VM pcg-c-1',
        'VM pcg-c-1 is already being cloned; waiting for it',
        'Powering on pcg-c-1',
        `pcg-c-1 is up at ${(again.vms as Array<{ ipAddress: string }>)[0]!.ipAddress}`,
      ])
      const res = await fetch(`${slow.adminUrl}/resources?cloud=vsphere&includeSeeded=false`)
      const vms = ((await res.json()) as Array<{ type: string; name?: string }>).filter((r) => r.type === 'vcenter.vm')
      expect(vms.map((v) => v.name)).toEqual(['pcg-c-1'])
    } finally {
      await slow.close()
    }
  })

  /** The ensured VM as the fake vCenter reports it, with the library item it was deployed from. */
  async function readBack(name: string) {
    const vc = new VcenterClient({ endpoint: fake.endpoints.vsphere.endpoint, ...admin, fetch: http.fetch({}) })
    try {
      const [summary] = await vc.listVms({ names: [name] })
      const vm = await vc.getVm(summary!.id)
      const record = fake.store.list({ cloud: 'vsphere', type: 'vcenter.vm' }).find((r) => r.id === vm.id)
      const templates = await vc.listTemplates()
      const template = templates.find((t) => t.libraryItemId === record?.attrs.source)?.name
      return { cpu: vm.cpuCount, memoryMiB: vm.memoryMiB, diskGiB: vm.diskCapacityBytes / 1024 ** 3, template }
    } finally {
      await vc.logout()
    }
  }

  it('vms.ensure deploys each VM from its own template (the node template when it names none)', async () => {
    const vms = [
      node('cl-a-cp-1', { template: 'ubuntu-22.04-k8s-1.30' }),
      node('cl-a-cp-2', { template: 'ubuntu-20.04-k8s-1.31' }),
      node('cl-a-w-1', { template: 'ubuntu-22.04-k8s-1.30' }),
      node('pcg-t-1'),
    ]
    await run({ id: 'tpl', kind: 'vms.ensure', payload: { vcenter: vcenter(), vms } })
    expect((await readBack('cl-a-cp-1')).template).toBe('ubuntu-22.04-k8s-1.30')
    expect((await readBack('cl-a-cp-2')).template).toBe('ubuntu-20.04-k8s-1.31')
    expect((await readBack('cl-a-w-1')).template).toBe('ubuntu-22.04-k8s-1.30')
    expect((await readBack('pcg-t-1')).template).toBe('spectro-pcg-gateway-4.6')
  })

  it('vms.ensure fails with TemplateNotFound naming the missing template and those vCenter has', async () => {
    const err = await failure({
      id: 'tpl-x',
      kind: 'vms.ensure',
      payload: { vcenter: vcenter(), vms: [node('cl-b-cp-1', { template: 'ubuntu-24.04-k8s-1.32' })] },
    })
    expect(err).toBeInstanceOf(TaskError)
    expect(err).toMatchObject({ code: 'TemplateNotFound' })
    expect((err as Error).message).toMatch(
      /^VM template ubuntu-24\.04-k8s-1\.32 is not in any content library of vCenter \(found: .*ubuntu-22\.04-k8s-1\.30.*\)$/,
    )
    expect((err as Error).message).toContain('spectro-pcg-gateway-4.6')
    expect(events).toEqual([])
  })

  it('vms.ensure gives each VM its CPUs, memory and disk; a re-run keeps the sized VM', async () => {
    const vms = [
      node('cl-s-cp-1', { template: 'ubuntu-22.04-k8s-1.31', cpu: 4, memoryMiB: 8192, diskGiB: 80 }),
      node('cl-s-w-1', { template: 'ubuntu-22.04-k8s-1.31', cpu: 8, memoryMiB: 16384, diskGiB: 60 }),
    ]
    const task: GatewayTask = { id: 'size', kind: 'vms.ensure', payload: { vcenter: vcenter(), vms } }
    const first = await run(task)
    expect(await readBack('cl-s-cp-1')).toEqual({
      cpu: 4,
      memoryMiB: 8192,
      diskGiB: 80,
      template: 'ubuntu-22.04-k8s-1.31',
    })
    expect(await readBack('cl-s-w-1')).toEqual({
      cpu: 8,
      memoryMiB: 16384,
      diskGiB: 60,
      template: 'ubuntu-22.04-k8s-1.31',
    })
    expect(await run(task)).toEqual(first)
    expect(events.every((e) => e.includes(' is up at '))).toBe(true)
  })

  it('vms.ensure refuses a disk smaller than the template and reports vCenter refusing a bad memory size', async () => {
    const small = await failure({
      id: 'size-disk',
      kind: 'vms.ensure',
      payload: { vcenter: vcenter(), vms: [node('cl-s-x-1', { diskGiB: 20 })] },
    })
    expect(small).toMatchObject({
      code: 'InvalidArgument',
      message:
        'VM cl-s-x-1 asks for a 20 GiB disk but template spectro-pcg-gateway-4.6 has 60 GiB: vCenter cannot shrink a disk',
    })
    const memory = await failure({
      id: 'size-mem',
      kind: 'vms.ensure',
      payload: { vcenter: vcenter(), vms: [node('cl-s-x-2', { memoryMiB: 4097 })] },
    })
    expect(memory).toMatchObject({ code: 'VcenterINVALID_ARGUMENT' })
    expect((memory as Error).message).toContain('multiple of 4')
    const res = await fetch(`${fake.adminUrl}/resources?cloud=vsphere&type=vcenter.vm&includeSeeded=false`)
    const names = ((await res.json()) as Array<{ name: string }>).map((r) => r.name)
    expect(names).not.toContain('cl-s-x-1')
    expect(names).not.toContain('cl-s-x-2')
  })

  it('vms.delete powers off and deletes; absent VMs count as deleted', async () => {
    await run({ id: 'ens-d', kind: 'vms.ensure', payload: { vcenter: vcenter(), vms: [node('pcg-d-1')] } })
    const task: GatewayTask = {
      id: 'del',
      kind: 'vms.delete',
      payload: { vcenter: vcenter(), datacenter: 'Datacenter', folder: 'spectro/pcg', names: ['pcg-d-1', 'pcg-d-9'] },
    }
    expect(await run(task)).toEqual({ deleted: ['pcg-d-1', 'pcg-d-9'] })
    expect(events).toEqual(['Powering off pcg-d-1', 'Deleting pcg-d-1', 'Deleted pcg-d-1', 'pcg-d-9 is already gone'])
    expect(await run(task)).toEqual({ deleted: ['pcg-d-1', 'pcg-d-9'] })
    expect(events).toEqual(['pcg-d-1 is already gone', 'pcg-d-9 is already gone'])
  })

  it('a read-only vCenter user gets a clear PermissionDenied', async () => {
    expect(await run({ id: 'ro-v', kind: 'vcenter.validate', payload: { vcenter: vcenter(readonly) } })).toEqual({
      version: '8.0.2',
    })
    const err = await failure({
      id: 'ro',
      kind: 'vms.ensure',
      payload: { vcenter: vcenter(readonly), vms: [node('pcg-ro-1')] },
    })
    expect(err).toMatchObject({ code: 'PermissionDenied' })
    expect((err as Error).message).toMatch(
      /^vCenter user readonly@vsphere\.local lacks the permission for POST \/api\/vcenter\/vm-template\/library-items\/[^:]+: give it the privileges the Private Cloud Gateway needs/,
    )
  })
})
