import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'
import { setProfileUsageLookup } from './service.ts'
import { patchAs, profileBody, tkeWithVolume } from './test-fixtures.ts'

let t: TestApp
let projectA: string
let projectB: string
let editorA: { token: string }
let editorB: { token: string }
let viewerA: { token: string }

beforeAll(async () => {
  t = await createTestApp()
  projectA = await t.createProject('alpha')
  projectB = await t.createProject('beta')
  editorA = await t.createUserWithRole('Project Editor', projectA)
  editorB = await t.createUserWithRole('Project Editor', projectB)
  viewerA = await t.createUserWithRole('Project Viewer', projectA)
})
afterAll(() => t.close())

const inA = (token: string) => t.as(token, { ProjectUid: projectA })
const inB = (token: string) => t.as(token, { ProjectUid: projectB })
const names = (res: { json(): { items: Array<{ metadata: { name: string } }> } }) =>
  res.json().items.map((item) => item.metadata.name)

describe('roles', () => {
  it('a Project Viewer reads profiles in their project but cannot create, change or delete', async () => {
    const list = await inA(viewerA.token).get('/v1/clusterprofiles')
    expect(list.statusCode).toBe(200)
    expect(list.json().listmeta.count).toBeGreaterThanOrEqual(4)
    const seeded = list.json().items[0].metadata.uid
    expect((await inA(viewerA.token).get(`/v1/clusterprofiles/${seeded}`)).statusCode).toBe(200)
    const before = await t.prisma.clusterProfile.count()
    const create = await inA(viewerA.token).post('/v1/clusterprofiles', profileBody('aws', 'viewer-made'))
    expect(create.statusCode).toBe(403)
    expect(create.json().code).toBe('Forbidden')
    const { uid } = (await inA(editorA.token).post('/v1/clusterprofiles', profileBody('aws', 'viewer-target'))).json()
    expect((await inA(viewerA.token).put(`/v1/clusterprofiles/${uid}`, profileBody('aws', 'x'))).statusCode).toBe(403)
    expect(
      (await patchAs(t, viewerA.token, `/v1/clusterprofiles/${uid}/publish`, { ProjectUid: projectA })).statusCode,
    ).toBe(403)
    expect(
      (await inA(viewerA.token).post(`/v1/clusterprofiles/${uid}/clone`, { metadata: { name: 'v' } })).statusCode,
    ).toBe(403)
    expect((await inA(viewerA.token).delete(`/v1/clusterprofiles/${uid}`)).statusCode).toBe(403)
    expect(await t.prisma.clusterProfile.count()).toBe(before + 1)
  })

  it('a project role gives nothing in tenant scope', async () => {
    expect((await t.as(viewerA.token).get('/v1/clusterprofiles')).statusCode).toBe(403)
    expect((await t.as(editorA.token).post('/v1/clusterprofiles', profileBody('eks', 'no-scope'))).statusCode).toBe(403)
  })
})

describe('scope', () => {
  it('a project profile is seen in its project only; tenant-wide ones are seen everywhere', async () => {
    const a = await inA(editorA.token).post('/v1/clusterprofiles', profileBody('eks', 'only-in-a'))
    expect(a.statusCode).toBe(201)
    const tenantWide = await t.as(t.adminToken).post('/v1/clusterprofiles', profileBody('eks', 'everywhere'))
    expect(tenantWide.statusCode).toBe(201)

    const inProjectA = await inA(editorA.token).get('/v1/clusterprofiles?limit=200')
    expect(names(inProjectA)).toEqual(expect.arrayContaining(['only-in-a', 'everywhere', 'tke-standard']))
    const read = (await inA(editorA.token).get(`/v1/clusterprofiles/${a.json().uid}`)).json()
    expect(read.metadata.annotations).toEqual({ scope: 'project', projectUid: projectA })

    const inProjectB = await inB(editorB.token).get('/v1/clusterprofiles?limit=200')
    expect(names(inProjectB)).toContain('everywhere')
    expect(names(inProjectB)).not.toContain('only-in-a')
    expect((await inB(editorB.token).get(`/v1/clusterprofiles/${a.json().uid}`)).statusCode).toBe(404)
    expect((await inB(editorB.token).delete(`/v1/clusterprofiles/${a.json().uid}`)).statusCode).toBe(404)
    expect((await inB(t.adminToken).get(`/v1/clusterprofiles/${a.json().uid}`)).statusCode).toBe(404)

    const tenantScope = await t.as(t.adminToken).get('/v1/clusterprofiles?limit=200')
    expect(names(tenantScope)).toContain('everywhere')
    expect(names(tenantScope)).not.toContain('only-in-a')
  })

  it('the same name and version may live in two projects, but not repeat a tenant-wide one', async () => {
    expect((await inA(editorA.token).post('/v1/clusterprofiles', profileBody('aws', 'per-project'))).statusCode).toBe(
      201,
    )
    expect((await inB(editorB.token).post('/v1/clusterprofiles', profileBody('aws', 'per-project'))).statusCode).toBe(
      201,
    )
    const seededName = profileBody('tencent', 'x')
    seededName.metadata.name = 'tke-standard'
    const clash = await inA(editorA.token).post('/v1/clusterprofiles', seededName)
    expect(clash.statusCode).toBe(409)
    expect(clash.json().message).toContain('tenant-wide')
  })

  it('a tenant-wide profile is changed in tenant scope only, but may be cloned into a project', async () => {
    const { uid } = (await t.as(t.adminToken).post('/v1/clusterprofiles', tkeWithVolume('tenant-owned', '20Gi'))).json()
    const put = await inA(editorA.token).put(`/v1/clusterprofiles/${uid}`, tkeWithVolume('tenant-owned', '30Gi'))
    expect(put.statusCode).toBe(403)
    expect(
      (await patchAs(t, editorA.token, `/v1/clusterprofiles/${uid}/publish`, { ProjectUid: projectA })).statusCode,
    ).toBe(403)
    expect((await inA(editorA.token).delete(`/v1/clusterprofiles/${uid}`)).statusCode).toBe(403)
    const clone = await inA(editorA.token).post(`/v1/clusterprofiles/${uid}/clone`, { metadata: { name: 'a-copy' } })
    expect(clone.statusCode).toBe(201)
    const copy = (await inA(editorA.token).get(`/v1/clusterprofiles/${clone.json().uid}`)).json()
    expect(copy.metadata.annotations).toEqual({ scope: 'project', projectUid: projectA })
    expect((await inB(editorB.token).get(`/v1/clusterprofiles/${clone.json().uid}`)).statusCode).toBe(404)
    // The source is untouched.
    const source = (await t.as(t.adminToken).get(`/v1/clusterprofiles/${uid}`)).json()
    expect(source.spec.template.packs[4].values).toContain('size: 20Gi')
  })

  it('a version derived from a published project profile stays in the project', async () => {
    const { uid } = (
      await inA(editorA.token).post('/v1/clusterprofiles?publish=true', profileBody('vsphere', 'a-pub'))
    ).json()
    const put = await inA(editorA.token).put(`/v1/clusterprofiles/${uid}`, profileBody('vsphere', 'a-pub'))
    expect(put.statusCode).toBe(201)
    const next = (await inA(editorA.token).get(`/v1/clusterprofiles/${put.json().uid}`)).json()
    expect(next.metadata.annotations).toEqual({ scope: 'project', projectUid: projectA })
    expect(next.spec.version).toBe('1.0.1')
  })
})

