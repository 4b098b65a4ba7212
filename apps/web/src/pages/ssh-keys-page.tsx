import type { SshKey } from '@console/contracts'
import { useState } from 'react'
import { describeError } from '../api/api-error.ts'
import { useCan } from '../features/scope/scope-context.tsx'
import { DeleteSshKeyDialog } from '../features/ssh-keys/components/delete-ssh-key-dialog.tsx'
import { SshKeyDialog } from '../features/ssh-keys/components/ssh-key-dialog.tsx'
import { SshKeysTable } from '../features/ssh-keys/components/ssh-keys-table.tsx'
import { useSshKeys } from '../features/ssh-keys/hooks/use-ssh-keys.ts'
import { Button } from '../ui/button.tsx'
import { ErrorPanel } from '../ui/error-panel.tsx'
import { ListFooter } from '../ui/list-footer.tsx'
import { PageHeader } from '../ui/page-header.tsx'

type Editing = { sshKey?: SshKey } | null

export function SshKeysPage() {
  const sshKeys = useSshKeys()
  const canWrite = useCan('sshkeys.write')
  const [editing, setEditing] = useState<Editing>(null)
  const [deleting, setDeleting] = useState<SshKey | null>(null)
  return (
    <>
      <PageHeader
        title="SSH Keys"
        description="Public keys the console puts on cluster machines, so the people who hold the private keys can log in."
        actions={
          canWrite ? (
            <Button variant="primary" onClick={() => setEditing({})}>
              + New SSH Key
            </Button>
          ) : null
        }
      />
      {sshKeys.isError ? (
        <ErrorPanel {...describeError(sshKeys.error)} onRetry={() => void sshKeys.refetch()} />
      ) : (
        <section className="panel" aria-label="SSH key list">
          <SshKeysTable
            sshKeys={sshKeys.items}
            isLoading={sshKeys.isLoading}
            onEdit={(sshKey) => setEditing({ sshKey })}
            onDelete={setDeleting}
          />
          <ListFooter
            shown={sshKeys.items?.length ?? 0}
            total={sshKeys.total}
            hasMore={sshKeys.hasMore}
            isLoadingMore={sshKeys.isLoadingMore}
            onLoadMore={sshKeys.loadMore}
            noun="SSH keys"
          />
        </section>
      )}
      {editing ? (
        <SshKeyDialog
          key={editing.sshKey?.metadata.uid ?? 'new'}
          sshKey={editing.sshKey}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <DeleteSshKeyDialog sshKey={deleting} onClose={() => setDeleting(null)} />
    </>
  )
}
