import type { RoleName } from '@console/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../test/harness.ts'

/**
 * Routes × roles: each role, acting in project A's scope (or tenant scope where marked), gets exactly the
 * answer its permissions allow. One table so a new route or role is one line.
 */
let t: TestApp
let projectA: string
const tokens = {} as Record<RoleName, string>

beforeAll(async () => {
  t = await createTestApp()
  projectA = await t.createProject('alpha')
  tokens['Tenant Admin'] = t.adminToken
  for (const role of ['Project Admin', 'Project Editor', 'Project Viewer'] as const) {
    tokens[role] = (await t.createUserWithRole(role, projectA)).token
  }
})
afterAll(() => t.close())

type Row = {
  route: string
  scope: 'project' | 'tenant'
  call: (api: ReturnType<TestApp['as']>) => Promise<{ statusCode: number }>
  allowed: Record<RoleName, number>
}
const everyone = (status: number) =>
  ({ 'Tenant Admin': status, 'Project Admin': status, 'Project Editor': status, 'Project Viewer': status }) as const
const writers = (status: number) =>
  ({ 'Tenant Admin': status, 'Project Admin': status, 'Project Editor': status, 'Project Viewer': 403 }) as const
const adminOnly = (status: number) =>
  ({ 'Tenant Admin': status, 'Project Admin': 403, 'Project Editor': 403, 'Project Viewer': 403 }) as const

const rows: Row[] = [
  { route: 'GET /v1/users/me', scope: 'project', call: (a) => a.get('/v1/users/me'), allowed: everyone(200) },
  { route: 'GET /v1/projects', scope: 'project', call: (a) => a.get('/v1/projects'), allowed: everyone(200) },
  {
    route: 'GET /v1/projects/{A}',
    scope: 'project',
    call: (a) => a.get(`/v1/projects/${projectA}`),
    allowed: everyone(200),
  },
  {
    route: 'POST /v1/projects',
    scope: 'tenant',
    call: (a) => a.post('/v1/projects', { metadata: { name: `p-${Math.random().toString(36).slice(2, 8)}` } }),
    allowed: adminOnly(201),
  },
  {
    route: 'PUT /v1/projects/{A}',
    scope: 'project',
    call: (a) => a.put(`/v1/projects/${projectA}`, { metadata: { name: 'alpha' } }),
    allowed: adminOnly(204),
  },
  { route: 'GET /v1/users', scope: 'project', call: (a) => a.get('/v1/users'), allowed: adminOnly(200) },
  {
    route: 'POST /v1/users',
    scope: 'tenant',
    call: (a) =>
      a.post('/v1/users', {
        metadata: { name: 'x' },
        spec: {
          emailId: `u${Math.random().toString(36).slice(2, 8)}@example.com`,
          password: 'long-enough-pass',
          roles: [{ role: 'Project Viewer', projectUid: projectA }],
        },
      }),
    allowed: adminOnly(201),
  },
  {
    route: 'GET /v1/audits (project scope)',
    scope: 'project',
    call: (a) => a.get('/v1/audits'),
    allowed: { 'Tenant Admin': 200, 'Project Admin': 200, 'Project Editor': 403, 'Project Viewer': 403 },
  },
  {
    route: 'GET /v1/audits (tenant scope)',
    scope: 'tenant',
    call: (a) => a.get('/v1/audits'),
    allowed: adminOnly(200),
  },
  { route: 'GET /v1/apiKeys', scope: 'project', call: (a) => a.get('/v1/apiKeys'), allowed: everyone(200) },
  // Writers reach validation (400 for an empty body); readers are stopped by the authorization layer first.
  {
    route: 'GET /v1/cloudaccounts/tencent',
    scope: 'project',
    call: (a) => a.get('/v1/cloudaccounts/tencent'),
    allowed: everyone(200),
  },
  {
    route: 'GET /v1/cloudaccounts/aws',
    scope: 'project',
    call: (a) => a.get('/v1/cloudaccounts/aws'),
    allowed: everyone(200),
  },
  {
    route: 'POST /v1/cloudaccounts/tencent',
    scope: 'project',
    call: (a) => a.post('/v1/cloudaccounts/tencent', {}),
    allowed: writers(400),
  },
  {
    route: 'POST /v1/clouds/aws/account/validate',
    scope: 'project',
    call: (a) => a.post('/v1/clouds/aws/account/validate', {}),
    allowed: writers(400),
  },
  {
    route: 'GET /v1/users/assets/sshkeys',
    scope: 'project',
    call: (a) => a.get('/v1/users/assets/sshkeys'),
    allowed: everyone(200),
  },
  {
    route: 'POST /v1/users/assets/sshkeys',
    scope: 'project',
    call: (a) => a.post('/v1/users/assets/sshkeys', {}),
    allowed: writers(400),
  },
  { route: 'GET /v1/packs', scope: 'project', call: (a) => a.get('/v1/packs'), allowed: everyone(200) },
  {
    route: 'GET /v1/clusterprofiles',
    scope: 'project',
    call: (a) => a.get('/v1/clusterprofiles'),
    allowed: everyone(200),
  },
  {
    route: 'POST /v1/clusterprofiles',
    scope: 'project',
    call: (a) => a.post('/v1/clusterprofiles', {}),
    allowed: writers(400),
  },
  { route: 'GET /v1/sandbox (real mode)', scope: 'tenant', call: (a) => a.get('/v1/sandbox'), allowed: adminOnly(404) },
  {
    route: 'POST /v1/apiKeys',
    scope: 'project',
    call: (a) => a.post('/v1/apiKeys', { metadata: { name: 'k' } }),
    allowed: everyone(201),
  },
]

describe.each(rows)('$route', (row) => {
  it.each(Object.keys(row.allowed) as RoleName[])('as %s', async (role) => {
    const headers: Record<string, string> = row.scope === 'project' ? { projectuid: projectA } : {}
    const res = await row.call(t.as(tokens[role], headers))
    expect(res.statusCode, `${role} on ${row.route}`).toBe(row.allowed[role])
  })
})

describe('project isolation', () => {
  it('a Project Viewer of project A cannot read project B, by header scope or by uid', async () => {
    const projectB = await t.createProject('bravo')
    const viewer = t.as(tokens['Project Viewer'])
    const scoped = await t.as(tokens['Project Viewer'], { projectuid: projectB }).get('/v1/projects')
    expect(scoped.statusCode).toBe(403)
    expect(scoped.json().code).toBe('Forbidden')
    expect((await viewer.get(`/v1/projects/${projectB}`)).statusCode).toBe(404)
    const listed = (await viewer.get('/v1/projects')).json()
    expect(listed.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(['alpha'])
  })

  it('a ProjectUid that does not exist answers 404 in the error shape', async () => {
    const res = await t.as(t.adminToken, { projectuid: '00000000-0000-0000-0000-000000000000' }).get('/v1/projects')
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ code: 'ProjectNotFound', ref: expect.any(String) })
  })

  it('audits in project scope show only that project', async () => {
    const res = await t.as(tokens['Project Admin'], { projectuid: projectA }).get('/v1/audits?limit=200')
    const events = res.json().items as Array<{ spec: { projectUid?: string } }>
    expect(events.length).toBeGreaterThan(0)
    expect(events.every((e) => e.spec.projectUid === projectA)).toBe(true)
  })
})