describe('DELETE while in use', () => {
  let restore: (() => void) | undefined
  afterEach(() => restore?.())

  it('answers 409 InUse naming the clusters, deletes nothing, and deletes once unused', async () => {
    const { uid } = (
      await inA(editorA.token).post('/v1/clusterprofiles?publish=true', profileBody('aws', 'busy'))
    ).json()
    const asked: string[][] = []
    restore = setProfileUsageLookup(async (_deps, profileUids) => {
      asked.push([...profileUids])
      return profileUids.includes(uid)
        ? [
            { profileUid: uid, uid: 'c-1', name: 'shop-prod' },
            { profileUid: uid, uid: 'c-2', name: 'shop-staging' },
          ]
        : []
    })
    const res = await inA(editorA.token).delete(`/v1/clusterprofiles/${uid}`)
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({
      code: 'InUse',
      details: {
        clusters: [
          { uid: 'c-1', name: 'shop-prod' },
          { uid: 'c-2', name: 'shop-staging' },
        ],
      },
    })
    expect(res.json().message).toContain('shop-prod, shop-staging')
    expect(asked).toContainEqual([uid])
    const read = (await inA(editorA.token).get(`/v1/clusterprofiles/${uid}`)).json()
    expect(read.status.inUseBy).toEqual([
      { uid: 'c-1', name: 'shop-prod' },
      { uid: 'c-2', name: 'shop-staging' },
    ])
    const listed = (await inA(editorA.token).get('/v1/clusterprofiles?limit=200')).json().items
    expect(listed.find((p: { metadata: { uid: string } }) => p.metadata.uid === uid).status.inUseBy).toHaveLength(2)

    restore()
    restore = undefined
    expect((await inA(editorA.token).delete(`/v1/clusterprofiles/${uid}`)).statusCode).toBe(204)
    expect((await inA(editorA.token).get(`/v1/clusterprofiles/${uid}`)).statusCode).toBe(404)
  })

  it('by default counts the cluster rows that are not Deleted; a Deleted cluster does not hold the version back', async () => {
    const { uid } = (
      await inA(editorA.token).post('/v1/clusterprofiles?publish=true', profileBody('aws', 'deployed'))
    ).json()
    const tenantId = (await t.prisma.project.findUniqueOrThrow({ where: { id: projectA } })).tenantId
    const account = await t.prisma.cloudAccount.create({
      data: { tenantId, projectId: projectA, cloudType: 'aws', name: 'acct', spec: {}, secretCiphertext: 'unused' },
    })
    const cluster = await t.prisma.cluster.create({
      data: {
        tenantId,
        projectId: projectA,
        name: 'web-prod',
        cloudType: 'aws',
        cloudAccountId: account.id,
        profileId: uid,
        labels: {},
        spec: {},
        state: 'Running',
      },
    })
    const live = await inA(editorA.token).delete(`/v1/clusterprofiles/${uid}`)
    expect(live.statusCode).toBe(409)
    expect(live.json().details).toEqual({ clusters: [{ uid: cluster.id, name: 'web-prod' }] })
    expect((await inA(editorA.token).get(`/v1/clusterprofiles/${uid}`)).json().status.inUseBy).toEqual([
      { uid: cluster.id, name: 'web-prod' },
    ])

    // A Deleted cluster no longer uses the profile: the version can go, the history row stays, unlinked.
    await t.prisma.cluster.update({ where: { id: cluster.id }, data: { state: 'Deleted', deletedAt: new Date() } })
    expect((await inA(editorA.token).get(`/v1/clusterprofiles/${uid}`)).json().status.inUseBy).toEqual([])
    expect((await inA(editorA.token).delete(`/v1/clusterprofiles/${uid}`)).statusCode).toBe(204)
    expect(await t.prisma.clusterProfile.count({ where: { id: uid } })).toBe(0)
    expect((await t.prisma.cluster.findUniqueOrThrow({ where: { id: cluster.id } })).profileId).toBeNull()
  })
})
