import type { ClusterProfile } from '@console/contracts'
import { Link } from 'react-router'
import { Badge } from '../../../ui/badge.tsx'
import { Button } from '../../../ui/button.tsx'
import { formatDateTime } from '../../../ui/format.ts'
import { type Column, Table } from '../../../ui/table.tsx'

export interface ProfilesTableProps {
  profiles: ClusterProfile[] | undefined
  isLoading: boolean
  /** Absent without profiles.write: no row actions then. */
  onClone?: (profile: ClusterProfile) => void
  onDelete?: (profile: ClusterProfile) => void
  isFiltered: boolean
}

const label = (p: ClusterProfile) => `${p.metadata.name} ${p.spec.version}`

export function ProfilesTable({ profiles, isLoading, onClone, onDelete, isFiltered }: ProfilesTableProps) {
  const columns: Column<ClusterProfile>[] = [
    {
      key: 'name',
      header: 'Name',
      cell: (p) => (
        <Link className="cell-strong" to={`/profiles/${encodeURIComponent(p.metadata.uid)}`}>
          {p.metadata.name}
        </Link>
      ),
    },
    { key: 'version', header: 'Version', width: '6rem', cell: (p) => p.spec.version },
    { key: 'cloud', header: 'Cloud', width: '6rem', cell: (p) => p.spec.template.cloudType },
    { key: 'type', header: 'Type', width: '6rem', cell: (p) => p.spec.template.type },
    {
      key: 'status',
      header: 'Status',
      width: '7rem',
      cell: (p) => (p.spec.published ? <Badge tone="success">Published</Badge> : <Badge tone="neutral">Draft</Badge>),
    },
    { key: 'layers', header: 'Layers', align: 'end', width: '5rem', cell: (p) => p.spec.template.packs.length },
    { key: 'created', header: 'Created', width: '11rem', cell: (p) => formatDateTime(p.metadata.creationTimestamp) },
  ]
  if (onClone || onDelete) {
    columns.push({
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      align: 'end',
      width: '10rem',
      cell: (p) => (
        <span className="row-actions">
          {onClone ? (
            <Button size="sm" variant="ghost" onClick={() => onClone(p)} aria-label={`Clone profile ${label(p)}`}>
              Clone
            </Button>
          ) : null}
          {onDelete ? (
            <Button size="sm" variant="ghost" onClick={() => onDelete(p)} aria-label={`Delete profile ${label(p)}`}>
              Delete
            </Button>
          ) : null}
        </span>
      ),
    })
  }
  return (
    <Table
      caption="Cluster profiles"
      columns={columns}
      rows={profiles}
      rowKey={(p) => p.metadata.uid}
      isLoading={isLoading}
      emptyTitle={isFiltered ? 'No profile matches the filters' : 'No profiles yet'}
      emptyDescription="A cluster profile is the stack of layers a cluster is built from: OS, Kubernetes, network, storage and add-ons."
    />
  )
}
