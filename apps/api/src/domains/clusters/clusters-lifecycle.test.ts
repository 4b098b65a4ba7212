import { clusterListSchema } from '@console/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'
import { graceText } from './service.ts'

/** List, delete, force delete and the live stream, on cluster rows written directly (no cloud needed). */
describe('cluster API: list, delete, force delete, events stream', () => {
  let t: TestApp
  let projectUid: string
  let accountId: string
  let profileId: string
  let tenantId: string

  beforeAll(async () => {
    t = await createTestApp(
      { FORCE_DELETE_GRACE_SECONDS: '2', CLUSTER_EVENTS_POLL_MS: '100' },
      { engine: { workers: false } },
    )
    projectUid = await t.createProject('lifecycle')
    tenantId = (await t.prisma.tenant.findFirstOrThrow()).id
    accountId = (
      await t.prisma.cloudAccount.create({
        data: { tenantId, projectId: projectUid, cloudType: 'tencent', name: 'acct', spec: {}, secretCiphertext: 'x' },
      })
    ).id
    profileId = (await t.prisma.clusterProfile.findFirstOrThrow({ where: { cloudType: 'tencent' } })).id
  })
  afterAll(async () => {
    await t.close()
  })

  async function insert(
    name: string,
    fields: { state?: string; createdAt?: Date; cloudType?: string; project?: string } = {},
  ) {
    const row = await t.prisma.cluster.create({
      data: {
        tenantId,
        projectId: fields.project ?? projectUid,
        name,
        cloudType: fields.cloudType ?? 'tencent',
        cloudAccountId: accountId,
        profileId,
        labels: {},
        spec: { cloudConfig: { region: 'ap-guangzhou' } },
        state: fields.state ?? 'Running',
        createdAt: fields.createdAt,
      },
    })
    return row.id
  }

  it('pages through live clusters newest first with a keyset cursor, and filters by state, cloud and name', async () => {
    const project = await t.createProject('listing')
    const base = Date.UTC(2026, 0, 1)
    const at = (minutes: number) => new Date(base + minutes * 60_000)
    const ids = {
      a: await insert('alpha', { project, createdAt: at(1), state: 'Running' }),
      b: await insert('bravo', { project, createdAt: at(2), state: 'Provisioning' }),
      c: await insert('charlie', { project, createdAt: at(3), state: 'Error' }),
      d: await insert('delta', { project, createdAt: at(3), state: 'Running', cloudType: 'aws' }),
      e: await insert('echo', { project, createdAt: at(4), state: 'Deleting' }),
      f: await insert('foxtrot', { project, createdAt: at(5), state: 'Pending' }),
      gone: await insert('golf', { project, createdAt: at(6), state: 'Deleted' }),
    }
    const as = t.as(t.adminToken, { projectuid: project })
    const seen: string[] = []
    let url = '/v1/spectroclusters?limit=4'
    const metas = []
    for (let i = 0; i < 5; i++) {
      const res = await as.get(url)
      expect(res.statusCode).toBe(200)
      const body = res.json()
      // The list is serialized without zod (hot path): its answer must still match the contract.
      expect(clusterListSchema.safeParse(body).error).toBeUndefined()
      seen.push(...body.items.map((c: { metadata: { uid: string } }) => c.metadata.uid))
      metas.push(body.listmeta)
      if (!body.listmeta.continue) break
      url = `/v1/spectroclusters?limit=4&continue=${body.listmeta.continue}`
    }
    // Same createdAt (charlie, delta): ordered by id.
    const tie = [ids.c, ids.d].sort()
    expect(seen).toEqual([ids.f, ids.e, ...tie, ids.b, ids.a])
    expect(metas).toEqual([
      expect.objectContaining({ count: 4, limit: 4, offset: 0, continue: expect.any(String) }),
      { count: 6, limit: 4, offset: 4 },
    ])
    const names = async (query: string) =>
      (await as.get(`/v1/spectroclusters?${query}`))
        .json()
        .items.map((c: { metadata: { name: string } }) => c.metadata.name)
    expect(await names('state=Running')).toEqual(['delta', 'alpha'])
    expect(await names('cloudType=aws')).toEqual(['delta'])
    expect(await names('search=LT')).toEqual(['delta'])
    expect(await names('search=HA')).toEqual(['charlie', 'alpha'])
    expect(await names('search=%25')).toEqual([])
    expect(await names('state=Deleted')).toEqual([])
    // The Deleted cluster is not listed but its record still answers.
    const gone = await as.get(`/v1/spectroclusters/${ids.gone}`)
    expect(gone.json().status.state).toBe('Deleted')
    // Palette's dashboard search maps onto the same query.
    const search = await as.post('/v1/dashboard/spectroclusters/search?limit=10', {
      filter: {
        conjunction: 'and',
        filterGroups: [
          {
            conjunction: 'and',
            filters: [
              {
                property: 'clusterName',
                type: 'string',
                condition: { string: { operator: 'contains', match: { values: ['a'] } } },
              },
              {
                property: 'clusterState',
                type: 'string',
                condition: { string: { operator: 'eq', match: { values: ['Running'] } } },
              },
            ],
          },
        ],
      },
      sort: [{ field: 'lastModifiedTimestamp', order: 'desc' }],
    })
    expect(search.statusCode).toBe(200)
    expect(search.json().items.map((c: { metadata: { name: string } }) => c.metadata.name)).toEqual(['delta', 'alpha'])
    expect((await as.get('/v1/spectroclusters?continue=garbage')).statusCode).toBe(400)
  })

  it('lists in tenant scope across projects, pages with filters, and agrees with GET whatever the time zone', async () => {
    const p1 = await t.createProject('tenant-list-1')
    const p2 = await t.createProject('tenant-list-2')
    const base = Date.UTC(2030, 5, 1, 12, 0, 0, 7)
    const at = (seconds: number) => new Date(base + seconds * 1000)
    const ids = [
      await insert('t-one', { project: p1, createdAt: at(1) }),
      await insert('t-two', { project: p2, createdAt: at(2), state: 'Error' }),
      await insert('t-three', { project: p1, createdAt: at(3), state: 'Deleted' }),
      await insert('t-four', { project: p2, createdAt: at(4), state: 'Deleting' }),
      await insert('t-five', { project: p1, createdAt: at(5) }),
    ]
    await t.prisma.cluster.update({ where: { id: ids[3] }, data: { deletionRequestedAt: at(4.5) } })
    const admin = t.as(t.adminToken)
    const names = async (url: string) => {
      const body = (await admin.get(url)).json()
      expect(clusterListSchema.safeParse(body).error).toBeUndefined()
      return { names: body.items.map((c: { metadata: { name: string } }) => c.metadata.name), body }
    }
    // Tenant scope (no ProjectUid): every project's live clusters, newest first.
    const all = (await names('/v1/spectroclusters?limit=200&search=t-')).names
    expect(all).toEqual(['t-five', 't-four', 't-two', 't-one'])
    // Pages with a filter keep the filter and the order.
    const first = await names('/v1/spectroclusters?limit=1&search=t-&state=Running')
    expect(first.names).toEqual(['t-five'])
    const second = await names(
      `/v1/spectroclusters?limit=1&search=t-&state=Running&continue=${first.body.listmeta.continue}`,
    )
    expect(second.names).toEqual(['t-one'])
    expect(second.body.listmeta).toEqual({ count: 2, limit: 1, offset: 1 })

    // Timestamps are UTC in the database: the list must not read them in the process's time zone.
    const zone = process.env.TZ
    process.env.TZ = 'America/Los_Angeles'
    try {
      const listed = (await admin.get('/v1/spectroclusters?limit=200&search=t-')).json().items
      for (const item of listed) {
        const single = (await admin.get(`/v1/spectroclusters/${item.metadata.uid}`)).json()
        // A list item is the cluster's summary: the same answer, without the pools and the ledger.
        expect(item).toEqual({
          ...single,
          spec: { ...single.spec, clusterConfig: {}, machinepoolconfig: [] },
          status: { ...single.status, resources: [] },
        })
      }
      const four = listed.find((c: { metadata: { name: string } }) => c.metadata.name === 't-four')
      expect(four.metadata.creationTimestamp).toBe(at(4).toISOString())
      expect(four.status.deletionRequestedAt).toBe(at(4.5).toISOString())
      expect(four.status.forceDeleteAvailableAt).toBe(new Date(at(4.5).getTime() + 2000).toISOString())
    } finally {
      if (zone === undefined) delete process.env.TZ
      else process.env.TZ = zone
    }
  })

  it('documents every cluster route in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })
    expect(res.statusCode).toBe(200)
    const paths = Object.keys(res.json().paths)
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/spectroclusters/tke',
        '/v1/spectroclusters/tke/validate',
        '/v1/spectroclusters',
        '/v1/spectroclusters/{uid}',
        '/v1/spectroclusters/{uid}/events/stream',
        '/v1/events/components/spectrocluster/{uid}',
        '/v1/dashboard/spectroclusters/search',
      ]),
    )
  })

  it('deletes: Running → Deleting with an event and audit; again is idempotent; a Deleted cluster answers 404', async () => {
    const uid = await insert('to-delete')
    const editor = await t.createUserWithRole('Project Editor', projectUid)
    const as = t.as(editor.token, { projectuid: projectUid })
    expect((await as.delete(`/v1/spectroclusters/${uid}`)).statusCode).toBe(204)
    const read = (await as.get(`/v1/spectroclusters/${uid}`)).json()
    expect(read.status.state).toBe('Deleting')
    const requested = Date.parse(read.status.deletionRequestedAt)
    expect(Date.parse(read.status.forceDeleteAvailableAt) - requested).toBe(2000)
    expect((await as.delete(`/v1/spectroclusters/${uid}`)).statusCode).toBe(204)
    const events = (await as.get(`/v1/events/components/spectrocluster/${uid}`)).json().items
    expect(events.filter((e: { state?: string }) => e.state === 'Deleting')).toHaveLength(1)
    const audits = await t.prisma.auditEvent.findMany({ where: { resourceUid: uid } })
    expect(audits).toEqual([
      expect.objectContaining({ actionType: 'delete', actorEmail: editor.emailId, resourceName: 'to-delete' }),
    ])
    const viewer = await t.createUserWithRole('Project Viewer', projectUid)
    expect((await t.as(viewer.token, { projectuid: projectUid }).delete(`/v1/spectroclusters/${uid}`)).statusCode).toBe(
      403,
    )
    const gone = await insert('already-gone', { state: 'Deleted' })
    expect((await as.delete(`/v1/spectroclusters/${gone}`)).statusCode).toBe(404)
  })

  it('force delete: 403 for a Project Editor, 409 before the grace period, then Deleted with the leftovers listed', async () => {
    const uid = await insert('stuck')
    await t.prisma.cloudResource.createMany({
      data: [
        {
          clusterId: uid,
          key: 'cluster',
          cloud: 'tencent',
          region: 'ap-guangzhou',
          kind: 'tke.cluster',
          cloudId: 'cls-stuck1',
          state: 'deleting',
          clientToken: 't1',
        },
        {
          clusterId: uid,
          key: 'endpoint',
          cloud: 'tencent',
          region: 'ap-guangzhou',
          kind: 'tke.endpoint',
          state: 'deleted',
          clientToken: 't2',
        },
      ],
    })
    const adminUser = await t.createUserWithRole('Project Admin', projectUid)
    const editor = await t.createUserWithRole('Project Editor', projectUid)
    const asAdmin = t.as(adminUser.token, { projectuid: projectUid })
    const asEditor = t.as(editor.token, { projectuid: projectUid })
    // Not Deleting yet.
    expect((await asAdmin.delete(`/v1/spectroclusters/${uid}?forceDelete=true`)).statusCode).toBe(409)
    expect((await asAdmin.delete(`/v1/spectroclusters/${uid}`)).statusCode).toBe(204)
    const early = await asAdmin.delete(`/v1/spectroclusters/${uid}?forceDelete=true`)
    expect(early.statusCode).toBe(409)
    const cluster = (await asAdmin.get(`/v1/spectroclusters/${uid}`)).json()
    expect(early.json().details).toEqual({ forceDeleteAvailableAt: cluster.status.forceDeleteAvailableAt })
    expect(early.json().message).toContain('once the cluster has been deleting for 2 seconds')
    expect((await asEditor.delete(`/v1/spectroclusters/${uid}?forceDelete=true`)).statusCode).toBe(403)

    await new Promise((resolve) =>
      setTimeout(resolve, Date.parse(cluster.status.forceDeleteAvailableAt) - Date.now() + 50),
    )
    expect((await asEditor.delete(`/v1/spectroclusters/${uid}?forceDelete=true`)).statusCode).toBe(403)
    const res = await asAdmin.delete(`/v1/spectroclusters/${uid}?forceDelete=true`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      leftovers: [
        { key: 'cluster', kind: 'tke.cluster', cloudId: 'cls-stuck1', region: 'ap-guangzhou', state: 'deleting' },
      ],
    })
    const after = (await asAdmin.get(`/v1/spectroclusters/${uid}`)).json()
    expect(after.status.state).toBe('Deleted')
    const last = (await asAdmin.get(`/v1/events/components/spectrocluster/${uid}`)).json().items.at(-1)
    expect(last).toMatchObject({ reason: 'ForceDeleted', state: 'Deleted', severity: 'Warning' })
    expect(last.message).toContain('tke.cluster cls-stuck1 (ap-guangzhou)')
    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { resourceUid: uid, actionType: 'forceDelete' } })
    expect(audit).toMatchObject({ actorEmail: adminUser.emailId, resourceName: 'stuck' })
    expect((audit.details as { leftovers: unknown[] }).leftovers).toHaveLength(1)
    const jobs = await t.prisma.$queryRawUnsafe<Array<{ state: string }>>(
      `SELECT state::text FROM pgboss.job WHERE name = 'cluster-reconcile' AND singleton_key = $1 AND state IN ('created', 'retry')`,
      uid,
    )
    expect(jobs).toEqual([])
  })

  it('an account and a profile version used only by Deleted clusters can be deleted; the history keeps their uids', async () => {
    const admin = t.as(t.adminToken, { projectuid: projectUid })
    const account = await t.prisma.cloudAccount.create({
      data: {
        tenantId,
        projectId: projectUid,
        cloudType: 'tencent',
        name: 'short-lived',
        spec: {},
        secretCiphertext: 'x',
      },
    })
    const clone = await admin.post(`/v1/clusterprofiles/${profileId}/clone`, {
      metadata: { name: 'short-lived-profile' },
      spec: { version: '9.9.9' },
    })
    expect(clone.statusCode, clone.body).toBe(201)
    const profile = clone.json().uid as string
    const row = await t.prisma.cluster.create({
      data: {
        tenantId,
        projectId: projectUid,
        name: 'historic',
        cloudType: 'tencent',
        cloudAccountId: account.id,
        profileId: profile,
        labels: {},
        spec: { cloudAccountUid: account.id, profiles: [{ uid: profile }], cloudConfig: { region: 'ap-guangzhou' } },
        state: 'Running',
      },
    })
    // Live: both refused, naming the cluster.
    const refused = await admin.delete(`/v1/cloudaccounts/tencent/${account.id}`)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().details.clusters).toEqual([{ uid: row.id, name: 'historic' }])
    expect((await admin.delete(`/v1/clusterprofiles/${profile}`)).statusCode).toBe(409)

    await t.prisma.cluster.update({ where: { id: row.id }, data: { state: 'Deleted' } })
    expect((await admin.delete(`/v1/cloudaccounts/tencent/${account.id}`)).statusCode).toBe(204)
    expect((await admin.delete(`/v1/clusterprofiles/${profile}`)).statusCode).toBe(204)
    const after = await t.prisma.cluster.findUniqueOrThrow({ where: { id: row.id } })
    expect([after.cloudAccountId, after.profileId]).toEqual([null, null])
    const read = (await admin.get(`/v1/spectroclusters/${row.id}`)).json()
    expect(read.status.state).toBe('Deleted')
    expect(read.spec.cloudAccountUid).toBe(account.id)
    expect(read.spec.profiles[0].uid).toBe(profile)
  })

  it('streams new events and state changes live (SSE, cookie-less EventSource scope via ?projectUid)', async () => {
    const uid = await insert('streamed', { state: 'Provisioning' })
    await t.prisma.clusterEvent.create({
      data: {
        clusterId: uid,
        reason: 'Created',
        message: 'first',
        severity: 'Normal',
        component: 'api',
        state: 'Pending',
      },
    })
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' })
    const controller = new AbortController()
    const res = await fetch(`${address}/v1/spectroclusters/${uid}/events/stream?projectUid=${projectUid}`, {
      headers: { authorization: t.adminToken },
      signal: controller.signal,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    const readUntil = async (needle: string) => {
      const until = Date.now() + 10_000
      while (!text.includes(needle)) {
        if (Date.now() > until) throw new Error(`stream never said ${needle}: ${text}`)
        const { value, done } = await reader.read()
        if (done) throw new Error('stream ended')
        text += decoder.decode(value, { stream: true })
      }
    }
    await readUntil('"message":"first"')
    await t.prisma.clusterEvent.create({
      data: {
        clusterId: uid,
        reason: 'Provisioned',
        message: 'now running',
        severity: 'Normal',
        component: 'engine',
        state: 'Running',
      },
    })
    await readUntil('"state":"Running"}')
    const frames = text.split('\n\n').filter((f) => f.includes('event: '))
    const names = frames.map((f) => /event: (\S+)/.exec(f)?.[1])
    expect(names).toEqual(['cluster-event', 'cluster-state', 'cluster-event', 'cluster-state'])
    const lastEvent = frames[2]!
    const seq = /id: (\d+)/.exec(lastEvent)?.[1]
    expect(JSON.parse(lastEvent.split('data: ')[1]!)).toMatchObject({ message: 'now running', seq })
    controller.abort()

    // Resuming with Last-Event-ID sends only what came after.
    await t.prisma.clusterEvent.create({
      data: { clusterId: uid, reason: 'Note', message: 'after resume', severity: 'Normal', component: 'engine' },
    })
    const resumed = new AbortController()
    const res2 = await fetch(`${address}/v1/spectroclusters/${uid}/events/stream`, {
      headers: { authorization: t.adminToken, projectuid: projectUid, 'last-event-id': seq! },
      signal: resumed.signal,
    })
    const reader2 = res2.body!.getReader()
    let text2 = ''
    while (!text2.includes('after resume')) text2 += decoder.decode((await reader2.read()).value)
    expect(text2).not.toContain('now running')
    resumed.abort()
    // Scope still applies: another project does not see the stream.
    const other = await t.createProject('stream-other')
    const denied = await fetch(`${address}/v1/spectroclusters/${uid}/events/stream?projectUid=${other}`, {
      headers: { authorization: t.adminToken },
    })
    expect(denied.status).toBe(404)
  })
})

describe('graceText', () => {
  it('says the grace period in whole minutes when it is one, else in seconds', () => {
    expect([900, 60, 90, 30, 1].map(graceText)).toEqual([
      '15 minutes',
      '1 minute',
      '90 seconds',
      '30 seconds',
      '1 second',
    ])
  })
})
