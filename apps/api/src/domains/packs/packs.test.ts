import { loadCatalog } from '@console/catalog'
import { filterPacks, isPackForCloud } from '@console/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'

let t: TestApp
const catalog = loadCatalog()

beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('GET /v1/packs', () => {
  it('answers the whole catalog with values and schemas', async () => {
    const res = await t.as(t.adminToken).get('/v1/packs')
    expect(res.statusCode).toBe(200)
    expect(res.json().items).toEqual(catalog)
  })

  it("reads Palette's filters text", async () => {
    const res = await t
      .as(t.adminToken)
      .get(`/v1/packs?filters=${encodeURIComponent('layer=os AND cloudType=tencent')}`)
    expect(res.statusCode).toBe(200)
    const items = res.json().items as Array<{ name: string; layer: string }>
    expect(items.map((pack) => pack.name)).toEqual(['tke-os'])
    const commas = await t
      .as(t.adminToken)
      .get(`/v1/packs?filters=${encodeURIComponent('spec.layer=k8s,cloudType=eks')}`)
    expect(commas.json().items).toEqual(filterPacks(catalog, { layer: 'k8s', cloudType: 'eks' }))
  })

  it('takes separate layer and cloudType parameters, packs for all clouds included', async () => {
    const res = await t.as(t.adminToken).get('/v1/packs?layer=addon&cloudType=tencent')
    const items = res.json().items as typeof catalog
    expect(items.length).toBeGreaterThan(0)
    expect(items.every((pack) => pack.layer === 'addon' && isPackForCloud(pack, 'tencent'))).toBe(true)
    expect(items).toEqual(filterPacks(catalog, { layer: 'addon', cloudType: 'tencent' }))
  })

  it('answers 400 for an unknown filter or value', async () => {
    const unknown = await t.as(t.adminToken).get(`/v1/packs?filters=${encodeURIComponent('color=red')}`)
    expect(unknown.statusCode).toBe(400)
    expect((await t.as(t.adminToken).get('/v1/packs?layer=kernel')).statusCode).toBe(400)
  })

  it('needs profiles.read in the scope: a Project Viewer reads in their project, not in tenant scope', async () => {
    const project = await t.createProject('packs-viewers')
    const viewer = await t.createUserWithRole('Project Viewer', project)
    expect((await t.as(viewer.token, { ProjectUid: project }).get('/v1/packs')).statusCode).toBe(200)
    expect((await t.as(viewer.token).get('/v1/packs')).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/v1/packs' })).statusCode).toBe(401)
  })

  it('is described in the OpenAPI document with the profile routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })
    expect(res.statusCode).toBe(200)
    const paths = Object.keys(res.json().paths)
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/packs',
        '/v1/clusterprofiles',
        '/v1/clusterprofiles/validate',
        '/v1/clusterprofiles/{uid}',
        '/v1/clusterprofiles/{uid}/publish',
        '/v1/clusterprofiles/{uid}/clone',
      ]),
    )
    expect(Object.keys(res.json().paths['/v1/clusterprofiles/{uid}'].put.responses)).toEqual(
      expect.arrayContaining(['201', '204']),
    )
  })
})
