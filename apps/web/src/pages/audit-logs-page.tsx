import { useCallback } from 'react'
import { describeError } from '../api/api-error.ts'
import { AuditFiltersBar } from '../features/audit-logs/components/audit-filters-bar.tsx'
import { AuditTable } from '../features/audit-logs/components/audit-table.tsx'
import { useAuditEvents } from '../features/audit-logs/hooks/use-audit-events.ts'
import { useAuditFilters } from '../features/audit-logs/hooks/use-audit-filters.ts'
import { useCan, useScope } from '../features/scope/scope-context.tsx'
import { useUserChoices } from '../features/users/hooks/use-users.ts'
import { ErrorPanel } from '../ui/error-panel.tsx'
import { ListFooter } from '../ui/list-footer.tsx'
import { PageHeader } from '../ui/page-header.tsx'

export function AuditLogsPage() {
  const { current, options } = useScope()
  const { filters, setFilter, clearFilters, isFiltered } = useAuditFilters()
  const events = useAuditEvents(filters)
  const canListUsers = useCan('users.manage')
  const users = useUserChoices(canListUsers)
  const projectName = useCallback((uid: string) => options.find((o) => o.projectUid === uid)?.label ?? uid, [options])

  return (
    <>
      <PageHeader
        title="Audit Logs"
        description={`Who did what, and when${current?.projectUid ? ` in ${current.label}` : ' across the tenant'}.`}
      />
      <AuditFiltersBar
        filters={filters}
        onChange={setFilter}
        onClear={clearFilters}
        isFiltered={isFiltered}
        userOptions={canListUsers ? (users.data ?? []) : undefined}
      />
      {events.isError ? (
        <ErrorPanel {...describeError(events.error)} onRetry={() => void events.refetch()} />
      ) : (
        <section className="panel" aria-label="Audit events">
          <AuditTable
            events={events.items}
            isLoading={events.isLoading}
            projectName={projectName}
            isFiltered={isFiltered}
          />
          <ListFooter
            shown={events.items?.length ?? 0}
            total={events.total}
            hasMore={events.hasMore}
            isLoadingMore={events.isLoadingMore}
            onLoadMore={events.loadMore}
            noun="events"
          />
        </section>
      )}
    </>
  )
}
