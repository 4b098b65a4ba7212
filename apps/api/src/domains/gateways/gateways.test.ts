import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'
import { sweepGatewayHealth } from './service.ts'
import { queueTask, runTask } from './task-queue.ts'

let t: TestApp
const VCENTER_PASSWORD = 'vc-Pa55word-never-shown-7f3a'
const vcenter = {
  vcenterServer: 'vcenter.lab.local',
  username: 'administrator@vsphere.local',
  password: VCENTER_PASSWORD,
}
const placement = {
  datacenter: 'dc1',
  computecluster: 'cc1',
  datastore: 'ds1',
  network: 'VM Network',
  resourcePool: 'rp1',
  folder: 'pcg',
}
const secretsSeen: string[] = [VCENTER_PASSWORD]
/** The secret part of `pcg_<uid>_<secret>` (base64url: it may itself contain `_`). */
const secretOf = (credential: string) => credential.split('_').slice(2).join('_')

beforeAll(async () => {
  t = await createTestApp({ GATEWAY_LATEST_AGENT_VERSION: '1.2.0' })
})
afterAll(async () => {
  // Neither the vCenter password nor an agent credential ever reaches a log line.
  const logs = t?.logs.join('\n') ?? ''
  for (const secret of secretsSeen) expect(logs).not.toContain(secret)
  await t?.close()
})

const admin = () => t.as(t.adminToken)

async function newPin(): Promise<string> {
  const res = await admin().get('/v1/overlords/pairing/code?cloudType=vsphere')
  expect(res.statusCode, res.body).toBe(200)
  return res.json().pairingCode
}

const pair = (pairingCode: string, name: string, settings: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/v1/overlords/pair',
    payload: { pairingCode, name, ipAddress: '10.0.0.5', agentVersion: '1.0.0', ...settings },
  })

/** The test plays the gateway agent over HTTP with the credential it was given. */
function agent(credential: string) {
  const headers = { authorization: `Bearer ${credential}` }
  return {
    heartbeat: (body = { ipAddress: '10.0.0.6', agentVersion: '1.0.0' }) =>
      t.app.inject({ method: 'POST', url: '/v1/overlords/agent/heartbeat', headers, payload: body }),
    poll: (waitSeconds = 0) =>
      t.app.inject({ method: 'GET', url: `/v1/overlords/agent/tasks?waitSeconds=${waitSeconds}`, headers }),
    event: (id: string, message: string) =>
      t.app.inject({ method: 'POST', url: `/v1/overlords/agent/tasks/${id}/events`, headers, payload: { message } }),
    result: (id: string, body: unknown) =>
      t.app.inject({ method: 'POST', url: `/v1/overlords/agent/tasks/${id}/result`, headers, payload: body as object }),
    /** Wait for the next task, failing the test when none comes. */
    async nextTask() {
      const res = await this.poll(5)
      expect(res.statusCode, res.body).toBe(200)
      const [task] = res.json().items
      expect(task, 'a task was expected').toBeDefined()
      return task
    },
  }
}

async function pairedGateway(name: string) {
  const res = await pair(await newPin(), name)
  expect(res.statusCode, res.body).toBe(201)
  const { uid, credential } = res.json() as { uid: string; credential: string }
  secretsSeen.push(secretOf(credential))
  return { uid, credential, agent: agent(credential) }
}

/** Configure a gateway's vCenter account, answering the validation as its agent. */
async function configureAccount(gw: Awaited<ReturnType<typeof pairedGateway>>) {
  const pending = admin().post(`/v1/overlords/vsphere/${gw.uid}/account`, { account: vcenter })
  const task = await gw.agent.nextTask()
  expect(task.kind).toBe('vcenter.validate')
  expect((await gw.agent.result(task.id, { result: { version: '8.0.2' } })).statusCode).toBe(204)
  const res = await pending
  expect(res.statusCode, res.body).toBe(204)
}

