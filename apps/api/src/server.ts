import { defaultDataDir, openDatabase } from '@console/db'
import { buildApp } from './app.ts'
import { ensureFirstAdmin } from './bootstrap.ts'
import { startClouds } from './clouds.ts'
import type { Config } from './config.ts'
import { startEngineForDeps } from './jobs/start-engine.ts'
import { AuthCache } from './lib/auth-cache.ts'
import type { Deps } from './lib/deps.ts'
import { deriveKey, loadMasterKey } from './lib/secrets.ts'

export interface RunningServer {
  url: string
  deps: Deps
  close(): Promise<void>
}

/** Open the database (migrating it), make sure an admin exists, and serve the API and the SPA. */
export async function startServer(config: Config, io: { print: (line: string) => void } = { print: console.log }) {
  const dataDir = config.dataDir ?? defaultDataDir()
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir, poolSize: config.databasePoolSize })
  const master = await loadMasterKey({ secretKey: config.secretKey, dataDir })
  const clouds = await startClouds(config)
  const deps: Deps = {
    prisma: db.prisma,
    sql: { pool: db.pool, preparedStatements: db.preparedStatements },
    databaseUrl: db.url,
    config,
    keys: { jwt: deriveKey(master, 'jwt'), encryption: deriveKey(master, 'encryption') },
    providers: clouds.providers,
    sandbox: clouds.sandbox,
    authCache: new AuthCache(config.authCacheSeconds * 1000),
    state: { shuttingDown: false },
  }
  const admin = await ensureFirstAdmin(db.prisma, { email: config.adminEmail, password: config.adminPassword })
  const app = await buildApp(deps)
  // The provisioning engine: always able to enqueue; runs the workers here unless ENGINE_IN_PROCESS=false.
  const engine = await startEngineForDeps(deps, { workers: config.engine.inProcess, log: app.log })
  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`
  app.log.info({ url, database: db.mode, migrations: db.appliedMigrations }, 'console started')
  io.print(
    `\n  Cluster Console is running at ${url}  (database: ${db.mode === 'embedded' ? `embedded, ${db.dataDir}` : 'DATABASE_URL'})`,
  )
  if (clouds.sandbox)
    io.print(`  Sandbox clouds (fake Tencent, AWS, vCenter): ${clouds.sandbox.adminUrl.replace(/\/_admin$/, '')}`)
  if (admin.created) {
    io.print(`  First Tenant Admin: ${config.adminEmail}`)
    if (admin.generatedPassword)
      io.print(`  Generated password (shown once, change it after logging in): ${admin.generatedPassword}`)
  }
  io.print('')
  return {
    url,
    deps,
    async close() {
      deps.state.shuttingDown = true
      await app.close()
      await engine.stop()
      await clouds.close()
      await db.close()
    },
  } satisfies RunningServer
}
