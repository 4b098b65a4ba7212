import type { CloudType, ProfileType } from '@console/contracts'
import { Button } from '../../../ui/button.tsx'
import { Select } from '../../../ui/select.tsx'
import { cloudTypeOptions, profileTypeOptions } from '../profile-draft.ts'

export interface ProfileFilters {
  cloudType?: CloudType
  type?: ProfileType
}

/** **Cloud** and **Type** filters of the profile list. */
export function ProfileFiltersBar({
  filters,
  onChange,
}: {
  filters: ProfileFilters
  onChange: (filters: ProfileFilters) => void
}) {
  return (
    <search className="filters" aria-label="Filter profiles">
      <Select
        label="Cloud"
        placeholder="All clouds"
        options={[...cloudTypeOptions, { value: 'all', label: 'Any cloud (all)' }]}
        value={filters.cloudType ?? ''}
        onChange={(event) => onChange({ ...filters, cloudType: (event.target.value || undefined) as CloudType })}
      />
      <Select
        label="Type"
        placeholder="All types"
        options={profileTypeOptions}
        value={filters.type ?? ''}
        onChange={(event) => onChange({ ...filters, type: (event.target.value || undefined) as ProfileType })}
      />
      <div className="filters__actions">
        <Button variant="ghost" disabled={!filters.cloudType && !filters.type} onClick={() => onChange({})}>
          Clear filters
        </Button>
      </div>
    </search>
  )
}
