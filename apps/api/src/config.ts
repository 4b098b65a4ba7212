import { z } from 'zod'

const booleanish = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional()

/** Every environment variable the console reads; the README's configuration table documents them. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().startsWith('postgres', 'DATABASE_URL must be a postgres:// or postgresql:// URL').optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().optional(),
  SECRET_KEY: z.string().min(32, 'SECRET_KEY must be at least 32 characters').optional(),
  ADMIN_EMAIL: z.email().default('admin@example.com'),
  ADMIN_PASSWORD: z.string().min(12, 'ADMIN_PASSWORD must be at least 12 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 3600),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  COOKIE_SECURE: booleanish,
  WEB_DIST_DIR: z.string().optional(),
  CLOUD_MODE: z.enum(['sandbox', 'real']).default('sandbox'),
  FAKE_CLOUDS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  FAKE_CLOUDS_TIME_SCALE: z.coerce.number().positive().default(10),
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  AUTH_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(5),
  FAKE_CLOUDS_URL: z.url().optional(),
  ENGINE_IN_PROCESS: booleanish,
  ENGINE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  ENGINE_TIME_SCALE: z.coerce.number().positive().default(1),
  ENGINE_POLL_SECONDS: z.coerce.number().min(0.5).default(2),
  ENGINE_RETRY_BASE_MS: z.coerce.number().int().positive().default(2_000),
  ENGINE_RETRY_MAX_MS: z.coerce.number().int().positive().default(300_000),
  ENGINE_MAX_RETRIES: z.coerce.number().int().min(0).default(20),
  ENGINE_PASS_TIMEOUT_SECONDS: z.coerce.number().int().min(5).default(600),
  ENGINE_SWEEP_SECONDS: z.coerce.number().min(1).default(60),
  FORCE_DELETE_GRACE_SECONDS: z.coerce.number().int().min(0).default(900),
  CLUSTER_EVENTS_POLL_MS: z.coerce.number().int().min(50).default(1_000),
  GATEWAY_PAIRING_CODE_TTL_SECONDS: z.coerce.number().int().min(1).default(900),
  GATEWAY_UNHEALTHY_SECONDS: z.coerce.number().min(1).default(90),
  GATEWAY_HEALTH_SWEEP_SECONDS: z.coerce.number().min(1).default(15),
  GATEWAY_TASK_LEASE_SECONDS: z.coerce.number().int().min(1).default(60),
  GATEWAY_TASK_WAIT_SECONDS: z.coerce.number().min(1).default(20),
  GATEWAY_LATEST_AGENT_VERSION: z.string().min(1).optional(),
  GATEWAY_AGENT_IMAGE: z.string().min(1).default('console-pcg-agent'),
})

export type Config = {
  port: number
  host: string
  databaseUrl?: string
  /** Connections of this process's pool (Prisma and the cluster list's plain SQL share it; the job queue has its own). */
  databasePoolSize: number
  dataDir?: string
  secretKey?: string
  adminEmail: string
  adminPassword?: string
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL']
  sessionTtlSeconds: number
  loginRateLimitPerMinute: number
  /** Failed logins for one account within 15 minutes before further attempts answer 429. */
  loginMaxFailures: number
  /** Secure cookies: forced on/off, or (undefined) on when the request came over TLS. */
  cookieSecure?: boolean
  webDistDir?: string
  /** `sandbox` (default): the fake clouds start alongside and every adapter talks to them. `real`: the clouds' own endpoints. */
  cloudMode: 'sandbox' | 'real'
  fakeClouds: { port: number; timeScale: number }
  providerTimeoutMs: number
  /** How long a resolved session, API key or project is remembered (changes on this instance clear it at once). */
  authCacheSeconds: number
  /** Sandbox mode in a separate process (`pnpm worker`): the API's fake clouds, instead of starting new ones. */
  fakeCloudsUrl?: string
  /** The provisioning engine (src/jobs): see {@link EngineConfig}. */
  engine: EngineConfig
  /** How long a cluster must have been Deleting before Force Delete is allowed (Palette: 15 minutes). */
  forceDeleteGraceSeconds: number
  /** How often a live event stream looks for new cluster events in the database. */
  clusterEventsPollMs: number
  /** Private Cloud Gateways (decision 011). */
  gateways: GatewayConfig
}

