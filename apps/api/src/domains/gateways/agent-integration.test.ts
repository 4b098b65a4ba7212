import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Logger, type RunningAgent, startAgent } from '@console/pcg-agent'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'
import { waitFor } from '../clusters/test-support.ts'
import { sweepGatewayHealth } from './service.ts'

interface FakeResource {
  type: string
  name: string
  state: string
}

/**
 * The console and the real gateway agent (apps/pcg-agent) over HTTP, the agent doing every vCenter call
 * against the fake vCenter: pairing with a PIN, the vCenter account validated through the agent, the
 * placement drop-downs, provisioning to Running with the gateway's VMs in vCenter, a resize 1 → 3, and
 * Unhealthy once the agent stops.
 */
describe('a gateway agent paired with the console, against the fake vCenter', { timeout: 120_000 }, () => {
  let t: TestApp
  let agent: RunningAgent | undefined
  let stateDir: string
  let consoleEndpoint: string
  const agentLog: string[] = []

  beforeAll(async () => {
    t = await createTestApp({ GATEWAY_UNHEALTHY_SECONDS: '2', FAKE_CLOUDS_TIME_SCALE: '1000' }, { clouds: true })
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = t.app.server.address() as { port: number }
    consoleEndpoint = `http://127.0.0.1:${port}`
    stateDir = await mkdtemp(path.join(tmpdir(), 'pcg-agent-'))
  })
  afterAll(async () => {
    await agent?.stop()
    await t?.close()
    await rm(stateDir, { recursive: true, force: true })
  })

  const admin = () => t.as(t.adminToken)
  const gateway = async (uid: string) => (await admin().get(`/v1/overlords/${uid}`)).json()
  const vcenterVms = async () => {
    const res = await fetch(`${t.deps.sandbox!.adminUrl}/resources?cloud=vsphere`)
    return ((await res.json()) as FakeResource[]).filter((r) => r.type.includes('vm') && r.name.startsWith('pcg-'))
  }

  it('pairs, validates vCenter, lists placement, provisions to Running, resizes 1 → 3, and turns Unhealthy when the agent stops', async () => {
    const pin = (await admin().get('/v1/overlords/pairing/code?cloudType=vsphere')).json().pairingCode as string
    agent = await startAgent({
      name: 'edge',
      consoleEndpoint,
      pairingCode: pin,
      stateDir,
      ipAddress: '10.10.0.5',
      nodeTemplate: 'spectro-pcg-gateway-4.6',
      pollWaitSeconds: 1,
      heartbeatIntervalMs: 300,
      backoff: { initialMs: 100, maxMs: 500 },
      logger: new Logger((line) => agentLog.push(line), 'debug'),
    })
    const uid = agent.gatewayUid
    const paired = await gateway(uid)
    expect(paired.metadata.name).toBe('edge')
    expect(paired.spec.ipAddress).toBe('10.10.0.5')
    expect(paired.status.state).toBe('Pending')
    // The PIN was single use.
    const again = await t.app.inject({
      method: 'POST',
      url: '/v1/overlords/pair',
      payload: { pairingCode: pin, name: 'edge-2', ipAddress: '10.10.0.6', agentVersion: '1.0.0' },
    })
    expect(again.statusCode).toBe(401)

    // vCenter credentials are checked by the agent: a wrong password is refused, the right one accepted.
    const { endpoint, username, password } = t.deps.sandbox!.vsphere
    const wrong = await admin().post(`/v1/overlords/vsphere/${uid}/account`, {
      account: { vcenterServer: endpoint, username, password: `${password}-wrong` },
    })
    expect(wrong.statusCode).toBe(422)
    const account = await admin().post(`/v1/overlords/vsphere/${uid}/account`, {
      account: { vcenterServer: endpoint, username, password },
    })
    expect(account.statusCode, account.body).toBeLessThan(300)

    // The placement drop-downs, each answered by the agent from vCenter.
    const list = async (what: string, query = '') => {
      const res = await admin().get(`/v1/overlords/vsphere/${uid}/properties/${what}${query}`)
      expect(res.statusCode, res.body).toBe(200)
      return (res.json().items as Array<{ name: string }>).map((i) => i.name)
    }
    const [datacenter] = await list('datacenters')
    expect(datacenter).toBeTruthy()
    const dc = `?datacenter=${encodeURIComponent(datacenter!)}`
    const [computecluster] = await list('computeclusters', dc)
    const inCluster = `${dc}&computecluster=${encodeURIComponent(computecluster!)}`
    const placement = {
      datacenter: datacenter!,
      computecluster: computecluster!,
      datastore: (await list('datastores', inCluster))[0]!,
      network: (await list('networks', inCluster))[0]!,
      resourcePool: (await list('resourcepools', inCluster))[0]!,
      folder: (await list('folders', dc)).find((f) => f.endsWith('/pcg')) ?? (await list('folders', dc))[0]!,
    }

    // Confirm: Provisioning, the agent clones the gateway's node in vCenter, Running.
    const confirmed = await admin().post(`/v1/overlords/vsphere/${uid}/cloudconfig`, { placement, size: 1 })
    expect(confirmed.statusCode, confirmed.body).toBeLessThan(300)
    const running = await waitFor(
      'Running',
      () => gateway(uid),
      (g) => ['Running', 'Error'].includes(g.status.state),
      60_000,
    )
    expect(running.status.state, JSON.stringify(running.status.conditions)).toBe('Running')
    expect((await vcenterVms()).map((v) => v.name)).toEqual(['pcg-edge-1'])
    expect(running.spec.cloudAccountUid).toBeTruthy()
    const vsphereAccount = await t.prisma.cloudAccount.findUnique({ where: { id: running.spec.cloudAccountUid } })
    expect(vsphereAccount).toMatchObject({ cloudType: 'vsphere', gatewayId: uid })
    const events = ((await admin().get(`/v1/overlords/${uid}/events`)).json().items as Array<{ message: string }>).map(
      (e) => e.message,
    )
    expect(events.some((m) => m.includes('pcg-edge-1'))).toBe(true)

    // Resize 1 → 3: two more nodes.
    const resized = await admin().put(`/v1/overlords/vsphere/${uid}/cloudconfig`, { placement, size: 3 })
    expect(resized.statusCode, resized.body).toBeLessThan(300)
    await waitFor(
      'three gateway nodes and Running',
      async () => ({ g: await gateway(uid), vms: await vcenterVms() }),
      ({ g, vms }) => g.status.state === 'Running' && vms.length === 3,
      60_000,
    )
    expect((await vcenterVms()).map((v) => v.name).sort()).toEqual(['pcg-edge-1', 'pcg-edge-2', 'pcg-edge-3'])

    // The agent stops: no more heartbeats, Unhealthy.
    await agent.stop()
    agent = undefined
    await new Promise((r) => setTimeout(r, 2_500))
    await sweepGatewayHealth(t.deps)
    expect((await gateway(uid)).status.state).toBe('Unhealthy')

    // Neither the PIN, the agent's credential nor the vCenter password reached a log line.
    const logs = `${t.logs.join('\n')}\n${agentLog.join('\n')}`
    expect(logs).not.toContain(password)
    expect(logs).not.toContain(pin)
  })
})
