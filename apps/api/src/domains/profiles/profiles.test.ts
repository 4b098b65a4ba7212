import { loadCatalog } from '@console/catalog'
import { type ClusterProfileBody, validateProfile } from '@console/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'
import { patchAs, profileBody, tkeWithOsName, tkeWithVolume } from './test-fixtures.ts'

let t: TestApp
const catalog = loadCatalog()
const admin = () => t.as(t.adminToken)
const countProfiles = () => t.prisma.clusterProfile.count()

beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('POST /v1/clusterprofiles runs the shared validator', () => {
  it('refuses a TKE add-on volume of 25Gi with 422 naming the pack and the line, writing nothing', async () => {
    const body = tkeWithVolume('tke-25', '25Gi')
    const before = await countProfiles()
    const res = await admin().post('/v1/clusterprofiles', body)
    expect(res.statusCode).toBe(422)
    const answer = res.json()
    expect(answer.code).toBe('UnprocessableEntity')
    // The same answer the browser's validator gives on the same input, so the editor shows the same markers.
    expect(answer.details).toEqual(validateProfile(body, catalog))
    const postgresIndex = body.spec.template.packs.findIndex((pack) => pack.name === 'postgresql')
    const issue = answer.details.packs[postgresIndex].errors[0]
    expect(issue).toMatchObject({ code: 'TkeVolumeSize', path: 'primary.persistence.size' })
    const values = body.spec.template.packs[postgresIndex]!.values!
    expect(values.split('\n')[issue.line - 1]?.trim()).toBe('size: 25Gi')
    expect(answer.message).toContain('postgresql line')
    expect(await countProfiles()).toBe(before)
  })

  it('accepts the same profile with 20Gi: 201 {uid}, stored as a tenant-wide draft', async () => {
    const body = tkeWithVolume('tke-20', '20Gi')
    expect(validateProfile(body, catalog).valid).toBe(true)
    const res = await admin().post('/v1/clusterprofiles', body)
    expect(res.statusCode).toBe(201)
    const { uid } = res.json()
    const read = await admin().get(`/v1/clusterprofiles/${uid}`)
    expect(read.statusCode).toBe(200)
    expect(read.json()).toMatchObject({
      metadata: { uid, name: 'tke-20', description: body.metadata.description, annotations: { scope: 'tenant' } },
      spec: { version: '1.0.0', published: false, template: body.spec.template },
      status: { inUseBy: [] },
    })
    expect(read.json().status.publishedAt).toBeUndefined()
  })

  it('refuses an OsName outside the four TKE images with 422 TkeOsName on the OS layer', async () => {
    const body = tkeWithOsName('tke-centos8', 'centos8.2x86_64')
    const before = await countProfiles()
    const res = await admin().post('/v1/clusterprofiles', body)
    expect(res.statusCode).toBe(422)
    expect(res.json().details).toEqual(validateProfile(body, catalog))
    expect(res.json().details.packs[0].errors.map((e: { code: string }) => e.code)).toEqual(['TkeOsName'])
    expect(await countProfiles()).toBe(before)
  })

  it('fills a pack sent without values with the catalog defaults', async () => {
    const body = profileBody('aws', 'aws-defaults')
    for (const pack of body.spec.template.packs) delete pack.values
    const res = await admin().post('/v1/clusterprofiles?publish=true', body)
    expect(res.statusCode).toBe(201)
    const read = (await admin().get(`/v1/clusterprofiles/${res.json().uid}`)).json()
    expect(read.spec.published).toBe(true)
    expect(read.status.publishedAt).toEqual(expect.any(String))
    for (const pack of read.spec.template.packs) {
      expect(pack.values).toBe(catalog.find((c) => c.name === pack.name && c.tag === pack.tag)?.values)
    }
  })

  it('answers 409 with the fields when the name and version exist in the scope', async () => {
    const body = profileBody('vsphere', 'vs-dup')
    expect((await admin().post('/v1/clusterprofiles', body)).statusCode).toBe(201)
    const again = await admin().post('/v1/clusterprofiles', body)
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('AlreadyExists')
    expect(again.json().details.map((d: { path: string }) => d.path)).toEqual(['metadata.name', 'spec.version'])
    body.spec.version = '1.1.0'
    expect((await admin().post('/v1/clusterprofiles', body)).statusCode).toBe(201)
  })

  it('lets only one of two simultaneous creates of a name and version through', async () => {
    const body = profileBody('eks', 'race')
    const answers = await Promise.all([
      admin().post('/v1/clusterprofiles', body),
      admin().post('/v1/clusterprofiles', body),
    ])
    expect(answers.map((res) => res.statusCode).sort()).toEqual([201, 409])
    expect(await t.prisma.clusterProfile.count({ where: { name: 'race' } })).toBe(1)
  })

  it('answers 400 for a malformed body, before any rule', async () => {
    const res = await admin().post('/v1/clusterprofiles', { metadata: { name: 'Not A Name' }, spec: {} })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('ValidationError')
  })
})

