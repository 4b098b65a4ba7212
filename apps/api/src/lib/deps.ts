import type { PrismaClient } from '@console/db'
import type { SandboxInfo } from '@console/fake-clouds'
import type { Providers } from '@console/providers'
import type pg from 'pg'
import type { Config } from '../config.ts'
import type { ClusterEngine } from '../jobs/engine.ts'
import type { AuthCache } from './auth-cache.ts'

/** What domain code needs from the process: the database, derived keys, the cloud providers and configuration. */
export interface Deps {
  prisma: PrismaClient
  /**
   * The pool Prisma runs on, for the hot path written as plain SQL (the cluster list); named prepared
   * statements only when `preparedStatements` (not on the embedded database, whose connections share one session).
   */
  sql: { pool: pg.Pool; preparedStatements: boolean }
  /** The database's postgres:// URL (both modes), for clients besides Prisma: the job queue. */
  databaseUrl: string
  config: Config
  keys: { jwt: Uint8Array; encryption: Buffer }
  /** The cloud adapters, pointed at the real clouds or at the sandbox's fake clouds. */
  providers: Providers
  /** Present only in sandbox mode: the fake clouds' endpoints and seeded credentials (GET /v1/sandbox). */
  sandbox?: SandboxInfo
  /** Seconds-long memory of sessions, API keys and projects for the authorization layer. */
  authCache: AuthCache
  /** Set while shutting down, so /readyz answers 503 and load balancers drain this instance. */
  state: { shuttingDown: boolean }
  /** The provisioning engine's handle: enqueues and cancels cluster passes (set once the engine started). */
  engine?: ClusterEngine
}
