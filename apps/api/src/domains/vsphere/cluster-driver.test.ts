import { randomUUID } from 'node:crypto'
import type { VsphereAccountCredentials } from '@console/contracts'
import type { Prisma } from '@console/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createResourceLedger } from '../../jobs/resource-ledger.ts'
import { createTestApp, type TestApp } from '../../test/harness.ts'
import { VsphereClusterDriver, type VsphereClusterWork, type VsphereStoredSpec } from './cluster-driver.ts'

/**
 * The driver against tasks answered by a scripted agent (the rows of the task queue), for what a real
 * agent does not do: answer a task without some of its VMs, or report only some of them deleted. The
 * driver must ask again for what is missing, not take the answer as progress (nor loop on it).
 */
describe('VsphereClusterDriver with a partial agent answer', () => {
  let t: TestApp
  let work: VsphereClusterWork
  let driver: VsphereClusterDriver
  const events: string[] = []

  beforeAll(async () => {
    t = await createTestApp()
    const tenant = await t.prisma.tenant.findFirstOrThrow()
    const gateway = await t.prisma.gateway.create({
      data: { tenantId: tenant.id, name: 'dc1', state: 'Running', credentialHash: randomUUID() },
    })
    const spec: VsphereStoredSpec = {
      cloudConfig: {
        placement: { datacenter: 'Datacenter', folder: 'spectro' },
        sshKeys: ['ssh-ed25519 AAAA ops'],
        ntpServers: [],
        staticIp: false,
      },
      machinepoolconfig: [
        {
          cloudConfig: {
            instanceType: { numCPUs: 2, memoryMiB: 4096, diskGiB: 40 },
            placements: [
              { cluster: 'Cluster1', datastore: 'ds', resourcePool: 'rp', network: { networkName: 'VM Network' } },
            ],
          },
          poolConfig: {
            name: 'master-pool',
            size: 2,
            isControlPlane: true,
            useControlPlaneAsWorker: false,
            labels: [],
          },
        },
      ],
      profiles: [
        {
          uid: 'p',
          packValues: [
            { name: 'ubuntu-vsphere', tag: '22.04', layer: 'os', values: '' },
            { name: 'kubernetes', tag: '1.30.6', layer: 'k8s', values: '' },
          ],
        },
      ],
    }
    const cluster = await t.prisma.cluster.create({
      data: { tenantId: tenant.id, name: 'edge', cloudType: 'vsphere', labels: {}, spec: {}, state: 'Provisioning' },
    })
    const credentials: VsphereAccountCredentials = {
      gatewayUid: gateway.id,
      vcenter: { vcenterServer: 'vcenter.lab.local', username: 'u', password: 'p', insecure: false },
    }
    work = {
      clusterUid: cluster.id,
      clusterName: 'edge',
      credentials,
      spec,
      labels: {},
      ledger: createResourceLedger({
        prisma: t.prisma,
        clusterId: cluster.id,
        cloud: 'vsphere',
        guard: async () => {},
      }),
      report: async (_reason, message) => {
        events.push(message)
      },
    }
    driver = new VsphereClusterDriver(t.deps)
  })
  afterAll(async () => {
    await t?.close()
  })

  /** The newest task of the cluster, answered as the agent. */
  async function answerLatest(result: Record<string, unknown>) {
    const task = await t.prisma.gatewayTask.findFirstOrThrow({
      where: { clusterId: work.clusterUid },
      orderBy: { createdAt: 'desc' },
    })
    await t.prisma.gatewayTask.update({
      where: { id: task.id },
      data: { state: 'done', result: result as Prisma.InputJsonValue },
    })
    return task
  }
  /** A task's payload (the test fails when there is no such task). */
  function payloadOf<T>(task: { payload: unknown } | undefined): T {
    if (!task) throw new Error('a task was expected')
    return task.payload as T
  }
  type Ensure = { vms: Array<{ name: string; template?: string }> }
  type Delete = { names: string[] }
  const tasks = () =>
    t.prisma.gatewayTask.findMany({ where: { clusterId: work.clusterUid }, orderBy: { createdAt: 'asc' } })

  it('asks again for a VM the agent left out, and is done once every VM is there', async () => {
    expect(await driver.reconcileCreate(work)).toMatchObject({ status: 'waiting' })
    const [first] = await tasks()
    const names = payloadOf<Ensure>(first).vms.map((v) => v.name)
    expect(names).toEqual([
      `edge-master-pool-1-${work.clusterUid.slice(0, 5)}`,
      `edge-master-pool-2-${work.clusterUid.slice(0, 5)}`,
    ])
    expect(payloadOf<Ensure>(first).vms[0]?.template).toBe('ubuntu-22.04-k8s-1.30')

    // The agent answers with the first VM only: it is recorded, the second is asked for by a new task.
    await answerLatest({ vms: [{ name: names[0], id: 'vm-1', ipAddress: '10.0.0.1' }] })
    expect(await driver.reconcileCreate(work)).toMatchObject({ status: 'waiting' })
    const second = (await tasks())[1]
    expect(payloadOf<Ensure>(second).vms.map((v) => v.name)).toEqual([names[1]])

    // An answer naming none of the VMs it was asked for is no progress: asked again, no loop.
    await answerLatest({ vms: [] })
    expect(await driver.reconcileCreate(work)).toMatchObject({ status: 'waiting' })
    expect(await tasks()).toHaveLength(3)

    await answerLatest({ vms: [{ name: names[1], id: 'vm-2', ipAddress: '10.0.0.2' }] })
    expect(await driver.reconcileCreate(work)).toEqual({ status: 'done' })
    const ledger = await work.ledger.list()
    expect(ledger.map((e) => [e.key, e.state, e.cloudId])).toEqual([
      ['vm/master-pool/0', 'created', 'vm-1'],
      ['vm/master-pool/1', 'created', 'vm-2'],
    ])
  })

  it('deletes again what the agent did not report deleted', async () => {
    expect(await driver.reconcileDelete(work)).toMatchObject({ status: 'waiting' })
    const deleteTask = (await tasks()).at(-1)
    expect(deleteTask?.kind).toBe('vms.delete')
    const names = payloadOf<Delete>(deleteTask).names
    expect(names).toHaveLength(2)

    await answerLatest({ deleted: [names[0]] })
    expect(await driver.reconcileDelete(work)).toMatchObject({ status: 'waiting' })
    const again = (await tasks()).at(-1)
    expect(again?.kind).toBe('vms.delete')
    expect(payloadOf<Delete>(again).names).toEqual([names[1]])

    await answerLatest({ deleted: [names[1]] })
    expect(await driver.reconcileDelete(work)).toEqual({ status: 'done' })
    expect((await work.ledger.list()).every((e) => e.state === 'deleted')).toBe(true)
  })
})