export interface GatewayConfig {
  /** How long a pairing code (PIN) is accepted after it is issued (Palette: 15 minutes). */
  pairingCodeTtlSeconds: number
  /** A Running gateway whose last heartbeat is older than this becomes Unhealthy. */
  unhealthySeconds: number
  /** How often the API process looks for gateways that stopped heartbeating. */
  healthSweepSeconds: number
  /** How long a task handed to an agent is its own before it is handed out again. */
  taskLeaseSeconds: number
  /** How long a user-facing call waits for the agent's answer (vCenter validation, placement drop-downs). */
  taskWaitSeconds: number
  /** The newest agent version; an older agent's gateway offers an upgrade. */
  latestAgentVersion?: string
  /** The agent's container image, as the installer instructions name it. */
  agentImage: string
}

export interface EngineConfig {
  /** Run the job workers inside the API process (default); false when `pnpm worker` processes do the work. */
  inProcess: boolean
  /** Reconcile passes one process runs at once. */
  concurrency: number
  /** Divides every wait the engine schedules (the driver's retryAfterMs, backoff): tests run faster clouds. */
  timeScale: number
  /** How often idle workers look for due jobs. */
  pollSeconds: number
  /** Backoff of retryable cloud errors: full jitter over min(max, base · 2^attempt). */
  retryBaseMs: number
  retryMaxMs: number
  /** Consecutive failed passes (retryable errors) before provisioning gives up with state Error. */
  maxRetries: number
  /** A pass running longer than this is considered lost; pg-boss hands its job out again. */
  passTimeoutSeconds: number
  /** How often the engine re-enqueues clusters in Pending/Provisioning/Deleting that have no job (crash recovery). */
  sweepSeconds: number
}

/** Read and check the environment; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: e.DATA_DIR,
    secretKey: e.SECRET_KEY,
    adminEmail: e.ADMIN_EMAIL.toLowerCase(),
    adminPassword: e.ADMIN_PASSWORD,
    logLevel: e.LOG_LEVEL,
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    cookieSecure: e.COOKIE_SECURE,
    webDistDir: e.WEB_DIST_DIR,
    cloudMode: e.CLOUD_MODE,
    fakeClouds: { port: e.FAKE_CLOUDS_PORT, timeScale: e.FAKE_CLOUDS_TIME_SCALE },
    providerTimeoutMs: e.PROVIDER_TIMEOUT_MS,
    authCacheSeconds: e.AUTH_CACHE_SECONDS,
    fakeCloudsUrl: e.FAKE_CLOUDS_URL,
    engine: {
      inProcess: e.ENGINE_IN_PROCESS ?? true,
      concurrency: e.ENGINE_CONCURRENCY,
      timeScale: e.ENGINE_TIME_SCALE,
      pollSeconds: e.ENGINE_POLL_SECONDS,
      retryBaseMs: e.ENGINE_RETRY_BASE_MS,
      retryMaxMs: e.ENGINE_RETRY_MAX_MS,
      maxRetries: e.ENGINE_MAX_RETRIES,
      passTimeoutSeconds: e.ENGINE_PASS_TIMEOUT_SECONDS,
      sweepSeconds: e.ENGINE_SWEEP_SECONDS,
    },
    forceDeleteGraceSeconds: e.FORCE_DELETE_GRACE_SECONDS,
    clusterEventsPollMs: e.CLUSTER_EVENTS_POLL_MS,
    gateways: {
      pairingCodeTtlSeconds: e.GATEWAY_PAIRING_CODE_TTL_SECONDS,
      unhealthySeconds: e.GATEWAY_UNHEALTHY_SECONDS,
      healthSweepSeconds: e.GATEWAY_HEALTH_SWEEP_SECONDS,
      taskLeaseSeconds: e.GATEWAY_TASK_LEASE_SECONDS,
      taskWaitSeconds: e.GATEWAY_TASK_WAIT_SECONDS,
      latestAgentVersion: e.GATEWAY_LATEST_AGENT_VERSION,
      agentImage: e.GATEWAY_AGENT_IMAGE,
    },
  }
}
