import type { AuditActionType, AuditEvent } from '@console/contracts'
import { Badge, type BadgeTone } from '../../../ui/badge.tsx'
import { formatDateTime } from '../../../ui/format.ts'
import { type Column, Table } from '../../../ui/table.tsx'
import { actionLabels } from '../audit-filters.ts'

const actionTone: Record<AuditActionType, BadgeTone> = {
  create: 'success',
  update: 'info',
  delete: 'danger',
  forceDelete: 'danger',
  revoke: 'warning',
  login: 'neutral',
  loginFailed: 'danger',
  logout: 'neutral',
  validationFailed: 'warning',
}

function actorName(actor: AuditEvent['spec']['actor']): string {
  if (actor.type === 'system') return 'System'
  if (actor.type === 'agent') return actor.userName ?? 'Gateway agent'
  const who = actor.userName ?? actor.emailId ?? actor.userUid ?? 'Unknown'
  return actor.type === 'apiKey' ? `${who} (API key)` : who
}

export function AuditTable({
  events,
  isLoading,
  projectName,
  isFiltered,
}: {
  events: AuditEvent[] | undefined
  isLoading: boolean
  projectName: (uid: string) => string
  isFiltered: boolean
}) {
  const columns: Column<AuditEvent>[] = [
    {
      key: 'time',
      header: 'Time',
      width: '12rem',
      cell: (e) => (
        <time className="nowrap" dateTime={e.metadata.creationTimestamp}>
          {formatDateTime(e.metadata.creationTimestamp)}
        </time>
      ),
    },
    {
      key: 'actor',
      header: 'Actor',
      cell: (e) => (
        <div>
          <span className="cell-strong">{actorName(e.spec.actor)}</span>
          {e.spec.actor.emailId && e.spec.actor.userName ? (
            <span className="cell-sub">{e.spec.actor.emailId}</span>
          ) : null}
        </div>
      ),
    },
    {
      key: 'action',
      header: 'Action',
      cell: (e) => <Badge tone={actionTone[e.spec.actionType]}>{actionLabels[e.spec.actionType]}</Badge>,
    },
    {
      key: 'resource',
      header: 'Resource',
      cell: (e) => (
        <div>
          <span className="cell-strong">{e.spec.resource.name ?? e.spec.resource.kind}</span>
          <span className="cell-sub">{e.spec.resource.name ? e.spec.resource.kind : (e.spec.resource.uid ?? '')}</span>
        </div>
      ),
    },
    {
      key: 'project',
      header: 'Project',
      cell: (e) => (e.spec.projectUid ? projectName(e.spec.projectUid) : <span className="cell-muted">Tenant</span>),
    },
    { key: 'message', header: 'Message', cell: (e) => <span className="cell-message">{e.spec.message}</span> },
  ]
  return (
    <Table
      caption="Audit events"
      columns={columns}
      rows={events}
      rowKey={(e) => e.metadata.uid}
      isLoading={isLoading}
      emptyTitle={isFiltered ? 'No events match these filters' : 'No audit events yet'}
      emptyDescription={
        isFiltered
          ? 'Widen the date range or clear a filter.'
          : 'Logins and every change to users, projects and keys show up here.'
      }
    />
  )
}
