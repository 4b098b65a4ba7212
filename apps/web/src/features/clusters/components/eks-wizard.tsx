import type { EksClusterCreateInput } from '@console/contracts'
import { useEksInventoryProblems } from '../hooks/use-eks-inventory.ts'
import { type EksDraft, emptyEksDraft, toEksCreateBody } from '../utils/eks-draft.ts'
import { validateEksBody } from '../utils/validate-draft.ts'
import { AwsBasicStep, AwsPlacementReviewRows, Ec2PoolReview, useAwsAccountName } from './aws-wizard-parts.tsx'
import { ClusterWizard, type ClusterWizardKind, type WizardStepContext } from './cluster-wizard.tsx'
import { EksClusterConfigStep } from './eks-cluster-config-step.tsx'
import { EksNodesConfigStep } from './eks-nodes-config-step.tsx'
import { ReviewRow, ReviewStep } from './review-step.tsx'

const accessLabel = (access: { public?: boolean; private?: boolean }) =>
  access.private ? (access.public ? 'Private & Public' : 'Private') : 'Public'

function EksReview({
  stepProps,
  body,
  profile,
  verdict,
  isChecking,
}: WizardStepContext<EksDraft, EksClusterCreateInput>) {
  const accountName = useAwsAccountName(stepProps.draft.cloudAccountUid)
  const { metadata, spec } = body
  const cc = spec.cloudConfig
  const access = cc.endpointAccess ?? {}
  return (
    <ReviewStep
      metadata={metadata}
      profile={profile}
      accountName={accountName}
      verdict={verdict}
      isChecking={isChecking}
    >
      <dl className="review">
        <AwsPlacementReviewRows cloudConfig={cc} />
        <ReviewRow label="Cluster Endpoint Access" value={accessLabel(access)} />
        <ReviewRow
          label="Public Access CIDRs"
          value={access.public === false ? '' : (access.publicCIDRs ?? []).join(', ')}
        />
      </dl>
      {spec.machinepoolconfig.map((p, i) => (
        <Ec2PoolReview key={`${p.poolConfig.name}-${i}`} pool={p} title="Worker pool">
          <ReviewRow
            label="Size"
            value={`min ${p.poolConfig.minSize} · max ${p.poolConfig.maxSize} · desired ${p.poolConfig.size}`}
          />
        </Ec2PoolReview>
      ))}
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
        return <AwsBasicStep {...stepProps} />
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
