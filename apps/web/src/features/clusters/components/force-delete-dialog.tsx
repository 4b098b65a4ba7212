import type { Cluster } from '@console/contracts'
import { describeError } from '../../../api/api-error.ts'
import { Button } from '../../../ui/button.tsx'
import { Dialog } from '../../../ui/dialog.tsx'
import { useForceDeleteCluster } from '../hooks/use-clusters.ts'

/** **Force Delete Cluster**: warns that cloud resources may remain, then lists what did. */
export function ForceDeleteDialog({
  cluster,
  open,
  onClose,
}: {
  cluster: Cluster
  open: boolean
  onClose: () => void
}) {
  const force = useForceDeleteCluster()
  const close = () => {
    force.reset()
    onClose()
  }
  const leftovers = force.data?.leftovers
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Force Delete Cluster"
      size="md"
      isDismissable={!force.isPending}
      footer={
        leftovers ? (
          <Button variant="primary" onClick={close}>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={close} disabled={force.isPending}>
              Cancel
            </Button>
            <Button variant="danger" isLoading={force.isPending} onClick={() => force.mutate(cluster.metadata.uid)}>
              Force Delete
            </Button>
          </>
        )
      }
    >
      {leftovers ? (
        leftovers.length === 0 ? (
          <p role="status">{cluster.metadata.name} is deleted; nothing remains in the cloud.</p>
        ) : (
          <div role="status">
            <p>
              {cluster.metadata.name} is deleted. These cloud resources may remain: remove them in the cloud console.
            </p>
            <ul aria-label="Leftover cloud resources">
              {leftovers.map((r) => (
                <li key={r.key}>
                  {r.kind} {r.name ?? ''} {r.cloudId ?? r.key} ({r.region}, {r.state})
                </li>
              ))}
            </ul>
          </div>
        )
      ) : (
        <p className="alert alert--warning">
          Force delete stops waiting for the cloud and removes {cluster.metadata.name} from the console.{' '}
          <strong>Cloud resources may remain</strong> and keep costing money; the result lists them.
        </p>
      )}
      {force.isError ? (
        <p className="field__error" role="alert">
          {describeError(force.error).message}
        </p>
      ) : null}
    </Dialog>
  )
}
