import { CloudError } from '@console/providers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../test/harness.ts'
import type { PassSample } from './pass-trace.ts'
import { startEngineForDeps } from './start-engine.ts'
import { ScriptedCloud, throttled } from './testing/scripted-cloud.ts'

const ENGINE_ENV = {
  ENGINE_TIME_SCALE: '50',
  ENGINE_POLL_SECONDS: '0.5',
  ENGINE_RETRY_BASE_MS: '200',
  ENGINE_RETRY_MAX_MS: '2000',
  ENGINE_MAX_RETRIES: '5',
  ENGINE_SWEEP_SECONDS: '1',
}

async function waitFor<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs
  let last: T = await read()
  while (!ok(last)) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}; last: ${JSON.stringify(last)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
    last = await read()
  }
  return last
}

/** A cluster row as the create endpoint writes it, in a fresh project. */
async function insertClusterIn(t: TestApp, name: string, state = 'Pending') {
  const projectUid = await t.createProject(`p-${name}`)
  const tenant = await t.prisma.tenant.findFirstOrThrow()
  const account = await t.prisma.cloudAccount.create({
    data: {
      tenantId: tenant.id,
      projectId: projectUid,
      cloudType: 'tencent',
      name: `acct-${name}`,
      spec: {},
      secretCiphertext: 'unused',
    },
  })
  const profile = await t.prisma.clusterProfile.findFirstOrThrow({ where: { cloudType: 'tencent' } })
  const row = await t.prisma.cluster.create({
    data: {
      tenantId: tenant.id,
      projectId: projectUid,
      name,
      cloudType: 'tencent',
      cloudAccountId: account.id,
      profileId: profile.id,
      labels: {},
      spec: { cloudConfig: { region: 'test-region-1' } },
      state,
    },
  })
  return row.id
}

