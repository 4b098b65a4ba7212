import type { PGlite } from '@electric-sql/pglite'

interface Pending {
  handlerId: number
  message: Uint8Array
  onData: (data: Uint8Array) => void
  resolve: (bytes: number) => void
  reject: (error: unknown) => void
}

/** Extended-query messages: Parse, Bind, Describe, Execute, Close, Flush. */
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)))
/** Messages that end an exchange: Sync (extended query) and Query (simple query). */
const EXCHANGE_END = new Set(['S', 'Q'].map((c) => c.charCodeAt(0)))
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4])

/**
 * The embedded database's statement queue: PGlite is one backend session shared by every socket
 * connection, so this decides whose protocol message runs next.
 *
 * pglite-socket's own queue (0.2.17) serialises messages, not exchanges: outside an explicit transaction
 * it runs the next message of whichever connection sent one, so two clients' extended-query exchanges
 * (Parse, Bind, Describe, Execute … Sync) interleave and the unnamed statement one client parsed is bound
 * with another client's parameters ("bind message supplies 5 parameters, but prepared statement "" requires
 * 3"). Any two concurrent requests could fail that way. This queue serves one connection from its first
 * extended-query message through its Sync, and (as pglite-socket does) through a whole transaction.
 *
 * It has pglite-socket's queue interface; {@link installExchangeQueue} puts it in a server before start.
 */
export class ExchangeQueue {
  private queue: Pending[] = []
  private processing = false
  /** The connection whose extended-query exchange is open (sent Parse/Bind/…, not yet Sync). */
  private midExchange: number | null = null
  /** The connection that ran the last message: the one inside the transaction, when there is one. */
  private lastHandlerId: number | null = null

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject })
      void this.process()
    })
  }

  getQueueLength(): number {
    return this.queue.length
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((item) => {
      if (item.handlerId !== handlerId) return true
      item.reject(new Error('Handler disconnected'))
      return false
    })
  }

  /** A connection went away: end its open exchange and roll back its transaction, then serve the others. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.midExchange === handlerId) {
      this.midExchange = null
      await this.db.runExclusive(() => this.db.execProtocolRawStream(SYNC, { onRawData: () => {} }))
    }
    if (this.lastHandlerId === handlerId && this.db.isInTransaction()) {
      await this.db.exec('ROLLBACK')
      this.lastHandlerId = null
    }
    await this.process()
  }

  /** The next message to run, or none while the connection being served has not sent its next one yet. */
  private next(): Pending | undefined {
    const owner = this.midExchange ?? (this.db.isInTransaction() ? this.lastHandlerId : null)
    if (owner === null) return this.queue.shift()
    const at = this.queue.findIndex((item) => item.handlerId === owner)
    return at === -1 ? undefined : this.queue.splice(at, 1)[0]
  }

  private async process(): Promise<void> {
    if (this.processing) return
    this.processing = true
    try {
      for (let item = this.next(); item; item = this.next()) {
        const current = item
        let bytes = 0
        const type = current.message[0] ?? 0
        this.lastHandlerId = current.handlerId
        if (EXTENDED.has(type)) this.midExchange = current.handlerId
        else if (EXCHANGE_END.has(type)) this.midExchange = null
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data) => {
                bytes += data.length
                current.onData(data)
              },
            }),
          )
          current.resolve(bytes)
        } catch (error) {
          current.reject(error)
        }
      }
    } finally {
      this.processing = false
    }
  }
}

/** Replace a not-yet-started pglite-socket server's statement queue with an {@link ExchangeQueue}. */
export function installExchangeQueue(server: object, db: PGlite): void {
  Object.assign(server, { queryQueue: new ExchangeQueue(db) })
}
