import { useApiClient } from '../../../api/api-context.tsx'
import { useCursorList } from '../../../api/use-cursor-list.ts'
import { useScopeKey } from '../../scope/scope-context.tsx'
import { listAudits } from '../api/audits-api.ts'
import { type AuditFilters, toAuditQuery } from '../audit-filters.ts'

export function useAuditEvents(filters: AuditFilters) {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  const query = toAuditQuery(filters)
  return useCursorList({
    queryKey: ['audits', scopeKey, query],
    fetchPage: (cursor, signal) => listAudits(client, query, { cursor, signal }),
  })
}
