import type { PrismaClient } from '@console/db'
import PgBoss from 'pg-boss'
import type { EngineConfig } from '../config.ts'
import { ClusterLocks } from './cluster-lock.ts'
import { type PassSample, PassTrace } from './pass-trace.ts'
import { type CredentialsLookup, type DriverLookup, runReconcilePass } from './reconcile-pass.ts'

/** The one queue of the engine: a job is "run a reconcile pass of this cluster". */
export const RECONCILE_QUEUE = 'cluster-reconcile'
const SCHEMA = 'pgboss'

export interface ReconcileJobData {
  clusterUid: string
  /** Consecutive failed passes so far (drives the backoff); 0 after any pass that made progress. */
  attempt: number
}

/** The engine's handle in Deps: what the API needs from it. */
export interface ClusterEngine {
  /** Ask for a pass of the cluster now (a pending later pass is brought forward). */
  enqueue(clusterUid: string): Promise<void>
  /** Cancel the cluster's pending passes (force delete). Answers how many were cancelled. */
  cancelPending(clusterUid: string): Promise<number>
  /** Enqueue a pass for every cluster that should be making progress but has no pending job. */
  sweep(): Promise<number>
  /**
   * Calls `listener` after every pass this process's workers run, with where its time went (metrics,
   * the engine benchmark). Answers a function that stops it. Passes are timed only while observed.
   */
  observe(listener: (sample: PassSample) => void): () => void
  /**
   * Stop. `abandon: true` behaves like a crash (tests): running passes are not awaited and may not
   * write anything more; their locks' connections are dropped.
   */
  stop(options?: { abandon?: boolean }): Promise<void>
}

export interface EngineOptions {
  databaseUrl: string
  prisma: PrismaClient
  config: EngineConfig
  drivers: DriverLookup
  credentials: CredentialsLookup
  /** Run job workers here (false: this process only enqueues, e.g. an API with ENGINE_IN_PROCESS=false). */
  workers: boolean
  log: {
    info(obj: object, msg: string): void
    warn(obj: object, msg: string): void
    error(obj: object, msg: string): void
  }
  random?: () => number
}

/**
 * Starts the provisioning engine: pg-boss on the console's own database, one `short`-policy queue
 * (at most one *pending* job per cluster, keyed by the cluster uid: repeated enqueues collapse into
 * one), and `concurrency` workers. At most one *running* pass per cluster is ensured by a Postgres
 * advisory lock (ClusterLocks), not by pg-boss's singleton policies: with those, a job of a worker
 * that died stays `active` until it expires and blocks fetching for every other cluster meanwhile.
 * Jobs live in Postgres, so they survive restarts; a periodic sweep re-enqueues clusters whose job
 * was lost (a crash between a state change and its enqueue).
 *
 * Idle workers look for due jobs every `pollSeconds`; a worker that just ran a pass looks again at
 * once, and `enqueue` wakes this process's workers, so a queue of due passes drains at the speed of
 * the passes (pg-boss alone waits the polling interval after every job, whether or not more are due).
 */
