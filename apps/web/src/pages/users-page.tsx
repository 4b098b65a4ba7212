import type { User } from '@console/contracts'
import { useState } from 'react'
import { describeError } from '../api/api-error.ts'
import { DeleteUserDialog } from '../features/users/components/delete-user-dialog.tsx'
import { UserFormDialog } from '../features/users/components/user-form-dialog.tsx'
import { UsersTable } from '../features/users/components/users-table.tsx'
import { useUsers } from '../features/users/hooks/use-users.ts'
import { Button } from '../ui/button.tsx'
import { ErrorPanel } from '../ui/error-panel.tsx'
import { ListFooter } from '../ui/list-footer.tsx'
import { PageHeader } from '../ui/page-header.tsx'

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | null

export function UsersPage() {
  const users = useUsers()
  const [editing, setEditing] = useState<Editing>(null)
  const [deleting, setDeleting] = useState<User | null>(null)
  return (
    <>
      <PageHeader
        title="Users"
        description="People who can log in to the console, and the role each holds in the tenant or a project."
        actions={
          <Button variant="primary" onClick={() => setEditing({ mode: 'create' })}>
            + New User
          </Button>
        }
      />
      {users.isError ? (
        <ErrorPanel {...describeError(users.error)} onRetry={() => void users.refetch()} />
      ) : (
        <section className="panel" aria-label="User list">
          <UsersTable
            users={users.items}
            isLoading={users.isLoading}
            onEdit={(user) => setEditing({ mode: 'edit', user })}
            onDelete={setDeleting}
          />
          <ListFooter
            shown={users.items?.length ?? 0}
            total={users.total}
            hasMore={users.hasMore}
            isLoadingMore={users.isLoadingMore}
            onLoadMore={users.loadMore}
            noun="users"
          />
        </section>
      )}
      {editing ? (
        <UserFormDialog
          key={editing.mode === 'edit' ? editing.user.metadata.uid : 'new'}
          user={editing.mode === 'edit' ? editing.user : undefined}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <DeleteUserDialog user={deleting} onClose={() => setDeleting(null)} />
    </>
  )
}
