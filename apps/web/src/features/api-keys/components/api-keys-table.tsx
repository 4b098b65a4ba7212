import type { ApiKey } from '@console/contracts'
import { Badge, type BadgeTone } from '../../../ui/badge.tsx'
import { Button } from '../../../ui/button.tsx'
import { formatDate, formatDateTime } from '../../../ui/format.ts'
import { type Column, Table } from '../../../ui/table.tsx'

const stateTone: Record<ApiKey['status']['state'], BadgeTone> = {
  Active: 'success',
  Revoked: 'danger',
  Expired: 'warning',
}

export function ApiKeysTable({
  apiKeys,
  isLoading,
  onRevoke,
}: {
  apiKeys: ApiKey[] | undefined
  isLoading: boolean
  onRevoke: (key: ApiKey) => void
}) {
  const columns: Column<ApiKey>[] = [
    {
      key: 'name',
      header: 'Name',
      cell: (k) => (
        <div>
          <span className="cell-strong">{k.metadata.name}</span>
          <span className="cell-sub">{k.spec.userName}</span>
        </div>
      ),
    },
    { key: 'prefix', header: 'Prefix', cell: (k) => <code className="code">{k.spec.prefix}…</code> },
    { key: 'state', header: 'State', cell: (k) => <Badge tone={stateTone[k.status.state]}>{k.status.state}</Badge> },
    { key: 'expiry', header: 'Expiry', cell: (k) => (k.spec.expiry ? formatDate(k.spec.expiry) : 'Never') },
    {
      key: 'lastUsed',
      header: 'Last used',
      cell: (k) => (k.status.lastUsed ? formatDateTime(k.status.lastUsed) : 'Never'),
    },
    { key: 'created', header: 'Created', cell: (k) => formatDateTime(k.metadata.creationTimestamp) },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      align: 'end',
      cell: (k) =>
        k.status.state === 'Active' ? (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => onRevoke(k)}
            aria-label={`Revoke API key ${k.metadata.name}`}
          >
            Revoke
          </Button>
        ) : null,
    },
  ]
  return (
    <Table
      caption="API Keys"
      columns={columns}
      rows={apiKeys}
      rowKey={(k) => k.metadata.uid}
      isLoading={isLoading}
      emptyTitle="No API keys yet"
      emptyDescription="Create a key to call the API from scripts, Terraform or CI pipelines."
    />
  )
}
