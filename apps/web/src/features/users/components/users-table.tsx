import type { User } from '@console/contracts'
import { Badge } from '../../../ui/badge.tsx'
import { Button } from '../../../ui/button.tsx'
import { type Column, Table } from '../../../ui/table.tsx'

export function UsersTable({
  users,
  isLoading,
  onEdit,
  onDelete,
}: {
  users: User[] | undefined
  isLoading: boolean
  onEdit: (user: User) => void
  onDelete: (user: User) => void
}) {
  const columns: Column<User>[] = [
    {
      key: 'name',
      header: 'Name',
      cell: (u) => (
        <div>
          <span className="cell-strong">{u.metadata.name}</span>
          {u.spec.firstName || u.spec.lastName ? (
            <span className="cell-sub">{[u.spec.firstName, u.spec.lastName].filter(Boolean).join(' ')}</span>
          ) : null}
        </div>
      ),
    },
    { key: 'email', header: 'Email', cell: (u) => u.spec.emailId },
    {
      key: 'roles',
      header: 'Roles',
      cell: (u) => (
        <ul className="role-list">
          {u.spec.roles.map((r) => (
            <li key={`${r.role}-${r.projectUid ?? 'tenant'}`}>
              <span className="cell-strong">{r.role}</span>
              {r.projectUid ? <span className="cell-muted"> · {r.projectName ?? r.projectUid}</span> : null}
            </li>
          ))}
        </ul>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      width: '8rem',
      cell: (u) => (u.status.isActive ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Inactive</Badge>),
    },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      align: 'end',
      width: '10rem',
      cell: (u) => (
        <div className="row-actions">
          <Button size="sm" variant="ghost" onClick={() => onEdit(u)} aria-label={`Edit user ${u.metadata.name}`}>
            Edit
          </Button>
          <Button size="sm" variant="ghost" onClick={() => onDelete(u)} aria-label={`Delete user ${u.metadata.name}`}>
            Delete
          </Button>
        </div>
      ),
    },
  ]
  return (
    <Table
      caption="Users"
      columns={columns}
      rows={users}
      rowKey={(u) => u.metadata.uid}
      isLoading={isLoading}
      emptyTitle="No users yet"
      emptyDescription="Invite the people who operate your clusters and give them a role."
    />
  )
}
