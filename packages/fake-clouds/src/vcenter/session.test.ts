import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basic, startVcenterHarness, type VcenterHarness } from './test-helpers.ts'

describe('fake vCenter sessions', () => {
  let h: VcenterHarness
  beforeAll(async () => {
    h = await startVcenterHarness()
  })
  afterAll(() => h.fake.close())

  it('creates a session with basic auth and answers 201 with the id as a JSON string', async () => {
    const raw = await fetch(`${h.endpoint}/api/session`, {
      method: 'POST',
      headers: { authorization: basic(h.admin.username, h.admin.password) },
    })
    expect(raw.headers.get('vmware-api-session-id')).toMatch(/^[0-9a-f]{32}$/)
    const res = await h.login()
    expect(res.status).toBe(201)
    expect(typeof res.body).toBe('string')
    expect(res.body).toMatch(/^[0-9a-f]{32}$/)

    const info = await h.call('GET', '/api/session', undefined, res.body)
    expect(info.status).toBe(200)
    expect(info.body.user).toBe(h.admin.username)
    expect(Date.parse(info.body.created_time)).not.toBeNaN()
  })

  it('reports the vCenter version from the fixture', async () => {
    const res = await h.call('GET', '/api/appliance/system/version')
    expect(res.body).toMatchObject({ product: 'VMware vCenter Server', version: '8.0.2' })
  })

  it('refuses a wrong password with 401 UNAUTHENTICATED without saying which part was wrong', async () => {
    const wrongPassword = await h.login({ username: h.admin.username, password: 'not-the-password' })
    const unknownUser = await h.login({ username: 'nobody@vsphere.local', password: 'x' })
    for (const res of [wrongPassword, unknownUser]) {
      expect(res.status).toBe(401)
      expect(res.body.error_type).toBe('UNAUTHENTICATED')
      expect(res.body.messages[0].default_message).toBe('Authentication required.')
      expect(JSON.stringify(res.body)).not.toContain('not-the-password')
    }
  })

  it('answers 401 for a missing or unknown session id', async () => {
    const missing = await fetch(`${h.endpoint}/api/vcenter/vm`)
    expect(missing.status).toBe(401)
    expect(((await missing.json()) as { error_type: string }).error_type).toBe('UNAUTHENTICATED')
    const unknown = await h.call('GET', '/api/vcenter/vm', undefined, 'deadbeefdeadbeefdeadbeefdeadbeef')
    expect(unknown.status).toBe(401)
  })

  it('ends a session with DELETE /api/session; the id is refused afterwards', async () => {
    const id = (await h.login()).body as string
    expect((await h.call('GET', '/api/vcenter/datacenter', undefined, id)).status).toBe(200)
    expect((await h.call('DELETE', '/api/session', undefined, id)).status).toBe(204)
    const after = await h.call('GET', '/api/vcenter/datacenter', undefined, id)
    expect(after.status).toBe(401)
    expect(after.body.error_type).toBe('UNAUTHENTICATED')
  })

  it('also logs in through the legacy /rest session endpoint', async () => {
    const res = await fetch(`${h.endpoint}/rest/com/vmware/cis/session`, {
      method: 'POST',
      headers: { authorization: basic(h.admin.username, h.admin.password) },
    })
    expect(res.status).toBe(200)
    const { value } = (await res.json()) as { value: string }
    expect((await h.call('GET', '/api/vcenter/cluster', undefined, value)).status).toBe(200)
  })

  it('lists both users as sandbox accounts, with their passwords, and keeps passwords out of the store', async () => {
    const vsphere = h.fake.accounts.filter((a) => a.cloud === 'vsphere')
    expect(vsphere.map((a) => a.id).sort()).toEqual(['administrator@vsphere.local', 'readonly@vsphere.local'])
    const stored = JSON.stringify(h.fake.store.list({ cloud: 'vsphere' }))
    for (const a of vsphere) expect(stored).not.toContain(a.secret)
  })

  it('expires idle sessions after the fixture idle time (scaled)', async () => {
    const id = (await h.login()).body as string
    // 30 simulated minutes at time-scale 1000 are 1.8 real seconds; make it quicker still.
    h.fake.clock.setFactor(100_000)
    try {
      await new Promise((r) => setTimeout(r, 40))
      const res = await h.call('GET', '/api/vcenter/datacenter', undefined, id)
      expect(res.status).toBe(401)
    } finally {
      h.fake.clock.setFactor(1000)
    }
  })
})