/** Provision a gateway through to Running, answering its vms.ensure as its agent. */
async function runningGateway(name: string) {
  const gw = await pairedGateway(name)
  await configureAccount(gw)
  const res = await admin().post(`/v1/overlords/vsphere/${gw.uid}/cloudconfig`, { placement, size: 1 })
  expect(res.statusCode, res.body).toBe(204)
  const task = await gw.agent.nextTask()
  await gw.agent.result(task.id, { result: { vms: [{ name: `pcg-${name}-1`, id: 'vm-1', ipAddress: '10.0.0.20' }] } })
  return gw
}

describe('pairing', () => {
  it('pairs once with a PIN; a reused, an expired or a wrong PIN gets the same 401', async () => {
    const pin = await newPin()
    expect(pin).toMatch(/^[2-9A-HJKMNP-Z]{6}$/)
    const first = await pair(pin, 'pcg-one', {
      sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBz3 ops@example.com',
      podCidr: '192.168.0.0/16',
      serviceCidr: '10.96.0.0/12',
      httpsProxy: 'http://proxy-user:proxy-secret@proxy.lab.local:3128',
      noProxy: '.lab.local,10.0.0.0/8',
    })
    expect(first.statusCode, first.body).toBe(201)
    const { uid, credential } = first.json()
    expect(credential).toMatch(new RegExp(`^pcg_${uid}_`))
    secretsSeen.push(secretOf(credential))

    const reused = await pair(pin, 'pcg-again')
    expect(reused.statusCode).toBe(401)

    const expiredPin = await newPin()
    await t.prisma.gatewayPairingCode.updateMany({
      where: { usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    const expired = await pair(expiredPin, 'pcg-late')
    expect(expired.statusCode).toBe(401)

    const wrong = await pair('ZZZZZZ', 'pcg-wrong')
    expect(wrong.statusCode).toBe(401)
    expect(new Set([reused, expired, wrong].map((r) => r.json().message)).size).toBe(1)
    expect(reused.json().code).toBe('InvalidCredentials')

    // The PIN is stored only as its hash.
    const codes = await t.prisma.gatewayPairingCode.findMany()
    expect(JSON.stringify(codes)).not.toContain(pin)

    const gateway = (await admin().get(`/v1/overlords/${uid}`)).json()
    expect(gateway.status.state).toBe('Pending')
    expect(gateway.spec.ipAddress).toBe('10.0.0.5')
    // What the agent was started with is kept, a proxy's credentials never.
    expect(gateway.spec.installer).toEqual({
      sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBz3 ops@example.com',
      podCidr: '192.168.0.0/16',
      serviceCidr: '10.96.0.0/12',
      httpsProxy: 'http://proxy.lab.local:3128',
      noProxy: '.lab.local,10.0.0.0/8',
    })
    expect(JSON.stringify(await t.prisma.gateway.findUnique({ where: { id: uid } }))).not.toContain('proxy-secret')
    expect(gateway.status.health).toMatchObject({ state: 'Healthy', agentVersion: '1.0.0' })
    expect(gateway.status.upgradeAvailable).toEqual({ version: '1.2.0' })
    const events = (await admin().get(`/v1/overlords/${uid}/events`)).json().items
    expect(events[0].message).toBe('Gateway pcg-one paired from 10.0.0.5 (agent 1.0.0)')
    const audit = await t.prisma.auditEvent.findFirst({ where: { resourceKind: 'gateway', resourceUid: uid } })
    expect(audit).toMatchObject({ actionType: 'create', actorType: 'agent' })
  })

  it('two concurrent pairings with one PIN: exactly one gateway', async () => {
    const pin = await newPin()
    const answers = await Promise.all([pair(pin, 'race-a'), pair(pin, 'race-b'), pair(pin, 'race-c')])
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 401, 401])
    for (const r of answers) if (r.statusCode === 201) secretsSeen.push(secretOf(r.json().credential))
    expect(await t.prisma.gateway.count({ where: { name: { startsWith: 'race-' } } })).toBe(1)
  })

  it('the pairing code needs a Tenant Admin, pairing needs no user', async () => {
    const viewer = await t.createUserWithRole('Project Viewer', await t.createProject('gw-viewers'))
    expect((await t.as(viewer.token).get('/v1/overlords/pairing/code?cloudType=vsphere')).statusCode).toBe(403)
    expect((await t.as(viewer.token).get('/v1/overlords')).statusCode).toBe(403)
  })

  it('tells how to start the agent: the image with a volume for its credential, or pnpm, with this console', async () => {
    const res = await admin().get('/v1/overlords/vsphere/ova')
    expect(res.statusCode, res.body).toBe(200)
    const { location, instructions } = res.json() as { location: string; instructions: string[] }
    expect(location).toBe('console-pcg-agent')
    const flags = '--console-endpoint http://localhost:80 --pairing-code <PIN> --name <Installer Name>'
    expect(instructions).toEqual([
      `docker run -d --name pcg-agent --restart unless-stopped -v pcg-state:/var/lib/pcg-agent console-pcg-agent ${flags}`,
      `pnpm --filter @console/pcg-agent start -- ${flags} --state-dir .data/pcg-agent`,
    ])
  })
})

describe('the agent channel', () => {
  it('a credential never acts for another gateway, and a forged or unknown one is 401', async () => {
    const a = await pairedGateway('iso-a')
    const b = await pairedGateway('iso-b')
    const taskOfB = await queueTask(t.deps, b.uid, {
      kind: 'vcenter.validate',
      payload: { vcenter: { ...vcenter, insecure: false } },
    })

    expect((await a.agent.poll(0)).json().items).toEqual([])
    expect((await a.agent.result(taskOfB, { result: { version: 'x' } })).statusCode).toBe(404)
    expect((await a.agent.event(taskOfB, 'hello')).statusCode).toBe(404)
    // A's secret with B's uid is not B's credential.
    const forged = agent(`pcg_${b.uid}_${secretOf(a.credential)}`)
    expect((await forged.heartbeat()).statusCode).toBe(401)
    expect((await forged.poll(0)).statusCode).toBe(401)
    expect((await agent('pcg_nothing').heartbeat()).statusCode).toBe(401)
    // A user session is not an agent credential.
    expect((await agent(t.adminToken.replace(/^Bearer /, '')).poll(0)).statusCode).toBe(401)

    expect((await a.agent.heartbeat()).statusCode).toBe(204)
    const rowB = await t.prisma.gateway.findUniqueOrThrow({ where: { id: b.uid } })
    expect(rowB.ipAddress).toBe('10.0.0.5')
    const [taskForB] = (await b.agent.poll(0)).json().items
    expect(taskForB.id).toBe(taskOfB)
    // The agent, and only the agent, sees the password; at rest it is sealed.
    expect(taskForB.payload.vcenter.password).toBe(VCENTER_PASSWORD)
    const stored = await t.prisma.gatewayTask.findUniqueOrThrow({ where: { id: taskOfB } })
    expect(JSON.stringify(stored.payload)).not.toContain(VCENTER_PASSWORD)
  })

  it('the long poll answers as soon as a task is queued during the wait', async () => {
    const gw = await pairedGateway('poller')
    const started = Date.now()
    const poll = gw.agent.poll(10)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const id = await queueTask(t.deps, gw.uid, {
      kind: 'vcenter.validate',
      payload: { vcenter: { ...vcenter, insecure: false } },
    })
    const res = await poll
    expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([id])
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('runTask answers 504 when the agent does not answer, withdrawing the task; vCenter calls need an answering gateway', async () => {
    const gw = await pairedGateway('silent')
    const run = runTask(
      t.deps,
      gw.uid,
      { kind: 'vcenter.validate', payload: { vcenter: { ...vcenter, insecure: false } } },
      { timeoutMs: 300 },
    )
    await expect(run).rejects.toMatchObject({ code: 'GatewayTimeout', status: 504 })
    expect((await gw.agent.poll(0)).json().items).toEqual([])

    await t.prisma.gateway.update({ where: { id: gw.uid }, data: { state: 'Error' } })
    const res = await admin().post(`/v1/overlords/vsphere/${gw.uid}/account`, { account: vcenter })
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toContain('Error')
  })

  it('a task whose lease expired (agent died mid-task) is handed out again', async () => {
    const gw = await pairedGateway('crashy')
    const id = await queueTask(t.deps, gw.uid, {
      kind: 'vcenter.validate',
      payload: { vcenter: { ...vcenter, insecure: false } },
    })
    expect((await gw.agent.poll(0)).json().items[0].id).toBe(id)
    expect((await gw.agent.poll(0)).json().items).toEqual([])
    await t.prisma.gatewayTask.update({ where: { id }, data: { leaseUntil: new Date(Date.now() - 1000) } })
    expect((await gw.agent.poll(0)).json().items[0].id).toBe(id)
    const row = await t.prisma.gatewayTask.findUniqueOrThrow({ where: { id } })
    expect(row).toMatchObject({ state: 'leased', attempts: 2 })
  })
})

describe('configuring a gateway', () => {
  it('validates the vCenter account through the agent and never shows or stores the password in clear', async () => {
    const gw = await pairedGateway('validator')
    // A refusal by vCenter is the user's 422 with vCenter's message.
    const refused = admin().post(`/v1/overlords/vsphere/${gw.uid}/account`, {
      account: { ...vcenter, password: 'bad' },
    })
    const task = await gw.agent.nextTask()
    expect(task.payload.vcenter.password).toBe('bad')
    await gw.agent.result(task.id, {
      error: { code: 'InvalidLogin', message: 'Cannot complete login due to an incorrect user name or password' },
    })
    const res = await refused
    expect(res.statusCode).toBe(422)
    expect(res.json().message).toContain('incorrect user name or password')

    await configureAccount(gw)
    const view = await admin().get(`/v1/overlords/${gw.uid}`)
    expect(view.json().spec).toMatchObject({ vcenterServer: vcenter.vcenterServer, username: vcenter.username })
    expect(view.body).not.toContain(VCENTER_PASSWORD)
    const row = await t.prisma.gateway.findUniqueOrThrow({ where: { id: gw.uid } })
    expect(JSON.stringify(row)).not.toContain(VCENTER_PASSWORD)
    expect(row.secretCiphertext).toMatch(/^v1\./)

    // The placement drop-downs are answered by the agent with the stored account.
    const listing = admin().get(`/v1/overlords/vsphere/${gw.uid}/properties/computeclusters?datacenter=dc1`)
    const inventory = await gw.agent.nextTask()
    expect(inventory.payload).toMatchObject({ what: 'computeclusters', datacenter: 'dc1' })
    expect(inventory.payload.vcenter.password).toBe(VCENTER_PASSWORD)
    await gw.agent.result(inventory.id, { result: { items: [{ id: 'domain-c1', name: 'cc1' }] } })
    expect((await listing).json()).toEqual({ items: [{ id: 'domain-c1', name: 'cc1' }] })
  })

  it('cloudconfig provisions: Pending → Provisioning → Running with a vSphere cloud account; resize 1 → 3 only', async () => {
    const gw = await pairedGateway('lab')
    await configureAccount(gw)
    const res = await admin().post(`/v1/overlords/vsphere/${gw.uid}/cloudconfig`, {
      placement,
      size: 1,
      ntpServers: ['pool.ntp.org'],
    })
    expect(res.statusCode, res.body).toBe(204)
    expect((await admin().get(`/v1/overlords/${gw.uid}`)).json().status.state).toBe('Provisioning')

    const task = await gw.agent.nextTask()
    expect(task.kind).toBe('vms.ensure')
    expect(task.payload.vms).toEqual([
      expect.objectContaining({
        name: 'pcg-lab-1',
        cpu: 4,
        memoryMiB: 8192,
        diskGiB: 60,
        placement,
        ntpServers: ['pool.ntp.org'],
      }),
    ])
    expect((await gw.agent.event(task.id, 'Cloning pcg-lab-1 from the template')).statusCode).toBe(204)
    await gw.agent.result(task.id, { result: { vms: [{ name: 'pcg-lab-1', id: 'vm-1', ipAddress: '10.0.0.20' }] } })

    const view = (await admin().get(`/v1/overlords/${gw.uid}`)).json()
    expect(view.status).toMatchObject({ state: 'Running', isReady: true })
    const account = await t.prisma.cloudAccount.findUniqueOrThrow({ where: { id: view.spec.cloudAccountUid } })
    expect(account).toMatchObject({ cloudType: 'vsphere', gatewayId: gw.uid })
    expect(account.spec).toEqual({
      vcenterServer: vcenter.vcenterServer,
      username: vcenter.username,
      insecure: false,
      overlordUid: gw.uid,
      gatewayAccount: true,
    })
    expect(JSON.stringify(account)).not.toContain(VCENTER_PASSWORD)
    const messages = (await admin().get(`/v1/overlords/${gw.uid}/events`))
      .json()
      .items.map((e: { message: string }) => e.message)
    expect(messages).toContain('Cloning pcg-lab-1 from the template')
    expect(messages.at(-1)).toBe('Gateway lab is Running with 1 node(s)')

    const resize = await admin().put(`/v1/overlords/vsphere/${gw.uid}/cloudconfig`, { placement, size: 3 })
    expect(resize.statusCode, resize.body).toBe(204)
    expect((await admin().get(`/v1/overlords/${gw.uid}`)).json().status.state).toBe('Provisioning')
    const grow = await gw.agent.nextTask()
    expect(grow.payload.vms.map((v: { name: string }) => v.name)).toEqual(['pcg-lab-1', 'pcg-lab-2', 'pcg-lab-3'])
    await gw.agent.result(grow.id, { result: { vms: [] } })
    const grown = (await admin().get(`/v1/overlords/${gw.uid}`)).json()
    expect(grown).toMatchObject({
      spec: { size: 3, cloudAccountUid: view.spec.cloudAccountUid },
      status: { state: 'Running' },
    })

    const shrink = await admin().put(`/v1/overlords/vsphere/${gw.uid}/cloudconfig`, { placement, size: 1 })
    expect(shrink.statusCode).toBe(422)
  })

  it('Static IP: the gateway nodes get addresses of its IP pool, kept on resize and given back on delete', async () => {
    const gw = await pairedGateway('static')
    await configureAccount(gw)
    const created = await admin().post(`/v1/overlords/vsphere/${gw.uid}/pools`, {
      metadata: { name: 'mgmt' },
      spec: {
        pool: { start: '10.30.0.10', end: '10.30.0.20' },
        prefix: 24,
        gateway: '10.30.0.1',
        nameserver: { addresses: ['10.30.0.2'] },
        restrictToSingleCluster: false,
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    const poolUid = created.json().uid as string
    const noPool = await admin().post(`/v1/overlords/vsphere/${gw.uid}/cloudconfig`, { placement, staticIp: true })
    expect(noPool.statusCode).toBe(400)
    const res = await admin().post(`/v1/overlords/vsphere/${gw.uid}/cloudconfig`, {
      placement,
      staticIp: true,
      ipPoolUid: poolUid,
      size: 1,
    })
    expect(res.statusCode, res.body).toBe(204)
    const task = await gw.agent.nextTask()
    const first = { ip: '10.30.0.10', prefix: 24, gateway: '10.30.0.1', nameservers: ['10.30.0.2'] }
    expect(task.payload.vms.map((v: { address?: unknown }) => v.address)).toEqual([first])
    await gw.agent.result(task.id, { result: { vms: [] } })

    const resize = await admin().put(`/v1/overlords/vsphere/${gw.uid}/cloudconfig`, {
      placement,
      staticIp: true,
      ipPoolUid: poolUid,
      size: 3,
    })
    expect(resize.statusCode, resize.body).toBe(204)
    const grow = await gw.agent.nextTask()
    expect(grow.payload.vms.map((v: { address: { ip: string } }) => v.address.ip)).toEqual([
      '10.30.0.10',
      '10.30.0.11',
      '10.30.0.12',
    ])
    await gw.agent.result(grow.id, { result: { vms: [] } })
    const pool = () => admin().get(`/v1/overlords/vsphere/${gw.uid}/pools`)
    expect((await pool()).json().items[0].status).toMatchObject({ inUse: true, availableIps: 8 })

    expect((await admin().delete(`/v1/overlords/${gw.uid}`)).statusCode).toBe(200)
    expect(await t.prisma.ipAllocation.count({ where: { poolId: poolUid } })).toBe(0)
  })

  it('a failed vms.ensure puts the gateway in Error with a condition; reset brings it back to Pending', async () => {
    const gw = await pairedGateway('broken')
    await configureAccount(gw)
    await admin().post(`/v1/overlords/vsphere/${gw.uid}/cloudconfig`, { placement })
    const task = await gw.agent.nextTask()
    await gw.agent.result(task.id, { error: { code: 'NoSpace', message: 'Datastore ds1 is full' } })
    const view = (await admin().get(`/v1/overlords/${gw.uid}`)).json()
    expect(view.status.state).toBe('Error')
    expect(view.status.conditions[0]).toMatchObject({ reason: 'NoSpace', message: 'Datastore ds1 is full' })
    expect((await admin().put(`/v1/overlords/${gw.uid}/reset`)).statusCode).toBe(204)
    expect((await admin().get(`/v1/overlords/${gw.uid}`)).json().status.state).toBe('Pending')
    expect((await gw.agent.heartbeat()).statusCode).toBe(204)
  })
})

describe('health, upgrade and delete', () => {
  it('a Running gateway that misses heartbeats becomes Unhealthy, and Running on the next heartbeat', async () => {
    const gw = await runningGateway('sleepy')
    await t.prisma.gateway.update({ where: { id: gw.uid }, data: { lastHeartbeatAt: new Date(Date.now() - 120_000) } })
    expect(await sweepGatewayHealth(t.deps)).toBeGreaterThanOrEqual(1)
    const view = (await admin().get(`/v1/overlords/${gw.uid}`)).json()
    expect(view.status).toMatchObject({ state: 'Unhealthy', health: { state: 'Unhealthy' } })
    expect((await gw.agent.heartbeat()).statusCode).toBe(204)
    expect((await admin().get(`/v1/overlords/${gw.uid}`)).json().status.state).toBe('Running')
    const reasons = (await admin().get(`/v1/overlords/${gw.uid}/events`))
      .json()
      .items.map((e: { reason: string }) => e.reason)
    expect(reasons.slice(-2)).toEqual(['Unhealthy', 'Healthy'])
  })

  it('upgrade: Upgrading until the agent heartbeats with the newer version', async () => {
    const gw = await runningGateway('old-agent')
    expect((await admin().post(`/v1/overlords/${gw.uid}/upgrade`)).statusCode).toBe(204)
    expect((await admin().get(`/v1/overlords/${gw.uid}`)).json().status.state).toBe('Upgrading')
    await gw.agent.heartbeat({ ipAddress: '10.0.0.6', agentVersion: '1.2.0' })
    const view = (await admin().get(`/v1/overlords/${gw.uid}`)).json()
    expect(view.status.state).toBe('Running')
    expect(view.status.upgradeAvailable).toBeUndefined()
  })

  it('delete is refused while a live cluster uses its account, naming it; then revokes the credential', async () => {
    const gw = await runningGateway('busy')
    const row = await t.prisma.gateway.findUniqueOrThrow({ where: { id: gw.uid } })
    const cluster = await t.prisma.cluster.create({
      data: {
        tenantId: row.tenantId,
        name: 'vsphere-prod',
        cloudType: 'vsphere',
        cloudAccountId: row.cloudAccountId,
        labels: {},
        spec: {},
        state: 'Running',
      },
    })
    const refused = await admin().delete(`/v1/overlords/${gw.uid}`)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().message).toContain('vsphere-prod')

    await t.prisma.cluster.update({ where: { id: cluster.id }, data: { state: 'Deleted' } })
    const deleted = await admin().delete(`/v1/overlords/${gw.uid}`)
    expect(deleted.statusCode, deleted.body).toBe(200)
    expect(deleted.json().msg).toMatch(/vSphere/)
    expect((await admin().get(`/v1/overlords/${gw.uid}`)).statusCode).toBe(404)
    expect((await gw.agent.heartbeat()).statusCode).toBe(401)
    expect(await t.prisma.cloudAccount.count({ where: { gatewayId: gw.uid } })).toBe(0)
  })

  it('the OpenAPI document describes the gateway routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json()
    for (const path of ['/v1/overlords/pair', '/v1/overlords/agent/tasks', '/v1/overlords/vsphere/{uid}/cloudconfig']) {
      expect(doc.paths[path], path).toBeDefined()
    }
  })
})
