import pg from 'pg'

/** A held lock: `release` ends it; `destroy` drops its connection (what a crash does). */
export interface HeldLock {
  release(): Promise<void>
  destroy(): void
}

/** 64-bit advisory lock key of a cluster, in the key space `cluster-reconcile`. */
const LOCK_SQL = `SELECT pg_try_advisory_lock(hashtext('cluster-reconcile'), hashtext($1)) AS locked`
const UNLOCK_SQL = `SELECT pg_advisory_unlock(hashtext('cluster-reconcile'), hashtext($1))`

/**
 * At most one reconcile pass per cluster, across processes: a session advisory lock held on a
 * dedicated connection for the pass, so a worker that dies (its connection drops) releases it at once,
 * unlike a lease that must time out. In-process passes are also excluded by a set, because the
 * embedded database (PGlite) is one session and would grant the same lock twice.
 */
export class ClusterLocks {
  private readonly pool: pg.Pool
  private readonly local = new Set<string>()
  private readonly held = new Map<pg.PoolClient, () => void>()

  constructor(connectionString: string, size: number) {
    this.pool = new pg.Pool({ connectionString, max: size, application_name: 'console-engine-locks' })
    this.pool.on('error', () => {})
  }

  /** Takes the cluster's lock, or answers undefined when another pass holds it. */
  async tryAcquire(clusterId: string): Promise<HeldLock | undefined> {
    if (this.local.has(clusterId)) return undefined
    this.local.add(clusterId)
    let client: pg.PoolClient | undefined
    try {
      client = await this.pool.connect()
      const { rows } = await client.query<{ locked: boolean }>(LOCK_SQL, [clusterId])
      if (!rows[0]?.locked) {
        client.release()
        this.local.delete(clusterId)
        return undefined
      }
    } catch (error) {
      client?.release(true)
      this.local.delete(clusterId)
      throw error
    }
    const held = client
    let done = false
    const finish = (destroy: boolean) => {
      if (done) return false
      done = true
      this.held.delete(held)
      this.local.delete(clusterId)
      if (destroy) held.release(true)
      return true
    }
    this.held.set(held, () => finish(true))
    return {
      release: async () => {
        if (done) return
        try {
          await held.query(UNLOCK_SQL, [clusterId])
          if (finish(false)) held.release()
        } catch {
          finish(true)
        }
      },
      destroy: () => {
        finish(true)
      },
    }
  }

  /** Drops every held lock's connection (simulated crash, or a stop that does not wait for passes). */
  destroyAll(): void {
    for (const destroy of [...this.held.values()]) destroy()
  }

  async close(): Promise<void> {
    this.destroyAll()
    await this.pool.end()
  }
}
