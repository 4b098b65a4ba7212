import { type ClusterStateChange, clusterStreamEvents } from '@console/contracts'
import type { Deps } from '../../lib/deps.ts'
import { listClusterEventsAfter, toClusterEvent } from './event-log.ts'
import { parseSeq } from './service.ts'

const HEARTBEAT_MS = 15_000

/** Where a stream writes: the raw HTTP response. */
export interface SseSink {
  write(chunk: string): boolean
  end(): void
  onClose(listener: () => void): void
}

/** Every open stream of this process, so a shutdown can end them. */
const openStreams = new Set<() => void>()

export function closeAllClusterStreams(): void {
  for (const close of [...openStreams]) close()
}

/**
 * GET /v1/spectroclusters/{uid}/events/stream: the cluster's events as server-sent events, live.
 * Every event is `event: cluster-event` (id = its seq); an event that changed the state is followed
 * by `event: cluster-state` `{uid, state}`. The caller checks that the scope sees the cluster first. It starts after `Last-Event-ID` (a reconnecting
 * EventSource resumes where it stopped) or `afterSeq`, else from the first event.
 *
 * Fan-out goes through Postgres: the stream polls ClusterEvent by seq every CLUSTER_EVENTS_POLL_MS,
 * so events written by any worker or API instance reach every stream, in both database modes
 * (LISTEN/NOTIFY does not cross connections on the embedded database). Comments every 15 s keep
 * proxies from closing an idle stream.
 */
export async function streamClusterEvents(
  deps: Deps,
  cluster: { uid: string },
  from: { lastEventId?: string; afterSeq?: string },
  sink: SseSink,
): Promise<void> {
  let after = parseSeq(from.lastEventId || from.afterSeq)
  let closed = false
  let timer: NodeJS.Timeout | undefined
  let lastWrite = Date.now()
  const close = () => {
    if (closed) return
    closed = true
    if (timer) clearTimeout(timer)
    openStreams.delete(close)
    sink.end()
  }
  openStreams.add(close)
  sink.onClose(close)
  sink.write('retry: 2000\n\n')

  const tick = async () => {
    if (closed) return
    try {
      const rows = await listClusterEventsAfter(deps.prisma, cluster.uid, after, 200)
      for (const row of rows) {
        const event = toClusterEvent(row)
        sink.write(`id: ${event.seq}\nevent: ${clusterStreamEvents.event}\ndata: ${JSON.stringify(event)}\n\n`)
        if (event.state) {
          const change: ClusterStateChange = { uid: cluster.uid, state: event.state }
          sink.write(`id: ${event.seq}\nevent: ${clusterStreamEvents.state}\ndata: ${JSON.stringify(change)}\n\n`)
        }
        after = row.seq
        lastWrite = Date.now()
      }
      if (Date.now() - lastWrite >= HEARTBEAT_MS) {
        sink.write(`: heartbeat ${new Date().toISOString()}\n\n`)
        lastWrite = Date.now()
      }
    } catch {
      // The database blinked: the next tick tries again; the client keeps its place by seq.
    }
    if (!closed) timer = setTimeout(tick, deps.config.clusterEventsPollMs)
  }
  await tick()
}
