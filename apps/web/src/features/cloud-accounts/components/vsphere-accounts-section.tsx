import type { VsphereAccount } from '@console/contracts'
import { useState } from 'react'
import { Button } from '../../../ui/button.tsx'
import { useCan } from '../../scope/scope-context.tsx'
import { useVsphereAccounts } from '../hooks/use-cloud-accounts.ts'
import { vspherePermissionsPolicy } from '../permission-policies.ts'
import { CloudAccountSection } from './cloud-account-section.tsx'
import { CloudAccountsTable } from './cloud-accounts-table.tsx'
import { DeleteCloudAccountDialog } from './delete-cloud-account-dialog.tsx'
import { VsphereAccountDialog } from './vsphere-account-dialog.tsx'

type Editing = { account?: VsphereAccount } | null

/** VMware vSphere accounts: each gateway's own, and more added with **+ VMware Account** (validated through a gateway). */
export function VsphereAccountsSection() {
  const accounts = useVsphereAccounts()
  const canWrite = useCan('cloudaccounts.write')
  const [editing, setEditing] = useState<Editing>(null)
  const [deleting, setDeleting] = useState<VsphereAccount | null>(null)
  return (
    <>
      <CloudAccountSection
        title="VMware vSphere"
        description="vCenter users the Private Cloud Gateways act as: each gateway brings its own; add others for other users."
        addButton={
          canWrite ? (
            <Button variant="primary" onClick={() => setEditing({})}>
              + VMware Account
            </Button>
          ) : null
        }
        list={accounts}
        policy={vspherePermissionsPolicy}
      >
        <CloudAccountsTable
          caption="VMware vSphere accounts"
          accounts={accounts.items}
          isLoading={accounts.isLoading}
          credentialsHeader="vCenter Server"
          credentials={(a) => (
            <div>
              <span className="code">{a.spec.vcenterServer}</span>
              <span className="cell-sub code">{a.spec.username}</span>
            </div>
          )}
          emptyTitle="No vSphere accounts yet"
          emptyDescription="A Running Private Cloud Gateway brings its vSphere account; add more for other vCenter users."
          onEdit={(account) => setEditing({ account })}
          onDelete={setDeleting}
          managedElsewhere={(a) => (a.metadata.annotations.gatewayAccount ? 'Managed with its gateway' : undefined)}
        />
      </CloudAccountSection>
      {editing ? (
        <VsphereAccountDialog
          key={editing.account?.metadata.uid ?? 'new'}
          account={editing.account}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <DeleteCloudAccountDialog
        cloud="vsphere"
        account={deleting ? { uid: deleting.metadata.uid, name: deleting.metadata.name } : null}
        onClose={() => setDeleting(null)}
      />
    </>
  )
}
