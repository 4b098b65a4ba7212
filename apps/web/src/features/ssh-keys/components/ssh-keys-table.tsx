import type { SshKey } from '@console/contracts'
import { Badge } from '../../../ui/badge.tsx'
import { Button } from '../../../ui/button.tsx'
import { formatDateTime } from '../../../ui/format.ts'
import { type Column, Table } from '../../../ui/table.tsx'
import { useCan, useScope } from '../../scope/scope-context.tsx'

export function SshKeysTable({
  sshKeys,
  isLoading,
  onEdit,
  onDelete,
}: {
  sshKeys: SshKey[] | undefined
  isLoading: boolean
  onEdit: (key: SshKey) => void
  onDelete: (key: SshKey) => void
}) {
  const { current } = useScope()
  const canWrite = useCan('sshkeys.write')
  // A tenant-wide key is managed in tenant scope; a project sees it but cannot change it.
  const canManage = (k: SshKey) =>
    canWrite && (current?.projectUid === undefined || k.metadata.annotations.scope === 'project')
  const columns: Column<SshKey>[] = [
    {
      key: 'name',
      header: 'Name',
      cell: (k) => (
        <div>
          <span className="cell-strong">{k.metadata.name}</span>
          <span className="cell-sub">{k.spec.publicKey.split(' ')[0]}</span>
        </div>
      ),
    },
    { key: 'fingerprint', header: 'Fingerprint', cell: (k) => <span className="code">{k.spec.fingerprint}</span> },
    {
      key: 'scope',
      header: 'Scope',
      width: '7rem',
      cell: (k) =>
        k.metadata.annotations.scope === 'tenant' ? <Badge tone="info">Tenant</Badge> : <Badge>Project</Badge>,
    },
    { key: 'created', header: 'Created', width: '12rem', cell: (k) => formatDateTime(k.metadata.creationTimestamp) },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      align: 'end',
      width: '9rem',
      cell: (k) =>
        canManage(k) ? (
          <div className="row-actions">
            <Button size="sm" variant="ghost" onClick={() => onEdit(k)} aria-label={`Edit SSH key ${k.metadata.name}`}>
              Edit
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => onDelete(k)}
              aria-label={`Delete SSH key ${k.metadata.name}`}
            >
              Delete
            </Button>
          </div>
        ) : null,
    },
  ]
  return (
    <Table
      caption="SSH keys"
      columns={columns}
      rows={sshKeys}
      rowKey={(k) => k.metadata.uid}
      isLoading={isLoading}
      emptyTitle="No SSH keys yet"
      emptyDescription="Add the public keys that should be able to log in to the machines of your clusters."
    />
  )
}
