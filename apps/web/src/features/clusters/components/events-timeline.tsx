import type { ClusterEvent } from '@console/contracts'
import { Badge } from '../../../ui/badge.tsx'
import { formatDateTime } from '../../../ui/format.ts'
import { LoadingBlock } from '../../../ui/spinner.tsx'

const tone = { Normal: 'info', Warning: 'warning', Error: 'danger' } as const

/** **Events**: provisioning tasks, oldest first, growing live. */
export function EventsTimeline({
  events,
  isLoading,
  isLive,
}: {
  events: ClusterEvent[] | undefined
  isLoading: boolean
  isLive: boolean
}) {
  return (
    <section className="panel" aria-labelledby="cluster-events-title">
      <h2 id="cluster-events-title">Events</h2>
      <p className="cell-sub" role="status">
        {isLive
          ? 'Live: new events appear as they happen.'
          : 'The live stream is unavailable: refreshing every 5 seconds.'}
      </p>
      {isLoading && !events ? <LoadingBlock label="Loading events" /> : null}
      {events && events.length === 0 ? <p>No events yet.</p> : null}
      <ol className="timeline" aria-label="Event timeline">
        {events?.map((e) => (
          <li key={e.metadata.uid} className={`timeline__item timeline__item--${e.severity.toLowerCase()}`}>
            <time dateTime={e.metadata.creationTimestamp}>{formatDateTime(e.metadata.creationTimestamp)}</time>{' '}
            <Badge tone={tone[e.severity]}>{e.reason}</Badge> <span>{e.message}</span>
            {e.state ? <span className="cell-sub"> → {e.state}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  )
}
