import type { TencentAccount } from '@console/contracts'
import { useState } from 'react'
import { Button } from '../../../ui/button.tsx'
import { useCan } from '../../scope/scope-context.tsx'
import { useTencentAccounts } from '../hooks/use-cloud-accounts.ts'
import { tencentPermissionsPolicy } from '../permission-policies.ts'
import { CloudAccountSection } from './cloud-account-section.tsx'
import { CloudAccountsTable } from './cloud-accounts-table.tsx'
import { DeleteCloudAccountDialog } from './delete-cloud-account-dialog.tsx'
import { TencentAccountDialog } from './tencent-account-dialog.tsx'

type Editing = { account?: TencentAccount } | null

export function TencentAccountsSection() {
  const accounts = useTencentAccounts()
  const canWrite = useCan('cloudaccounts.write')
  const [editing, setEditing] = useState<Editing>(null)
  const [deleting, setDeleting] = useState<TencentAccount | null>(null)
  return (
    <>
      <CloudAccountSection
        title="Tencent Cloud"
        description="CAM API keys the console uses to create TKE clusters."
        addButton={
          canWrite ? (
            <Button variant="primary" onClick={() => setEditing({})}>
              + Tencent Account
            </Button>
          ) : null
        }
        list={accounts}
        policy={tencentPermissionsPolicy}
      >
        <CloudAccountsTable
          caption="Tencent Cloud accounts"
          accounts={accounts.items}
          isLoading={accounts.isLoading}
          credentialsHeader="Secret ID"
          credentials={(a) => <span className="code">{a.spec.secretId}</span>}
          emptyTitle="No Tencent Cloud accounts yet"
          emptyDescription="Add a Secret ID and Secret Key of a CAM user that holds the policy below to create TKE clusters."
          onEdit={(account) => setEditing({ account })}
          onDelete={setDeleting}
        />
      </CloudAccountSection>
      {editing ? (
        <TencentAccountDialog
          key={editing.account?.metadata.uid ?? 'new'}
          account={editing.account}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <DeleteCloudAccountDialog
        cloud="tencent"
        account={deleting ? { uid: deleting.metadata.uid, name: deleting.metadata.name } : null}
        onClose={() => setDeleting(null)}
      />
    </>
  )
}
