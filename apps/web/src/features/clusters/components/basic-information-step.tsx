import { useState } from 'react'
import { Link } from 'react-router'
import { Button } from '../../../ui/button.tsx'
import { Select } from '../../../ui/select.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { TencentAccountDialog } from '../../cloud-accounts/components/tencent-account-dialog.tsx'
import { useCan } from '../../scope/scope-context.tsx'
import { useTencentAccounts } from '../hooks/use-tke-inventory.ts'
import type { StepProps } from './step-props.ts'
import { TagsField } from './tags-field.tsx'
import { TextAreaField } from './textarea-field.tsx'

export function BasicInformationStep({ draft, update, errorOf }: StepProps) {
  const accounts = useTencentAccounts()
  const canAddAccount = useCan('cloudaccounts.write')
  const [adding, setAdding] = useState(false)
  return (
    <div className="form-grid">
      <TextField
        label="Cluster Name"
        value={draft.name}
        required
        maxLength={63}
        onChange={(e) => update({ name: e.target.value }, 'metadata.name')}
        error={errorOf('metadata.name')}
      />
      <TextAreaField
        label="Description"
        value={draft.description}
        rows={2}
        onChange={(e) => update({ description: e.target.value }, 'metadata.description')}
        error={errorOf('metadata.description')}
      />
      <TagsField
        value={draft.tags}
        onChange={(tags) => update({ tags }, 'metadata.labels')}
        error={errorOf('metadata.labels', true)}
      />
      <div className="inline-field">
        <Select
          label="Cloud Account"
          placeholder={accounts.isLoading ? 'Loading accounts…' : 'Select a Tencent account'}
          options={(accounts.data ?? []).map((a) => ({ value: a.metadata.uid, label: a.metadata.name }))}
          value={draft.cloudAccountUid}
          required
          onChange={(e) =>
            // A different account sees other regions and networks: what was picked from the old one goes.
            update(
              { cloudAccountUid: e.target.value, region: '', vpcId: '', sshKeyId: '', securityGroup: '' },
              'spec.cloudAccountUid',
            )
          }
          error={errorOf('spec.cloudAccountUid') ?? errorOf('ProjectUid')}
        />
        {canAddAccount ? (
          <Button aria-label="Add New Account" title="Add New Account" onClick={() => setAdding(true)}>
            +
          </Button>
        ) : (
          <Link to="/cloud-accounts">Cloud Accounts</Link>
        )}
      </div>
      {adding ? (
        <TencentAccountDialog
          onClose={() => {
            setAdding(false)
            void accounts.refetch()
          }}
        />
      ) : null}
    </div>
  )
}
