import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'
import { setupTkeProject, type TkeFixture } from './test-support.ts'

describe('cluster API: validate and create (TKE)', () => {
  let t: TestApp
  let fx: TkeFixture

  beforeAll(async () => {
    // The engine only enqueues here (no workers): clusters stay Pending, so these tests see what the API wrote.
    t = await createTestApp({}, { clouds: true, engine: { workers: false } })
    fx = await setupTkeProject(t)
  })
  afterAll(async () => {
    await t.close()
  })

  const admin = () => t.as(t.adminToken, fx.headers)

  it('answers a valid body with valid: true and writes nothing', async () => {
    const before = await t.prisma.cluster.count()
    const res = await admin().post('/v1/spectroclusters/tke/validate', fx.body('c-valid'))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ valid: true, errors: [] })
    expect(await t.prisma.cluster.count()).toBe(before)
  })

  it('answers every problem at once, each with its path', async () => {
    const body = fx.body('Bad_Name') as any
    body.spec.cloudConfig.vpcID = 'vpc-doesnotexist'
    body.spec.cloudConfig.sshKeyIDs = ['skey-missing1']
    body.spec.cloudConfig.endpointAccess.securityGroup = 'sg-missing1'
    const pool = body.spec.machinepoolconfig[0]
    pool.cloudConfig.instanceType = 'NOPE.HUGE'
    pool.cloudConfig.rootDeviceSize = 20
    pool.poolConfig.minSize = 5
    const layers = (await t.prisma.clusterProfile.findUniqueOrThrow({ where: { id: fx.profileUid } })).packs as Array<{
      name: string
      layer: string
    }>
    const os = layers.find((l) => l.layer === 'os')
    expect(os).toBeDefined()
    body.spec.profiles[0].packValues.push({ name: os?.name, values: 'OsName: windows-95\n' })

    const res = await admin().post('/v1/spectroclusters/tke/validate', body)
    expect(res.statusCode).toBe(200)
    const answer = res.json()
    expect(answer.valid).toBe(false)
    const paths = answer.errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        'metadata.name',
        'spec.cloudConfig.vpcID',
        'spec.cloudConfig.sshKeyIDs.0',
        'spec.cloudConfig.endpointAccess.securityGroup',
        'spec.machinepoolconfig.0.cloudConfig.instanceType',
        'spec.machinepoolconfig.0.cloudConfig.rootDeviceSize',
        'spec.machinepoolconfig.0.poolConfig.minSize',
        'spec.profiles.0.packValues.1.values',
      ]),
    )
    const osError = answer.errors.find((e: { path: string }) => e.path === 'spec.profiles.0.packValues.1.values')
    expect(osError.message).toMatch(new RegExp(`^${os?.name} line 1: `))
    expect(answer.errors.find((e: { path: string }) => e.path === 'spec.cloudConfig.vpcID').message).toBe(
      'VPC vpc-doesnotexist is not in ap-guangzhou',
    )
  })

  it("refuses a pod network (the k8s layer's clusterCIDR) that overlaps the VPC", async () => {
    const body = fx.body('c-cidr') as any
    const values: string = body.spec.profiles[0].packValues[0].values
    body.spec.profiles[0].packValues[0].values = values.replace(/clusterCIDR: .*/, 'clusterCIDR: "172.16.128.0/17"')
    expect(body.spec.profiles[0].packValues[0].values).toContain('clusterCIDR: "172.16.128.0/17"')
    const res = await admin().post('/v1/spectroclusters/tke/validate', body)
    const error = res.json().errors.find((e: { path: string }) => e.path === 'spec.profiles.0.packValues.0.values')
    expect(error?.message).toMatch(/clusterCIDR 172\.16\.128\.0\/17 overlaps vpc-\w+ \(172\.16\.0\.0\/16\)/)
  })

  it('refuses an account or profile the project does not see, and a subnet of another zone', async () => {
    const body = fx.body('c-refs') as any
    body.spec.cloudAccountUid = '00000000-0000-4000-8000-000000000000'
    body.spec.profiles[0].uid = '00000000-0000-4000-8000-000000000001'
    const res = await admin().post('/v1/spectroclusters/tke/validate', body)
    const paths = res.json().errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['spec.cloudAccountUid', 'spec.profiles.0.uid']))

    const vpcs = await t.deps.providers.tencent.listVpcs(fx.credentials, 'ap-guangzhou')
    const good = fx.body('c-zone') as any
    const vpc = vpcs.find((v) => v.vpcId === good.spec.cloudConfig.vpcID)
    const az = good.spec.machinepoolconfig[0].cloudConfig.azs[0]
    const other = vpc?.subnets.find((s) => s.az !== az)
    if (other) {
      good.spec.machinepoolconfig[0].cloudConfig.subnetIds[az] = other.subnetId
      const zoneRes = await admin().post('/v1/spectroclusters/tke/validate', good)
      expect(zoneRes.json().errors).toContainEqual({
        path: `spec.machinepoolconfig.0.cloudConfig.subnetIds.${az}`,
        message: `Subnet ${other.subnetId} is in ${other.az}, not ${az}`,
      })
    }
  })

  it('create answers 422 with the validation answer and writes nothing', async () => {
    const counts = async () => [
      await t.prisma.cluster.count(),
      await t.prisma.clusterEvent.count(),
      await t.prisma.auditEvent.count({ where: { resourceKind: 'spectrocluster' } }),
    ]
    const before = await counts()
    const body = fx.body('c-invalid') as any
    body.spec.cloudConfig.vpcID = 'vpc-doesnotexist'
    const res = await admin().post('/v1/spectroclusters/tke', body)
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('UnprocessableEntity')
    expect(res.json().details).toMatchObject({ valid: false, errors: [{ path: 'spec.cloudConfig.vpcID' }] })
    expect(await counts()).toEqual(before)
  })

  it('creates a Pending cluster with its first event, an audit record and a pending job', async () => {
    const res = await admin().post('/v1/spectroclusters/tke', fx.body('c-created'))
    expect(res.statusCode).toBe(201)
    const { uid } = res.json()
    const cluster = await admin().get(`/v1/spectroclusters/${uid}`)
    expect(cluster.statusCode).toBe(200)
    expect(cluster.json()).toMatchObject({
      metadata: { name: 'c-created', labels: { team: 'platform' }, annotations: { projectUid: fx.projectUid } },
      spec: { cloudType: 'tencent', cloudAccountUid: fx.accountUid, profiles: [{ uid: fx.profileUid }] },
      status: { state: 'Pending', region: 'ap-guangzhou', resources: [] },
    })
    const events = await admin().get(`/v1/events/components/spectrocluster/${uid}`)
    expect(events.json().items).toEqual([
      expect.objectContaining({ reason: 'Created', state: 'Pending', source: { component: 'api' } }),
    ])
    const audit = await t.prisma.auditEvent.findFirst({ where: { resourceUid: uid } })
    expect(audit).toMatchObject({ actionType: 'create', resourceName: 'c-created', actorEmail: 'admin@example.com' })
    const jobs = await t.prisma.$queryRawUnsafe<Array<{ state: string }>>(
      `SELECT state::text FROM pgboss.job WHERE name = 'cluster-reconcile' AND singleton_key = $1`,
      uid,
    )
    expect(jobs.map((j) => j.state)).toEqual(['created'])
    // Asking again while a pass is pending does not queue a second one.
    await t.deps.engine?.enqueue(uid)
    const again = await t.prisma.$queryRawUnsafe<Array<{ state: string }>>(
      `SELECT state::text FROM pgboss.job WHERE name = 'cluster-reconcile' AND singleton_key = $1`,
      uid,
    )
    expect(again.map((j) => j.state)).toEqual(['created'])
    // The stored spec carries every layer's effective values, which the driver reads.
    const row = await t.prisma.cluster.findUniqueOrThrow({ where: { id: uid } })
    const stored = row.spec as { profiles: Array<{ packValues: unknown[] }> }
    const profile = await t.prisma.clusterProfile.findUniqueOrThrow({ where: { id: fx.profileUid } })
    expect(stored.profiles[0]?.packValues).toHaveLength((profile.packs as unknown[]).length)
  })

  it('keeps names unique among the live clusters of a project, also under concurrent creates', async () => {
    const results = await Promise.all([
      admin().post('/v1/spectroclusters/tke', fx.body('c-race')),
      admin().post('/v1/spectroclusters/tke', fx.body('c-race')),
      admin().post('/v1/spectroclusters/tke', fx.body('c-race')),
    ])
    const statuses = results.map((r) => r.statusCode).sort()
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    for (const r of results.filter((x) => x.statusCode !== 201)) {
      expect([409, 422]).toContain(r.statusCode)
      expect(r.body).toContain('metadata.name')
    }
    expect(await t.prisma.cluster.count({ where: { name: 'c-race' } })).toBe(1)
    // A Deleted cluster frees its name.
    await t.prisma.cluster.updateMany({ where: { name: 'c-race' }, data: { state: 'Deleted', deletedAt: new Date() } })
    expect((await admin().post('/v1/spectroclusters/tke', fx.body('c-race'))).statusCode).toBe(201)
  })

  it('lets a Project Viewer read but not create, and hides clusters from other projects', async () => {
    const viewer = await t.createUserWithRole('Project Viewer', fx.projectUid)
    const asViewer = t.as(viewer.token, fx.headers)
    expect((await asViewer.post('/v1/spectroclusters/tke', fx.body('c-viewer'))).statusCode).toBe(403)
    expect((await asViewer.post('/v1/spectroclusters/tke/validate', fx.body('c-viewer'))).statusCode).toBe(403)
    expect((await asViewer.get('/v1/spectroclusters')).statusCode).toBe(200)

    const created = await admin().post('/v1/spectroclusters/tke', fx.body('c-mine'))
    const { uid } = created.json()
    const otherProject = await t.createProject('other')
    const other = t.as(t.adminToken, { projectuid: otherProject })
    expect((await other.get(`/v1/spectroclusters/${uid}`)).statusCode).toBe(404)
    expect((await other.get(`/v1/events/components/spectrocluster/${uid}`)).statusCode).toBe(404)
    expect((await other.delete(`/v1/spectroclusters/${uid}`)).statusCode).toBe(404)
    const list = await other.get('/v1/spectroclusters')
    expect(list.json().items).toEqual([])
    const editorElsewhere = await t.createUserWithRole('Project Editor', otherProject)
    expect((await t.as(editorElsewhere.token, fx.headers).get(`/v1/spectroclusters/${uid}`)).statusCode).toBe(403)
  })
})
