import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { type AuditFilters, auditFilterNames } from '../audit-filters.ts'

/** The audit filters live in the URL, so a filtered view survives a reload and can be shared. */
export function useAuditFilters() {
  const [params, setParams] = useSearchParams()
  const filters = useMemo(
    () => Object.fromEntries(auditFilterNames.map((n) => [n, params.get(n) ?? ''])) as unknown as AuditFilters,
    [params],
  )
  const setFilter = useCallback(
    (name: keyof AuditFilters, value: string) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev)
          if (value) next.set(name, value)
          else next.delete(name)
          return next
        },
        { replace: true },
      ),
    [setParams],
  )
  const clearFilters = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams])
  const isFiltered = auditFilterNames.some((n) => filters[n] !== '')
  return { filters, setFilter, clearFilters, isFiltered }
}
