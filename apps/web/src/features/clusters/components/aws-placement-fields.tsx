import type { AwsVpcItem } from '@console/contracts'
import type { ReactNode } from 'react'
import { Select } from '../../../ui/select.tsx'
import { useAwsKeyPairs, useAwsRegions, useAwsVpcs } from '../hooks/use-eks-inventory.ts'
import type { AwsPlacementDraft } from '../utils/eks-draft.ts'
import type { StepProps } from './step-props.ts'

const loading = (isLoading: boolean, what: string) => (isLoading ? `Loading ${what}…` : `Select ${what}`)

/**
 * The AWS placement of every AWS wizard's **Cluster Config** (EKS and IaaS): **Region**, **SSH Key
 * Pair Name**, **Static Placement** and then the **Virtual Network** whose subnets the node pools pick.
 * `staticFields` gets the chosen VPC and draws the cloud's own fields under it.
 */
export function AwsPlacementFields<D extends AwsPlacementDraft>({
  draft,
  update,
  errorOf,
  staticFields,
}: StepProps<D> & { staticFields?: (vpc: AwsVpcItem | undefined) => ReactNode }) {
  const account = draft.cloudAccountUid
  const regions = useAwsRegions(account)
  const keyPairs = useAwsKeyPairs(account, draft.region)
  const vpcs = useAwsVpcs(account, draft.region)
  const vpc = vpcs.data?.find((v) => v.vpcId === draft.vpcId)
  const clearSubnets = () => draft.pools.map((p) => ({ ...p, subnetIds: {} }))
  // A change of D's placement fields and pools (whose element type D may narrow: the spread keeps it).
  const change = (c: Partial<AwsPlacementDraft>) => c as Partial<D>

  return (
    <>
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
            change({
              region: e.target.value,
              vpcId: '',
              sshKeyName: '',
              pools: draft.pools.map((p) => ({ ...p, azs: [], subnetIds: {}, instanceType: '', onDemandPrice: null })),
            }),
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
        onChange={(e) => update(change({ sshKeyName: e.target.value }), 'spec.cloudConfig.sshKeyName')}
        error={errorOf('spec.cloudConfig.sshKeyName')}
      />
      <div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.staticPlacement}
            onChange={(e) =>
              update(
                change({ staticPlacement: e.target.checked, vpcId: '', pools: clearSubnets() }),
                'spec.cloudConfig.vpcId',
              )
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
            onChange={(e) => update(change({ vpcId: e.target.value, pools: clearSubnets() }), 'spec.cloudConfig.vpcId')}
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
          {staticFields?.(vpc)}
        </div>
      ) : null}
    </>
  )
}
