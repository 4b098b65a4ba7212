import type { ClusterProfile } from '@console/contracts'
import { useState } from 'react'
import { describeError } from '../../../api/api-error.ts'
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx'
import { useToast } from '../../../ui/toasts.tsx'
import { useDeleteProfile } from '../hooks/use-profiles.ts'

/** Asks before deleting a version; a refusal (409 while clusters deploy it) stays in the dialog with the server's words. */
export function DeleteProfileDialog({ profile, onClose }: { profile: ClusterProfile | null; onClose: () => void }) {
  const deleteProfile = useDeleteProfile()
  const toast = useToast()
  const [refusal, setRefusal] = useState<string | null>(null)
  function close() {
    setRefusal(null)
    onClose()
  }
  const label = profile ? `${profile.metadata.name} ${profile.spec.version}` : ''
  return (
    <ConfirmDialog
      open={profile !== null}
      title="Delete profile"
      message={
        <>
          <p>
            Delete profile <strong>{label}</strong>? Clusters already built from it keep running. This cannot be undone.
          </p>
          {refusal ? (
            <p className="alert alert--error" role="alert">
              {refusal}
            </p>
          ) : null}
        </>
      }
      confirmLabel="Delete"
      isPending={deleteProfile.isPending}
      onCancel={close}
      onConfirm={() => {
        if (!profile) return
        deleteProfile.mutate(profile.metadata.uid, {
          onSuccess: () => {
            toast.success(`Profile ${label} deleted`)
            close()
          },
          onError: (error) => setRefusal(describeError(error).message),
        })
      }}
    />
  )
}
