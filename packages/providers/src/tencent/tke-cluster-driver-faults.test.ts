import { type FakeClouds, startFakeClouds } from '@console/fake-clouds'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TencentCredentials } from '../cloud-provider.ts'
import { seededAccounts } from '../contract-cases.ts'
import { createProviders, type Providers } from '../create-providers.ts'
import { CloudError } from '../errors.ts'
import {
  clusterWork,
  createdResources,
  type Driver,
  injectFault,
  type MemoryLedger,
  ofType,
  regionInventory,
  tkeSpec,
  untilDone,
} from './tke-test-support.ts'

// Failures of the TKE driver against the fake TKE: throttling, permanent errors, server errors, a stuck delete.
let fake: FakeClouds
let providers: Providers
let driver: Driver
let credentials: TencentCredentials

beforeAll(async () => {
  fake = await startFakeClouds({ port: 0, timeScale: 2_000 })
  providers = createProviders({ mode: 'sandbox', ...fake.endpoints }, { sleep: async () => {}, cacheTtlMs: 0 })
  driver = providers.clusterDriver('tencent')
  const { full } = seededAccounts(fake, 'tencent')
  credentials = { secretId: full.id, secretKey: full.secret }
})
afterAll(async () => {
  await fake?.close()
})
afterEach(async () => {
  await fetch(`${fake.adminUrl}/faults`, { method: 'DELETE' })
})

describe('TkeClusterDriver when TKE fails', () => {
  it('converges when TKE throttles, the engine retrying what the call policy gave up on', async () => {
    const region = 'ap-singapore'
    const inv = await regionInventory(providers, credentials, region)
    // One attempt per call: every throttled answer reaches the pass, as when the policy's retries run out.
    const impatient = createProviders({ mode: 'sandbox', ...fake.endpoints }, { retry: { attempts: 1 } })
    const work = clusterWork({
      clusterUid: 'uid-throttled',
      clusterName: 'throttled',
      credentials,
      spec: tkeSpec(
        inv,
        ['p1', 'p2', 'p3', 'p4'].map((name) => ({ name, size: 1 })),
        { parallel: true },
      ),
    })
    const throttle = { cloud: 'tencent', errorRate: 0.3, errorCode: 'RequestLimitExceeded' }
    await injectFault(fake, { ...throttle, action: 'CreateClusterNodePool' })
    // Polled for every pool on every pass: makes at least one throttled answer all but certain.
    await injectFault(fake, { ...throttle, action: 'DescribeClusterInstances' })

    const { retries } = await untilDone(() => impatient.clusterDriver('tencent').reconcileCreate(work))
    expect(retries).toBeGreaterThan(0)
    const resources = await createdResources(fake, region)
    expect(ofType(resources, 'tke.cluster')).toHaveLength(1)
    expect(
      ofType(resources, 'tke.nodepool')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['p1', 'p2', 'p3', 'p4'])
    expect(ofType(resources, 'cvm.instance').filter((i) => i.state === 'running')).toHaveLength(4)

    await fetch(`${fake.adminUrl}/faults`, { method: 'DELETE' })
    await untilDone(() => driver.reconcileDelete(work))
    expect(await createdResources(fake, region)).toEqual([])
  })

  it('surfaces a quota error as a non-retryable CloudError naming the step', async () => {
    const region = 'na-siliconvalley'
    const inv = await regionInventory(providers, credentials, region)
    const work = clusterWork({
      clusterUid: 'uid-quota',
      clusterName: 'quota',
      credentials,
      spec: tkeSpec(inv, [{ name: 'worker-pool', size: 1 }]),
    })
    await injectFault(fake, { cloud: 'tencent', action: 'CreateCluster', errorCode: 'LimitExceeded' })
    const err = await driver.reconcileCreate(work).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(CloudError)
    expect(err).toMatchObject({ kind: 'QuotaExceeded', retryable: false, cloudCode: 'LimitExceeded' })
    expect((err as CloudError).message).toMatch(/^Creating TKE cluster: /)
    expect((err as CloudError).message).not.toContain(credentials.secretKey)
    expect(ofType(await createdResources(fake, region), 'tke.cluster')).toEqual([])
  })

  it('does not re-send CreateCluster after a server error: the retry is the next pass, which looks up by tag', async () => {
    const region = 'na-siliconvalley'
    const inv = await regionInventory(providers, credentials, region)
    let policyRetries = 0
    const counting = createProviders(
      { mode: 'sandbox', ...fake.endpoints },
      {
        sleep: async () => {
          policyRetries++
        },
      },
    )
    const work = clusterWork({
      clusterUid: 'uid-5xx',
      clusterName: 'five-hundred',
      credentials,
      spec: tkeSpec(inv, [{ name: 'worker-pool', size: 1 }]),
    })
    await injectFault(fake, { cloud: 'tencent', action: 'CreateCluster', errorCode: 'InternalError' })
    const err = await counting
      .clusterDriver('tencent')
      .reconcileCreate(work)
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    expect(err).toMatchObject({ kind: 'CloudInternal', retryable: true })
    expect((err as CloudError).message).toMatch(/^Creating TKE cluster: /)
    expect(policyRetries).toBe(0)
    expect(ofType(await createdResources(fake, region), 'tke.cluster')).toEqual([])
  })

  it('names the node pool step when TKE refuses the pool (unknown instance type)', async () => {
    const region = 'na-siliconvalley'
    const inv = await regionInventory(providers, credentials, region)
    const work = clusterWork({
      clusterUid: 'uid-badpool',
      clusterName: 'badpool',
      credentials,
      spec: tkeSpec(inv, [{ name: 'worker-pool', size: 1, instanceType: 'XX9.HUGE' }]),
    })
    const err = await untilDone(() => driver.reconcileCreate(work)).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(CloudError)
    expect(err).toMatchObject({ kind: 'InvalidRequest', retryable: false })
    expect((err as CloudError).message).toMatch(/^Creating node pool worker-pool: .*XX9\.HUGE/)
    await untilDone(() => driver.reconcileDelete(work))
    expect(await createdResources(fake, region)).toEqual([])
  })

  it('keeps waiting while DeleteCluster is stuck', async () => {
    const region = 'eu-frankfurt'
    const inv = await regionInventory(providers, credentials, region)
    const work = clusterWork({
      clusterUid: 'uid-stuck',
      clusterName: 'stuck',
      credentials,
      spec: tkeSpec(inv, [{ name: 'worker-pool', size: 1 }]),
    })
    await untilDone(() => driver.reconcileCreate(work))
    await injectFault(fake, { cloud: 'tencent', action: 'DeleteCluster', stuck: true })

    let last: unknown
    for (let i = 0; i < 60; i++) {
      last = await driver.reconcileDelete(work)
      expect(last).toMatchObject({ status: 'waiting' })
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    expect(work.events).toContain('Deleting TKE cluster')
    expect(work.events).not.toContain('TKE cluster deleted')
    const ledger = work.ledger as MemoryLedger
    expect(ledger.rows.get('cluster')?.state).toBe('deleting')
    expect(ledger.rows.get('nodepool/worker-pool')?.state).toBe('deleted')
    const clusters = ofType(await createdResources(fake, region), 'tke.cluster')
    expect(clusters.map((c) => c.state)).toEqual(['Deleting'])
  })
})
