import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { setupTkeProject, type TkeFixture, waitFor } from '../domains/clusters/test-support.ts'
import { createTestApp, type TestApp } from '../test/harness.ts'
import { startEngineForDeps } from './start-engine.ts'

interface FakeResource {
  cloud: string
  type: string
  id: string
  state: string
  tags: Record<string, string>
}

/** The engine with the real TKE driver against the fake Tencent Cloud: crashes, throttling, failures, deletes. */
describe('provisioning engine with the TKE driver (fake Tencent Cloud)', { timeout: 150_000 }, () => {
  let t: TestApp
  let fx: TkeFixture
  let adminUrl: string

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
    fx = await setupTkeProject(t)
    adminUrl = t.deps.sandbox!.adminUrl
  })
  afterEach(async () => {
    await fetch(`${adminUrl}/faults`, { method: 'DELETE' })
  })
  afterAll(async () => {
    await t.close()
  })

  const admin = () => t.as(t.adminToken, fx.headers)
  const fault = (body: object) =>
    fetch(`${adminUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  /** What the fake cloud holds for a cluster: everything carrying its ownership tag (CVMs inherit it from their pool). */
  async function cloudResourcesOf(uid: string): Promise<FakeResource[]> {
    const res = await fetch(`${adminUrl}/resources?cloud=tencent&includeSeeded=false`)
    const all = (await res.json()) as FakeResource[]
    return all.filter((r) => r.tags?.['console-cluster-uid'] === uid)
  }
  const countByType = (resources: FakeResource[]) => {
    const counts: Record<string, number> = {}
    for (const r of resources) counts[r.type] = (counts[r.type] ?? 0) + 1
    return counts
  }
  const clusterState = async (uid: string) => (await admin().get(`/v1/spectroclusters/${uid}`)).json()
  async function create(name: string): Promise<string> {
    const res = await admin().post('/v1/spectroclusters/tke', fx.body(name))
    expect(res.statusCode, res.body).toBe(201)
    return res.json().uid
  }

  // Simulated crash (dropped connections): only meaningful on a real Postgres, see engine.test.ts.
  it.skipIf(!process.env.DATABASE_URL)(
    'a worker killed in the middle of CreateCluster is replaced; the cluster runs with exactly one of each resource',
    async () => {
      // CreateCluster answers slowly, so the pass is surely inside the call when the worker dies.
      await fault({ cloud: 'tencent', action: 'CreateCluster', latencyMs: 1500 })
      const uid = await create('tke-crash')
      await waitFor(
        'the ledger entry written before CreateCluster',
        () => t.prisma.cloudResource.findMany({ where: { clusterId: uid } }),
        (rows) => rows.some((r) => r.kind === 'tke.cluster' && r.state === 'creating'),
      )
      await t.deps.engine!.stop({ abandon: true })
      // The dead worker's CreateCluster still lands in the cloud; its answer is never recorded.
      await waitFor(
        'the orphaned CreateCluster to land',
        () => cloudResourcesOf(uid),
        (r) => r.length > 0,
      )
      const ledger = await t.prisma.cloudResource.findMany({ where: { clusterId: uid } })
      expect(ledger.map((r) => [r.kind, r.state, r.cloudId])).toEqual([['tke.cluster', 'creating', null]])
      await startEngineForDeps(t.deps, { workers: true, log: t.app.log })
      const running = await waitFor(
        'Running',
        () => clusterState(uid),
        (c) => ['Running', 'Error'].includes(c.status.state),
        60_000,
      )
      expect(running.status.state, JSON.stringify(running.status.conditions)).toBe('Running')
      const counts = countByType(await cloudResourcesOf(uid))
      expect(counts).toMatchObject({ 'tke.cluster': 1, 'tke.nodepool': 1 })
      expect(Object.values(counts).every((n) => n >= 1)).toBe(true)
      const kinds = running.status.resources.map((r: { kind: string }) => r.kind)
      expect(kinds.filter((k: string) => k === 'tke.cluster')).toHaveLength(1)
      expect(kinds.filter((k: string) => k === 'tke.nodepool')).toHaveLength(1)
      expect(running.status.resources.every((r: { state: string }) => r.state === 'created')).toBe(true)
    },
  )

  it('converges with 30% of Tencent calls throttled', async () => {
    await fault({ cloud: 'tencent', action: '*', errorCode: 'RequestLimitExceeded', errorRate: 0.3 })
    const uid = await create('tke-throttled')
    const done = await waitFor(
      'Running',
      () => clusterState(uid),
      (c) => ['Running', 'Error'].includes(c.status.state),
      90_000,
    )
    expect(done.status.state, JSON.stringify(done.status.conditions)).toBe('Running')
    expect(countByType(await cloudResourcesOf(uid))).toMatchObject({ 'tke.cluster': 1, 'tke.nodepool': 1 })
  })

  it('a permanent cloud error ends in Error with a readable condition', async () => {
    await fault({ cloud: 'tencent', action: 'CreateCluster', errorCode: 'LimitExceeded' })
    const uid = await create('tke-refused')
    const failed = await waitFor(
      'Error',
      () => clusterState(uid),
      (c) => c.status.state !== 'Pending' && c.status.state !== 'Provisioning',
    )
    expect(failed.status.state).toBe('Error')
    const condition = failed.status.conditions.find((c: { type: string }) => c.type === 'Provisioned')
    expect(condition).toMatchObject({ status: 'False', reason: 'LimitExceeded' })
    expect(condition.message).toMatch(/^[A-Z][^:]+: .+/)
    const events = (await admin().get(`/v1/events/components/spectrocluster/${uid}`)).json().items
    expect(events.at(-1)).toMatchObject({ severity: 'Error', state: 'Error', message: condition.message })
  })

  it('delete removes everything the ledger holds, then the cluster is Deleted and leaves the list', async () => {
    const uid = await create('tke-deleted')
    await waitFor(
      'Running',
      () => clusterState(uid),
      (c) => c.status.state === 'Running',
      60_000,
    )
    expect((await cloudResourcesOf(uid)).length).toBeGreaterThan(0)
    expect((await admin().delete(`/v1/spectroclusters/${uid}`)).statusCode).toBe(204)
    const gone = await waitFor(
      'Deleted',
      () => clusterState(uid),
      (c) => c.status.state === 'Deleted',
      60_000,
    )
    expect(gone.status.resources.every((r: { state: string }) => r.state === 'deleted')).toBe(true)
    expect(await cloudResourcesOf(uid)).toEqual([])
    const listed = (await admin().get('/v1/spectroclusters'))
      .json()
      .items.map((c: { metadata: { uid: string } }) => c.metadata.uid)
    expect(listed).not.toContain(uid)
  })

  it('force delete of a cluster whose cloud delete is stuck: 403 for an editor, 409 early, then Deleted with leftovers', async () => {
    const uid = await create('tke-stuck')
    await waitFor(
      'Running',
      () => clusterState(uid),
      (c) => c.status.state === 'Running',
      60_000,
    )
    await fault({ cloud: 'tencent', action: 'DeleteCluster', stuck: true })
    const editor = await t.createUserWithRole('Project Editor', fx.projectUid)
    const projectAdmin = await t.createUserWithRole('Project Admin', fx.projectUid)
    expect((await t.as(editor.token, fx.headers).delete(`/v1/spectroclusters/${uid}`)).statusCode).toBe(204)
    const early = await t.as(projectAdmin.token, fx.headers).delete(`/v1/spectroclusters/${uid}?forceDelete=true`)
    expect(early.statusCode).toBe(409)
    const availableAt = Date.parse(early.json().details.forceDeleteAvailableAt)
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, availableAt - Date.now()) + 100))
    expect(
      (await t.as(editor.token, fx.headers).delete(`/v1/spectroclusters/${uid}?forceDelete=true`)).statusCode,
    ).toBe(403)
    // The cloud's delete is stuck: the cluster is still Deleting, its TKE cluster still in the cloud.
    expect((await clusterState(uid)).status.state).toBe('Deleting')
    const res = await t.as(projectAdmin.token, fx.headers).delete(`/v1/spectroclusters/${uid}?forceDelete=true`)
    expect(res.statusCode).toBe(200)
    const leftovers = res.json().leftovers as Array<{ kind: string; cloudId: string }>
    const inCloud = await cloudResourcesOf(uid)
    const tkeCluster = inCloud.find((r) => r.type === 'tke.cluster')
    expect(tkeCluster).toBeDefined()
    expect(leftovers).toContainEqual(expect.objectContaining({ kind: 'tke.cluster', cloudId: tkeCluster?.id }))
    expect((await clusterState(uid)).status.state).toBe('Deleted')
    // The engine stops working on it: no event after the force delete's.
    const events = async () => (await admin().get(`/v1/events/components/spectrocluster/${uid}`)).json().items
    const atForce = (await events()).length
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const after = await events()
    expect(after).toHaveLength(atForce)
    expect(after.at(-1)).toMatchObject({ reason: 'ForceDeleted', state: 'Deleted' })
  })
})
