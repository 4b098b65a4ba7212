import { Select } from '../../../ui/select.tsx'
import { useAwsKeyPairs, useAwsRegions, useAwsVpcs } from '../hooks/use-eks-inventory.ts'
import type { EksDraft, EksEndpointAccess } from '../utils/eks-draft.ts'
import type { StepProps } from './step-props.ts'
import { TextAreaField } from './textarea-field.tsx'

const loading = (isLoading: boolean, what: string) => (isLoading ? `Loading ${what}…` : `Select ${what}`)

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
  const account = draft.cloudAccountUid
  const regions = useAwsRegions(account)
  const keyPairs = useAwsKeyPairs(account, draft.region)
  const vpcs = useAwsVpcs(account, draft.region)
  const vpc = vpcs.data?.find((v) => v.vpcId === draft.vpcId)
  const clearSubnets = () => draft.pools.map((p) => ({ ...p, subnetIds: {} }))

  return (
    <div className="form-grid">
      <Select
        label="Region"
        required
        placeholder={loading(regions.isLoading, 'a region')}
        options={(regions.data ?? []).map((r) => ({
          value: r.name,
          label: r.displayName ? `${r.displayName} (${r.name})` : r.name,
        }))}
        value={draft.region}
        onChange={(e) =>
          // Networks, keys, zones and instance types are per region: a new region clears them.
          update(
            {
              region: e.target.value,
              vpcId: '',
              sshKeyName: '',
              pools: draft.pools.map((p) => ({ ...p, azs: [], subnetIds: {}, instanceType: '', onDemandPrice: null })),
            },
            'spec.cloudConfig.region',
          )
        }
        error={errorOf('spec.cloudConfig.region')}
      />
      <Select
        label="SSH Key Pair Name"
        placeholder={keyPairs.isLoading ? 'Loading key pairs…' : 'None'}
        options={(keyPairs.data ?? []).map((k) => ({ value: k.name, label: k.name }))}
        value={draft.sshKeyName}
        onChange={(e) => update({ sshKeyName: e.target.value }, 'spec.cloudConfig.sshKeyName')}
        error={errorOf('spec.cloudConfig.sshKeyName')}
      />
      <div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.staticPlacement}
            onChange={(e) =>
              update({ staticPlacement: e.target.checked, vpcId: '', pools: clearSubnets() }, 'spec.cloudConfig.vpcId')
            }
          />{' '}
          Static Placement
        </label>
        <p className="field__hint">
          {draft.staticPlacement
            ? 'The cluster is placed in an existing VPC: choose it here and a subnet per zone for every node pool.'
            : 'The console creates a VPC with a public and a private subnet in every zone of the node pools, and deletes them with the cluster.'}
        </p>
      </div>
      {draft.staticPlacement ? (
        <div>
          <Select
            label="Virtual Network"
            required
            placeholder={loading(vpcs.isLoading, 'a VPC')}
            options={(vpcs.data ?? []).map((v) => ({
              value: v.vpcId,
              label: `${v.name || v.vpcId} (${v.vpcId}, ${v.cidrBlock})`,
            }))}
            value={draft.vpcId}
            onChange={(e) => update({ vpcId: e.target.value, pools: clearSubnets() }, 'spec.cloudConfig.vpcId')}
            error={errorOf('spec.cloudConfig.vpcId')}
          />
          {vpc ? (
            <ul className="subnet-list" aria-label={`Subnets of ${vpc.vpcId}`}>
              {vpc.subnets.map((s) => (
                <li key={s.subnetId}>
                  {s.name || s.subnetId} ({s.subnetId}) {s.cidrBlock} · {s.az} · {s.isPrivate ? 'private' : 'public'}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
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