export async function startClusterEngine(options: EngineOptions): Promise<ClusterEngine> {
  const { config, prisma, log } = options
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: SCHEMA,
    max: options.workers ? Math.min(10, config.concurrency + 2) : 2,
    application_name: 'console-engine',
    supervise: options.workers,
    schedule: false,
    maintenanceIntervalSeconds: Math.max(1, Math.min(120, config.passTimeoutSeconds)),
  })
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'))
  await boss.start()
  await boss.createQueue(RECONCILE_QUEUE, {
    name: RECONCILE_QUEUE,
    policy: 'short',
    // A job whose worker died is handed out again after the pass timeout, a few times.
    retryLimit: 10,
    retryDelay: 1,
    expireInSeconds: config.passTimeoutSeconds,
  })
  const db = boss.getDb()
  const locks = options.workers ? new ClusterLocks(options.databaseUrl, config.concurrency + 1) : undefined
  let abandoned = false
  let stopping = false
  const running = new Set<Promise<unknown>>()
  const workerIds: string[] = []
  const observers = new Set<(sample: PassSample) => void>()

  function report(trace: PassTrace | undefined) {
    if (!trace) return
    const sample = trace.finish()
    for (const observer of observers) {
      try {
        observer(sample)
      } catch (error) {
        log.warn({ err: error }, 'engine pass observer failed')
      }
    }
  }

  async function send(data: ReconcileJobData, delayMs: number): Promise<string | null> {
    return boss.send(RECONCILE_QUEUE, data, {
      singletonKey: data.clusterUid,
      startAfter: delayMs > 0 ? (delayMs / 1000).toFixed(3) : undefined,
      expireInSeconds: config.passTimeoutSeconds,
    })
  }

  /** Schedule a pass; when one is already pending, keep it and let it run no later than asked. */
  async function schedule(data: ReconcileJobData, delayMs: number): Promise<void> {
    if (await send(data, delayMs)) return
    await db.executeSql(
      `UPDATE ${SCHEMA}.job SET start_after = LEAST(start_after, now() + $3 * interval '1 millisecond'),
         data = jsonb_set(data, '{attempt}', to_jsonb(GREATEST(COALESCE((data->>'attempt')::int, 0), $4::int)))
       WHERE name = $1 AND singleton_key = $2 AND state = 'created'`,
      [RECONCILE_QUEUE, data.clusterUid, Math.round(delayMs), data.attempt],
    )
  }

  async function handle(data: ReconcileJobData): Promise<void> {
    if (!locks || abandoned) return
    const trace = observers.size > 0 ? new PassTrace(data.clusterUid) : undefined
    const lock = await locks.tryAcquire(data.clusterUid)
    if (!lock) {
      // Another pass of this cluster is running (here or in another worker): come back after it.
      if (trace) {
        trace.result = 'busy'
        trace.step('schedule')
      }
      await schedule(data, Math.max(500, config.pollSeconds * 1000))
      report(trace)
      return
    }
    try {
      trace?.step('load')
      const outcome = await runReconcilePass(
        {
          prisma,
          config,
          drivers: options.drivers,
          credentials: options.credentials,
          isAbandoned: () => abandoned,
          log,
          random: options.random,
          trace,
        },
        { clusterUid: data.clusterUid, attempt: data.attempt ?? 0 },
      )
      if (outcome.next === 'later' && !abandoned) {
        trace?.step('schedule')
        await schedule({ clusterUid: data.clusterUid, attempt: outcome.attempt }, outcome.delayMs)
      }
    } finally {
      await lock.release()
      report(trace)
    }
  }

  /** Wakes this process's workers: idle ones look for due jobs now instead of at their next poll. */
  const wakeWorkers = () => {
    for (const id of workerIds) boss.notifyWorker(id)
  }

  if (options.workers) {
    for (let i = 0; i < config.concurrency; i++) {
      let id = ''
      id = await boss.work<ReconcileJobData>(
        RECONCILE_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: config.pollSeconds },
        async ([job]) => {
          if (!job) return
          const pass = handle(job.data)
          running.add(pass)
          try {
            await pass
          } finally {
            running.delete(pass)
            // More may be due: look again right away rather than after the polling interval.
            if (!stopping) boss.notifyWorker(id)
          }
        },
      )
      workerIds.push(id)
    }
  }

  async function sweep(): Promise<number> {
    const rows = await prisma.$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT c.id::text AS id FROM "Cluster" c
       WHERE c.state IN ('Pending', 'Provisioning', 'Deleting')
         AND NOT EXISTS (SELECT 1 FROM ${SCHEMA}.job j
           WHERE j.name = $1 AND j.singleton_key = c.id::text AND j.state IN ('created', 'retry'))`,
      RECONCILE_QUEUE,
    )
    let sent = 0
    for (const row of rows) if (await send({ clusterUid: row.id, attempt: 0 }, 0)) sent++
    if (sent > 0) log.info({ sent }, 'engine sweep enqueued clusters without a pending pass')
    return sent
  }

  let sweepTimer: NodeJS.Timeout | undefined
  if (options.workers) {
    await sweep()
    sweepTimer = setInterval(() => {
      if (!stopping) sweep().catch((error) => log.warn({ err: error }, 'engine sweep failed'))
    }, config.sweepSeconds * 1000)
    sweepTimer.unref()
  }

  return {
    async enqueue(clusterUid) {
      await schedule({ clusterUid, attempt: 0 }, 0)
      if (!stopping) wakeWorkers()
    },
    async cancelPending(clusterUid) {
      const { rows } = await db.executeSql(
        `SELECT id FROM ${SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND state IN ('created', 'retry')`,
        [RECONCILE_QUEUE, clusterUid],
      )
      const ids = rows.map((row: { id: string }) => row.id)
      if (ids.length > 0) await boss.cancel(RECONCILE_QUEUE, ids)
      return ids.length
    },
    sweep,
    observe(listener) {
      observers.add(listener)
      return () => observers.delete(listener)
    },
    async stop(stopOptions = {}) {
      if (stopping) return
      stopping = true
      if (sweepTimer) clearInterval(sweepTimer)
      if (stopOptions.abandon) {
        abandoned = true
        locks?.destroyAll()
        await boss.stop({ graceful: false, close: true, wait: true, timeout: 1000 }).catch(() => {})
        await locks?.close().catch(() => {})
        return
      }
      await boss.stop({ graceful: true, close: true, wait: true, timeout: 30_000 })
      await Promise.allSettled([...running])
      await locks?.close()
    },
  }
}