describe('the server refuses exactly what the browser validator refuses', () => {
  const cases: Array<[string, () => ClusterProfileBody]> = [
    ['valid TKE', () => tkeWithVolume('same-1', '30Gi')],
    ['15Gi volume', () => tkeWithVolume('same-2', '15Gi')],
    ['10240Mi volume (= 10Gi)', () => tkeWithVolume('same-3', '10240Mi')],
    ['5Gi volume', () => tkeWithVolume('same-4', '5Gi')],
    ['GPU Ubuntu image', () => tkeWithOsName('same-5', 'ubuntu18.04.1x86_64 GPU')],
    ['unknown image', () => tkeWithOsName('same-6', 'windows')],
    [
      'add-on above the OS (order)',
      () => {
        const body = profileBody('aws', 'same-7')
        body.spec.template.packs.unshift(body.spec.template.packs.pop()!)
        return body
      },
    ],
    [
      'unknown tag',
      () => {
        const body = profileBody('eks', 'same-8')
        body.spec.template.packs[1]!.tag = '9.99'
        return body
      },
    ],
    [
      'YAML syntax error',
      () => {
        const body = profileBody('vsphere', 'same-9')
        body.spec.template.packs[4]!.values = 'controller: [unclosed\n'
        return body
      },
    ],
  ]
  it.each(cases)('%s', async (_label, make) => {
    const body = make()
    const expected = validateProfile(body, catalog)
    const validate = await admin().post('/v1/clusterprofiles/validate', body)
    expect(validate.statusCode).toBe(200)
    expect(validate.json()).toEqual(expected)
    const created = await admin().post('/v1/clusterprofiles', body)
    expect(created.statusCode).toBe(expected.valid ? 201 : 422)
    if (!expected.valid) expect(created.json().details).toEqual(expected)
  })
})

describe('POST /v1/clusterprofiles/validate', () => {
  it('answers every problem at once, per pack, without saving', async () => {
    const body = tkeWithVolume('validate-all', '25Gi')
    body.spec.template.packs[0]!.values = '"OsName": "centos8.2x86_64"\n'
    body.spec.template.packs.splice(3, 1) // no CSI layer
    const before = await countProfiles()
    const res = await admin().post('/v1/clusterprofiles/validate', body)
    expect(res.statusCode).toBe(200)
    const answer = res.json()
    expect(answer).toEqual(validateProfile(body, catalog))
    expect(answer.valid).toBe(false)
    expect(answer.errors.map((e: { code: string }) => e.code)).toEqual(['LayerMissing'])
    expect(answer.packs).toHaveLength(body.spec.template.packs.length)
    const codes = answer.packs.flatMap((p: { errors: Array<{ code: string }> }) => p.errors.map((e) => e.code))
    expect(codes).toEqual(expect.arrayContaining(['TkeOsName', 'TkeVolumeSize']))
    expect(await countProfiles()).toBe(before)
  })

  it('answers valid for a good profile, and 400 only for a malformed body', async () => {
    const good = await admin().post('/v1/clusterprofiles/validate', profileBody('eks', 'validate-good'))
    expect(good.json()).toMatchObject({ valid: true, errors: [] })
    const bad = await admin().post('/v1/clusterprofiles/validate', { metadata: { name: 'x' } })
    expect(bad.statusCode).toBe(400)
  })
})

