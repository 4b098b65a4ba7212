import type { Project } from '@console/contracts'
import { Button } from '../../../ui/button.tsx'
import { formatDateTime } from '../../../ui/format.ts'
import { type Column, Table } from '../../../ui/table.tsx'

export function ProjectsTable({
  projects,
  isLoading,
  onDelete,
  emptyAction,
}: {
  projects: Project[] | undefined
  isLoading: boolean
  onDelete: (project: Project) => void
  emptyAction?: React.ReactNode
}) {
  const columns: Column<Project>[] = [
    { key: 'name', header: 'Name', cell: (p) => <span className="cell-strong">{p.metadata.name}</span> },
    {
      key: 'description',
      header: 'Description',
      cell: (p) => p.spec.description || p.metadata.description || <span className="cell-muted">—</span>,
    },
    { key: 'members', header: 'Members', align: 'end', width: '7rem', cell: (p) => p.status.memberCount },
    { key: 'created', header: 'Created', width: '12rem', cell: (p) => formatDateTime(p.metadata.creationTimestamp) },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      align: 'end',
      width: '6rem',
      cell: (p) => (
        <Button size="sm" variant="ghost" onClick={() => onDelete(p)} aria-label={`Delete project ${p.metadata.name}`}>
          Delete
        </Button>
      ),
    },
  ]
  return (
    <Table
      caption="Projects"
      columns={columns}
      rows={projects}
      rowKey={(p) => p.metadata.uid}
      isLoading={isLoading}
      emptyTitle="No projects yet"
      emptyDescription="Create a project to group clusters, cloud accounts and their members."
      emptyAction={emptyAction}
    />
  )
}
