import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startVcenterHarness, type VcenterHarness } from './test-helpers.ts'

describe('fake vCenter faults', () => {
  let h: VcenterHarness
  let template: string
  let folder: string
  beforeAll(async () => {
    h = await startVcenterHarness()
    const item = (await h.call('POST', '/api/content/library/item?action=find', { name: 'ubuntu-22.04-k8s-1.30' }))
      .body[0]
    template = (await h.call('GET', `/api/vcenter/vm-template/library-items/${item}`)).body.vm_template
    folder = (await h.call('GET', '/api/vcenter/folder?type=VIRTUAL_MACHINE&names=pcg')).body[0].folder
  })
  afterEach(() => fetch(`${h.fake.adminUrl}/faults`, { method: 'DELETE' }))
  afterAll(() => h.fake.close())

  const addFault = (fault: Record<string, unknown>) =>
    fetch(`${h.fake.adminUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cloud: 'vsphere', ...fault }),
    })

  it('renders an injected error as a vCenter error with the fitting status', async () => {
    await addFault({ action: 'ListVms', errorCode: 'SERVICE_UNAVAILABLE' })
    const res = await h.call('GET', '/api/vcenter/vm')
    expect(res.status).toBe(503)
    expect(res.body.error_type).toBe('SERVICE_UNAVAILABLE')
    // Other operations are untouched.
    expect((await h.call('GET', '/api/vcenter/cluster')).status).toBe(200)
  })

  it('maps an unknown error code to INTERNAL_SERVER_ERROR and applies faults after authentication', async () => {
    await addFault({ action: 'CreateSession', errorCode: 'SomethingOdd' })
    const bad = await h.login({ username: h.admin.username, password: 'wrong' })
    expect(bad.status).toBe(401) // authentication comes first
    const res = await h.login()
    expect(res.status).toBe(500)
    expect(res.body.error_type).toBe('INTERNAL_SERVER_ERROR')
  })

  it('keeps a clone from finishing while CloneVm is stuck: the task stays RUNNING and the VM is not listed', async () => {
    await addFault({ action: 'CloneVm', stuck: true })
    const res = await h.call('POST', '/api/vcenter/vm?action=clone&vmw-task=true', {
      source: template,
      name: 'stuck-clone',
      placement: { folder },
      power_on: true,
    })
    expect(res.status).toBe(202)
    await new Promise((r) => setTimeout(r, 300)) // three times the scaled clone duration
    const task = await h.call('GET', `/api/cis/tasks/${res.body}`)
    expect(task.body.status).toBe('RUNNING')
    expect(task.body.result).toBeUndefined()
    expect((await h.call('GET', '/api/vcenter/vm?names=stuck-clone')).body).toEqual([])
    const admin = await fetch(`${h.fake.adminUrl}/resources?cloud=vsphere&type=vcenter.vm&includeSeeded=false`)
    expect(((await admin.json()) as any[]).find((r) => r.name === 'stuck-clone')?.state).toBe('CLONING')
  })

  it('keeps the guest IP from appearing while PowerOnVm is stuck', async () => {
    await addFault({ action: 'PowerOnVm', stuck: true })
    const vm = (
      await h.call('POST', '/api/vcenter/vm?action=clone', {
        source: template,
        name: 'no-ip',
        placement: { folder },
        power_on: true,
      })
    ).body
    await new Promise((r) => setTimeout(r, 200))
    expect((await h.call('GET', `/api/vcenter/vm/${vm}/power`)).body.state).toBe('POWERED_ON')
    const guest = await h.call('GET', `/api/vcenter/vm/${vm}/guest/identity`)
    expect(guest.status).toBe(503)
    expect(guest.body.error_type).toBe('SERVICE_UNAVAILABLE')
  })

  it('adds injected latency before answering', async () => {
    await addFault({ action: 'GetVmPower', latencyMs: 150 })
    const started = Date.now()
    const res = await h.call('GET', '/api/vcenter/vm/vm-999/power')
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(res.status).toBe(404)
  })
})
