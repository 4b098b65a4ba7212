import { useState } from 'react'
import { describeError } from '../../../api/api-error.ts'
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx'
import { useToast } from '../../../ui/toasts.tsx'
import type { AccountCloud } from '../api/cloud-accounts-api.ts'
import { useDeleteCloudAccount } from '../hooks/use-cloud-accounts.ts'

const cloudLabels: Record<AccountCloud, string> = { tencent: 'Tencent', aws: 'AWS', vsphere: 'vSphere' }

/**
 * Asks before deleting an account. A refusal stays in the dialog: for an account in use the server's
 * message names the clusters that use it.
 */
export function DeleteCloudAccountDialog({
  cloud,
  account,
  onClose,
}: {
  cloud: AccountCloud
  account: { uid: string; name: string } | null
  onClose: () => void
}) {
  const deleteAccount = useDeleteCloudAccount(cloud)
  const toast = useToast()
  const [failure, setFailure] = useState<{ message: string; reference?: string } | null>(null)
  const close = () => {
    setFailure(null)
    onClose()
  }
  return (
    <ConfirmDialog
      open={account !== null}
      title={`Delete ${cloudLabels[cloud]} account`}
      message={
        <>
          <p>
            Delete the {cloudLabels[cloud]} account <strong>{account?.name}</strong>? The credentials are removed from
            the console; nothing changes in the cloud.
          </p>
          {failure ? (
            <div className="alert alert--error" role="alert">
              <p>{failure.message}</p>
              {failure.reference ? <p className="alert__detail">Reference: {failure.reference}</p> : null}
            </div>
          ) : null}
        </>
      }
      confirmLabel="Delete"
      isPending={deleteAccount.isPending}
      onCancel={close}
      onConfirm={() => {
        if (!account) return
        setFailure(null)
        deleteAccount.mutate(account.uid, {
          onSuccess: () => {
            toast.success(`${cloudLabels[cloud]} account ${account.name} deleted`)
            close()
          },
          onError: (error) => setFailure(describeError(error)),
        })
      }}
    />
  )
}
