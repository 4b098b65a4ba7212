import type { ApiKey } from '@console/contracts'
import { useErrorToast } from '../../../forms/use-server-errors.ts'
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx'
import { useToast } from '../../../ui/toasts.tsx'
import { useRevokeApiKey } from '../hooks/use-api-keys.ts'

export function RevokeApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKey | null; onClose: () => void }) {
  const revoke = useRevokeApiKey()
  const toast = useToast()
  const showError = useErrorToast()
  return (
    <ConfirmDialog
      open={apiKey !== null}
      title="Revoke API key"
      message={
        <p>
          Revoke <strong>{apiKey?.metadata.name}</strong>? Every script using it stops working at once. This cannot be
          undone.
        </p>
      }
      confirmLabel="Revoke"
      isPending={revoke.isPending}
      onCancel={onClose}
      onConfirm={() => {
        if (!apiKey) return
        revoke.mutate(apiKey.metadata.uid, {
          onSuccess: () => {
            toast.success(`API key ${apiKey.metadata.name} revoked`)
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
