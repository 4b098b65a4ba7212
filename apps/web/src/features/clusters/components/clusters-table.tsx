import type { Cluster } from '@console/contracts'
import { Link } from 'react-router'
import { Badge } from '../../../ui/badge.tsx'
import { formatDateTime } from '../../../ui/format.ts'
import { type Column, Table } from '../../../ui/table.tsx'
import { cloudLabels, stateTone } from '../utils/cluster-display.ts'

export function ClusterStateBadge({ state }: { state: Cluster['status']['state'] }) {
  return <Badge tone={stateTone[state]}>{state}</Badge>
}

export function TagList({ labels }: { labels: Record<string, string> }) {
  const entries = Object.entries(labels)
  if (entries.length === 0) return <span className="cell-muted">—</span>
  return (
    <ul className="tag-list" aria-label="Tags">
      {entries.map(([k, v]) => (
        <li key={k} className="tag-chip">
          {v ? `${k}:${v}` : k}
        </li>
      ))}
    </ul>
  )
}

const columns: Column<Cluster>[] = [
  {
    key: 'name',
    header: 'Name',
    cell: (c) => (
      <Link className="cell-strong" to={`/clusters/${encodeURIComponent(c.metadata.uid)}`}>
        {c.metadata.name}
      </Link>
    ),
  },
  { key: 'cloud', header: 'Cloud', width: '8rem', cell: (c) => cloudLabels[c.spec.cloudType] ?? c.spec.cloudType },
  {
    key: 'region',
    header: 'Region',
    width: '9rem',
    cell: (c) => c.status.region ?? (c.spec.cloudConfig.region as string | undefined) ?? '—',
  },
  { key: 'state', header: 'State', width: '8rem', cell: (c) => <ClusterStateBadge state={c.status.state} /> },
  { key: 'created', header: 'Created', width: '11rem', cell: (c) => formatDateTime(c.metadata.creationTimestamp) },
  { key: 'tags', header: 'Tags', cell: (c) => <TagList labels={c.metadata.labels} /> },
]

export function ClustersTable({
  clusters,
  isLoading,
  isFiltered,
}: {
  clusters: Cluster[] | undefined
  isLoading: boolean
  isFiltered: boolean
}) {
  return (
    <Table
      caption="Clusters"
      columns={columns}
      rows={clusters}
      rowKey={(c) => c.metadata.uid}
      isLoading={isLoading}
      emptyTitle={isFiltered ? 'No cluster matches these filters' : 'No clusters yet'}
      emptyDescription={isFiltered ? 'Change the search or clear the filters.' : 'Add New Cluster deploys one.'}
    />
  )
}
