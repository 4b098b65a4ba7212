import type { User } from '@console/contracts'
import { useErrorToast } from '../../../forms/use-server-errors.ts'
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx'
import { useToast } from '../../../ui/toasts.tsx'
import { useDeleteUser } from '../hooks/use-users.ts'

export function DeleteUserDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const deleteUser = useDeleteUser()
  const toast = useToast()
  const showError = useErrorToast()
  return (
    <ConfirmDialog
      open={user !== null}
      title="Delete user"
      message={
        <p>
          Delete <strong>{user?.metadata.name}</strong> ({user?.spec.emailId})? They can no longer log in, and their API
          keys stop working.
        </p>
      }
      confirmLabel="Delete"
      isPending={deleteUser.isPending}
      onCancel={onClose}
      onConfirm={() => {
        if (!user) return
        deleteUser.mutate(user.metadata.uid, {
          onSuccess: () => {
            toast.success(`User ${user.metadata.name} deleted`)
            onClose()
          },
          onError: (error) => {
            showError(error)
            onClose()
          },
        })
      }}
    />
  )
}
