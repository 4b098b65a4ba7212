import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../test/harness.ts'

let t: TestApp
let dist: string
beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'web-dist-'))
  await mkdir(path.join(dist, 'assets'))
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>Cluster Console</title>')
  await writeFile(path.join(dist, 'assets', 'app-1.js'), 'console.log(1)')
  t = await createTestApp({ WEB_DIST_DIR: dist })
})
afterAll(async () => {
  await t.close()
  await rm(dist, { recursive: true, force: true })
})

it('serves the SPA for client routes, its assets (including files built after start), and JSON 404s for the API', async () => {
  const page = await t.app.inject({ method: 'GET', url: '/clusters/abc', headers: { accept: 'text/html' } })
  expect(page.statusCode).toBe(200)
  expect(page.body).toContain('<title>Cluster Console</title>')
  expect((await t.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } })).body).toContain(
    'Cluster Console',
  )

  await writeFile(path.join(dist, 'assets', 'app-2.js'), 'console.log(2)')
  const asset = await t.app.inject({ method: 'GET', url: '/assets/app-2.js' })
  expect(asset.statusCode).toBe(200)
  expect(asset.headers['content-type']).toContain('javascript')

  const missing = await t.app.inject({ method: 'GET', url: '/assets/gone.js' })
  expect(missing.statusCode).toBe(404)
  const api = await t.app.inject({ method: 'GET', url: '/v1/unknown', headers: { accept: 'text/html' } })
  expect(api.statusCode).toBe(404)
  expect(api.json().code).toBe('NotFound')
})
