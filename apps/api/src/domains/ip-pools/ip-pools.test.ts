import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'
import { allocateAddresses, poolCapacityProblem, releaseAddresses } from './allocation.ts'

let t: TestApp
let tenantId: string

beforeAll(async () => {
  t = await createTestApp()
  tenantId = (await t.prisma.tenant.findFirstOrThrow()).id
})
afterAll(async () => {
  await t?.close()
})

const admin = () => t.as(t.adminToken)

/** The pairing API is built elsewhere: the test makes a Running gateway row directly. */
async function gatewayRow(name = `pcg-${randomBytes(3).toString('hex')}`) {
  const row = await t.prisma.gateway.create({
    data: { tenantId, name, state: 'Running', credentialHash: randomBytes(32).toString('hex'), ipAddress: '10.0.0.5' },
  })
  return row.id
}

async function clusterRow(name: string) {
  const row = await t.prisma.cluster.create({
    data: { tenantId, name, cloudType: 'vsphere', labels: {}, spec: {}, state: 'Running' },
  })
  return row.id
}

const body = (name: string, spec: Record<string, unknown> = {}) => ({
  metadata: { name },
  spec: {
    pool: { start: '10.10.183.10', end: '10.10.183.20' },
    prefix: 24,
    gateway: '10.10.183.1',
    nameserver: { addresses: ['8.8.8.8'] },
    restrictToSingleCluster: false,
    ...spec,
  },
})

async function createPool(gw: string, b: ReturnType<typeof body>) {
  const res = await admin().post(`/v1/overlords/vsphere/${gw}/pools`, b)
  expect(res.statusCode, res.body).toBe(201)
  return res.json().uid as string
}

