import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, type TestApp } from '../../test/harness.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ LOGIN_MAX_FAILURES: '3' })
})
afterAll(() => t.close())

/** Every secret the suite handles, to prove none of them appears in an answer or a log line. */
const secrets: string[] = [ADMIN_PASSWORD]

describe('API keys', () => {
  it('works once created and stops working once revoked', async () => {
    const created = await t.as(t.adminToken).post('/v1/apiKeys', { metadata: { name: 'pipeline' } })
    expect(created.statusCode).toBe(201)
    const { uid, apiKey } = created.json()
    secrets.push(apiKey)
    const withKey = () => t.app.inject({ method: 'GET', url: '/v1/users/me', headers: { apikey: apiKey } })
    expect((await withKey()).json().spec.emailId).toBe(ADMIN_EMAIL)

    const listed = (await t.as(t.adminToken).get('/v1/apiKeys')).json().items
    const row = listed.find((k: { metadata: { uid: string } }) => k.metadata.uid === uid)
    expect(row.status.state).toBe('Active')
    expect(JSON.stringify(listed)).not.toContain(apiKey)

    expect((await t.as(t.adminToken).delete(`/v1/apiKeys/${uid}`)).statusCode).toBe(204)
    const after = await withKey()
    expect(after.statusCode).toBe(401)
    expect(after.json().code).toBe('Unauthorized')
    const audits = (await t.as(t.adminToken).get(`/v1/audits?resourceUid=${uid}`)).json().items
    expect(audits.map((a: { spec: { actionType: string } }) => a.spec.actionType).sort()).toEqual(['create', 'revoke'])
  })

  it('is stored only as a hash', async () => {
    const { apiKey } = (await t.as(t.adminToken).post('/v1/apiKeys', { metadata: { name: 'hashed' } })).json()
    secrets.push(apiKey)
    const rows = await t.prisma.apiKey.findMany()
    expect(JSON.stringify(rows)).not.toContain(apiKey.split('_')[2])
  })

  it('a key past its expiry is refused', async () => {
    const res = await t
      .as(t.adminToken)
      .post('/v1/apiKeys', { metadata: { name: 'old' }, spec: { expiry: '2001-01-01T00:00:00Z' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().details).toContainEqual(
      expect.objectContaining({ path: 'spec.expiry', message: 'Expiry must be in the future' }),
    )
  })
})

describe('bad input', () => {
  it('a malformed body answers 400 naming each bad field by path, and writes nothing', async () => {
    const before = await t.prisma.user.count()
    const res = await t.as(t.adminToken).post('/v1/users', {
      metadata: { name: '' },
      spec: { emailId: 'not-an-email', password: 'short', roles: [{ role: 'Project Viewer' }] },
    })
    expect(res.statusCode).toBe(400)
    const body = res.json()
    expect(body.code).toBe('ValidationError')
    expect(body.ref).toBe(res.headers['x-request-id'])
    const paths = body.details.map((d: { path: string }) => d.path)
    expect(paths).toEqual(
      expect.arrayContaining(['metadata.name', 'spec.emailId', 'spec.password', 'spec.roles.0.projectUid']),
    )
    expect(await t.prisma.user.count()).toBe(before)
  })

  it('invalid JSON answers 400 in the error shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      headers: { authorization: t.adminToken, 'content-type': 'application/json' },
      payload: '{"metadata":',
    })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'BadRequest', ref: expect.any(String) })
  })

  it('a duplicate project name answers 409 with the field', async () => {
    await t.createProject('dup')
    const res = await t.as(t.adminToken).post('/v1/projects', { metadata: { name: 'DUP' } })
    expect(res.statusCode).toBe(409)
    expect(res.json().details[0].path).toBe('metadata.name')
  })

  it('unknown routes answer 404 in the error shape', async () => {
    const res = await t.as(t.adminToken).get('/v1/nothing-here')
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({
      code: 'NotFound',
      message: 'Route GET /v1/nothing-here not found',
      ref: expect.any(String),
    })
  })

  it('no credentials answer 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/projects' })
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('Unauthorized')
  })
})

