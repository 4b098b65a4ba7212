import type { AwsAccount, TencentAccount, VsphereAccount } from '@console/contracts'
import type { ReactNode } from 'react'
import { Badge } from '../../../ui/badge.tsx'
import { Button } from '../../../ui/button.tsx'
import { formatDateTime } from '../../../ui/format.ts'
import { type Column, Table } from '../../../ui/table.tsx'
import { useCan, useScope } from '../../scope/scope-context.tsx'

type Account = TencentAccount | AwsAccount | VsphereAccount

/**
 * One cloud's accounts: name and description, scope, credentials, whom the cloud says they belong
 * to, when the cloud last accepted them, and Edit / Delete where the user may manage the account.
 */
export function CloudAccountsTable<T extends Account>({
  caption,
  accounts,
  isLoading,
  credentialsHeader,
  credentials,
  emptyTitle,
  emptyDescription,
  onEdit,
  onDelete,
  managedElsewhere,
}: {
  caption: string
  accounts: T[] | undefined
  isLoading: boolean
  credentialsHeader: string
  credentials: (account: T) => ReactNode
  emptyTitle: string
  emptyDescription: string
  onEdit: (account: T) => void
  onDelete: (account: T) => void
  /** Why an account is not edited here (a gateway's own vSphere account follows the gateway), if so. */
  managedElsewhere?: (account: T) => string | undefined
}) {
  const { current, options } = useScope()
  const canWrite = useCan('cloudaccounts.write')
  const projectName = (uid: string | undefined) => options.find((o) => o.projectUid === uid)?.label ?? uid
  // A tenant-wide account is managed in tenant scope; a project sees it but cannot change it.
  const canManage = (a: T) =>
    canWrite && (current?.projectUid === undefined || a.metadata.annotations.scope === 'project')

  const columns: Column<T>[] = [
    {
      key: 'name',
      header: 'Name',
      cell: (a) => (
        <div>
          <span className="cell-strong nowrap">{a.metadata.name}</span>
          {a.metadata.description ? <span className="cell-sub">{a.metadata.description}</span> : null}
        </div>
      ),
    },
    {
      key: 'scope',
      header: 'Scope',
      cell: (a) =>
        a.metadata.annotations.scope === 'tenant' ? (
          <Badge tone="info">Tenant</Badge>
        ) : (
          <span>
            <Badge tone="neutral">Project</Badge>{' '}
            <span className="cell-muted">{projectName(a.metadata.annotations.projectUid)}</span>
          </span>
        ),
    },
    { key: 'credentials', header: credentialsHeader, cell: credentials },
    {
      key: 'identity',
      header: 'Cloud identity',
      cell: (a) =>
        a.status.identity ? (
          <div>
            <span className="code">{a.status.identity.accountId}</span>
            <span className="cell-sub code">{a.status.identity.principal}</span>
          </div>
        ) : (
          <span className="cell-muted">—</span>
        ),
    },
    {
      key: 'validated',
      header: 'Last validated',
      cell: (a) => <span className="nowrap">{formatDateTime(a.status.validatedAt)}</span>,
    },
    {
      key: 'created',
      header: 'Created',
      cell: (a) => <span className="nowrap">{formatDateTime(a.metadata.creationTimestamp)}</span>,
    },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      align: 'end',
      width: '9rem',
      cell: (a) =>
        managedElsewhere?.(a) ? (
          <span className="cell-muted">{managedElsewhere(a)}</span>
        ) : canManage(a) ? (
          <div className="row-actions">
            <Button size="sm" variant="ghost" onClick={() => onEdit(a)} aria-label={`Edit account ${a.metadata.name}`}>
              Edit
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => onDelete(a)}
              aria-label={`Delete account ${a.metadata.name}`}
            >
              Delete
            </Button>
          </div>
        ) : null,
    },
  ]
  return (
    <Table
      caption={caption}
      columns={columns}
      rows={accounts}
      rowKey={(a) => a.metadata.uid}
      isLoading={isLoading}
      emptyTitle={emptyTitle}
      emptyDescription={emptyDescription}
    />
  )
}
