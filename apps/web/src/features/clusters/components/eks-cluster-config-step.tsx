import type { EksDraft, EksEndpointAccess } from '../utils/eks-draft.ts'
import { AwsPlacementFields } from './aws-placement-fields.tsx'
import type { StepProps } from './step-props.ts'
import { TextAreaField } from './textarea-field.tsx'

const accessChoices: ReadonlyArray<[EksEndpointAccess, string]> = [
  ['public', 'Public'],
  ['private', 'Private'],
  ['private-public', 'Private & Public'],
]

/**
 * EKS **Cluster Config**: Region, SSH Key Pair Name, Static Placement (then the Virtual Network whose
 * subnets the node pools pick), Cluster Endpoint Access and Public Access CIDRs.
 */
export function EksClusterConfigStep({ draft, update, errorOf }: StepProps<EksDraft>) {
  return (
    <div className="form-grid">
      <AwsPlacementFields draft={draft} update={update} errorOf={errorOf} />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Cluster Endpoint Access</legend>
        {accessChoices.map(([value, label]) => (
          <label key={value} className="radio">
            <input
              type="radio"
              name="eks-endpoint-access"
              value={value}
              checked={draft.endpointAccess === value}
              onChange={() => update({ endpointAccess: value }, 'spec.cloudConfig.endpointAccess')}
            />{' '}
            {label}
          </label>
        ))}
        {errorOf('spec.cloudConfig.endpointAccess.public') ? (
          <p className="field__error">{errorOf('spec.cloudConfig.endpointAccess.public')}</p>
        ) : null}
      </fieldset>
      {draft.endpointAccess !== 'private' ? (
        <TextAreaField
          label="Public Access CIDRs"
          rows={2}
          hint="Who may reach the public endpoint: one CIDR per line, e.g. 203.0.113.0/24 (0.0.0.0/0 for everyone)"
          value={draft.publicCidrs}
          onChange={(e) => update({ publicCidrs: e.target.value }, 'spec.cloudConfig.endpointAccess.publicCIDRs')}
          error={errorOf('spec.cloudConfig.endpointAccess.publicCIDRs', true)}
        />
      ) : null}
    </div>
  )
}
