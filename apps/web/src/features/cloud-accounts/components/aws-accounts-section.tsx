import type { AwsAccount } from '@console/contracts'
import { useState } from 'react'
import { Button } from '../../../ui/button.tsx'
import { useCan } from '../../scope/scope-context.tsx'
import { useAwsAccounts } from '../hooks/use-cloud-accounts.ts'
import { awsPermissionsPolicy } from '../permission-policies.ts'
import { AwsAccountDialog } from './aws-account-dialog.tsx'
import { CloudAccountSection } from './cloud-account-section.tsx'
import { CloudAccountsTable } from './cloud-accounts-table.tsx'
import { DeleteCloudAccountDialog } from './delete-cloud-account-dialog.tsx'

type Editing = { account?: AwsAccount } | null

function AwsCredentials({ account }: { account: AwsAccount }) {
  const { spec } = account
  return (
    <div>
      <span>{spec.credentialType === 'sts' ? 'STS' : 'Access Credentials'}</span>
      <span className="cell-sub code">
        {spec.credentialType === 'sts' ? spec.sts?.arn : spec.accessKey} · {spec.partition}
      </span>
    </div>
  )
}

export function AwsAccountsSection() {
  const accounts = useAwsAccounts()
  const canWrite = useCan('cloudaccounts.write')
  const [editing, setEditing] = useState<Editing>(null)
  const [deleting, setDeleting] = useState<AwsAccount | null>(null)
  return (
    <>
      <CloudAccountSection
        title="AWS"
        description="IAM identities the console uses to create AWS and EKS clusters."
        addButton={
          canWrite ? (
            <Button variant="primary" onClick={() => setEditing({})}>
              + AWS Account
            </Button>
          ) : null
        }
        list={accounts}
        policy={awsPermissionsPolicy}
      >
        <CloudAccountsTable
          caption="AWS accounts"
          accounts={accounts.items}
          isLoading={accounts.isLoading}
          credentialsHeader="Credentials"
          credentials={(a) => <AwsCredentials account={a} />}
          emptyTitle="No AWS accounts yet"
          emptyDescription="Add access credentials or an STS role of an IAM identity that holds the controller policy below."
          onEdit={(account) => setEditing({ account })}
          onDelete={setDeleting}
        />
      </CloudAccountSection>
      {editing ? (
        <AwsAccountDialog
          key={editing.account?.metadata.uid ?? 'new'}
          account={editing.account}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <DeleteCloudAccountDialog
        cloud="aws"
        account={deleting ? { uid: deleting.metadata.uid, name: deleting.metadata.name } : null}
        onClose={() => setDeleting(null)}
      />
    </>
  )
}
