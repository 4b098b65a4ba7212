import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type AwsFixture, setupAwsProject, waitFor } from '../domains/clusters/test-support.ts'
import { createTestApp, type TestApp } from '../test/harness.ts'
import { startEngineForDeps } from './start-engine.ts'

interface FakeResource {
  type: string
  id: string
  state: string
  tags: Record<string, string>
}

const GONE = new Set(['terminated', 'deleted'])

/** The engine with the real AWS IaaS driver against the fake AWS: a cluster's life, throttling, a crash. */
describe('provisioning engine with the AWS IaaS driver (fake AWS)', { timeout: 240_000 }, () => {
  let t: TestApp
  let adminUrl: string
  const fixtures: Record<string, AwsFixture> = {}

  beforeAll(async () => {
    t = await createTestApp(
      {
        FAKE_CLOUDS_TIME_SCALE: '1000',
        ENGINE_TIME_SCALE: '20',
        ENGINE_POLL_SECONDS: '0.5',
        ENGINE_RETRY_BASE_MS: '200',
        ENGINE_RETRY_MAX_MS: '2000',
        ENGINE_MAX_RETRIES: '40',
        ENGINE_SWEEP_SECONDS: '1',
      },
      { clouds: true, engine: true },
    )
    adminUrl = t.deps.sandbox!.adminUrl
    // One project per region: each test's dynamic VPC, Elastic IPs and NAT gateways stay within its quotas.
    for (const region of ['us-east-1', 'us-west-2', 'us-east-2'])
      fixtures[region] = await setupAwsProject(t, `aws-${region}`, region)
  })
  afterEach(async () => {
    await fetch(`${adminUrl}/faults`, { method: 'DELETE' })
  })
  afterAll(async () => {
    await t.close()
  })

  const as = (fx: AwsFixture) => t.as(t.adminToken, fx.headers)
  const fault = (body: object) =>
    fetch(`${adminUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  /** What the fake AWS holds for a cluster and is not gone: everything carrying its ownership tag. */
  async function cloudResourcesOf(uid: string): Promise<FakeResource[]> {
    const res = await fetch(`${adminUrl}/resources?cloud=aws&includeSeeded=false`)
    return ((await res.json()) as FakeResource[]).filter(
      (r) => r.tags?.['console-cluster-uid'] === uid && !GONE.has(r.state),
    )
  }
  const count = (resources: FakeResource[], type: string) => resources.filter((r) => r.type === type).length
  const clusterState = async (fx: AwsFixture, uid: string) => (await as(fx).get(`/v1/spectroclusters/${uid}`)).json()
  const messagesOf = async (fx: AwsFixture, uid: string) =>
    ((await as(fx).get(`/v1/events/components/spectrocluster/${uid}`)).json().items as Array<{ message: string }>).map(
      (e) => e.message,
    )
  async function create(fx: AwsFixture, name: string): Promise<string> {
    const res = await as(fx).post('/v1/spectroclusters/aws', fx.body(name))
    expect(res.statusCode, res.body).toBe(201)
    return res.json().uid
  }
  const untilSettled = (fx: AwsFixture, uid: string) =>
    waitFor(
      'Running or Error',
      () => clusterState(fx, uid),
      (c) => ['Running', 'Error'].includes(c.status.state),
      120_000,
    )
  async function deleteAndWait(fx: AwsFixture, uid: string) {
    expect((await as(fx).delete(`/v1/spectroclusters/${uid}`)).statusCode).toBe(204)
    const gone = await waitFor(
      'Deleted',
      () => clusterState(fx, uid),
      (c) => c.status.state === 'Deleted',
      120_000,
    )
    expect(gone.status.resources.every((r: { state: string }) => r.state === 'deleted')).toBe(true)
    await waitFor(
      'nothing left in the fake AWS',
      () => cloudResourcesOf(uid),
      (left) => left.length === 0,
    )
  }

  it('creates an AWS IaaS cluster (Pending → Provisioning → Running), then delete leaves nothing of it in AWS', async () => {
    const fx = fixtures['us-east-1']!
    const uid = await create(fx, 'aws-life')
    const running = await untilSettled(fx, uid)
    expect(running.status.state, JSON.stringify(running.status.conditions)).toBe('Running')
    const owned = await cloudResourcesOf(uid)
    expect(count(owned, 'ec2.vpc')).toBe(1)
    expect(count(owned, 'elb.load-balancer')).toBe(1)
    // One control plane node and two workers (a bastion host may add one).
    expect(count(owned, 'ec2.instance')).toBeGreaterThanOrEqual(3)
    expect(running.status.resources.every((r: { state: string }) => r.state === 'created')).toBe(true)
    expect(await messagesOf(fx, uid)).toContain('Cluster aws-life is running')

    // Day-2: the worker pool gets a label and a taint; its nodes are replaced one at a time (Expand First).
    const workers = async () =>
      (await cloudResourcesOf(uid)).filter(
        (r) => r.type === 'ec2.instance' && r.tags['console-node-pool'] === 'worker-pool',
      )
    const before = (await workers()).map((r) => r.id)
    expect(before).toHaveLength(2)
    const url = (pool: string) => `/v1/spectroclusters/${uid}/machinepools/${pool}`
    const edit = {
      size: 2,
      additionalLabels: { tier: 'api' },
      taints: [{ key: 'dedicated', value: 'api', effect: 'NoSchedule' }],
    }
    const controlPlane = await as(fx).put(url('control-plane'), { ...edit, size: 3 })
    expect(controlPlane.statusCode).toBe(422)
    expect(controlPlane.json().message).toContain('control plane pool')
    const bounds = await as(fx).put(url('worker-pool'), { ...edit, minSize: 1, maxSize: 3 })
    expect(bounds.statusCode).toBe(422)
    expect(bounds.json().details).toContainEqual(expect.objectContaining({ path: 'minSize' }))
    expect((await clusterState(fx, uid)).status.state).toBe('Running')
    const accepted = await as(fx).put(url('worker-pool'), edit)
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect(accepted.json().status.state).toBe('Provisioning')
    const edited = await untilSettled(fx, uid)
    expect(edited.status.state, JSON.stringify(edited.status.conditions)).toBe('Running')
    const after = await workers()
    expect(after).toHaveLength(2)
    expect(after.some((r) => before.includes(r.id))).toBe(false)
    expect(after.every((r) => r.tags['console-node-taints'] === 'dedicated=api:NoSchedule')).toBe(true)
    const messages = await messagesOf(fx, uid)
    expect(messages).toContain(
      'Node pool worker-pool edited by admin@example.com: labels none → tier=api; taints none → dedicated=api:NoSchedule; its nodes are replaced one at a time (Rolling Update: Expand First)',
    )
    const roll = 'Rolling update of worker pool worker-pool (Expand First): node 2 of worker pool worker-pool'
    expect(messages.indexOf(`${roll}: launching its new instance`)).toBeGreaterThan(-1)
    expect(messages.indexOf(`${roll}: launching its new instance`)).toBeLessThan(
      messages.findIndex((m) => m.startsWith(`${roll}: terminating its old instance`)),
    )
    await deleteAndWait(fx, uid)
    expect((await messagesOf(fx, uid)).at(-1)).toBe('Cluster aws-life deleted: every cloud resource is gone')
  })

  it('converges with 30% of AWS calls throttled, and deletes under the same throttling', async () => {
    const fx = fixtures['us-west-2']!
    await fault({ cloud: 'aws', action: '*', errorCode: 'RequestLimitExceeded', errorRate: 0.3 })
    const uid = await create(fx, 'aws-throttled')
    const done = await untilSettled(fx, uid)
    expect(done.status.state, JSON.stringify(done.status.conditions)).toBe('Running')
    expect(count(await cloudResourcesOf(uid), 'elb.load-balancer')).toBe(1)
    await deleteAndWait(fx, uid)
  })

  // Simulated crash (dropped connections): only meaningful on a real Postgres, see engine.test.ts.
  it.skipIf(!process.env.DATABASE_URL)(
    'a worker killed in the middle of RunInstances is replaced; the cluster runs with each node once',
    async () => {
      const fx = fixtures['us-east-2']!
      await fault({ cloud: 'aws', action: 'RunInstances', latencyMs: 1500 })
      const uid = await create(fx, 'aws-crash')
      await waitFor(
        'a ledger entry written before RunInstances',
        () => t.prisma.cloudResource.findMany({ where: { clusterId: uid } }),
        (rows) => rows.some((r) => r.kind === 'ec2.instance' && r.state === 'creating'),
      )
      await t.deps.engine!.stop({ abandon: true })
      await fetch(`${adminUrl}/faults`, { method: 'DELETE' })
      await startEngineForDeps(t.deps, { workers: true, log: t.app.log })
      const running = await untilSettled(fx, uid)
      expect(running.status.state, JSON.stringify(running.status.conditions)).toBe('Running')
      const instances = (await cloudResourcesOf(uid)).filter((r) => r.type === 'ec2.instance')
      const ledgerInstances = running.status.resources.filter((r: { kind: string }) => r.kind === 'ec2.instance')
      expect(instances.map((i) => i.id).sort()).toEqual(
        ledgerInstances.map((r: { cloudId: string }) => r.cloudId).sort(),
      )
      await deleteAndWait(fx, uid)
    },
  )
})
