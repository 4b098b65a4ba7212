import { useEffect, useRef, useState } from 'react'
import { Button } from '../../../ui/button.tsx'
import { Select, type SelectOption } from '../../../ui/select.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { type AuditFilters, actionOptions, dateRangeError } from '../audit-filters.ts'

export interface AuditFiltersBarProps {
  filters: AuditFilters
  onChange: (name: keyof AuditFilters, value: string) => void
  onClear: () => void
  isFiltered: boolean
  /** Absent when the user may not list users: the user filter is then not offered. */
  userOptions?: SelectOption[]
}

export function AuditFiltersBar({ filters, onChange, onClear, isFiltered, userOptions }: AuditFiltersBarProps) {
  // The URL (and so the request) follows the resource kind box once typing pauses.
  const [resourceKind, setResourceKind] = useState(filters.resourceKind)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])
  function typeResourceKind(value: string) {
    setResourceKind(value)
    clearTimeout(timer.current)
    timer.current = setTimeout(() => onChange('resourceKind', value), 300)
  }

  return (
    <search className="filters" aria-label="Filter audit logs">
      <Select
        label="Action"
        placeholder="All actions"
        options={actionOptions}
        value={filters.actionType}
        onChange={(e) => onChange('actionType', e.target.value)}
      />
      <TextField
        label="Resource kind"
        placeholder="e.g. project"
        value={resourceKind}
        onChange={(e) => typeResourceKind(e.target.value)}
      />
      {userOptions ? (
        <Select
          label="User"
          placeholder="All users"
          options={userOptions}
          value={filters.userUid}
          onChange={(e) => onChange('userUid', e.target.value)}
        />
      ) : null}
      <TextField label="From" type="date" value={filters.from} onChange={(e) => onChange('from', e.target.value)} />
      <TextField
        label="To"
        type="date"
        value={filters.to}
        error={dateRangeError(filters)}
        onChange={(e) => onChange('to', e.target.value)}
      />
      <div className="filters__actions">
        <Button
          variant="ghost"
          disabled={!isFiltered}
          onClick={() => {
            clearTimeout(timer.current)
            setResourceKind('')
            onClear()
          }}
        >
          Clear filters
        </Button>
      </div>
    </search>
  )
}
