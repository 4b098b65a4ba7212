import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import type { RoleName } from '@console/contracts'
import { createDatabaseClients, openDatabase, type PrismaClient } from '@console/db'
import pg from 'pg'
import { inject } from 'vitest'
import { buildApp, redactPaths } from '../app.ts'
import { ensureFirstAdmin } from '../bootstrap.ts'
import { startClouds } from '../clouds.ts'
import { loadConfig } from '../config.ts'
import { startEngineForDeps } from '../jobs/start-engine.ts'
import { AuthCache } from '../lib/auth-cache.ts'
import type { Deps } from '../lib/deps.ts'
import { deriveKey } from '../lib/secrets.ts'

export const ADMIN_EMAIL = 'admin@example.com'
export const ADMIN_PASSWORD = 'admin-password-for-tests'

async function freshDatabase(): Promise<{
  prisma: PrismaClient
  sql: Deps['sql']
  url: string
  close: () => Promise<void>
}> {
  const base = process.env.DATABASE_URL
  const template = inject('templateDatabase')
  if (base && template) {
    const name = `console_t${randomBytes(4).toString('hex')}_${template.split('_').at(-1)}`
    const admin = new pg.Client({ connectionString: base })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`)
    await admin.end()
    const url = new URL(base)
    url.pathname = `/${name}`
    const { prisma, pool } = createDatabaseClients({ url: url.toString(), poolSize: 5 })
    return {
      prisma,
      sql: { pool, preparedStatements: true },
      url: url.toString(),
      close: async () => {
        await prisma.$disconnect()
        const c = new pg.Client({ connectionString: base })
        await c.connect()
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        await c.end()
      },
    }
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'console-test-'))
  const db = await openDatabase({ dataDir })
  return {
    prisma: db.prisma,
    sql: { pool: db.pool, preparedStatements: db.preparedStatements },
    url: db.url,
    close: async () => {
      await db.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>

/** `engine` option of {@link createTestApp}: start the provisioning engine, with or without workers. */
export type TestEngineOptions = Omit<Parameters<typeof startEngineForDeps>[1], 'log' | 'workers'> & {
  workers?: boolean
}

/**
 * A full API on a fresh database, with every log line captured for assertions.
 * `clouds: true` also starts the fake clouds in-process (sandbox mode) and points the providers at them.
 * `engine: true` (or options) also starts the provisioning engine on that database (workers on by default).
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { clouds?: boolean; engine?: boolean | TestEngineOptions } = {},
) {
  const { prisma, sql, url: databaseUrl, close } = await freshDatabase()
  const logs: string[] = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk))
      done()
    },
  })
  const config = loadConfig({
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    LOG_LEVEL: 'debug',
    CLOUD_MODE: options.clouds ? 'sandbox' : 'real',
    FAKE_CLOUDS_TIME_SCALE: '100',
    PROVIDER_TIMEOUT_MS: '5000',
    ...env,
  })
  const clouds = await startClouds(config)
  const deps: Deps = {
    prisma,
    sql,
    databaseUrl,
    config,
    keys: { jwt: deriveKey(randomBytes(32), 'jwt'), encryption: deriveKey(randomBytes(32), 'encryption') },
    providers: clouds.providers,
    sandbox: clouds.sandbox,
    authCache: new AuthCache(config.authCacheSeconds * 1000),
    state: { shuttingDown: false },
  }
  await ensureFirstAdmin(prisma, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
  const app = await buildApp(deps, {
    logger: { level: 'debug', stream, redact: { paths: redactPaths, censor: '[REDACTED]' } },
  })
  await app.ready()
  if (options.engine) {
    const engineOptions = options.engine === true ? {} : options.engine
    await startEngineForDeps(deps, { ...engineOptions, workers: engineOptions.workers ?? true, log: app.log })
  }

  async function login(emailId: string, password: string): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/v1/auth/authenticate', payload: { emailId, password } })
    if (res.statusCode !== 200) throw new Error(`login ${emailId} failed: ${res.statusCode} ${res.body}`)
    return res.json().Authorization
  }
  const adminToken = await login(ADMIN_EMAIL, ADMIN_PASSWORD)

  /** Call the API as someone: `headers` adds e.g. ProjectUid. */
  function as(token: string, headers: Record<string, string> = {}) {
    const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
      app.inject({ method, url, payload: payload as object | undefined, headers: { authorization: token, ...headers } })
    return {
      get: (url: string) => call('GET', url),
      post: (url: string, body?: unknown) => call('POST', url, body ?? {}),
      put: (url: string, body?: unknown) => call('PUT', url, body ?? {}),
      delete: (url: string) => call('DELETE', url),
    }
  }

  async function createProject(name: string): Promise<string> {
    const res = await as(adminToken).post('/v1/projects', { metadata: { name } })
    if (res.statusCode !== 201) throw new Error(res.body)
    return res.json().uid
  }

  /** Create a user with one role and log them in. */
  async function createUserWithRole(role: RoleName, projectUid?: string) {
    const emailId = `${role.replace(/\s/g, '-').toLowerCase()}-${randomBytes(3).toString('hex')}@example.com`
    const password = `pw-${randomBytes(9).toString('hex')}`
    const res = await as(adminToken).post('/v1/users', {
      metadata: { name: role },
      spec: { emailId, password, roles: [{ role, projectUid }] },
    })
    if (res.statusCode !== 201) throw new Error(res.body)
    return { uid: res.json().uid as string, emailId, password, token: await login(emailId, password) }
  }

  return {
    app,
    prisma,
    logs,
    deps,
    adminToken,
    login,
    as,
    createProject,
    createUserWithRole,
    async close() {
      await app.close()
      await deps.engine?.stop()
      await clouds.close()
      await close()
    },
  }
}
