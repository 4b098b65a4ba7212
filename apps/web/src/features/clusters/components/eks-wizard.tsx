import type { EksClusterCreateInput } from '@console/contracts'
import { AwsAccountDialog } from '../../cloud-accounts/components/aws-account-dialog.tsx'
import { useAwsWizardAccounts, useEksInventoryProblems } from '../hooks/use-eks-inventory.ts'
import { type EksDraft, emptyEksDraft, toEksCreateBody } from '../utils/eks-draft.ts'
import { validateEksBody } from '../utils/validate-draft.ts'
import { BasicInformationStep } from './basic-information-step.tsx'
import { ClusterWizard, type ClusterWizardKind, type WizardStepContext } from './cluster-wizard.tsx'
import { EksClusterConfigStep } from './eks-cluster-config-step.tsx'
import { EksNodesConfigStep } from './eks-nodes-config-step.tsx'
import { ReviewRow, ReviewStep } from './review-step.tsx'
import type { StepProps } from './step-props.ts'

function EksBasicStep(props: StepProps<EksDraft>) {
  const accounts = useAwsWizardAccounts()
  return (
    <BasicInformationStep
      {...props}
      cloud={{
        accounts,
        placeholder: 'Select an AWS account',
        addDialog: (onClose) => <AwsAccountDialog onClose={onClose} />,
        resetOnChange: { region: '', vpcId: '', sshKeyName: '' } satisfies Partial<EksDraft>,
      }}
    />
  )
}

const accessLabel = (access: { public?: boolean; private?: boolean }) =>
  access.private ? (access.public ? 'Private & Public' : 'Private') : 'Public'

function EksReview({
  stepProps,
  body,
  profile,
  verdict,
  isChecking,
}: WizardStepContext<EksDraft, EksClusterCreateInput>) {
  const accounts = useAwsWizardAccounts()
  const { metadata, spec } = body
  const cc = spec.cloudConfig
  const access = cc.endpointAccess ?? {}
  return (
    <ReviewStep
      metadata={metadata}
      profile={profile}
      accountName={accounts.data?.find((a) => a.metadata.uid === stepProps.draft.cloudAccountUid)?.metadata.name}
      verdict={verdict}
      isChecking={isChecking}
    >
      <dl className="review">
        <ReviewRow label="Region" value={cc.region} />
        <ReviewRow label="SSH Key Pair Name" value={cc.sshKeyName} />
        <ReviewRow
          label="Static Placement"
          value={cc.vpcId ? `Yes: ${cc.vpcId}` : 'No (the console creates the VPC)'}
        />
        <ReviewRow label="Cluster Endpoint Access" value={accessLabel(access)} />
        <ReviewRow
          label="Public Access CIDRs"
          value={access.public === false ? '' : (access.publicCIDRs ?? []).join(', ')}
        />
      </dl>
      {spec.machinepoolconfig.map((p, i) => {
        const { cloudConfig: c, poolConfig: pc } = p
        const subnetOf = (az: string) => c.subnets?.find((s) => s.az === az)?.id
        return (
          <dl key={`${pc.name}-${i}`} className="review" aria-label={`Worker pool ${pc.name}`}>
            <ReviewRow label="Worker pool" value={pc.name} />
            <ReviewRow label="Size" value={`min ${pc.minSize} · max ${pc.maxSize} · desired ${pc.size}`} />
            <ReviewRow label="Instance Type" value={c.instanceType} />
            <ReviewRow
              label="Availability Zones"
              value={c.azs.map((az) => (subnetOf(az) ? `${az} (${subnetOf(az)})` : az)).join(', ')}
            />
            <ReviewRow label="Disk Size" value={`${c.rootDeviceSize} GiB`} />
            <ReviewRow
              label="Labels"
              value={Object.entries(pc.additionalLabels ?? {})
                .map(([k, v]) => `${k}: ${v}`)
                .join(', ')}
            />
            <ReviewRow
              label="Taints"
              value={(pc.taints ?? []).map((t) => `${t.key}=${t.value}:${t.effect}`).join(', ')}
            />
            <ReviewRow
              label="Instance purchasing"
              value={
                c.capacityType === 'spot'
                  ? `On-Spot, max bid ${c.spotMarketOptions?.maxPrice ?? '—'} USD/h`
                  : 'On-Demand'
              }
            />
          </dl>
        )
      })}
    </ReviewStep>
  )
}

const eksKind: ClusterWizardKind<EksDraft, EksClusterCreateInput> = {
  id: 'eks',
  cloudType: 'eks',
  cloudName: 'EKS',
  emptyDraft: emptyEksDraft,
  toBody: toEksCreateBody,
  validate: validateEksBody,
  useInventoryProblems: useEksInventoryProblems,
  renderStep: (step, context) => {
    const { stepProps } = context
    switch (step) {
      case 'basic':
        return <EksBasicStep {...stepProps} />
      case 'config':
        return <EksClusterConfigStep {...stepProps} />
      case 'nodes':
        return <EksNodesConfigStep {...stepProps} />
      case 'review':
        return <EksReview {...context} />
    }
  },
}

/** The EKS cluster wizard: the shared steps, and EKS's own Cluster Config and Nodes Config. */
export function EksWizard() {
  return <ClusterWizard kind={eksKind} />
}
