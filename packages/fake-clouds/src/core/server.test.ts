import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeClouds, startFakeClouds, toSandboxInfo } from '../index.ts'
import { jsonResponse } from './http-util.ts'
import type { CloudModule } from './types.ts'

/** A tiny cloud: GET /things?action=X lists 'thing' resources, POST creates one that becomes Ready. */
const thingModule: CloudModule = {
  cloud: 'tencent',
  matches: (req) => req.path.startsWith('/things'),
  async handle(req, ctx) {
    const action = req.method === 'POST' ? 'CreateThing' : 'ListThings'
    const fault = await ctx.faults.intercept('tencent', action)
    if (fault) return jsonResponse(503, { code: fault.errorCode })
    if (req.method === 'POST') {
      const body = JSON.parse(req.body.toString()) as { id: string; tags?: Record<string, string> }
      const r = ctx.store.put({
        cloud: 'tencent',
        account: 'acc',
        region: 'r1',
        type: 'x.thing',
        id: body.id,
        state: 'New',
        tags: body.tags ?? {},
        attrs: {},
      })
      ctx.store.transition(r, 'Creating', [{ afterMs: ctx.durations['x.thing.create'] ?? 60_000, next: 'Ready' }])
      return jsonResponse(200, { id: body.id })
    }
    return jsonResponse(
      200,
      ctx.store.list({ type: 'x.thing' }).map((r) => ({ id: r.id, state: r.state })),
    )
  },
  seed(ctx, fixture) {
    for (const id of (fixture as { things: string[] }).things) {
      ctx.store.put({
        cloud: 'tencent',
        account: 'acc',
        region: 'r1',
        type: 'x.thing',
        id,
        state: 'Ready',
        tags: {},
        attrs: {},
      })
    }
  },
  accounts: (fixture) => [
    { cloud: 'tencent', id: (fixture as { id: string }).id, secret: 'shh', note: 'full permissions' },
  ],
}

describe('fake-clouds server and admin API', () => {
  let fake: FakeClouds
  let dir: string
  const admin = (path: string, init?: RequestInit): Promise<{ status: number; body: any }> =>
    fetch(`${fake.adminUrl}${path}`, init).then(async (r) => ({ status: r.status, body: await r.json() }))
  const post = (path: string, body: unknown) =>
    admin(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fake-clouds-'))
    await writeFile(join(dir, 'tencent.yaml'), 'id: AKIDtest\nthings: [seed-1]\ndurations:\n  x.thing.create: 1000\n')
    fake = await startFakeClouds({ port: 0, timeScale: 10, fixtureDir: dir, modules: [thingModule] })
  })
  afterAll(() => fake.close())

  it('advertises endpoints and the sandbox shape', () => {
    expect(fake.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const port = fake.baseUrl.split(':')[2]
    expect(fake.endpoints).toEqual({
      tencent: { endpoint: `127.0.0.1:${port}`, protocol: 'http://' },
      aws: { endpoint: fake.baseUrl },
      vsphere: { endpoint: fake.baseUrl },
    })
    expect(toSandboxInfo(fake).tencent.accounts).toEqual([
      { secretId: 'AKIDtest', secretKey: 'shh', note: 'full permissions' },
    ])
  })

  it('answers 404 JSON for requests no cloud claims and for unknown admin routes', async () => {
    const res = await fetch(`${fake.baseUrl}/nothing`)
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: string }).error).toBe('NotFound')
    expect((await admin('/nope')).status).toBe(404)
    expect((await admin('/reset')).status).toBe(405)
  })

  it('lists resources with filters, hides seeded ones on request, and resets to the seed', async () => {
    await fetch(`${fake.baseUrl}/things`, {
      method: 'POST',
      body: JSON.stringify({ id: 't-1', tags: { owner: 'me' } }),
    })
    const all = await admin('/resources?cloud=tencent&type=x.thing')
    expect(all.body).toEqual([
      {
        cloud: 'tencent',
        account: 'acc',
        region: 'r1',
        type: 'x.thing',
        id: 'seed-1',
        name: 'seed-1',
        state: 'Ready',
        tags: {},
      },
      {
        cloud: 'tencent',
        account: 'acc',
        region: 'r1',
        type: 'x.thing',
        id: 't-1',
        name: 't-1',
        state: 'Creating',
        tags: { owner: 'me' },
      },
    ])
    expect((await admin('/resources?includeSeeded=false')).body.map((r: { id: string }) => r.id)).toEqual(['t-1'])
    expect((await admin('/resources?region=elsewhere')).body).toEqual([])
    // fixture duration 1000 ms at time-scale 10 → Ready after 100 ms
    await new Promise((r) => setTimeout(r, 150))
    expect((await admin('/resources?includeSeeded=false')).body[0].state).toBe('Ready')
    await post('/faults', { cloud: 'tencent', action: 'ListThings', latencyMs: 5 })
    await post('/time-scale', { factor: 3 })
    expect((await post('/reset', {})).status).toBe(200)
    expect((await admin('/resources')).body.map((r: { id: string }) => r.id)).toEqual(['seed-1'])
    expect((await admin('/faults')).body).toEqual([])
    expect((await admin('/time-scale')).body).toEqual({ factor: 10 })
  })

  it('manages faults that the module applies', async () => {
    const added = await post('/faults', { cloud: 'tencent', action: 'ListThings', errorCode: 'RequestLimitExceeded' })
    expect(added.status).toBe(201)
    expect(added.body).toEqual([{ cloud: 'tencent', action: 'ListThings', errorCode: 'RequestLimitExceeded' }])
    const res = await fetch(`${fake.baseUrl}/things`)
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({ code: 'RequestLimitExceeded' })
    expect((await post('/faults', { cloud: 'tencent' })).status).toBe(400)
    expect((await admin('/faults', { method: 'DELETE' })).body).toEqual([])
    expect((await fetch(`${fake.baseUrl}/things`)).status).toBe(200)
  })

  it('sets the time-scale and rejects bad factors', async () => {
    expect((await post('/time-scale', { factor: 100 })).body).toEqual({ factor: 100 })
    expect(fake.clock.factor()).toBe(100)
    expect((await post('/time-scale', { factor: 0 })).status).toBe(400)
    expect((await post('/time-scale', 'x')).status).toBe(400)
    await post('/reset', {})
  })

  it('serves the accounts and a summary', async () => {
    expect((await admin('/accounts')).body).toEqual(fake.accounts)
    const summary = (await admin('')).body
    expect(summary.adminUrl).toBe(fake.adminUrl)
    expect(summary.endpoints).toEqual(fake.endpoints)
  })

  it('drops a request held by a Timeout fault when the client gives up', async () => {
    await post('/faults', { cloud: 'tencent', action: 'ListThings', errorCode: 'Timeout' })
    const started = Date.now()
    await expect(fetch(`${fake.baseUrl}/things`, { signal: AbortSignal.timeout(300) })).rejects.toThrow()
    expect(Date.now() - started).toBeLessThan(2_000)
    await admin('/faults', { method: 'DELETE' })
  })
})
