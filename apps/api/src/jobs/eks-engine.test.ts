import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type EksFixture, setupEksProject, waitFor } from '../domains/clusters/test-support.ts'
import { createTestApp, type TestApp } from '../test/harness.ts'
import { startEngineForDeps } from './start-engine.ts'

interface FakeResource {
  cloud: string
  type: string
  id: string
  state: string
  tags: Record<string, string>
}

/** The engine with the real EKS driver against the fake AWS: the whole life of a cluster, failures, a crash. */
describe('provisioning engine with the EKS driver (fake AWS)', { timeout: 180_000 }, () => {
  let t: TestApp
  let adminUrl: string
  const fixtures: Record<string, EksFixture> = {}

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
        FORCE_DELETE_GRACE_SECONDS: '2',
      },
      { clouds: true, engine: true },
    )
    adminUrl = t.deps.sandbox!.adminUrl
    // One project per region: each test's dynamic VPC, Elastic IPs and NAT gateways stay within the region's quotas.
    for (const region of ['us-east-1', 'us-west-2', 'us-east-2', 'eu-west-1'])
      fixtures[region] = await setupEksProject(t, `eks-${region}`, region)
  })
  afterEach(async () => {
    await fetch(`${adminUrl}/faults`, { method: 'DELETE' })
  })
  afterAll(async () => {
    await t.close()
  })

  const as = (fx: EksFixture) => t.as(t.adminToken, fx.headers)
  const fault = (body: object) =>
    fetch(`${adminUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  /**
   * Everything the fake AWS holds for a cluster: what carries its ownership tag (network, EKS cluster,
   * node groups), and what EKS made for it with its own tags (node instances, the cluster security group).
   */
  async function cloudResourcesOf(uid: string, name: string): Promise<FakeResource[]> {
    const res = await fetch(`${adminUrl}/resources?cloud=aws&includeSeeded=false`)
    const all = (await res.json()) as FakeResource[]
    return all.filter(
      (r) =>
        r.tags?.['console-cluster-uid'] === uid ||
        r.tags?.['eks:cluster-name'] === name ||
        r.tags?.['aws:eks:cluster-name'] === name,
    )
  }
  const countByType = (resources: FakeResource[]) => {
    const counts: Record<string, number> = {}
    for (const r of resources) counts[r.type] = (counts[r.type] ?? 0) + 1
    return counts
  }
  const clusterState = async (fx: EksFixture, uid: string) => (await as(fx).get(`/v1/spectroclusters/${uid}`)).json()
  const eventsOf = async (fx: EksFixture, uid: string) =>
    (await as(fx).get(`/v1/events/components/spectrocluster/${uid}`)).json().items as Array<{
      reason: string
      message: string
      severity: string
      state?: string
    }>
  async function create(fx: EksFixture, name: string): Promise<string> {
    const res = await as(fx).post('/v1/spectroclusters/eks', fx.body(name))
    expect(res.statusCode, res.body).toBe(201)
    return res.json().uid
  }
  async function deleteAndWait(fx: EksFixture, uid: string, name: string) {
    expect((await as(fx).delete(`/v1/spectroclusters/${uid}`)).statusCode).toBe(204)
    const gone = await waitFor(
      'Deleted',
      () => clusterState(fx, uid),
      (c) => c.status.state === 'Deleted',
      90_000,
    )
    expect(gone.status.resources.every((r: { state: string }) => r.state === 'deleted')).toBe(true)
    // Terminated instances and deleted NAT gateways stay listed a little while, as in AWS.
    await waitFor(
      'nothing left in the fake AWS',
      () => cloudResourcesOf(uid, name),
      (left) => left.length === 0,
    )
    return gone
  }

  it('creates an EKS cluster (Pending → Provisioning → Running), then delete leaves nothing of it in AWS', async () => {
    const fx = fixtures['us-east-1']!
    const name = 'eks-life'
    const uid = await create(fx, name)
    const running = await waitFor(
      'Running',
      () => clusterState(fx, uid),
      (c) => ['Running', 'Error'].includes(c.status.state),
      90_000,
    )
    expect(running.status.state, JSON.stringify(running.status.conditions)).toBe('Running')
    expect(running.status.conditions).toContainEqual(expect.objectContaining({ type: 'Provisioned', status: 'True' }))
    expect(countByType(await cloudResourcesOf(uid, name))).toEqual({
      'ec2.vpc': 1,
      'ec2.internet-gateway': 1,
      'ec2.subnet': 4,
      'ec2.route-table': 3,
      'ec2.address': 2,
      'ec2.nat-gateway': 2,
      'ec2.security-group': 2,
      'eks.cluster': 1,
      'eks.nodegroup': 1,
      'ec2.instance': 1,
    })
    // The ledger the API shows is what the cloud holds.
    const kinds = running.status.resources.map((r: { kind: string }) => r.kind).sort()
    expect(kinds.filter((k: string) => k === 'eks.cluster')).toHaveLength(1)
    expect(kinds.filter((k: string) => k === 'eks.nodegroup')).toHaveLength(1)
    expect(kinds.filter((k: string) => k === 'ec2.subnet')).toHaveLength(4)
    expect(running.status.resources.every((r: { state: string }) => r.state === 'created')).toBe(true)
    const events = await eventsOf(fx, uid)
    const messages = events.map((e) => e.message)
    expect(messages).toEqual(
      expect.arrayContaining([
        `Cluster ${name} requested by admin@example.com`,
        `Provisioning cluster ${name}`,
        `Creating VPC 10.0.0.0/16 with a public and a private subnet in ${fx.zones.join(', ')}`,
        `Creating EKS cluster ${name}`,
        'Creating node group worker-pool',
        `Cluster ${name} is running`,
      ]),
    )
    expect(events.filter((e) => e.severity === 'Error')).toEqual([])

    const deleted = await deleteAndWait(fx, uid, name)
    expect(deleted.status.state).toBe('Deleted')
    const deleteMessages = (await eventsOf(fx, uid)).map((e) => e.message)
    const at = (m: string) => deleteMessages.indexOf(m)
    expect(at('Deleting node group worker-pool')).toBeGreaterThan(0)
    expect(at('Deleting EKS cluster')).toBeGreaterThan(at('Deleting node group worker-pool'))
    expect(at('Deleting NAT gateways')).toBeGreaterThan(at('EKS cluster deleted'))
    expect(deleteMessages.at(-1)).toBe(`Cluster ${name} deleted: every cloud resource is gone`)
    const listed = (await as(fx).get('/v1/spectroclusters'))
      .json()
      .items.map((c: { metadata: { uid: string } }) => c.metadata.uid)
    expect(listed).not.toContain(uid)
    const audit = await t.prisma.auditEvent.findMany({ where: { resourceUid: uid }, orderBy: { createdAt: 'asc' } })
    expect(audit.map((a) => a.actionType)).toEqual(['create', 'delete'])
  })

  it('a day-2 node pool edit goes Provisioning → Running with the change in AWS; wrong edits are refused', async () => {
    const fx = fixtures['us-east-1']!
    const name = 'eks-edit'
    const uid = await create(fx, name)
    const running = await waitFor(
      'Running',
      () => clusterState(fx, uid),
      (c) => ['Running', 'Error'].includes(c.status.state),
      90_000,
    )
    expect(running.status.state).toBe('Running')
    const url = `/v1/spectroclusters/${uid}/machinepools/worker-pool`
    const edit = {
      size: 2,
      minSize: 1,
      maxSize: 3,
      additionalLabels: { tier: 'gpu' },
      taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
    }

    // Refused without writing: a Project Viewer, an unknown pool, a broken rule, a body that is not an edit.
    const viewer = await t.createUserWithRole('Project Viewer', fx.projectUid)
    expect((await t.as(viewer.token, fx.headers).put(url, edit)).statusCode).toBe(403)
    expect((await as(fx).put(`/v1/spectroclusters/${uid}/machinepools/nope`, edit)).statusCode).toBe(404)
    const tooBig = await as(fx).put(url, { ...edit, size: 5 })
    expect(tooBig.statusCode).toBe(422)
    expect(tooBig.json().details).toContainEqual(expect.objectContaining({ path: 'size' }))
    const badTaint = await as(fx).put(url, { ...edit, taints: [{ key: 'x', value: 'y', effect: 'Sometimes' }] })
    expect(badTaint.statusCode).toBe(400)
    expect(badTaint.json().details.map((d: { path: string }) => d.path)).toContain('taints.0.effect')
    expect((await clusterState(fx, uid)).status.state).toBe('Running')

    const accepted = await as(fx).put(url, edit)
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect(accepted.json().status.state).toBe('Provisioning')
    // While it applies, a second edit is refused.
    expect((await as(fx).put(url, { ...edit, size: 3 })).statusCode).toBe(409)
    const done = await waitFor(
      'Running again',
      () => clusterState(fx, uid),
      (c) => ['Running', 'Error'].includes(c.status.state),
      90_000,
    )
    expect(done.status.state, JSON.stringify(done.status.conditions)).toBe('Running')
    const pool = done.spec.machinepoolconfig[0].poolConfig
    expect(pool).toMatchObject({ size: 2, additionalLabels: { tier: 'gpu' } })

    // The node group scaled to 2 in AWS (its labels and taints: the driver's tests read them back).
    await waitFor(
      'two running nodes',
      async () => (await cloudResourcesOf(uid, name)).filter((r) => r.type === 'ec2.instance' && r.state === 'running'),
      (nodes) => nodes.length === 2,
    )
    const messages = (await eventsOf(fx, uid)).map((e) => e.message)
    expect(messages).toContain(
      'Node pool worker-pool edited by admin@example.com: size 1 → 2; labels none → tier=gpu; taints none → dedicated=gpu:NoSchedule',
    )
    expect(messages).toContain(
      'Updating node group worker-pool: size 2 (1–3); labels set tier=gpu; taints set dedicated=gpu:NO_SCHEDULE',
    )
    const audit = await t.prisma.auditEvent.findMany({ where: { resourceUid: uid }, orderBy: { createdAt: 'asc' } })
    expect(audit.map((a) => a.actionType)).toEqual(['create', 'update'])

    await deleteAndWait(fx, uid, name)
  })

  it('a permanent cloud error ends in Error with a readable condition; deleting it then cleans up the network', async () => {
    const fx = fixtures['us-west-2']!
    const name = 'eks-refused'
    await fault({ cloud: 'aws', action: 'CreateCluster', errorCode: 'ResourceLimitExceededException' })
    const uid = await create(fx, name)
    const failed = await waitFor(
      'Error',
      () => clusterState(fx, uid),
      (c) => c.status.state !== 'Pending' && c.status.state !== 'Provisioning',
      60_000,
    )
    expect(failed.status.state).toBe('Error')
    const condition = failed.status.conditions.find((c: { type: string }) => c.type === 'Provisioned')
    expect(condition).toMatchObject({ status: 'False', reason: 'ResourceLimitExceededException' })
    expect(condition.message).toMatch(/^Creating EKS cluster: AWS rejected eks:CreateCluster in us-west-2: /)
    const events = await eventsOf(fx, uid)
    expect(events.at(-1)).toMatchObject({ severity: 'Error', state: 'Error', message: condition.message })
    // The network made before the refusal is the cluster's until it is deleted.
    expect((await cloudResourcesOf(uid, name)).some((r) => r.type === 'ec2.vpc')).toBe(true)

    await fetch(`${adminUrl}/faults`, { method: 'DELETE' })
    await deleteAndWait(fx, uid, name)
  })

  it('converges with 30% of AWS calls throttled, and deletes under the same throttling', async () => {
    const fx = fixtures['eu-west-1']!
    const name = 'eks-throttled'
    await fault({ cloud: 'aws', action: '*', errorCode: 'RequestLimitExceeded', errorRate: 0.3 })
    const uid = await create(fx, name)
    const done = await waitFor(
      'Running',
      () => clusterState(fx, uid),
      (c) => ['Running', 'Error'].includes(c.status.state),
      90_000,
    )
    expect(done.status.state, JSON.stringify(done.status.conditions)).toBe('Running')
    expect(countByType(await cloudResourcesOf(uid, name))).toMatchObject({
      'ec2.vpc': 1,
      'ec2.nat-gateway': 2,
      'eks.cluster': 1,
      'eks.nodegroup': 1,
    })
    await deleteAndWait(fx, uid, name)
  })

  // Simulated crash (dropped connections): only meaningful on a real Postgres, see engine.test.ts.
  it.skipIf(!process.env.DATABASE_URL)(
    'a worker killed in the middle of CreateCluster is replaced; the cluster runs with exactly one of each resource',
    async () => {
      const fx = fixtures['us-east-2']!
      const name = 'eks-crash'
      // CreateCluster answers slowly, so the pass is surely inside the call when the worker dies.
      await fault({ cloud: 'aws', action: 'CreateCluster', latencyMs: 1500 })
      const uid = await create(fx, name)
      await waitFor(
        'the ledger entry written before CreateCluster',
        () => t.prisma.cloudResource.findMany({ where: { clusterId: uid } }),
        (rows) => rows.some((r) => r.kind === 'eks.cluster' && r.state === 'creating'),
      )
      await t.deps.engine!.stop({ abandon: true })
      // The dead worker's CreateCluster still lands in AWS; its answer is never recorded.
      await waitFor(
        'the orphaned CreateCluster to land',
        () => cloudResourcesOf(uid, name),
        (r) => r.some((x) => x.type === 'eks.cluster'),
      )
      const cluster = await t.prisma.cloudResource.findUniqueOrThrow({
        where: { clusterId_key: { clusterId: uid, key: 'cluster' } },
      })
      expect([cluster.state, cluster.cloudId]).toEqual(['creating', null])
      await fetch(`${adminUrl}/faults`, { method: 'DELETE' })
      await startEngineForDeps(t.deps, { workers: true, log: t.app.log })
      const running = await waitFor(
        'Running',
        () => clusterState(fx, uid),
        (c) => ['Running', 'Error'].includes(c.status.state),
        90_000,
      )
      expect(running.status.state, JSON.stringify(running.status.conditions)).toBe('Running')
      expect(countByType(await cloudResourcesOf(uid, name))).toMatchObject({
        'ec2.vpc': 1,
        'eks.cluster': 1,
        'eks.nodegroup': 1,
      })
      const events = await eventsOf(fx, uid)
      expect(events.filter((e) => e.message === `Creating EKS cluster ${name}`)).toHaveLength(1)
      await deleteAndWait(fx, uid, name)
    },
  )

  it('force delete of a cluster whose EKS delete is stuck: Deleted with the EKS cluster among the leftovers', async () => {
    const fx = fixtures['us-east-1']!
    const name = 'eks-stuck'
    const uid = await create(fx, name)
    await waitFor(
      'Running',
      () => clusterState(fx, uid),
      (c) => ['Running', 'Error'].includes(c.status.state),
      90_000,
    )
    await fault({ cloud: 'aws', action: 'DeleteCluster', stuck: true })
    const projectAdmin = await t.createUserWithRole('Project Admin', fx.projectUid)
    expect((await as(fx).delete(`/v1/spectroclusters/${uid}`)).statusCode).toBe(204)
    await waitFor(
      'the EKS delete to start',
      () => eventsOf(fx, uid),
      (events) => events.some((e) => e.message === 'Waiting for EKS cluster to be deleted'),
      60_000,
    )
    const early = await t.as(projectAdmin.token, fx.headers).delete(`/v1/spectroclusters/${uid}?forceDelete=true`)
    const availableAt = early.statusCode === 409 ? Date.parse(early.json().details.forceDeleteAvailableAt) : Date.now()
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, availableAt - Date.now()) + 100))
    const res =
      early.statusCode === 200
        ? early
        : await t.as(projectAdmin.token, fx.headers).delete(`/v1/spectroclusters/${uid}?forceDelete=true`)
    expect(res.statusCode, res.body).toBe(200)
    const leftovers = res.json().leftovers as Array<{ kind: string; cloudId: string }>
    expect(leftovers).toContainEqual(expect.objectContaining({ kind: 'eks.cluster', cloudId: name }))
    expect(leftovers).toContainEqual(expect.objectContaining({ kind: 'ec2.vpc' }))
    expect((await clusterState(fx, uid)).status.state).toBe('Deleted')
    const last = (await eventsOf(fx, uid)).at(-1)
    expect(last).toMatchObject({ reason: 'ForceDeleted', state: 'Deleted', severity: 'Warning' })
    expect(last?.message).toContain(`eks.cluster ${name} (us-east-1)`)
  })
})
