import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'
import { sandboxAccounts } from './test-support.ts'

let t: TestApp
let projectA: string
let projectB: string
let tencentSpec: { secretId: string; secretKey: string }

beforeAll(async () => {
  t = await createTestApp({}, { clouds: true })
  projectA = await t.createProject('alpha')
  projectB = await t.createProject('beta')
  const { full } = sandboxAccounts(t).tencent
  tencentSpec = { secretId: full.secretId, secretKey: full.secretKey }
})
afterAll(async () => {
  await t?.close()
})

const inProject = (token: string, projectUid: string) => t.as(token, { projectuid: projectUid })
const body = (name: string) => ({ metadata: { name }, spec: tencentSpec })
const names = (res: { json(): any }) =>
  res
    .json()
    .items.map((a: any) => a.metadata.name)
    .sort()

describe('cloud account scope and permissions', () => {
  let projectAccount: string
  let tenantAccount: string

  beforeAll(async () => {
    const a = await inProject(t.adminToken, projectA).post('/v1/cloudaccounts/tencent', body('alpha-account'))
    expect(a.statusCode, a.body).toBe(201)
    projectAccount = a.json().uid
    const tenant = await t.as(t.adminToken).post('/v1/cloudaccounts/tencent', body('tenant-account'))
    expect(tenant.statusCode, tenant.body).toBe(201)
    tenantAccount = tenant.json().uid
  })

  it("marks an account created in a project as that project's, and one created in tenant scope as tenant-wide", async () => {
    const a = await inProject(t.adminToken, projectA).get(`/v1/cloudaccounts/tencent/${projectAccount}`)
    expect(a.json().metadata.annotations).toEqual({ scope: 'project', projectUid: projectA })
    const tenant = await t.as(t.adminToken).get(`/v1/cloudaccounts/tencent/${tenantAccount}`)
    expect(tenant.json().metadata.annotations).toEqual({ scope: 'tenant' })
  })

  it("shows a project its own accounts and the tenant-wide ones, never another project's", async () => {
    expect(names(await inProject(t.adminToken, projectA).get('/v1/cloudaccounts/tencent'))).toEqual([
      'alpha-account',
      'tenant-account',
    ])
    expect(names(await inProject(t.adminToken, projectB).get('/v1/cloudaccounts/tencent'))).toEqual(['tenant-account'])
    const fromB = await inProject(t.adminToken, projectB).get(`/v1/cloudaccounts/tencent/${projectAccount}`)
    expect(fromB.statusCode).toBe(404)
    const deleteFromB = await inProject(t.adminToken, projectB).delete(`/v1/cloudaccounts/tencent/${projectAccount}`)
    expect(deleteFromB.statusCode).toBe(404)
  })

  it('lists only tenant-wide accounts in tenant scope; scope=all shows a Tenant Admin every account', async () => {
    expect(names(await t.as(t.adminToken).get('/v1/cloudaccounts/tencent'))).toEqual(['tenant-account'])
    expect(names(await t.as(t.adminToken).get('/v1/cloudaccounts/tencent?scope=all'))).toEqual([
      'alpha-account',
      'tenant-account',
    ])
  })

  it('lets a Project Viewer read but not create, update, delete or validate', async () => {
    const viewer = await t.createUserWithRole('Project Viewer', projectA)
    const as = inProject(viewer.token, projectA)
    expect(names(await as.get('/v1/cloudaccounts/tencent'))).toEqual(['alpha-account', 'tenant-account'])
    expect((await as.get(`/v1/cloudaccounts/tencent/${projectAccount}`)).statusCode).toBe(200)

    const before = await t.prisma.cloudAccount.count()
    const create = await as.post('/v1/cloudaccounts/tencent', body('viewer-account'))
    expect(create.statusCode).toBe(403)
    expect(create.json().message).toContain('cloudaccounts.write')
    expect(await t.prisma.cloudAccount.count()).toBe(before)
    expect((await as.put(`/v1/cloudaccounts/tencent/${projectAccount}`, body('x'))).statusCode).toBe(403)
    expect((await as.delete(`/v1/cloudaccounts/tencent/${projectAccount}`)).statusCode).toBe(403)
    expect((await as.post('/v1/clouds/tencent/account/validate', tencentSpec)).statusCode).toBe(403)
    // Not a member of project B at all.
    expect((await inProject(viewer.token, projectB).get('/v1/cloudaccounts/tencent')).statusCode).toBe(403)
  })

  it('lets a Project Editor manage its project accounts but not the tenant-wide ones', async () => {
    const editor = await t.createUserWithRole('Project Editor', projectA)
    const as = inProject(editor.token, projectA)
    const created = await as.post('/v1/cloudaccounts/tencent', body('editor-account'))
    expect(created.statusCode, created.body).toBe(201)
    const tenantWide = await as.put(`/v1/cloudaccounts/tencent/${tenantAccount}`, {
      metadata: { name: 'hijacked' },
      spec: { secretId: tencentSpec.secretId },
    })
    expect(tenantWide.statusCode).toBe(403)
    expect(tenantWide.json().message).toMatch(/tenant scope/)
    expect((await as.delete(`/v1/cloudaccounts/tencent/${tenantAccount}`)).statusCode).toBe(403)
    // Tenant scope is a Tenant Admin's: the editor has no role there.
    expect((await t.as(editor.token).get('/v1/cloudaccounts/tencent')).statusCode).toBe(403)
    expect((await t.as(editor.token).get('/v1/cloudaccounts/tencent?scope=all')).statusCode).toBe(403)
    expect((await as.delete(`/v1/cloudaccounts/tencent/${created.json().uid}`)).statusCode).toBe(204)
  })

  it('keeps Tencent and AWS accounts apart', async () => {
    expect((await t.as(t.adminToken).get(`/v1/cloudaccounts/aws/${tenantAccount}`)).statusCode).toBe(404)
    expect((await t.as(t.adminToken).get('/v1/cloudaccounts/aws')).json().items).toEqual([])
  })
})

describe('API document', () => {
  it('describes the cloud account, inventory and SSH key routes with their schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })
    expect(res.statusCode).toBe(200)
    const paths = res.json().paths
    for (const path of [
      '/v1/cloudaccounts/tencent',
      '/v1/cloudaccounts/aws/{uid}',
      '/v1/clouds/aws/account/validate',
      '/v1/clouds/tencent/regions/{region}/zones',
      '/v1/clouds/tencent/instancetypes',
      '/v1/users/assets/sshkeys/{uid}',
    ]) {
      expect(paths[path], path).toBeDefined()
    }
    const awsBody = paths['/v1/cloudaccounts/aws'].post.requestBody.content['application/json'].schema
    expect(JSON.stringify(awsBody)).toContain('credentialType')
  })
})
