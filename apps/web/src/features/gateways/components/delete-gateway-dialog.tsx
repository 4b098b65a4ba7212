import type { Gateway } from '@console/contracts'
import { useState } from 'react'
import { describeError } from '../../../api/api-error.ts'
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx'
import { ErrorPanel } from '../../../ui/error-panel.tsx'
import { useDeleteGateway } from '../hooks/use-gateways.ts'

/**
 * Asks before deleting a gateway. A refusal (409 while tenant clusters use it) stays in the dialog with
 * the server's message naming the clusters; on success the answer's message (remove the gateway VMs
 * from vSphere) is handed to the page.
 */
export function DeleteGatewayDialog({
  gateway,
  onClose,
  onDeleted,
}: {
  gateway: Gateway | null
  onClose: () => void
  onDeleted: (gateway: Gateway, message: string) => void
}) {
  const deleteGateway = useDeleteGateway()
  const [failure, setFailure] = useState<{ message: string; reference?: string } | null>(null)
  const close = () => {
    setFailure(null)
    onClose()
  }
  return (
    <ConfirmDialog
      open={gateway !== null}
      title="Delete Private Cloud Gateway"
      message={
        <>
          <p>
            Delete the gateway <strong>{gateway?.metadata.name}</strong>? It is refused while tenant clusters use it.
          </p>
          {failure ? <ErrorPanel {...failure} /> : null}
        </>
      }
      confirmLabel="Delete"
      isPending={deleteGateway.isPending}
      onCancel={close}
      onConfirm={() => {
        if (!gateway) return
        setFailure(null)
        deleteGateway.mutate(gateway.metadata.uid, {
          onSuccess: (msg) => {
            onDeleted(gateway, msg)
            close()
          },
          onError: (error) => setFailure(describeError(error)),
        })
      }}
    />
  )
}
