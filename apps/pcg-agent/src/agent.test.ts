import { mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gatewayPairSchema } from '@console/contracts'
import { type FakeClouds, startFakeClouds } from '@console/fake-clouds'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type AgentOptions, startAgent } from './agent.ts'
import { Logger } from './log.ts'
import { matchesNoProxy, OutboundHttp, withoutCredentials } from './proxy.ts'
import { CREDENTIAL, PIN, startCountingProxy, startTestConsole, type TestConsole } from './test-console.ts'

describe('the agent against a console speaking the decision-011 protocol', () => {
  let fake: FakeClouds
  let console_: TestConsole
  let stateDir: string
  let lines: string[]
  const vcenterPassword = 'VMware1!-fake'

  beforeAll(async () => {
    fake = await startFakeClouds({ port: 0, timeScale: 1000 })
  })
  afterAll(() => fake.close())
  beforeEach(async () => {
    console_ = await startTestConsole()
    stateDir = await mkdtemp(join(tmpdir(), 'pcg-agent-'))
    lines = []
  })
  afterEach(async () => {
    await console_.close()
    await rm(stateDir, { recursive: true, force: true })
  })

  function options(extra: Partial<AgentOptions> = {}): AgentOptions {
    return {
      name: 'pcg-lab',
      consoleEndpoint: console_.url,
      pairingCode: PIN,
      stateDir,
      ipAddress: '192.0.2.10',
      nodeTemplate: 'spectro-pcg-gateway-4.6',
      heartbeatIntervalMs: 50,
      pollWaitSeconds: 1,
      backoff: { initialMs: 40, maxMs: 400 },
      vcenterTimeouts: { pollIntervalMs: 20 },
      logger: new Logger((line) => lines.push(line), 'debug'),
      ...extra,
    }
  }
  const validate = (id: string, password = vcenterPassword) => ({
    id,
    kind: 'vcenter.validate',
    payload: {
      vcenter: {
        vcenterServer: fake.endpoints.vsphere.endpoint,
        username: 'administrator@vsphere.local',
        password,
        insecure: false,
      },
    },
  })

  it('pairs once, keeps its credential 0600, heartbeats, runs tasks, reports results and stops cleanly', async () => {
    const agent = await startAgent(options())
    expect(agent.gatewayUid).toBe('gw-1')
    expect(console_.pairs).toEqual([
      { pairingCode: PIN, name: 'pcg-lab', ipAddress: '192.0.2.10', agentVersion: '0.1.0' },
    ])
    const file = join(stateDir, 'credential.json')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ uid: 'gw-1', credential: CREDENTIAL })

    await console_.waitFor(() => console_.heartbeats.length >= 2)
    expect(console_.heartbeats[0]).toEqual({
      auth: `Bearer ${CREDENTIAL}`,
      body: { ipAddress: '192.0.2.10', agentVersion: '0.1.0' },
    })

    console_.queue(validate('task-1'))
    console_.queue(validate('task-2', 'wrong-password'))
    console_.queue({ id: 'task-3', kind: 'cluster.teleport', payload: {} })
    await console_.waitFor(() => console_.results.length === 3)
    const byId = Object.fromEntries(console_.results.map((r) => [r.taskId, r.body]))
    expect(byId['task-1']).toEqual({ result: { version: '8.0.2' } })
    expect(byId['task-2']).toEqual({
      error: {
        code: 'InvalidCredentials',
        message: `vCenter ${fake.endpoints.vsphere.endpoint} refused the user name or password for administrator@vsphere.local`,
      },
    })
    expect(byId['task-3']).toEqual({
      error: { code: 'UnsupportedTask', message: 'This agent (0.1.0) cannot run task kind cluster.teleport' },
    })
    expect(console_.unauthorized).toBe(0)

    const started = Date.now()
    await agent.stop()
    expect(Date.now() - started).toBeLessThan(2000)
    const heartbeats = console_.heartbeats.length
    await new Promise((r) => setTimeout(r, 150))
    expect(console_.heartbeats.length).toBe(heartbeats)

    const log = lines.join('\n')
    expect(log).toContain('"msg":"paired"')
    for (const secret of [CREDENTIAL, PIN, vcenterPassword, 'wrong-password']) expect(log).not.toContain(secret)

    // A restart with the stored credential does not pair again (and needs no Pairing Code).
    const again = await startAgent(options({ pairingCode: undefined }))
    expect(again.gatewayUid).toBe('gw-1')
    await console_.waitFor(() => console_.heartbeats.length > heartbeats)
    expect(console_.pairs).toHaveLength(1)
    await again.stop()
  })

  it('backs off on 5xx from the console and recovers', async () => {
    console_.failPolls(4)
    const agent = await startAgent(options())
    await console_.waitFor(() => console_.polls.some((p) => p.status === 200))
    console_.queue(validate('after-outage'))
    await console_.waitFor(() => console_.results.length === 1)
    await agent.stop()
    const failed = console_.polls.filter((p) => p.status === 503)
    expect(failed).toHaveLength(4)
    const gaps = failed.slice(1).map((p, i) => p.at - failed[i]!.at)
    // 40, 80, 160 ms: each wait at least the backoff, and growing.
    expect(gaps[0]).toBeGreaterThanOrEqual(35)
    expect(gaps[1]).toBeGreaterThanOrEqual(75)
    expect(gaps[2]).toBeGreaterThanOrEqual(155)
    expect(lines.join('\n')).toContain('polling for tasks failed; backing off')
    expect(console_.results[0]!.body).toEqual({ result: { version: '8.0.2' } })
  })

  it('refuses to run with a Pairing Code the console does not accept', async () => {
    await expect(startAgent(options({ pairingCode: 'ZZZZZZ' }))).rejects.toThrow(
      /^The console refused the Pairing Code \(wrong, expired or already used\)/,
    )
    expect(lines.join('\n')).not.toContain('ZZZZZZ')
    await expect(stat(join(stateDir, 'credential.json'))).rejects.toThrow()
  })

  it('refuses a state directory it cannot write before spending the Pairing Code', async () => {
    // Reads as "no credential yet" (ENOENT) but cannot be created, as /var/lib/pcg-agent for a non-root user.
    const dangling = join(stateDir, 'state')
    await symlink(join(stateDir, 'gone', 'target'), dangling)
    await expect(startAgent(options({ stateDir: dangling }))).rejects.toThrow(
      new RegExp(`^State directory ${dangling} cannot be written \\(E[A-Z]+\\).*the Pairing Code was not used\\.$`),
    )
    expect(console_.pairs).toEqual([])
  })

  it('sends every console and vCenter call through the configured proxy', async () => {
    const proxy = await startCountingProxy()
    try {
      const agent = await startAgent(
        options({ proxy: { httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: 'vcenter.lab.local,.company.org' } }),
      )
      console_.queue(validate('via-proxy'))
      await console_.waitFor(() => console_.results.length === 1)
      await agent.stop()
      expect(console_.results[0]!.body).toEqual({ result: { version: '8.0.2' } })
      const consoleHost = new URL(console_.url).host
      const vcenterHost = new URL(fake.endpoints.vsphere.endpoint).host
      expect(proxy.requests.length).toBeGreaterThan(0)
      expect(proxy.requests.some((r) => r.includes(consoleHost))).toBe(true)
      // Both live on 127.0.0.1, on different ports.
      expect(proxy.requests.some((r) => r.includes(vcenterHost))).toBe(true)
    } finally {
      await proxy.close()
    }
  })

  it('pairs with its network settings, the proxy URLs stripped of their credentials', async () => {
    const sshPublicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTests ops@lab'
    const agent = await startAgent(
      options({
        sshPublicKey,
        podCidr: '192.168.0.0/16',
        serviceCidr: '10.96.0.0/12',
        proxy: {
          httpProxy: 'http://squid:Pr0xy-S3cret@proxy.lab.local:3128',
          httpsProxy: 'http://squid%40corp:Pr0xy-S3cret@proxy.lab.local:3129/',
          // The test console is on 127.0.0.1: the pairing itself goes direct.
          noProxy: 'vcenter.lab.local,.company.org,127.0.0.0/8',
        },
      }),
    )
    await agent.stop()
    expect(console_.pairs).toEqual([
      {
        pairingCode: PIN,
        name: 'pcg-lab',
        ipAddress: '192.0.2.10',
        agentVersion: '0.1.0',
        sshPublicKey,
        podCidr: '192.168.0.0/16',
        serviceCidr: '10.96.0.0/12',
        httpProxy: 'http://proxy.lab.local:3128',
        httpsProxy: 'http://proxy.lab.local:3129/',
        noProxy: 'vcenter.lab.local,.company.org,127.0.0.0/8',
      },
    ])
    expect(gatewayPairSchema.parse(console_.pairs[0])).toEqual(console_.pairs[0])
    expect(JSON.stringify(console_.pairs)).not.toContain('S3cret')
    expect(lines.join('\n')).not.toContain('S3cret')
  })

  it('goes direct for hosts in NO Proxy', async () => {
    const proxy = await startCountingProxy()
    const http = new OutboundHttp({ httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: '10.0.0.0/8, 127.0.0.0/8' })
    try {
      const res = await http.fetch()(`${fake.endpoints.vsphere.endpoint}/api/appliance/system/version`)
      expect(res.status).toBe(401)
      expect(proxy.requests).toEqual([])
      const proxied = new OutboundHttp({ httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: 'vcenter.lab' })
      expect((await proxied.fetch()(`${fake.endpoints.vsphere.endpoint}/api/session`)).status).toBe(401)
      expect(proxy.requests).toHaveLength(1)
      await proxied.close()
    } finally {
      await http.close()
      await proxy.close()
    }
  })
})

