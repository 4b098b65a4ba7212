import type { Cluster } from '@console/contracts'
import { useState } from 'react'
import { describeError } from '../../../api/api-error.ts'
import { Button } from '../../../ui/button.tsx'
import { Dialog } from '../../../ui/dialog.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { useDeleteCluster } from '../hooks/use-clusters.ts'
import { namesMatch } from '../utils/cluster-display.ts'

/** **Delete Cluster**: the user types the cluster's name; **OK** only on an exact match. */
export function DeleteClusterDialog({
  cluster,
  open,
  onClose,
}: {
  cluster: Cluster
  open: boolean
  onClose: () => void
}) {
  const [typed, setTyped] = useState('')
  const remove = useDeleteCluster()
  const name = cluster.metadata.name
  const close = () => {
    setTyped('')
    remove.reset()
    onClose()
  }
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Delete Cluster"
      size="sm"
      isDismissable={!remove.isPending}
      description={`This deletes ${name} and every cloud resource it created. Type the cluster name to confirm.`}
      footer={
        <>
          <Button onClick={close} disabled={remove.isPending}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={!namesMatch(typed, name)}
            isLoading={remove.isPending}
            onClick={() => remove.mutate(cluster.metadata.uid, { onSuccess: close })}
          >
            OK
          </Button>
        </>
      }
    >
      <TextField
        label="Cluster name"
        value={typed}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setTyped(e.target.value)}
        hint={`Type ${name}`}
      />
      {remove.isError ? (
        <p className="field__error" role="alert">
          {describeError(remove.error).message}
        </p>
      ) : null}
    </Dialog>
  )
}
