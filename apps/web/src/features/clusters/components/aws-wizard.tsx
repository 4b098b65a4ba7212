import { type AwsClusterCreateInput, ROLLING_UPDATE_LABELS } from '@console/contracts'
import { useAwsInventoryProblems, useAwsSubnetTagWarnings } from '../hooks/use-eks-inventory.ts'
import { type AwsDraft, emptyAwsDraft, toAwsCreateBody } from '../utils/aws-draft.ts'
import { validateAwsBody } from '../utils/validate-draft.ts'
import { errorAt } from '../utils/wizard-steps.ts'
import { AwsClusterConfigStep } from './aws-cluster-config-step.tsx'
import { AwsNodesConfigStep } from './aws-nodes-config-step.tsx'
import { AwsBasicStep, AwsPlacementReviewRows, Ec2PoolReview, useAwsAccountName } from './aws-wizard-parts.tsx'
import { ClusterWizard, type ClusterWizardKind, type WizardStepContext } from './cluster-wizard.tsx'
import { ReviewRow, ReviewStep } from './review-step.tsx'

function AwsReview({
  stepProps,
  body,
  profile,
  verdict,
  isChecking,
}: WizardStepContext<AwsDraft, AwsClusterCreateInput>) {
  const accountName = useAwsAccountName(stepProps.draft.cloudAccountUid)
  const { metadata, spec } = body
  return (
    <ReviewStep
      metadata={metadata}
      profile={profile}
      accountName={accountName}
      verdict={verdict}
      isChecking={isChecking}
    >
      <dl className="review">
        <AwsPlacementReviewRows cloudConfig={spec.cloudConfig} />
        <ReviewRow
          label="Update Worker Pools in parallel"
          value={spec.clusterConfig?.updateWorkerPoolsInParallel === false ? 'No' : 'Yes'}
        />
      </dl>
      {spec.machinepoolconfig.map((p, i) => (
        <Ec2PoolReview
          key={`${p.poolConfig.name}-${i}`}
          pool={p}
          title={p.poolConfig.isControlPlane ? 'Master pool' : 'Worker pool'}
        >
          <ReviewRow label="Size" value={String(p.poolConfig.size)} />
          {p.poolConfig.isControlPlane ? (
            <ReviewRow label="Allow worker capability" value={p.poolConfig.useControlPlaneAsWorker ? 'Yes' : 'No'} />
          ) : null}
          <ReviewRow
            label="Rolling Update"
            value={ROLLING_UPDATE_LABELS[p.poolConfig.updateStrategy?.type ?? 'RollingUpdateScaleOut']}
          />
        </Ec2PoolReview>
      ))}
    </ReviewStep>
  )
}

/**
 * Static subnets without the load balancer discovery tags: checked in the browser as the subnets are
 * picked (the server's validate answers the same warnings, shown on Review).
 */
function useWarningOf({ stepProps, body, verdict }: WizardStepContext<AwsDraft, AwsClusterCreateInput>) {
  const local = useAwsSubnetTagWarnings(stepProps.draft, body)
  return (path: string) => errorAt(local, path) ?? errorAt(verdict?.warnings ?? [], path)
}

function AwsConfigStep(context: WizardStepContext<AwsDraft, AwsClusterCreateInput>) {
  return <AwsClusterConfigStep {...context.stepProps} warningOf={useWarningOf(context)} />
}

function AwsNodesStep(context: WizardStepContext<AwsDraft, AwsClusterCreateInput>) {
  return <AwsNodesConfigStep {...context.stepProps} warningOf={useWarningOf(context)} />
}

const awsKind: ClusterWizardKind<AwsDraft, AwsClusterCreateInput> = {
  id: 'aws',
  cloudType: 'aws',
  cloudName: 'AWS',
  emptyDraft: emptyAwsDraft,
  toBody: toAwsCreateBody,
  validate: validateAwsBody,
  useInventoryProblems: useAwsInventoryProblems,
  renderStep: (step, context) => {
    switch (step) {
      case 'basic':
        return <AwsBasicStep {...context.stepProps} />
      case 'config':
        return <AwsConfigStep {...context} />
      case 'nodes':
        return <AwsNodesStep {...context} />
      case 'review':
        return <AwsReview {...context} />
    }
  },
}

/** The AWS IaaS cluster wizard: the shared steps, and AWS's own Cluster Config and Nodes Config. */
export function AwsWizard() {
  return <ClusterWizard kind={awsKind} />
}
