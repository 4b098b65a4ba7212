import { type ClusterCloudType, type ClusterState, clusterCloudTypes, clusterStates } from '@console/contracts'
import { Button } from '../../../ui/button.tsx'
import { Select } from '../../../ui/select.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import type { ClusterListFilters } from '../api/clusters-api.ts'
import { cloudLabels } from '../utils/cluster-display.ts'

/** Search by name, **State** and **Cloud** filters of the cluster list. */
export function ClusterFiltersBar({
  filters,
  onChange,
}: {
  filters: ClusterListFilters
  onChange: (filters: ClusterListFilters) => void
}) {
  const isFiltered = Boolean(filters.search || filters.state || filters.cloudType)
  return (
    <search className="filters" aria-label="Filter clusters">
      <TextField
        label="Search"
        type="search"
        placeholder="Cluster name"
        value={filters.search ?? ''}
        maxLength={63}
        onChange={(event) => onChange({ ...filters, search: event.target.value || undefined })}
      />
      <Select
        label="State"
        placeholder="All states"
        options={clusterStates.map((s) => ({ value: s, label: s }))}
        value={filters.state ?? ''}
        onChange={(event) => onChange({ ...filters, state: (event.target.value || undefined) as ClusterState })}
      />
      <Select
        label="Cloud"
        placeholder="All clouds"
        options={clusterCloudTypes.map((c) => ({ value: c, label: cloudLabels[c] ?? c }))}
        value={filters.cloudType ?? ''}
        onChange={(event) => onChange({ ...filters, cloudType: (event.target.value || undefined) as ClusterCloudType })}
      />
      <div className="filters__actions">
        <Button variant="ghost" disabled={!isFiltered} onClick={() => onChange({})}>
          Clear filters
        </Button>
      </div>
    </search>
  )
}