describe('proxy URLs leaving the agent', () => {
  it('lose their user and password, and nothing else', () => {
    expect(withoutCredentials('http://user:p%40ss@proxy.lab:3128')).toBe('http://proxy.lab:3128')
    expect(withoutCredentials('https://user@proxy.lab/path?x=1')).toBe('https://proxy.lab/path?x=1')
    expect(withoutCredentials('http://proxy.lab:3128')).toBe('http://proxy.lab:3128')
    expect(withoutCredentials('http://proxy.lab/a@b')).toBe('http://proxy.lab/a@b')
  })
})

describe('NO Proxy matching', () => {
  it('matches hosts, domain suffixes, IPs and CIDRs as the seed example lists them', () => {
    const list = 'vcenter.company.com, .company.org, 10.10.0.0/16'
    expect(matchesNoProxy('vcenter.company.com', list)).toBe(true)
    expect(matchesNoProxy('other.company.com', list)).toBe(false)
    expect(matchesNoProxy('a.b.company.org', list)).toBe(true)
    expect(matchesNoProxy('company.org', list)).toBe(true)
    expect(matchesNoProxy('10.10.3.4', list)).toBe(true)
    expect(matchesNoProxy('10.11.0.1', list)).toBe(false)
    expect(matchesNoProxy('anything', '*')).toBe(true)
  })
})
