import { type ReactNode, useState } from 'react'
import { Link } from 'react-router'
import { Button } from '../../../ui/button.tsx'
import { Select } from '../../../ui/select.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { useCan } from '../../scope/scope-context.tsx'
import type { StepProps } from './step-props.ts'
import { TagsField } from './tags-field.tsx'
import { TextAreaField } from './textarea-field.tsx'

/** The cloud's accounts for the **Cloud Account** drop-down, and its **Add New Account** wizard. */
export interface WizardAccounts {
  accounts: {
    data: ReadonlyArray<{ metadata: { uid: string; name: string } }> | undefined
    isLoading: boolean
    refetch: () => unknown
  }
  /** The drop-down's placeholder, e.g. "Select an AWS account". */
  placeholder: string
  /** The cloud's account wizard, opened inline. */
  addDialog: (onClose: () => void) => ReactNode
  /** What a different account invalidates (regions, networks, keys picked from the old one). */
  resetOnChange: object
}

/** **Basic Information**: Cluster Name, Description, Tags and the Cloud Account, the same for every cloud. */
export function BasicInformationStep({ draft, update, errorOf, cloud }: StepProps & { cloud: WizardAccounts }) {
  const { accounts } = cloud
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
          placeholder={accounts.isLoading ? 'Loading accounts…' : cloud.placeholder}
          options={(accounts.data ?? []).map((a) => ({ value: a.metadata.uid, label: a.metadata.name }))}
          value={draft.cloudAccountUid}
          required
          onChange={(e) =>
            // A different account sees other regions and networks: what was picked from the old one goes.
            update({ ...cloud.resetOnChange, cloudAccountUid: e.target.value }, 'spec.cloudAccountUid')
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
      {adding
        ? cloud.addDialog(() => {
            setAdding(false)
            void accounts.refetch()
          })
        : null}
    </div>
  )
}
