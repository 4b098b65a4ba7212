import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from '../generated/prisma/client.ts'
import { installExchangeQueue } from './embedded-queue.ts'
import { applyMigrations } from './migrate.ts'

/** `<repo>/.data`: where the embedded database and generated secrets live by default. */
export function defaultDataDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../.data')
}

export interface Database {
  /** `postgres` when DATABASE_URL was given, `embedded` for the PGlite default. */
  mode: 'postgres' | 'embedded'
  /** A postgres:// URL every `pg` client (Prisma, the job queue) can use, in both modes. */
  url: string
  dataDir?: string
  prisma: PrismaClient
  /** The connection pool Prisma runs on, for the few hot-path queries written as plain SQL (see {@link DatabaseClients}). */
  pool: pg.Pool
  /** Named prepared statements are safe on these connections (not on the embedded database, one shared session). */
  preparedStatements: boolean
  appliedMigrations: string[]
  close(): Promise<void>
}

/**
 * Prisma and the `pg` pool under it: one set of connections. Prisma is the data layer; `pool` is for a
 * hot path where Prisma's per-query cost matters (the cluster list answers thousands of requests a
 * second, and a raw query through Prisma costs about twice the CPU of the same query on `pg`).
 * `prisma.$disconnect()` also ends the pool.
 */
export interface DatabaseClients {
  prisma: PrismaClient
  pool: pg.Pool
}

export function createDatabaseClients(options: { url: string; poolSize?: number }): DatabaseClients {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? DEFAULT_POOL_SIZE })
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) })
  return { prisma, pool }
}

/**
 * Connections per process. The list benchmark (32 concurrent clients, 2 cores) is served as well by 10
 * as by more: queries take well under a millisecond, so more backends only add context switches.
 */
export const DEFAULT_POOL_SIZE = 10

export function createPrismaClient(options: { url: string; poolSize?: number }): PrismaClient {
  return createDatabaseClients(options).prisma
}

/**
 * Open the console's database. With a `databaseUrl` it is that Postgres; without one an embedded PGlite is
 * started, persisted under `dataDir/pglite` and served over the Postgres wire protocol on a loopback port,
 * so the rest of the console uses the same `pg` driver in both modes. Pending migrations are applied first.
 */
export async function openDatabase(options: {
  databaseUrl?: string
  dataDir?: string
  migrate?: boolean
  poolSize?: number
}): Promise<Database> {
  let url = options.databaseUrl
  let stopEmbedded: (() => Promise<void>) | undefined
  const dataDir = options.dataDir ?? defaultDataDir()
  if (!url) {
    const dir = path.join(dataDir, 'pglite')
    await mkdir(dir, { recursive: true })
    const pglite = await PGlite.create(dir)
    // PGlite is one backend session; the socket server's queue (ours, see ExchangeQueue) keeps each
    // exchange and each transaction on its own connection, so a pool of clients is safe.
    const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 64 })
    installExchangeQueue(server, pglite)
    await server.start()
    url = `postgresql://postgres:postgres@${server.getServerConn()}/postgres`
    stopEmbedded = async () => {
      await server.stop()
      await pglite.close()
    }
  }
  const appliedMigrations = options.migrate === false ? [] : await applyMigrations({ connectionString: url })
  const { prisma, pool } = createDatabaseClients({ url, poolSize: options.poolSize })
  return {
    mode: stopEmbedded ? 'embedded' : 'postgres',
    url,
    dataDir: stopEmbedded ? dataDir : undefined,
    prisma,
    pool,
    preparedStatements: !stopEmbedded,
    appliedMigrations,
    async close() {
      await prisma.$disconnect()
      await stopEmbedded?.()
    },
  }
}