describe('provisioning engine (scripted cloud)', () => {
  let t: TestApp
  let cloud: ScriptedCloud

  const insertCluster = (name: string, state = 'Pending') => insertClusterIn(t, name, state)
  const clusterOf = (id: string) => t.prisma.cluster.findUniqueOrThrow({ where: { id } })
  const eventsOf = (id: string) => t.prisma.clusterEvent.findMany({ where: { clusterId: id }, orderBy: { seq: 'asc' } })

  beforeEach(async () => {
    cloud = new ScriptedCloud(2)
    t = await createTestApp(ENGINE_ENV, {
      engine: { drivers: () => cloud.driver(), credentials: async () => ({ secretId: 'test' }), random: () => 0.5 },
    })
  })
  afterEach(async () => {
    await t.close()
  })

  it('takes a Pending cluster to Running, recording each state change and each resource once', async () => {
    const id = await insertCluster('c-run')
    await t.deps.engine?.enqueue(id)
    const done = await waitFor(
      'Running',
      () => clusterOf(id),
      (c) => c.state === 'Running',
    )
    expect(done.conditions).toEqual([expect.objectContaining({ type: 'Provisioned', status: 'True' })])
    const events = await eventsOf(id)
    expect(events.filter((e) => e.state).map((e) => e.state)).toEqual(['Provisioning', 'Running'])
    // The driver reports "Waiting for cluster" on several passes: stored once each time it changes.
    const messages = events.map((e) => e.message)
    for (let i = 1; i < messages.length; i++) expect(messages[i]).not.toBe(messages[i - 1])
    const ledger = await t.prisma.cloudResource.findMany({ where: { clusterId: id }, orderBy: { createdAt: 'asc' } })
    expect(ledger.map((r) => [r.key, r.state])).toEqual([
      ['cluster', 'created'],
      ['nodepool/workers', 'created'],
    ])
    expect(cloud.ofCluster(id)).toHaveLength(2)
  })

  it('tells observers where each pass spent its time, step by step', async () => {
    const samples: PassSample[] = []
    const stop = t.deps.engine?.observe((sample) => samples.push(sample))
    const id = await insertCluster('c-observed')
    await t.deps.engine?.enqueue(id)
    await waitFor(
      'Running',
      () => clusterOf(id),
      (c) => c.state === 'Running',
    )
    stop?.()
    // (The sweep may enqueue a pass while one runs: that one finds the lock held, `busy`.)
    const passes = samples.filter((s) => s.clusterUid === id && s.result !== 'busy' && s.result !== 'skipped')
    // Two polls to ready per resource: cluster created (waiting), cluster ready and pool created
    // (waiting), pool ready (done).
    expect(passes.map((s) => [s.state, s.result, s.steps.map((x) => x.step)])).toEqual([
      ['Pending', 'waiting', ['lock', 'load', 'Creating', 'Waiting', 'schedule']],
      ['Provisioning', 'waiting', ['lock', 'load', 'Creating', 'Waiting', 'schedule']],
      ['Provisioning', 'done', ['lock', 'load', 'record']],
    ])
    for (const pass of passes) {
      expect(pass.cloudType).toBe('tencent')
      expect(pass.steps.every((s) => s.ms >= 0)).toBe(true)
      expect(pass.steps.reduce((sum, s) => sum + s.ms, 0)).toBeCloseTo(pass.ms, 6)
    }
  })

  it('retries throttling with backoff (Warning events) and still converges', async () => {
    cloud.failNext(throttled(), throttled(), throttled())
    const id = await insertCluster('c-throttle')
    await t.deps.engine?.enqueue(id)
    await waitFor(
      'Running',
      () => clusterOf(id),
      (c) => c.state === 'Running',
    )
    const warnings = (await eventsOf(id)).filter((e) => e.severity === 'Warning')
    expect(warnings).toHaveLength(3)
    expect(warnings[0]?.message).toMatch(/Rate limit exceeded \(attempt 1 of 5/)
    expect(cloud.ofCluster(id)).toHaveLength(2)
  })

  it('ends in Error with a readable condition on a permanent cloud error', async () => {
    cloud.failNext(
      new CloudError({
        kind: 'QuotaExceeded',
        cloud: 'tencent',
        cloudCode: 'LimitExceeded.ClusterQuota',
        message: 'The account may create at most 5 clusters in this region',
      }),
    )
    const id = await insertCluster('c-error')
    await t.deps.engine?.enqueue(id)
    const failed = await waitFor(
      'Error',
      () => clusterOf(id),
      (c) => c.state === 'Error',
    )
    expect(failed.conditions).toEqual([
      expect.objectContaining({
        type: 'Provisioned',
        status: 'False',
        reason: 'LimitExceeded.ClusterQuota',
        message: 'Creating: The account may create at most 5 clusters in this region',
      }),
    ])
    const last = (await eventsOf(id)).at(-1)
    expect(last).toMatchObject({ severity: 'Error', state: 'Error', reason: 'LimitExceeded.ClusterQuota' })
  })

  it('deletes what the ledger holds, then marks the cluster Deleted', async () => {
    const id = await insertCluster('c-delete')
    await t.deps.engine?.enqueue(id)
    await waitFor(
      'Running',
      () => clusterOf(id),
      (c) => c.state === 'Running',
    )
    await t.prisma.cluster.update({ where: { id }, data: { state: 'Deleting', deletionRequestedAt: new Date() } })
    await t.deps.engine?.enqueue(id)
    const deleted = await waitFor(
      'Deleted',
      () => clusterOf(id),
      (c) => c.state === 'Deleted',
    )
    expect(deleted.deletedAt).toBeInstanceOf(Date)
    expect(cloud.ofCluster(id)).toHaveLength(0)
    const ledger = await t.prisma.cloudResource.findMany({ where: { clusterId: id } })
    expect(ledger.map((r) => r.state)).toEqual(['deleted', 'deleted'])
  })

  // A crash is simulated by dropping the worker's connections. With the embedded database the database
  // lives inside the crashing process and goes with it, so the scenario only exists on a real Postgres.
  it.skipIf(!process.env.DATABASE_URL)(
    'survives a worker crash in the middle of a create call: the next worker finishes with one resource each',
    async () => {
      const id = await insertCluster('c-crash')
      const gate = cloud.gateNextCreate()
      await t.deps.engine?.enqueue(id)
      await gate.reached
      // The worker "dies" while its create call is in flight: no more writes from it, its lock drops.
      await t.deps.engine?.stop({ abandon: true })
      gate.release()
      await new Promise((resolve) => setTimeout(resolve, 200))
      const afterCrash = await t.prisma.cloudResource.findMany({ where: { clusterId: id } })
      expect(afterCrash.map((r) => r.state)).toEqual(['creating'])
      await startEngineForDeps(t.deps, {
        workers: true,
        log: t.app.log,
        drivers: () => cloud.driver(),
        credentials: async () => ({}),
      })
      await waitFor(
        'Running',
        () => clusterOf(id),
        (c) => c.state === 'Running',
        30_000,
      )
      expect(
        cloud
          .ofCluster(id)
          .map((r) => r.key)
          .sort(),
      ).toEqual(['cluster', 'nodepool/workers'])
    },
  )

  it('a pass that finds its cluster force deleted writes nothing more', async () => {
    const id = await insertCluster('c-gone')
    const gate = cloud.gateNextCreate()
    await t.deps.engine?.enqueue(id)
    await gate.reached
    await t.prisma.cluster.update({ where: { id }, data: { state: 'Deleted', deletedAt: new Date() } })
    const before = (await eventsOf(id)).length
    gate.release()
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect((await eventsOf(id)).length).toBe(before)
    const ledger = await t.prisma.cloudResource.findMany({ where: { clusterId: id } })
    expect(ledger.map((r) => r.state)).toEqual(['creating'])
    expect((await clusterOf(id)).state).toBe('Deleted')
  })
})

describe('provisioning engine throughput (scripted cloud)', () => {
  it('drains due passes one after another instead of waiting the polling interval after each', async () => {
    const cloud = new ScriptedCloud(1)
    // One worker that polls every 10 s: waiting the interval after every pass would take ≥ 50 s here.
    const t = await createTestApp(
      { ...ENGINE_ENV, ENGINE_POLL_SECONDS: '10', ENGINE_CONCURRENCY: '1' },
      { engine: { drivers: () => cloud.driver(), credentials: async () => ({}), random: () => 0.5 } },
    )
    try {
      const samples: PassSample[] = []
      t.deps.engine?.observe((sample) => samples.push(sample))
      const ids: string[] = []
      for (let i = 0; i < 6; i++) ids.push(await insertClusterIn(t, `c-drain-${i}`))
      const started = Date.now()
      for (const id of ids) await t.deps.engine?.enqueue(id)
      await waitFor(
        'every cluster Running',
        () => t.prisma.cluster.findMany({ where: { id: { in: ids } } }),
        (rows) => rows.every((r) => r.state === 'Running'),
        30_000,
      )
      expect(Date.now() - started).toBeLessThan(8_000)
      const done = samples.filter((s) => s.result === 'done')
      expect(done.map((s) => s.clusterUid).sort()).toEqual([...ids].sort())
      expect(done[0]?.steps.map((s) => s.step)).toEqual(['lock', 'load', 'Creating', 'Creating', 'record'])
    } finally {
      await t.close()
    }
  })
})
