import { type AdminResourceView, type FakeClouds, startFakeClouds } from '@console/fake-clouds'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ClusterDriver, ResourceLedger } from './cluster-driver.ts'
import { createProviders, type Providers } from './create-providers.ts'
import { type ContractWork, DRIVER_CASES, type DriverCase, type FaultSpec } from './driver-contract-cases.ts'
import { countByType } from './eks/eks-test-support.ts'
import { CloudError } from './errors.ts'
import { injectFault, LosingLedger, MemoryLedger, untilDone } from './tencent/tke-test-support.ts'

// The rules every cluster driver keeps, whatever its cloud (cluster-driver.ts): passes converge, are
// idempotent, survive lost ledger writes and throttling, delete by ownership tag, and fail for good with
// the step named.
let fake: FakeClouds
let providers: Providers

beforeAll(async () => {
  fake = await startFakeClouds({ port: 0, timeScale: 2_000 })
  // No real waits between the call policy's retries; the engine's waits are shortened in untilDone.
  providers = createProviders({ mode: 'sandbox', ...fake.endpoints }, { sleep: async () => {}, cacheTtlMs: 0 })
})
afterAll(async () => {
  await fake?.close()
})
afterEach(async () => {
  await clearFaults()
})

async function clearFaults(): Promise<void> {
  await fetch(`${fake.adminUrl}/faults`, { method: 'DELETE' })
}

async function inject(faults: FaultSpec[]): Promise<void> {
  for (const f of faults) await injectFault(fake, { ...f })
}

const ids = (resources: AdminResourceView[]) => resources.map((r) => `${r.type} ${r.id}`).sort()

async function rowsOf(ledger: ResourceLedger) {
  return (await ledger.list()).map((r) => ({ key: r.key, state: r.state }))
}

describe.each(DRIVER_CASES)('$cloud cluster driver contract', (c: DriverCase) => {
  const env = () => ({ fake, providers })
  const driver = (): ClusterDriver => providers.clusterDriver(c.cloud)
  const owned = (work: ContractWork) => c.owned(fake, work.clusterUid, work.clusterName)
  // Cluster uids and names unique per cloud and case: the cases share one fake.
  const work = (id: string, ledger?: ResourceLedger) =>
    c.work(env(), `uid-${c.cloud}-${id}`, `${c.cloud}-${id}`, ledger)

  /** Deletes until done and checks nothing of the cluster is left. */
  async function deleteAll(w: ContractWork, d: ClusterDriver = driver()): Promise<void> {
    await untilDone(() => d.reconcileDelete(w))
    expect(await owned(w)).toEqual([])
  }

  it('creates until done, changes nothing on a further pass, then deletes everything and stays deleted', async () => {
    const w = await work('happy')
    expect(await owned(w)).toEqual([])

    await untilDone(() => driver().reconcileCreate(w))
    const created = await owned(w)
    expect(countByType(created)).toEqual(c.counts)
    const rows = await rowsOf(w.ledger)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.filter((r) => r.state !== 'created')).toEqual([])

    // A pass after done answers done, creates nothing and leaves the ledger as it was.
    await expect(driver().reconcileCreate(w)).resolves.toEqual({ status: 'done' })
    expect(ids(await owned(w))).toEqual(ids(created))
    expect(await rowsOf(w.ledger)).toEqual(rows)

    await deleteAll(w)
    const deleted = await rowsOf(w.ledger)
    expect(deleted.map((r) => r.key).sort()).toEqual(rows.map((r) => r.key).sort())
    expect(deleted.filter((r) => r.state !== 'deleted')).toEqual([])

    // Deleting again is done at once.
    await expect(driver().reconcileDelete(w)).resolves.toEqual({ status: 'done' })
    expect(await owned(w)).toEqual([])
  })

  it('creates each resource once when the ledger loses the created writes of the main resources (restarts)', async () => {
    // A clean run, for the resource counts.
    const clean = await work('clean')
    await untilDone(() => driver().reconcileCreate(clean))
    const cleanCounts = countByType(await owned(clean))
    await deleteAll(clean)

    const w = await work('restart')
    const losing = c.mainKeys(w)
    const ledger = new LosingLedger(losing)
    w.ledger = ledger
    // Each lost write fails its pass (the engine's run fails); the engine runs the cluster again.
    let failures = 0
    for (let i = 0; i <= losing.length; i++) {
      try {
        await untilDone(() => driver().reconcileCreate(w))
        break
      } catch (err) {
        expect((err as Error).message).toBe('database connection lost')
        failures++
      }
    }
    expect(failures).toBe(losing.length)
    expect([...ledger.lost].sort()).toEqual([...losing].sort())
    await expect(driver().reconcileCreate(w)).resolves.toEqual({ status: 'done' })

    const created = await owned(w)
    expect(countByType(created)).toEqual(cleanCounts)
    for (const key of losing) expect(ledger.rows.get(key)?.state, key).toBe('created')

    await deleteAll(w)
    expect([...ledger.rows.values()].filter((r) => r.state !== 'deleted')).toEqual([])
  })

  it('deletes everything carrying the ownership tag with a ledger that never heard of it', async () => {
    const w = await work('orphan')
    await untilDone(() => driver().reconcileCreate(w))
    expect(countByType(await owned(w))).toEqual(c.counts)

    // The same cluster with an empty ledger (every row lost).
    const forgotten = await work('orphan', new MemoryLedger())
    await deleteAll(forgotten)
    const rows = await rowsOf(forgotten.ledger)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.filter((r) => r.state !== 'deleted')).toEqual([])
  })

  it('converges while 30% of its calls are throttled, creating and deleting', async () => {
    // One attempt per call: every throttled answer reaches the pass, as when the policy's retries run out.
    const impatient = createProviders({ mode: 'sandbox', ...fake.endpoints }, { retry: { attempts: 1 } }).clusterDriver(
      c.cloud,
    )
    const w = await work('throttled')
    await inject(c.throttle(0.3))

    const create = await untilDone(() => impatient.reconcileCreate(w), { maxPasses: 1_000 })
    expect(countByType(await owned(w))).toEqual(c.counts)
    // A delete pass of AWS reads every kind of owned resource: at 30% most passes fail, a few hundred of them.
    const del = await untilDone(() => impatient.reconcileDelete(w), { maxPasses: 1_000 })
    // The fault struck both ways: the passes met throttling and were run again.
    expect(create.retries).toBeGreaterThan(0)
    expect(del.retries).toBeGreaterThan(0)
    expect(await owned(w)).toEqual([])
    expect((await rowsOf(w.ledger)).filter((r) => r.state !== 'deleted')).toEqual([])
  }, 60_000)

  it('surfaces a refused create as a permanent CloudError naming the step, and deletes what came before', async () => {
    const w = await work('refused')
    await inject([c.refusal.fault])

    const error = await untilDone(() => driver().reconcileCreate(w)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CloudError)
    expect(error).toMatchObject({ retryable: false, cloudCode: c.refusal.fault.errorCode })
    expect((error as CloudError).message).toMatch(c.refusal.step)
    expect((await owned(w)).filter((r) => r.type === c.refusal.refusedType)).toEqual([])

    await clearFaults()
    await deleteAll(w)
  })
})