async function listPools(gw: string) {
  const res = await admin().get(`/v1/overlords/vsphere/${gw}/pools`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json().items as Array<{
    metadata: { uid: string; name: string }
    spec: Record<string, unknown>
    status: { allottedIps: string[]; availableIps: number; inUse: boolean; associatedClusters: unknown[] }
  }>
}

describe('IP pools over HTTP', () => {
  it('creates, lists, updates and deletes a pool, with audit entries', async () => {
    const gw = await gatewayRow()
    const uid = await createPool(gw, body('lab-range'))
    const subnetUid = await createPool(
      gw,
      body('lab-subnet', { pool: { subnet: '10.10.183.64/29' }, restrictToSingleCluster: true }),
    )
    let pools = await listPools(gw)
    expect(pools.map((p) => p.metadata.name)).toEqual(['lab-range', 'lab-subnet'])
    expect(pools[0]?.spec).toEqual(body('lab-range').spec)
    expect(pools[0]?.status).toEqual({ allottedIps: [], availableIps: 11, associatedClusters: [], inUse: false })
    expect(pools[1]?.status.availableIps).toBe(6)

    const put = await admin().put(
      `/v1/overlords/vsphere/${gw}/pools/${uid}`,
      body('lab-range-2', { pool: { start: '10.10.183.10', end: '10.10.183.30' } }),
    )
    expect(put.statusCode, put.body).toBe(204)
    pools = await listPools(gw)
    expect(pools[0]?.metadata.name).toBe('lab-range-2')
    expect(pools[0]?.status.availableIps).toBe(21)

    expect((await admin().delete(`/v1/overlords/vsphere/${gw}/pools/${subnetUid}`)).statusCode).toBe(204)
    expect((await listPools(gw)).map((p) => p.metadata.name)).toEqual(['lab-range-2'])

    const audits = await t.prisma.auditEvent.findMany({
      where: { resourceKind: 'ippool' },
      orderBy: { createdAt: 'asc' },
    })
    expect(audits.map((a) => `${a.actionType} ${a.resourceName}`)).toEqual(
      expect.arrayContaining(['create lab-range', 'create lab-subnet', 'update lab-range-2', 'delete lab-subnet']),
    )
  })

  it('answers 422 with every problem by path, and 409 for a name or an overlap on the same gateway', async () => {
    const gw = await gatewayRow()
    const bad = await admin().post(
      `/v1/overlords/vsphere/${gw}/pools`,
      body('bad', {
        pool: { start: '10.10.183.20', end: '10.10.183.300' },
        gateway: '10.10.183.1',
        nameserver: { addresses: ['dns'] },
      }),
    )
    expect(bad.statusCode, bad.body).toBe(422)
    expect(bad.json().details).toEqual([
      { path: ['spec', 'pool', 'end'], message: 'End 10.10.183.300 is not an IPv4 address, e.g. 10.10.183.100' },
      { path: ['spec', 'nameserver', 'addresses', 0], message: 'Name server dns is not an IPv4 address, e.g. 8.8.8.8' },
    ])

    await createPool(gw, body('first'))
    const overlap = await admin().post(
      `/v1/overlords/vsphere/${gw}/pools`,
      body('second', { pool: { start: '10.10.183.15', end: '10.10.183.25' } }),
    )
    expect(overlap.statusCode).toBe(422)
    expect(overlap.json().details[0].message).toBe("Overlaps the gateway's IP pool first (10.10.183.10 – 10.10.183.20)")
    // Another gateway's pools do not count.
    await createPool(await gatewayRow(), body('first'))

    const sameName = await admin().post(
      `/v1/overlords/vsphere/${gw}/pools`,
      body('FIRST', { pool: { start: '10.10.183.30', end: '10.10.183.40' } }),
    )
    expect(sameName.statusCode).toBe(409)

    const noGateway = await admin().get(`/v1/overlords/vsphere/${crypto.randomUUID()}/pools`)
    expect(noGateway.statusCode).toBe(404)
    const shape = await admin().post(`/v1/overlords/vsphere/${gw}/pools`, { metadata: { name: 'x' }, spec: {} })
    expect(shape.statusCode).toBe(400)
  })

  it('refuses to shrink below addresses in use, to restrict a shared pool, and to delete a pool in use', async () => {
    const gw = await gatewayRow()
    const uid = await createPool(gw, body('shared'))
    const c1 = await clusterRow('alpha')
    const c2 = await clusterRow('beta')
    expect(
      await allocateAddresses(t.prisma, { poolId: uid, holderPrefix: `cluster/${c1}`, clusterId: c1, count: 2 }),
    ).toEqual(['10.10.183.10', '10.10.183.11'])
    expect(
      await allocateAddresses(t.prisma, { poolId: uid, holderPrefix: `cluster/${c2}`, clusterId: c2, count: 1 }),
    ).toEqual(['10.10.183.12'])
    const [pool] = await listPools(gw)
    expect(pool?.status).toEqual({
      allottedIps: ['10.10.183.10', '10.10.183.11', '10.10.183.12'],
      availableIps: 8,
      associatedClusters: [
        { uid: c1, name: 'alpha' },
        { uid: c2, name: 'beta' },
      ],
      inUse: true,
    })

    const shrink = await admin().put(
      `/v1/overlords/vsphere/${gw}/pools/${uid}`,
      body('shared', { pool: { start: '10.10.183.11', end: '10.10.183.20' } }),
    )
    expect(shrink.statusCode).toBe(409)
    expect(shrink.json().message).toContain('10.10.183.10')
    const grow = await admin().put(
      `/v1/overlords/vsphere/${gw}/pools/${uid}`,
      body('shared', { pool: { start: '10.10.183.5', end: '10.10.183.20' } }),
    )
    expect(grow.statusCode, grow.body).toBe(204)

    const restrict = await admin().put(
      `/v1/overlords/vsphere/${gw}/pools/${uid}`,
      body('shared', { pool: { start: '10.10.183.5', end: '10.10.183.20' }, restrictToSingleCluster: true }),
    )
    expect(restrict.statusCode).toBe(409)
    expect(restrict.json().message).toContain('alpha, beta')

    const del = await admin().delete(`/v1/overlords/vsphere/${gw}/pools/${uid}`)
    expect(del.statusCode).toBe(409)
    expect(del.json().message).toBe('IP pool shared has 3 addresses in use by alpha, beta')

    expect(await releaseAddresses(t.prisma, { clusterId: c1 })).toBe(2)
    expect(await releaseAddresses(t.prisma, { holderPrefix: `cluster/${c2}` })).toBe(1)
    expect((await admin().delete(`/v1/overlords/vsphere/${gw}/pools/${uid}`)).statusCode).toBe(204)
  })

  it('is in the OpenAPI document, generated from the zod schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })
    const paths = res.json().paths
    expect(Object.keys(paths['/v1/overlords/vsphere/{uid}/pools'] ?? {})).toEqual(
      expect.arrayContaining(['get', 'post']),
    )
    expect(Object.keys(paths['/v1/overlords/vsphere/{uid}/pools/{poolUid}'] ?? {})).toEqual(
      expect.arrayContaining(['put', 'delete']),
    )
  })

  it('needs gateways.manage to change pools', async () => {
    const gw = await gatewayRow()
    const project = await t.createProject(`p-${randomBytes(3).toString('hex')}`)
    const viewer = await t.createUserWithRole('Project Viewer', project)
    const res = await t.as(viewer.token, { ProjectUid: project }).post(`/v1/overlords/vsphere/${gw}/pools`, body('x'))
    expect(res.statusCode).toBe(403)
  })
})

