import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { VsphereClusterCreateInput } from '@console/contracts'
import { AGENT_VERSION, Logger, type RunningAgent, startAgent } from '@console/pcg-agent'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'
import { waitFor } from '../clusters/test-support.ts'
import { sweepGatewayHealth } from '../gateways/service.ts'

interface FakeResource {
  type: string
  name: string
  state: string
  attributes?: Record<string, unknown>
}

/**
 * vSphere clusters end to end through the API: the real gateway agent paired with the console does every
 * vCenter call against the fake vCenter. A cluster with a master pool and a worker pool over two placement
 * domains with static addresses reaches Running with its VMs spread over the compute clusters and its
 * addresses taken from the gateway's IP pool; requests wait while the gateway is Upgrading or Unhealthy and
 * go on when it is back; deleting gives the addresses back and removes the VMs.
 */
describe('vSphere clusters through the Private Cloud Gateway', { timeout: 180_000 }, () => {
  let t: TestApp
  let agent: RunningAgent | undefined
  let stateDir: string
  let consoleEndpoint: string
  let gatewayUid: string
  let accountUid: string
  let poolUid: string
  let profileUid: string
  let headers: { projectuid: string }

  const admin = () => t.as(t.adminToken)
  const inProject = () => t.as(t.adminToken, headers)
  const cluster = async (uid: string) => (await inProject().get(`/v1/spectroclusters/${uid}`)).json()
  const events = async (uid: string) =>
    ((await inProject().get(`/v1/events/components/spectrocluster/${uid}`)).json().items as Array<{
      reason: string
      message: string
    }>) ?? []
  const vcenterVms = async (prefix: string) => {
    const res = await fetch(`${t.deps.sandbox!.adminUrl}/resources?cloud=vsphere`)
    return ((await res.json()) as FakeResource[]).filter(
      (r) => r.type.includes('vm') && r.name.startsWith(prefix) && r.state !== 'deleted',
    )
  }
  const ipPool = async () =>
    (
      (await admin().get(`/v1/overlords/vsphere/${gatewayUid}/pools`)).json().items as Array<{
        metadata: { uid: string }
        status: { allottedIps: string[]; availableIps: number; associatedClusters: Array<{ name: string }> }
      }>
    ).find((p) => p.metadata.uid === poolUid)!

  const startTheAgent = async (pairingCode?: string) => {
    agent = await startAgent({
      name: 'dc1',
      consoleEndpoint,
      pairingCode,
      stateDir,
      ipAddress: '10.10.0.5',
      nodeTemplate: 'spectro-pcg-gateway-4.6',
      pollWaitSeconds: 1,
      heartbeatIntervalMs: 300,
      backoff: { initialMs: 100, maxMs: 500 },
      logger: new Logger(() => {}, 'info'),
    })
    return agent
  }

  beforeAll(async () => {
    t = await createTestApp(
      { GATEWAY_UNHEALTHY_SECONDS: '2', FAKE_CLOUDS_TIME_SCALE: '1000', ENGINE_TIME_SCALE: '50' },
      { clouds: true, engine: true },
    )
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = t.app.server.address() as { port: number }
    consoleEndpoint = `http://127.0.0.1:${port}`
    stateDir = await mkdtemp(path.join(tmpdir(), 'pcg-vsphere-'))

    // A gateway with static addresses from its IP pool, Running.
    const pin = (await admin().get('/v1/overlords/pairing/code?cloudType=vsphere')).json().pairingCode as string
    gatewayUid = (await startTheAgent(pin)).gatewayUid
    const { endpoint, username, password } = t.deps.sandbox!.vsphere
    const account = await admin().post(`/v1/overlords/vsphere/${gatewayUid}/account`, {
      account: { vcenterServer: endpoint, username, password },
    })
    expect(account.statusCode, account.body).toBeLessThan(300)
    const pool = await admin().post(`/v1/overlords/vsphere/${gatewayUid}/pools`, {
      metadata: { name: 'lab-range' },
      spec: {
        pool: { start: '10.10.100.10', end: '10.10.100.29' },
        prefix: 24,
        gateway: '10.10.100.1',
        nameserver: { addresses: ['10.10.100.2'] },
      },
    })
    expect(pool.statusCode, pool.body).toBe(201)
    poolUid = pool.json().uid
    const placement = {
      datacenter: 'Datacenter',
      computecluster: 'Cluster1',
      datastore: 'vsanDatastore',
      network: 'VM Network',
      resourcePool: 'palette',
      folder: 'spectro/pcg',
    }
    const confirmed = await admin().post(`/v1/overlords/vsphere/${gatewayUid}/cloudconfig`, {
      placement,
      staticIp: true,
      ipPoolUid: poolUid,
      size: 1,
    })
    expect(confirmed.statusCode, confirmed.body).toBeLessThan(300)
    const running = await waitFor(
      'gateway Running',
      async () => (await admin().get(`/v1/overlords/${gatewayUid}`)).json(),
      (g) => ['Running', 'Error'].includes(g.status.state),
      60_000,
    )
    expect(running.status.state).toBe('Running')
    accountUid = running.spec.cloudAccountUid

    headers = { projectuid: await t.createProject('vsphere') }
    profileUid = (
      await t.prisma.clusterProfile.findFirstOrThrow({
        where: { cloudType: 'vsphere', type: 'cluster', publishedAt: { not: null } },
      })
    ).id
  })
  afterAll(async () => {
    await agent?.stop()
    await t?.close()
    await rm(stateDir, { recursive: true, force: true })
  })

  const sshKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBz3xqCkYDMd2nK9QmQhq8wHqj4c1x5wJ5g8r3w6wXlL ops@example.com'
  const domain = (cluster: string, ipPool?: string) => ({
    cluster,
    datastore: 'vsanDatastore',
    resourcePool: 'palette',
    network: { networkName: 'VM Network', ...(ipPool ? { parentPoolUid: ipPool, staticIp: true } : {}) },
  })
  const instanceType = { numCPUs: 2, memoryMiB: 4096, diskGiB: 40 }
  const body = (
    name: string,
    options: { staticIp?: boolean; workers?: number; pool?: string } = {},
  ): VsphereClusterCreateInput => {
    const staticIp = options.staticIp ?? true
    const ip = staticIp ? (options.pool ?? poolUid) : undefined
    return {
      metadata: { name, labels: { team: 'platform' } },
      spec: {
        cloudAccountUid: accountUid,
        profiles: [{ uid: profileUid, packValues: [] }],
        cloudConfig: {
          placement: { datacenter: 'Datacenter', folder: 'spectro/clusters' },
          sshKeys: [sshKey],
          ntpServers: ['pool.ntp.org'],
          staticIp,
        },
        machinepoolconfig: [
          {
            cloudConfig: { instanceType, placements: [domain('Cluster1', ip)] },
            poolConfig: { name: 'master-pool', size: 1, isControlPlane: true },
          },
          {
            cloudConfig: { instanceType, placements: [domain('Cluster1', ip), domain('Cluster2', ip)] },
            poolConfig: { name: 'worker-pool', size: options.workers ?? 3 },
          },
        ],
      },
    }
  }

  it('adds a vSphere account validated through the Running gateway, with its drop-downs and IP pools through the gateway too', async () => {
    const { endpoint, username, password } = t.deps.sandbox!.vsphere
    const account = (spec: Record<string, unknown>, name = 'lab-vcenter') => ({
      metadata: { name, annotations: { overlordUid: gatewayUid } },
      spec: { vcenterServer: endpoint, username, password, ...spec },
    })
    const wrong = await admin().post('/v1/cloudaccounts/vsphere', account({ password: `${password}-wrong` }))
    expect(wrong.statusCode, wrong.body).toBe(422)
    expect(await t.prisma.cloudAccount.count({ where: { name: 'lab-vcenter' } })).toBe(0)
    const checked = await admin().post(`/v1/overlords/vsphere/${gatewayUid}/account/validate`, {
      account: { vcenterServer: endpoint, username, password },
    })
    expect(checked.statusCode, checked.body).toBe(204)

    const created = await admin().post('/v1/cloudaccounts/vsphere', account({}))
    expect(created.statusCode, created.body).toBe(201)
    const uid = created.json().uid as string
    const read = (await admin().get(`/v1/cloudaccounts/vsphere/${uid}`)).json()
    expect(read.spec).toEqual({ vcenterServer: endpoint, username, password: '********', insecure: false })
    expect(read.metadata.annotations).toMatchObject({ scope: 'tenant', overlordUid: gatewayUid, gatewayAccount: false })
    expect(JSON.stringify(await t.prisma.cloudAccount.findUnique({ where: { id: uid } }))).not.toContain(password)
    const own = (await admin().get(`/v1/cloudaccounts/vsphere/${accountUid}`)).json()
    expect(own.status.identity).toEqual({ accountId: endpoint, principal: username })
    const listed = (await inProject().get('/v1/cloudaccounts/vsphere')).json().items as Array<{
      metadata: { uid: string; annotations: { gatewayAccount: boolean } }
    }>
    expect(listed.map((a) => [a.metadata.uid, a.metadata.annotations.gatewayAccount]).sort()).toEqual(
      [
        [accountUid, true],
        [uid, false],
      ].sort(),
    )

    // The wizard's drop-downs and IP pools, through the account.
    const dcs = await inProject().get(`/v1/cloudaccounts/vsphere/${uid}/properties/datacenters`)
    expect(dcs.json().items.map((i: { name: string }) => i.name)).toEqual(['Datacenter'])
    const ds = await inProject().get(
      `/v1/cloudaccounts/vsphere/${uid}/properties/datastores?datacenter=Datacenter&computecluster=Cluster2`,
    )
    expect(ds.json().items.map((i: { name: string }) => i.name)).toContain('vsanDatastore')
    const noCluster = await inProject().get(
      `/v1/cloudaccounts/vsphere/${uid}/properties/networks?datacenter=Datacenter`,
    )
    expect(noCluster.statusCode).toBe(400)
    const pools = await inProject().get(`/v1/cloudaccounts/vsphere/${uid}/ippools`)
    expect(pools.json().items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(['lab-range'])

    // Updates keep the password for the same user; another user needs its own.
    const same = await admin().put(`/v1/cloudaccounts/vsphere/${uid}`, account({ password: '' }, 'lab-vcenter-2'))
    expect(same.statusCode, same.body).toBe(204)
    const other = await admin().put(
      `/v1/cloudaccounts/vsphere/${uid}`,
      account({ password: '', username: 'x@vsphere.local' }),
    )
    expect(other.statusCode).toBe(400)
    expect(other.json().details).toEqual([
      { path: 'spec.password', message: 'Enter the Password of the new vCenter Server or Username' },
    ])

    // The gateway's own account goes with the gateway; a gateway that is not Running validates nothing.
    const ownDelete = await admin().delete(`/v1/cloudaccounts/vsphere/${accountUid}`)
    expect(ownDelete.statusCode).toBe(409)
    expect(ownDelete.json().message).toContain('deleted with the gateway')
    const ownEdit = await admin().put(`/v1/cloudaccounts/vsphere/${accountUid}`, account({}, 'renamed'))
    expect(ownEdit.statusCode).toBe(409)
    expect(ownEdit.json().message).toContain('configured with the gateway')
    t.deps.config.gateways.latestAgentVersion = '99.0.0'
    expect((await admin().put(`/v1/overlords/${gatewayUid}/upgrade`)).statusCode).toBeLessThan(300)
    const upgrading = await admin().post('/v1/cloudaccounts/vsphere', account({}, 'lab-vcenter-3'))
    expect(upgrading.statusCode).toBe(409)
    expect(upgrading.json().message).toContain('is Upgrading; vSphere accounts are validated through a Running gateway')
    t.deps.config.gateways.latestAgentVersion = AGENT_VERSION
    await waitFor(
      'gateway Running again',
      async () => (await admin().get(`/v1/overlords/${gatewayUid}`)).json(),
      (g) => g.status.state === 'Running',
    )
    expect((await admin().delete(`/v1/cloudaccounts/vsphere/${uid}`)).statusCode).toBe(204)
  })

  it('answers every placement and IP pool problem at once, checked against vCenter through the agent', async () => {
    const bad = body('bad')
    const [master, workers] = bad.spec.machinepoolconfig
    master!.poolConfig.size = 2
    workers!.cloudConfig.placements[1]!.datastore = 'datastore9'
    workers!.cloudConfig.placements[0]!.network.parentPoolUid = undefined
    bad.spec.cloudConfig.placement.folder = 'no-such-folder'
    const res = await inProject().post('/v1/spectroclusters/vsphere/validate', bad)
    expect(res.statusCode, res.body).toBe(200)
    const errors = res.json().errors as Array<{ path: string; message: string }>
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'spec.machinepoolconfig.0.poolConfig.size', message: 'The master pool has 1, 3 or 5 nodes' },
        {
          path: 'spec.machinepoolconfig.1.cloudConfig.placements.0.network.parentPoolUid',
          message: 'Static IP needs an IP Pool',
        },
        { path: 'spec.cloudConfig.placement.folder', message: 'Folder no-such-folder is not in Datacenter' },
        {
          path: 'spec.machinepoolconfig.1.cloudConfig.placements.1.datastore',
          message: 'Datastore datastore9 is not available in Cluster2',
        },
      ]),
    )

    // 20 addresses, one held by the gateway's node: 19 free; 17 nodes need 20.
    const big = await inProject().post('/v1/spectroclusters/vsphere/validate', body('big', { workers: 16 }))
    expect(big.json().errors).toEqual([
      {
        path: 'spec.machinepoolconfig.0.cloudConfig.placements.0.network.parentPoolUid',
        message: 'IP pool lab-range has 19 free addresses; 17 nodes need at least 20 (nodes + 3)',
      },
    ])
    const created = await inProject().post('/v1/spectroclusters/vsphere', body('big', { workers: 16 }))
    expect(created.statusCode).toBe(422)
    expect(await t.prisma.cluster.count({ where: { name: 'big' } })).toBe(0)
  })

  it('provisions a cluster over two placement domains with static addresses, refuses to delete the gateway under it, and gives everything back on delete', async () => {
    const created = await inProject().post('/v1/spectroclusters/vsphere', body('edge-a'))
    expect(created.statusCode, created.body).toBe(201)
    const uid = created.json().uid as string
    const running = await waitFor(
      'edge-a Running',
      () => cluster(uid),
      (c) => ['Running', 'Error'].includes(c.status.state),
      60_000,
    )
    expect(running.status.state, JSON.stringify(running.status.conditions)).toBe('Running')

    // Four VMs: the master in Cluster1, the workers round-robin over Cluster1, Cluster2, Cluster1.
    const vms = await vcenterVms('edge-a-')
    expect(vms.map((v) => v.name).sort()).toEqual(
      ['master-pool-1', 'worker-pool-1', 'worker-pool-2', 'worker-pool-3'].map((n) => `edge-a-${n}-${uid.slice(0, 5)}`),
    )
    const ledger = await t.prisma.cloudResource.findMany({ where: { clusterId: uid }, orderBy: { key: 'asc' } })
    expect(ledger.map((r) => [r.key, r.state])).toEqual([
      ['vm/master-pool/0', 'created'],
      ['vm/worker-pool/0', 'created'],
      ['vm/worker-pool/1', 'created'],
      ['vm/worker-pool/2', 'created'],
    ])
    // Each node's address came from the pool and is the VM's guest address in vCenter.
    const addresses = ledger.map((r) => (r.attrs as { address: string; ipAddress: string }).address)
    expect(new Set(addresses).size).toBe(4)
    for (const r of ledger) {
      const attrs = r.attrs as { address: string; ipAddress: string }
      expect(attrs.address).toMatch(/^10\.10\.100\.(1\d|2\d)$/)
      expect(attrs.ipAddress).toBe(attrs.address)
    }
    const held = await ipPool()
    expect(held.status.associatedClusters.map((c) => c.name)).toEqual(['edge-a'])
    expect(held.status.allottedIps).toEqual(expect.arrayContaining(addresses))
    expect(held.status.availableIps).toBe(20 - 1 - 4)
    expect((await events(uid)).some((e) => e.reason === 'vms.ensure')).toBe(true)

    // The gateway cannot go while the cluster uses it.
    const refused = await admin().delete(`/v1/overlords/${gatewayUid}`)
    expect(refused.statusCode).toBe(409)
    expect(refused.body).toContain('edge-a')

    expect((await inProject().delete(`/v1/spectroclusters/${uid}`)).statusCode).toBe(204)
    const deleted = await waitFor(
      'edge-a Deleted',
      () => cluster(uid),
      (c) => c.status.state === 'Deleted',
      60_000,
    )
    expect(deleted.status.state).toBe('Deleted')
    expect(await vcenterVms('edge-a-')).toEqual([])
    const back = await ipPool()
    expect(back.status.associatedClusters).toEqual([])
    expect(back.status.availableIps).toBe(20 - 1)
  })

  it('queues a cluster while the gateway upgrades and runs it when the gateway is back; a delete waits while the gateway is Unhealthy', async () => {
    t.deps.config.gateways.latestAgentVersion = '99.0.0'
    expect((await admin().put(`/v1/overlords/${gatewayUid}/upgrade`)).statusCode).toBeLessThan(300)
    expect((await admin().get(`/v1/overlords/${gatewayUid}`)).json().status.state).toBe('Upgrading')

    const created = await inProject().post(
      '/v1/spectroclusters/vsphere',
      body('edge-b', { staticIp: false, workers: 1 }),
    )
    expect(created.statusCode, created.body).toBe(201)
    const uid = created.json().uid as string
    await waitFor(
      'edge-b waiting for the gateway',
      () => events(uid),
      (list) => list.some((e) => e.reason === 'WaitingForGateway' && e.message.includes('Upgrading')),
    )
    expect((await cluster(uid)).status.state).toBe('Provisioning')
    expect(await vcenterVms('edge-b-')).toEqual([])

    // The agent now runs the latest version: its next heartbeat ends the upgrade and the cluster goes on.
    t.deps.config.gateways.latestAgentVersion = AGENT_VERSION
    const running = await waitFor(
      'edge-b Running',
      () => cluster(uid),
      (c) => ['Running', 'Error'].includes(c.status.state),
      60_000,
    )
    expect(running.status.state, JSON.stringify(running.status.conditions)).toBe('Running')
    expect((await vcenterVms('edge-b-')).length).toBe(2)

    // The agent stops: Unhealthy; the delete waits and says why, then finishes once the agent is back.
    await agent!.stop()
    agent = undefined
    await new Promise((r) => setTimeout(r, 2_500))
    await sweepGatewayHealth(t.deps)
    expect((await inProject().delete(`/v1/spectroclusters/${uid}`)).statusCode).toBe(204)
    await waitFor(
      'edge-b delete waiting',
      () => events(uid),
      (list) => list.some((e) => e.reason === 'WaitingForGateway' && e.message.includes('Unhealthy')),
    )
    expect((await cluster(uid)).status.state).toBe('Deleting')
    expect((await vcenterVms('edge-b-')).length).toBe(2)

    await startTheAgent()
    const deleted = await waitFor(
      'edge-b Deleted',
      () => cluster(uid),
      (c) => c.status.state === 'Deleted',
      60_000,
    )
    expect(deleted.status.state).toBe('Deleted')
    expect(await vcenterVms('edge-b-')).toEqual([])
  })

  it('keeps a restricted pool to one cluster, and force deletes a cluster whose gateway is gone quiet: its VMs are listed as leftovers and its addresses return to the pool', async () => {
    const solo = await admin().post(`/v1/overlords/vsphere/${gatewayUid}/pools`, {
      metadata: { name: 'solo' },
      spec: {
        pool: { start: '10.10.100.40', end: '10.10.100.49' },
        prefix: 24,
        gateway: '10.10.100.1',
        restrictToSingleCluster: true,
      },
    })
    expect(solo.statusCode, solo.body).toBe(201)
    const soloUid = solo.json().uid as string
    const soloPool = async () =>
      (
        (await admin().get(`/v1/overlords/vsphere/${gatewayUid}/pools`)).json().items as Array<{
          metadata: { uid: string }
          status: { availableIps: number; associatedClusters: Array<{ name: string }> }
        }>
      ).find((p) => p.metadata.uid === soloUid)!

    const created = await inProject().post('/v1/spectroclusters/vsphere', body('edge-c', { workers: 1, pool: soloUid }))
    expect(created.statusCode, created.body).toBe(201)
    const uid = created.json().uid as string
    const running = await waitFor(
      'edge-c Running',
      () => cluster(uid),
      (c) => ['Running', 'Error'].includes(c.status.state),
      60_000,
    )
    expect(running.status.state).toBe('Running')
    expect((await soloPool()).status).toMatchObject({ availableIps: 8, associatedClusters: [{ name: 'edge-c' }] })
    const other = await inProject().post(
      '/v1/spectroclusters/vsphere/validate',
      body('edge-d', { workers: 1, pool: soloUid }),
    )
    expect(other.json().errors).toEqual([
      {
        path: 'spec.machinepoolconfig.0.cloudConfig.placements.0.network.parentPoolUid',
        message: 'IP pool solo is restricted to a single cluster and serves edge-c already',
      },
    ])

    await agent!.stop()
    agent = undefined
    await new Promise((r) => setTimeout(r, 2_500))
    await sweepGatewayHealth(t.deps)
    expect((await inProject().delete(`/v1/spectroclusters/${uid}`)).statusCode).toBe(204)
    t.deps.config.forceDeleteGraceSeconds = 0
    const forced = await inProject().delete(`/v1/spectroclusters/${uid}?forceDelete=true`)
    expect(forced.statusCode, forced.body).toBe(200)
    const leftovers = forced.json().leftovers as Array<{ kind: string; name: string }>
    expect(leftovers.map((r) => [r.kind, r.name]).sort()).toEqual(
      (await vcenterVms('edge-c-')).map((vm) => ['vcenter.vm', vm.name]).sort(),
    )
    expect(leftovers).toHaveLength(2)
    expect((await cluster(uid)).status.state).toBe('Deleted')
    expect((await soloPool()).status).toMatchObject({ availableIps: 10, associatedClusters: [] })
    await startTheAgent()
  })
})