describe('publish, versions and clone', () => {
  it('PUT on a draft changes it in place (204)', async () => {
    const { uid } = (await admin().post('/v1/clusterprofiles', tkeWithVolume('draft-edit', '20Gi'))).json()
    const res = await admin().put(`/v1/clusterprofiles/${uid}`, tkeWithVolume('draft-edit', '40Gi'))
    expect(res.statusCode).toBe(204)
    const read = (await admin().get(`/v1/clusterprofiles/${uid}`)).json()
    expect(read.spec.template.packs[4].values).toContain('size: 40Gi')
    const refused = await admin().put(`/v1/clusterprofiles/${uid}`, tkeWithVolume('draft-edit', '45Gi'))
    expect(refused.statusCode).toBe(422)
    expect((await admin().get(`/v1/clusterprofiles/${uid}`)).json().spec.template.packs[4].values).toContain(
      'size: 40Gi',
    )
  })

  it('PUT on a published version leaves it unchanged and creates the next patch version (201)', async () => {
    const { uid } = (await admin().post('/v1/clusterprofiles', tkeWithVolume('immutable', '20Gi'))).json()
    expect((await patchAs(t, t.adminToken, `/v1/clusterprofiles/${uid}/publish`)).statusCode).toBe(204)
    const published = (await admin().get(`/v1/clusterprofiles/${uid}`)).json()
    expect(published.spec.published).toBe(true)

    const put = await admin().put(`/v1/clusterprofiles/${uid}`, tkeWithVolume('immutable', '30Gi'))
    expect(put.statusCode).toBe(201)
    const next = (await admin().get(`/v1/clusterprofiles/${put.json().uid}`)).json()
    expect(next.metadata.uid).not.toBe(uid)
    expect(next.spec).toMatchObject({ version: '1.0.1', published: false })
    expect(next.spec.template.packs[4].values).toContain('size: 30Gi')
    expect((await admin().get(`/v1/clusterprofiles/${uid}`)).json()).toEqual(published)

    // Again on 1.0.0: the highest version is 1.0.1, so 1.0.2; a higher free body version is kept.
    const again = await admin().put(`/v1/clusterprofiles/${uid}`, tkeWithVolume('immutable', '40Gi'))
    expect((await admin().get(`/v1/clusterprofiles/${again.json().uid}`)).json().spec.version).toBe('1.0.2')
    const higher = tkeWithVolume('immutable', '50Gi')
    higher.spec.version = '2.0.0'
    const major = await admin().put(`/v1/clusterprofiles/${uid}`, higher)
    expect((await admin().get(`/v1/clusterprofiles/${major.json().uid}`)).json().spec.version).toBe('2.0.0')
    expect((await admin().get(`/v1/clusterprofiles/${uid}`)).json()).toEqual(published)
  })

  it('gives two simultaneous PUTs on a published version two different new versions', async () => {
    const { uid } = (await admin().post('/v1/clusterprofiles?publish=true', profileBody('aws', 'race-put'))).json()
    const answers = await Promise.all([
      admin().put(`/v1/clusterprofiles/${uid}`, profileBody('aws', 'race-put')),
      admin().put(`/v1/clusterprofiles/${uid}`, profileBody('aws', 'race-put')),
    ])
    expect(answers.map((res) => res.statusCode)).toEqual([201, 201])
    const rows = await t.prisma.clusterProfile.findMany({ where: { name: 'race-put' }, orderBy: { version: 'asc' } })
    expect(rows.map((row) => row.version)).toEqual(['1.0.0', '1.0.1', '1.0.2'])
  })

  it('refuses renaming a published version, and an invalid new version, changing nothing', async () => {
    const { uid } = (await admin().post('/v1/clusterprofiles?publish=true', tkeWithVolume('keep-name', '20Gi'))).json()
    const before = await countProfiles()
    const renamed = await admin().put(`/v1/clusterprofiles/${uid}`, tkeWithVolume('other-name', '20Gi'))
    expect(renamed.statusCode).toBe(409)
    expect(renamed.json().code).toBe('InvalidState')
    const invalid = await admin().put(`/v1/clusterprofiles/${uid}`, tkeWithVolume('keep-name', '25Gi'))
    expect(invalid.statusCode).toBe(422)
    expect(await countProfiles()).toBe(before)
  })

  it('publishing twice changes nothing; an unknown uid is 404', async () => {
    const { uid } = (await admin().post('/v1/clusterprofiles?publish=true', profileBody('eks', 'pub-twice'))).json()
    const first = (await admin().get(`/v1/clusterprofiles/${uid}`)).json()
    expect((await patchAs(t, t.adminToken, `/v1/clusterprofiles/${uid}/publish`)).statusCode).toBe(204)
    expect((await admin().get(`/v1/clusterprofiles/${uid}`)).json()).toEqual(first)
    expect((await patchAs(t, t.adminToken, '/v1/clusterprofiles/not-a-uid/publish')).statusCode).toBe(404)
    expect((await admin().get('/v1/clusterprofiles/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
  })

  it('checks a draft again when publishing or cloning it: a stored version the catalog no longer accepts is refused', async () => {
    const { uid } = (await admin().post('/v1/clusterprofiles', tkeWithVolume('stale', '20Gi'))).json()
    // As if the catalog dropped the Kubernetes version after the draft was saved.
    const row = await t.prisma.clusterProfile.findUniqueOrThrow({ where: { id: uid } })
    const packs = row.packs as Array<{ tag: string }>
    packs[1]!.tag = '1.0.0'
    await t.prisma.clusterProfile.update({ where: { id: uid }, data: { packs } })
    const stored = (await admin().get(`/v1/clusterprofiles/${uid}`)).json()
    const expected = validateProfile(stored, catalog)
    expect(expected.packs[1]?.errors.map((e) => e.code)).toEqual(['PackTagNotFound'])

    const publish = await patchAs(t, t.adminToken, `/v1/clusterprofiles/${uid}/publish`)
    expect(publish.statusCode).toBe(422)
    expect(publish.json().details).toEqual(expected)
    expect((await admin().get(`/v1/clusterprofiles/${uid}`)).json().spec.published).toBe(false)
    const clone = await admin().post(`/v1/clusterprofiles/${uid}/clone`, { metadata: { name: 'stale-copy' } })
    expect(clone.statusCode).toBe(422)
    expect(await t.prisma.clusterProfile.count({ where: { name: 'stale-copy' } })).toBe(0)
  })

  it('clones a profile into a new draft with the given name and version', async () => {
    const source = tkeWithVolume('clone-src', '20Gi')
    const { uid } = (await admin().post('/v1/clusterprofiles?publish=true', source)).json()
    const res = await admin().post(`/v1/clusterprofiles/${uid}/clone`, { metadata: { name: 'clone-dst' }, spec: {} })
    expect(res.statusCode).toBe(201)
    const copy = (await admin().get(`/v1/clusterprofiles/${res.json().uid}`)).json()
    expect(copy).toMatchObject({
      metadata: { name: 'clone-dst', description: source.metadata.description },
      spec: { version: '1.0.0', published: false, template: source.spec.template },
    })
    const taken = await admin().post(`/v1/clusterprofiles/${uid}/clone`, { metadata: { name: 'clone-dst' } })
    expect(taken.statusCode).toBe(409)
    const versioned = await admin().post(`/v1/clusterprofiles/${uid}/clone`, {
      metadata: { name: 'clone-dst' },
      spec: { version: '1.1.0' },
    })
    expect(versioned.statusCode).toBe(201)
  })

  it('audits create, update, publish, clone and delete', async () => {
    const { uid } = (await admin().post('/v1/clusterprofiles', profileBody('aws', 'audited'))).json()
    await admin().put(`/v1/clusterprofiles/${uid}`, profileBody('aws', 'audited'))
    await patchAs(t, t.adminToken, `/v1/clusterprofiles/${uid}/publish`)
    const clone = (
      await admin().post(`/v1/clusterprofiles/${uid}/clone`, { metadata: { name: 'audited-copy' } })
    ).json()
    await admin().delete(`/v1/clusterprofiles/${clone.uid}`)
    const events = await t.prisma.auditEvent.findMany({
      where: { resourceKind: 'clusterProfile', resourceUid: { in: [uid, clone.uid] } },
      orderBy: { createdAt: 'asc' },
    })
    expect(events.map((e) => [e.actionType, e.message])).toEqual([
      ['create', 'Cluster profile audited 1.0.0 created as a draft'],
      ['update', 'Cluster profile audited 1.0.0 updated'],
      ['update', 'Cluster profile audited 1.0.0 published'],
      ['create', 'Cluster profile audited-copy 1.0.0 cloned from audited 1.0.0'],
      ['delete', 'Cluster profile audited-copy 1.0.0 deleted'],
    ])
  })
})

describe('GET /v1/clusterprofiles', () => {
  it('filters by cloudType and type, and pages', async () => {
    const tencent = await admin().get('/v1/clusterprofiles?cloudType=tencent&limit=200')
    expect(tencent.statusCode).toBe(200)
    const items = tencent.json().items as Array<{ spec: { template: { cloudType: string } } }>
    expect(items.length).toBeGreaterThan(1)
    expect(items.every((p) => p.spec.template.cloudType === 'tencent')).toBe(true)
    expect(tencent.json().listmeta.count).toBe(
      await t.prisma.clusterProfile.count({ where: { cloudType: 'tencent', projectId: null } }),
    )
    expect((await admin().get('/v1/clusterprofiles?type=add-on')).json().items).toEqual([])
    expect((await admin().get('/v1/clusterprofiles?type=cluster')).json().listmeta.count).toBe(
      await t.prisma.clusterProfile.count({ where: { type: 'cluster', projectId: null } }),
    )
    const page = (await admin().get('/v1/clusterprofiles?limit=2')).json()
    expect(page.items).toHaveLength(2)
    const nextPage = (await admin().get(`/v1/clusterprofiles?limit=2&continue=${page.listmeta.continue}`)).json()
    expect(nextPage.listmeta.offset).toBe(2)
    expect(nextPage.items[0].metadata.uid).not.toBe(page.items[0].metadata.uid)
    expect((await admin().get('/v1/clusterprofiles?cloudType=azure')).statusCode).toBe(400)
  })
})

describe('seeded profiles', () => {
  it('has one published, tenant-wide, valid profile per cloud, and seeding again adds none', async () => {
    const rows = await t.prisma.clusterProfile.findMany({ where: { isSeeded: true } })
    expect(rows.map((row) => row.cloudType).sort()).toEqual(['aws', 'eks', 'tencent', 'vsphere'])
    for (const row of rows) {
      const read = (await admin().get(`/v1/clusterprofiles/${row.id}`)).json()
      expect(read.spec.published).toBe(true)
      expect(read.metadata.annotations).toEqual({ scope: 'tenant' })
      expect(validateProfile(read, catalog)).toMatchObject({ valid: true })
      const check = await admin().post('/v1/clusterprofiles/validate', {
        metadata: { name: read.metadata.name },
        spec: { version: read.spec.version, template: read.spec.template },
      })
      expect(check.json().valid).toBe(true)
    }
    const { seedProfiles } = await import('./service.ts')
    expect(await seedProfiles(t.prisma, rows[0]!.tenantId)).toBe(0)
    expect(await t.prisma.clusterProfile.count({ where: { isSeeded: true } })).toBe(4)
  })
})
