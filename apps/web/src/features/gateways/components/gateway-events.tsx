import { describeError } from '../../../api/api-error.ts'
import { Badge, type BadgeTone } from '../../../ui/badge.tsx'
import { ErrorPanel } from '../../../ui/error-panel.tsx'
import { formatDateTime } from '../../../ui/format.ts'
import { LoadingBlock } from '../../../ui/spinner.tsx'
import { useGatewayEvents } from '../hooks/use-gateways.ts'

function toneOf(severity: string): BadgeTone {
  const s = severity.toLowerCase()
  if (s === 'error') return 'danger'
  if (s === 'warning') return 'warning'
  return 'info'
}

/** The gateway's provisioning sequence: its events, oldest first, re-read while it is on its way. */
export function GatewayEvents({ gatewayUid, state, live }: { gatewayUid: string; state: string; live: boolean }) {
  const events = useGatewayEvents(gatewayUid, state, live)
  const titleId = `gateway-events-${gatewayUid}`
  const sorted = events.data ? [...events.data].sort((a, b) => a.createdAt.localeCompare(b.createdAt)) : undefined
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h3 id={titleId}>Events</h3>
      {live ? (
        <p className="cell-sub" role="status">
          Refreshing every 5 seconds until the gateway is Running.
        </p>
      ) : null}
      {events.isError ? <ErrorPanel {...describeError(events.error)} onRetry={() => void events.refetch()} /> : null}
      {events.isLoading ? <LoadingBlock label="Loading events" /> : null}
      {sorted && sorted.length === 0 ? <p>No events yet.</p> : null}
      <ol className="timeline" aria-label="Event timeline">
        {sorted?.map((e) => (
          <li key={e.uid} className={`timeline__item timeline__item--${e.severity.toLowerCase()}`}>
            <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>{' '}
            <Badge tone={toneOf(e.severity)}>{e.reason}</Badge> <span>{e.message}</span>
            {e.state ? <span className="cell-sub"> → {e.state}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  )
}
