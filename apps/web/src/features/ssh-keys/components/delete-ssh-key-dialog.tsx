import type { SshKey } from '@console/contracts'
import { useErrorToast } from '../../../forms/use-server-errors.ts'
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx'
import { useToast } from '../../../ui/toasts.tsx'
import { useDeleteSshKey } from '../hooks/use-ssh-keys.ts'

export function DeleteSshKeyDialog({ sshKey, onClose }: { sshKey: SshKey | null; onClose: () => void }) {
  const deleteKey = useDeleteSshKey()
  const toast = useToast()
  const showError = useErrorToast()
  return (
    <ConfirmDialog
      open={sshKey !== null}
      title="Delete SSH key"
      message={
        <p>
          Delete the SSH key <strong>{sshKey?.metadata.name}</strong> (
          {/* A fingerprint has no break opportunities: let it wrap instead of scrolling the small dialog. */}
          <span className="code" style={{ overflowWrap: 'anywhere' }}>
            {sshKey?.spec.fingerprint}
          </span>
          )? New clusters can no longer use it; machines that already have it keep it.
        </p>
      }
      confirmLabel="Delete"
      isPending={deleteKey.isPending}
      onCancel={onClose}
      onConfirm={() => {
        if (!sshKey) return
        deleteKey.mutate(sshKey.metadata.uid, {
          onSuccess: () => {
            toast.success(`SSH key ${sshKey.metadata.name} deleted`)
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