describe('allocation', () => {
  it('is idempotent per holder, refuses when too few are free, and gives addresses back on release', async () => {
    const gw = await gatewayRow()
    const poolId = await createPool(gw, body('small', { pool: { subnet: '10.10.183.64/29' }, gateway: '10.10.183.65' }))
    const nodes = await allocateAddresses(t.prisma, { poolId, holderPrefix: `gateway/${gw}`, count: 3 })
    expect(nodes).toEqual(['10.10.183.66', '10.10.183.67', '10.10.183.68'])
    // After a crash the same call answers the same addresses, and a larger count only adds.
    expect(await allocateAddresses(t.prisma, { poolId, holderPrefix: `gateway/${gw}`, count: 3 })).toEqual(nodes)
    expect(await allocateAddresses(t.prisma, { poolId, holderPrefix: `gateway/${gw}`, count: 4 })).toEqual([
      ...nodes,
      '10.10.183.69',
    ])
    await expect(allocateAddresses(t.prisma, { poolId, holderPrefix: 'cluster/x', count: 2 })).rejects.toThrow(
      'IP pool small has 1 free address; 2 needed',
    )
    expect(await releaseAddresses(t.prisma, { holderPrefix: `gateway/${gw}` })).toBe(4)
    expect(await allocateAddresses(t.prisma, { poolId, holderPrefix: 'cluster/y', count: 5 })).toHaveLength(5)
  })

  it('answers the same addresses to concurrent retries of one holder, and checks nodes + 3', async () => {
    const gw = await gatewayRow()
    const poolId = await createPool(gw, body('retries'))
    const calls = await Promise.all(
      Array.from({ length: 8 }, () => allocateAddresses(t.prisma, { poolId, holderPrefix: 'cluster/retry', count: 3 })),
    )
    for (const addresses of calls) expect(addresses).toEqual(['10.10.183.10', '10.10.183.11', '10.10.183.12'])
    expect(await t.prisma.ipAllocation.count({ where: { poolId } })).toBe(3)

    const c = await clusterRow('capacity')
    expect(await poolCapacityProblem(t.prisma, { poolId, nodes: 5 })).toBeUndefined()
    expect((await poolCapacityProblem(t.prisma, { poolId, nodes: 6 }))?.message).toBe(
      'IP pool retries has 8 free addresses; 6 nodes need at least 9 (nodes + 3)',
    )
    await allocateAddresses(t.prisma, { poolId, holderPrefix: `cluster/${c}`, clusterId: c, count: 2 })
    // The cluster's own addresses count as available to it.
    expect(await poolCapacityProblem(t.prisma, { poolId, nodes: 5, clusterId: c })).toBeUndefined()
    expect(await poolCapacityProblem(t.prisma, { poolId, nodes: 5 })).toBeDefined()
  })

  it('keeps a restricted pool for the first cluster that uses it', async () => {
    const gw = await gatewayRow()
    const poolId = await createPool(gw, body('reserved', { restrictToSingleCluster: true }))
    const first = await clusterRow('first-user')
    const second = await clusterRow('second-user')
    await allocateAddresses(t.prisma, { poolId, holderPrefix: `cluster/${first}`, clusterId: first, count: 2 })
    await expect(
      allocateAddresses(t.prisma, { poolId, holderPrefix: `cluster/${second}`, clusterId: second, count: 1 }),
    ).rejects.toThrow('IP pool reserved is restricted to a single cluster and is held by first-user')
    expect(
      await allocateAddresses(t.prisma, { poolId, holderPrefix: `cluster/${first}/more`, clusterId: first, count: 1 }),
    ).toEqual(['10.10.183.12'])
    await releaseAddresses(t.prisma, { clusterId: first })
    expect(
      await allocateAddresses(t.prisma, { poolId, holderPrefix: `cluster/${second}`, clusterId: second, count: 1 }),
    ).toEqual(['10.10.183.10'])
  })

  /** mulberry32: a small seeded PRNG, so a failing seed can be replayed. */
  function prng(seed: number) {
    let a = seed >>> 0
    return () => {
      a = (a + 0x6d2b79f5) >>> 0
      let x = Math.imul(a ^ (a >>> 15), 1 | a)
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296
    }
  }

  it('property: concurrent allocations never share an address, never exceed the pool, and give each holder its count', async () => {
    const gw = await gatewayRow()
    const poolId = await createPool(gw, body('busy', { pool: { start: '10.10.183.10', end: '10.10.183.49' } }))
    const size = 40
    for (const seed of [1, 7, 42, 1234, 98765]) {
      const random = prng(seed)
      const requests = Array.from({ length: 20 }, (_, i) => ({
        holderPrefix: `seed${seed}/holder${i % 8}/${Math.floor(i / 8)}`,
        count: 1 + Math.floor(random() * 5),
      }))
      const results = await Promise.allSettled(
        requests.map((r) => allocateAddresses(t.prisma, { poolId, holderPrefix: r.holderPrefix, count: r.count })),
      )
      const rows = await t.prisma.ipAllocation.findMany({ where: { poolId } })
      const addresses = rows.map((r) => r.address)
      expect(new Set(addresses).size, `seed ${seed}: no address twice`).toBe(addresses.length)
      expect(addresses.length, `seed ${seed}: within the pool`).toBeLessThanOrEqual(size)
      let granted = 0
      results.forEach((result, i) => {
        const request = requests[i] as (typeof requests)[number]
        const mine = rows.filter((r) => r.holder.startsWith(`${request.holderPrefix}/`))
        if (result.status === 'fulfilled') {
          expect(result.value, `seed ${seed}: holder ${i} gets its count`).toHaveLength(request.count)
          expect(new Set(result.value)).toEqual(new Set(mine.map((r) => r.address)))
          granted += request.count
        } else {
          expect(String(result.reason), `seed ${seed}`).toMatch(/free address/)
          expect(mine, `seed ${seed}: a refused holder holds nothing`).toEqual([])
        }
      })
      expect(granted).toBe(addresses.length)
      // Every refusal was real: it asked for more than was left at some point, so the pool is nearly full.
      const refused = results.filter((r) => r.status === 'rejected').length
      if (refused > 0) expect(size - granted).toBeLessThan(5)
      for (const r of requests) await releaseAddresses(t.prisma, { holderPrefix: r.holderPrefix })
      expect(await t.prisma.ipAllocation.count({ where: { poolId } }), `seed ${seed}: all returned`).toBe(0)
    }
  }, 120_000)
})
