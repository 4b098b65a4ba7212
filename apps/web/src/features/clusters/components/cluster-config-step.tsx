import { Select } from '../../../ui/select.tsx'
import {
  useTencentKeyPairs,
  useTencentRegions,
  useTencentSecurityGroups,
  useTencentVpcs,
} from '../hooks/use-tke-inventory.ts'
import type { EndpointAccess, TkeDraft } from '../utils/tke-draft.ts'
import type { StepProps } from './step-props.ts'
import { TextAreaField } from './textarea-field.tsx'

const loading = (isLoading: boolean, what: string) => (isLoading ? `Loading ${what}…` : `Select ${what}`)

export function ClusterConfigStep({ draft, update, errorOf }: StepProps<TkeDraft>) {
  const account = draft.cloudAccountUid
  const regions = useTencentRegions(account)
  const keyPairs = useTencentKeyPairs(account, draft.region)
  const vpcs = useTencentVpcs(account, draft.region)
  const groups = useTencentSecurityGroups(account, draft.region)
  const vpc = vpcs.data?.find((v) => v.vpcId === draft.vpcId)

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
          // Networks, keys and zones are per region: a new region clears them.
          update(
            {
              region: e.target.value,
              vpcId: '',
              sshKeyId: '',
              securityGroup: '',
              pools: draft.pools.map((p) => ({ ...p, azs: [], subnetIds: {}, instanceType: '' })),
            },
            'spec.cloudConfig.region',
          )
        }
        error={errorOf('spec.cloudConfig.region')}
      />
      <Select
        label="SSH Key Pair Name"
        required
        placeholder={loading(keyPairs.isLoading, 'a key pair')}
        options={(keyPairs.data ?? []).map((k) => ({ value: k.id, label: `${k.name} (${k.id})` }))}
        value={draft.sshKeyId}
        onChange={(e) => update({ sshKeyId: e.target.value }, 'spec.cloudConfig.sshKeyIDs')}
        error={errorOf('spec.cloudConfig.sshKeyIDs', true)}
      />
      <div>
        <Select
          label="VPCID"
          required
          placeholder={loading(vpcs.isLoading, 'a VPC')}
          options={(vpcs.data ?? []).map((v) => ({ value: v.vpcId, label: `${v.name} (${v.vpcId}, ${v.cidrBlock})` }))}
          value={draft.vpcId}
          onChange={(e) =>
            update(
              { vpcId: e.target.value, pools: draft.pools.map((p) => ({ ...p, subnetIds: {} })) },
              'spec.cloudConfig.vpcID',
            )
          }
          error={errorOf('spec.cloudConfig.vpcID')}
        />
        {vpc ? (
          <ul className="subnet-list" aria-label={`Subnets of ${vpc.vpcId}`}>
            {vpc.subnets.map((s) => (
              <li key={s.subnetId}>
                {s.name} ({s.subnetId}) {s.cidrBlock} · {s.az}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Cluster Endpoint Access</legend>
        {(
          [
            ['public', 'Public'],
            ['private-public', 'Private & Public'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="radio">
            <input
              type="radio"
              name="endpoint-access"
              value={value}
              checked={draft.endpointAccess === value}
              onChange={() => update({ endpointAccess: value as EndpointAccess }, 'spec.cloudConfig.endpointAccess')}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      <Select
        label="Public Security Group"
        required
        placeholder={loading(groups.isLoading, 'a security group')}
        options={(groups.data ?? []).map((g) => ({ value: g.id, label: `${g.name} (${g.id})` }))}
        value={draft.securityGroup}
        onChange={(e) => update({ securityGroup: e.target.value }, 'spec.cloudConfig.endpointAccess.securityGroup')}
        error={errorOf('spec.cloudConfig.endpointAccess.securityGroup')}
      />
      <TextAreaField
        label="Public Access CIDRs"
        rows={2}
        hint="One CIDR per line, e.g. 203.0.113.0/24"
        value={draft.publicCidrs}
        onChange={(e) => update({ publicCidrs: e.target.value }, 'spec.cloudConfig.endpointAccess.publicCIDRs')}
        error={errorOf('spec.cloudConfig.endpointAccess.publicCIDRs', true)}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.updateWorkerPoolsInParallel}
          onChange={(e) => update({ updateWorkerPoolsInParallel: e.target.checked }, 'spec.clusterConfig')}
        />{' '}
        Update Worker Pools in parallel
      </label>
    </div>
  )
}
