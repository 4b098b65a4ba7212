import { projectListSchema } from '@console/contracts'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { fakeFetch } from '../test/fake-fetch.ts'
import { list, metadata } from '../test/fixtures.ts'
import { ApiRequestError } from './api-error.ts'
import { createApiClient } from './client.ts'

const project = { metadata: metadata('p-1', 'payments'), spec: {}, status: { memberCount: 2 } }

describe('createApiClient', () => {
  it('sends the csrf_token cookie as X-CSRF-Token on unsafe methods only, with credentials', async () => {
    const fake = fakeFetch({
      'GET /v1/projects': { status: 200, body: list([project]) },
      'POST /v1/projects': { status: 201, body: { uid: 'p-2' } },
      'DELETE /v1/projects/p-1': { status: 204 },
    })
    const client = createApiClient({ fetch: fake.fetch, getCookies: () => 'theme=dark; csrf_token=abc%3D123; other=1' })

    await client.request('GET', '/v1/projects', projectListSchema)
    await client.request('POST', '/v1/projects', z.object({ uid: z.string() }), { body: { metadata: { name: 'x' } } })
    await client.send('DELETE', '/v1/projects/p-1')

    const [get, post, del] = fake.requests
    expect(get?.headers.get('X-CSRF-Token')).toBeNull()
    expect(post?.headers.get('X-CSRF-Token')).toBe('abc=123')
    expect(post?.headers.get('Content-Type')).toBe('application/json')
    expect(post?.body).toEqual({ metadata: { name: 'x' } })
    expect(del?.headers.get('X-CSRF-Token')).toBe('abc=123')
    expect(fake.requests.every((r) => r.credentials === 'include')).toBe(true)
  })

  it('sends ProjectUid when a project is selected and omits it in tenant scope', async () => {
    const fake = fakeFetch({ 'GET /v1/apiKeys': { status: 200, body: list([]) } })
    let projectUid: string | undefined = 'proj-42'
    const client = createApiClient({ fetch: fake.fetch, getProjectUid: () => projectUid, getCookies: () => '' })

    await client.send('GET', '/v1/apiKeys')
    projectUid = undefined
    await client.send('GET', '/v1/apiKeys')

    expect(fake.requests[0]?.headers.get('ProjectUid')).toBe('proj-42')
    expect(fake.requests[1]?.headers.has('ProjectUid')).toBe(false)
  })

  it('parses answers with the contract schema and builds the query string without empty values', async () => {
    const fake = fakeFetch({ 'GET /v1/projects': { status: 200, body: list([project], 'next-page') } })
    const client = createApiClient({ fetch: fake.fetch, getCookies: () => '' })

    const answer = await client.request('GET', '/v1/projects', projectListSchema, {
      query: { limit: 50, continue: 'cursor-1', actionType: undefined, resourceKind: '' },
    })

    expect(answer.items[0]?.metadata.name).toBe('payments')
    expect(answer.listmeta.continue).toBe('next-page')
    expect(Object.fromEntries(fake.requests[0]!.query)).toEqual({ limit: '50', continue: 'cursor-1' })
  })

  it('rejects an answer that breaks the contract', async () => {
    const fake = fakeFetch({ 'GET /v1/projects': { status: 200, body: { items: [{ nope: true }] } } })
    const client = createApiClient({ fetch: fake.fetch, getCookies: () => '' })
    await expect(client.request('GET', '/v1/projects', projectListSchema)).rejects.toThrow()
  })

  it('turns an error answer into ApiRequestError carrying code, message, ref and field errors', async () => {
    const fake = fakeFetch({
      'POST /v1/users': {
        status: 400,
        body: {
          code: 'ValidationError',
          message: 'The request is invalid',
          details: [
            { path: 'spec.emailId', message: 'A user with this email already exists' },
            { path: ['spec', 'roles', 0, 'projectUid'], message: 'Unknown project' },
          ],
          ref: 'req-7',
        },
      },
    })
    const client = createApiClient({ fetch: fake.fetch, getCookies: () => 'csrf_token=t' })

    const error = await client.send('POST', '/v1/users', { body: {} }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiRequestError)
    const e = error as ApiRequestError
    expect(e.status).toBe(400)
    expect(e.code).toBe('ValidationError')
    expect(e.message).toBe('The request is invalid')
    expect(e.ref).toBe('req-7')
    expect(e.fieldErrors).toEqual([
      { path: 'spec.emailId', message: 'A user with this email already exists' },
      { path: 'spec.roles.0.projectUid', message: 'Unknown project' },
    ])
  })

  it('still gives a typed error when the body is not the API error shape (a proxy 502)', async () => {
    const fake = fakeFetch({ 'GET /v1/users/me': { status: 502, body: '<html>Bad gateway</html>' } })
    const client = createApiClient({ fetch: fake.fetch, getCookies: () => '' })

    const error = (await client.send('GET', '/v1/users/me').catch((e: unknown) => e)) as ApiRequestError

    expect(error).toBeInstanceOf(ApiRequestError)
    expect(error.status).toBe(502)
    expect(error.code).toBe('ServerError')
    expect(error.fieldErrors).toEqual([])
  })
})

describe('unscoped calls', () => {
  it('leaves ProjectUid off calls made with scoped: false', async () => {
    const fake = fakeFetch({ 'GET /v1/users/me': { status: 200, body: {} } })
    const client = createApiClient({ fetch: fake.fetch, getProjectUid: () => 'gone-project', getCookies: () => '' })
    await client.send('GET', '/v1/users/me', { scoped: false })
    expect(fake.requests[0]?.headers.has('ProjectUid')).toBe(false)
  })
})
