import { defaultDataDir, openDatabase } from '@console/db'
import pino from 'pino'
import { startClouds } from './clouds.ts'
import { loadConfig } from './config.ts'
import { startEngineForDeps } from './jobs/start-engine.ts'
import { AuthCache } from './lib/auth-cache.ts'
import type { Deps } from './lib/deps.ts'
import { deriveKey, loadMasterKey } from './lib/secrets.ts'

/**
 * `pnpm worker`: provisioning workers in their own process, sharing the API's database and clouds.
 * DATABASE_URL is required (the embedded database lives inside the API process), the same
 * SECRET_KEY as the API (to decrypt cloud credentials), and in sandbox mode FAKE_CLOUDS_URL pointing
 * at the API's fake clouds (a worker with its own fakes would provision into a different cloud).
 */
async function main() {
  const config = loadConfig()
  const log = pino({ level: config.logLevel, name: 'worker' })
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required for a separate worker process.')
  if (config.cloudMode === 'sandbox' && !config.fakeCloudsUrl) {
    throw new Error(
      "FAKE_CLOUDS_URL is required in sandbox mode: point it at the API's fake clouds (GET /v1/sandbox shows the address).",
    )
  }
  const dataDir = config.dataDir ?? defaultDataDir()
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir,
    migrate: false,
    poolSize: config.databasePoolSize,
  })
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
  const engine = await startEngineForDeps(deps, { workers: true, log })
  log.info({ concurrency: config.engine.concurrency }, 'provisioning worker started')

  let stopping = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return
      stopping = true
      deps.state.shuttingDown = true
      log.info({ signal }, 'stopping: finishing running passes')
      const force = setTimeout(() => process.exit(1), 35_000)
      force.unref()
      engine
        .stop()
        .then(() => clouds.close())
        .then(() => db.close())
        .then(() => process.exit(0))
        .catch((error) => {
          log.error({ err: error }, 'worker did not stop cleanly')
          process.exit(1)
        })
    })
  }
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
