import { useState } from 'react'
import { describeError } from '../../../api/api-error.ts'
import { Button } from '../../../ui/button.tsx'
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx'
import { Dialog } from '../../../ui/dialog.tsx'
import { ErrorPanel } from '../../../ui/error-panel.tsx'
import { Table } from '../../../ui/table.tsx'
import { useToast } from '../../../ui/toasts.tsx'
import { useDeleteIpPool, useIpPools } from '../hooks/use-gateways.ts'
import { clusterNames, describePoolAddresses, type IpPool } from '../ip-pool-form.ts'
import { IpPoolForm } from './ip-pool-form.tsx'

function count(value: string[] | number | boolean | undefined): string {
  if (value === undefined) return '—'
  if (Array.isArray(value)) return String(value.length)
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  return String(value)
}

/** **IP Pools** of one gateway: allotted / available / in use, the clusters holding addresses; create, edit, delete. */
export function IpPoolsSection({ gatewayUid, canManage }: { gatewayUid: string; canManage: boolean }) {
  const pools = useIpPools(gatewayUid)
  const toast = useToast()
  const [editing, setEditing] = useState<{ pool?: IpPool } | null>(null)
  const [deleting, setDeleting] = useState<IpPool | null>(null)
  const [deleteFailure, setDeleteFailure] = useState<{ message: string; reference?: string } | null>(null)
  const deletePool = useDeleteIpPool(gatewayUid)
  const closeDelete = () => {
    setDeleting(null)
    setDeleteFailure(null)
  }

  return (
    <section className="panel stack" aria-labelledby={`pools-${gatewayUid}`}>
      <div className="gateway-card__header">
        <h3 id={`pools-${gatewayUid}`}>IP Pools</h3>
        {canManage ? (
          <Button size="sm" onClick={() => setEditing({})}>
            + Add IP Pool
          </Button>
        ) : null}
      </div>
      {pools.isError ? (
        <ErrorPanel {...describeError(pools.error)} onRetry={() => void pools.refetch()} />
      ) : (
        <Table
          caption="IP pools"
          rows={pools.data}
          isLoading={pools.isLoading}
          rowKey={(p) => p.metadata.uid}
          emptyTitle="No IP pools yet"
          emptyDescription="Static IP clusters of this gateway take their node addresses from its IP pools."
          columns={[
            { key: 'name', header: 'Name', cell: (p) => p.metadata.name },
            { key: 'addresses', header: 'Addresses', cell: (p) => `${describePoolAddresses(p)} /${p.spec.prefix}` },
            { key: 'allotted', header: 'Allotted', align: 'end', cell: (p) => count(p.status.allottedIps) },
            { key: 'available', header: 'Available', align: 'end', cell: (p) => count(p.status.availableIps) },
            { key: 'inUse', header: 'In use', align: 'end', cell: (p) => count(p.status.inUse) },
            {
              key: 'clusters',
              header: 'Clusters',
              cell: (p) => (clusterNames(p).length > 0 ? clusterNames(p).join(', ') : '—'),
            },
            {
              key: 'actions',
              header: <span className="visually-hidden">Actions</span>,
              align: 'end',
              cell: (p) =>
                canManage ? (
                  <>
                    <Button size="sm" variant="ghost" onClick={() => setEditing({ pool: p })}>
                      Edit
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => setDeleting(p)}>
                      Delete
                    </Button>
                  </>
                ) : null,
            },
          ]}
        />
      )}
      {editing ? (
        <Dialog
          open
          onClose={() => setEditing(null)}
          title={editing.pool ? `Edit IP Pool ${editing.pool.metadata.name}` : 'New IP Pool'}
          size="lg"
        >
          <IpPoolForm
            gatewayUid={gatewayUid}
            pool={editing.pool}
            onCancel={() => setEditing(null)}
            onSaved={(_, name) => {
              toast.success(editing.pool ? `IP pool ${name} updated` : `IP pool ${name} created`)
              setEditing(null)
            }}
          />
        </Dialog>
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete IP pool"
        confirmLabel="Delete"
        isPending={deletePool.isPending}
        onCancel={closeDelete}
        message={
          <>
            <p>
              Delete the IP pool <strong>{deleting?.metadata.name}</strong>?
            </p>
            {deleteFailure ? <ErrorPanel {...deleteFailure} /> : null}
          </>
        }
        onConfirm={() => {
          if (!deleting) return
          setDeleteFailure(null)
          deletePool.mutate(deleting.metadata.uid, {
            onSuccess: () => {
              toast.success(`IP pool ${deleting.metadata.name} deleted`)
              closeDelete()
            },
            onError: (error) => setDeleteFailure(describeError(error)),
          })
        }}
      />
    </section>
  )
}