describe('browser sessions', () => {
  async function browserLogin() {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/authenticate',
      payload: { emailId: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    })
    const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c]))
    return { res, cookies }
  }

  it('sets an HttpOnly SameSite=Strict session cookie and a readable CSRF cookie', async () => {
    const { cookies } = await browserLogin()
    expect(cookies.console_session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' })
    expect(cookies.csrf_token?.httpOnly).toBeFalsy()
  })

  it('refuses unsafe requests without the CSRF header, accepts them with it, and logout ends the session', async () => {
    const { cookies } = await browserLogin()
    const cookie = { console_session: cookies.console_session!.value }
    const create = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/projects',
        cookies: cookie,
        headers,
        payload: { metadata: { name: `c${Date.now()}` } },
      })
    expect((await t.app.inject({ method: 'GET', url: '/v1/users/me', cookies: cookie })).statusCode).toBe(200)
    const refused = await create({})
    expect(refused.statusCode).toBe(403)
    expect(refused.json().code).toBe('CsrfTokenInvalid')
    expect((await create({ 'x-csrf-token': 'wrong' })).statusCode).toBe(403)
    expect((await create({ 'x-csrf-token': cookies.csrf_token!.value })).statusCode).toBe(201)
    const out = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/logout',
      cookies: cookie,
      headers: { 'x-csrf-token': cookies.csrf_token!.value },
    })
    expect(out.statusCode).toBe(204)
    expect((await t.app.inject({ method: 'GET', url: '/v1/users/me', cookies: cookie })).statusCode).toBe(401)
  })
})

describe('log-in', () => {
  it('a wrong password and an unknown email get the same answer', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/authenticate',
      payload: { emailId: ADMIN_EMAIL, password: 'not-the-password' },
    })
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/authenticate',
      payload: { emailId: 'nobody@example.com', password: 'x' },
    })
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    expect(wrong.json().message).toBe('Invalid email or password')
    expect(unknown.json().message).toBe(wrong.json().message)
  })

  it('locks an account after repeated failures, even for the right password', async () => {
    const user = await t.createUserWithRole('Project Viewer', await t.createProject('lock'))
    secrets.push(user.password)
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/auth/authenticate',
        payload: { emailId: user.emailId, password: 'wrong-password!' },
      })
      expect(res.statusCode).toBe(401)
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/authenticate',
      payload: { emailId: user.emailId, password: user.password },
    })
    expect(locked.statusCode).toBe(429)
    expect(locked.json().code).toBe('TooManyRequests')
  })

  it('changing a password ends the user’s sessions', async () => {
    const project = await t.createProject('pw')
    const user = await t.createUserWithRole('Project Editor', project)
    const newPassword = 'a-brand-new-password'
    secrets.push(user.password, newPassword)
    const res = await t.as(t.adminToken).put(`/v1/users/${user.uid}`, {
      metadata: { name: 'Editor' },
      spec: { emailId: user.emailId, password: newPassword, roles: [{ role: 'Project Editor', projectUid: project }] },
    })
    expect(res.statusCode).toBe(204)
    expect((await t.as(user.token).get('/v1/users/me')).statusCode).toBe(401)
    expect(await t.login(user.emailId, newPassword)).toBeTruthy()
  })
})

describe('secrets', () => {
  it('no answer and no log line contains a password or an API key', async () => {
    const users = (await t.as(t.adminToken).get('/v1/users')).body
    expect(users).not.toMatch(/password/i)
    const all = t.logs.join('\n')
    expect(all.length).toBeGreaterThan(1000)
    for (const secret of secrets) expect(all).not.toContain(secret)
    expect(all).not.toContain(t.adminToken)
    expect(all).toContain('"url":"/v1/auth/authenticate"')
  })
})

describe('request log', () => {
  it('writes one line per request, when it completes, with its id, route, status and time', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/users/me', headers: { 'x-request-id': 'trace-me-1' } })
    expect(res.statusCode).toBe(401)
    const lines = t.logs.map((l) => JSON.parse(l)).filter((l) => l.reqId === 'trace-me-1')
    const completed = lines.filter((l) => l.msg === 'request completed')
    expect(completed).toHaveLength(1)
    expect(completed[0]).toMatchObject({ level: 30, method: 'GET', url: '/v1/users/me', statusCode: 401 })
    expect(completed[0].responseTime).toBeGreaterThanOrEqual(0)
    expect(lines.filter((l) => l.msg === 'incoming request')).toEqual([])
  })
})

describe('sandbox', () => {
  it('GET /v1/sandbox answers 404 when the console runs against real clouds', async () => {
    const res = await t.as(t.adminToken).get('/v1/sandbox')
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('NotFound')
  })
})
