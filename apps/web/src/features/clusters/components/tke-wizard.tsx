import type { TkeClusterCreateInput } from '@console/contracts'
import { TencentAccountDialog } from '../../cloud-accounts/components/tencent-account-dialog.tsx'
import { useTencentAccounts } from '../hooks/use-tke-inventory.ts'
import { emptyTkeDraft, type TkeDraft, toTkeCreateBody } from '../utils/tke-draft.ts'
import { validateTkeBody } from '../utils/validate-draft.ts'
import { BasicInformationStep } from './basic-information-step.tsx'
import { ClusterConfigStep } from './cluster-config-step.tsx'
import { ClusterWizard, type ClusterWizardKind, type WizardStepContext } from './cluster-wizard.tsx'
import { NodesConfigStep } from './nodes-config-step.tsx'
import { ReviewRow, ReviewStep } from './review-step.tsx'
import type { StepProps } from './step-props.ts'

function TkeBasicStep(props: StepProps<TkeDraft>) {
  const accounts = useTencentAccounts()
  return (
    <BasicInformationStep
      {...props}
      cloud={{
        accounts,
        placeholder: 'Select a Tencent account',
        addDialog: (onClose) => <TencentAccountDialog onClose={onClose} />,
        resetOnChange: { region: '', vpcId: '', sshKeyId: '', securityGroup: '' } satisfies Partial<TkeDraft>,
      }}
    />
  )
}

function TkeReview({
  stepProps,
  body,
  profile,
  verdict,
  isChecking,
}: WizardStepContext<TkeDraft, TkeClusterCreateInput>) {
  const accounts = useTencentAccounts()
  const { metadata, spec } = body
  const cc = spec.cloudConfig
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
        <ReviewRow label="SSH Key Pair Name" value={cc.sshKeyIDs.join(', ')} />
        <ReviewRow label="VPCID" value={cc.vpcID} />
        <ReviewRow label="Cluster Endpoint Access" value={cc.endpointAccess.private ? 'Private & Public' : 'Public'} />
        <ReviewRow label="Public Security Group" value={cc.endpointAccess.securityGroup} />
        <ReviewRow label="Public Access CIDRs" value={cc.endpointAccess.publicCIDRs.join(', ')} />
        <ReviewRow
          label="Update Worker Pools in parallel"
          value={spec.clusterConfig?.updateWorkerPoolsInParallel ? 'Yes' : 'No'}
        />
      </dl>
      {spec.machinepoolconfig.map((p, i) => (
        <dl key={`${p.poolConfig.name}-${i}`} className="review" aria-label={`Worker pool ${p.poolConfig.name}`}>
          <ReviewRow label="Worker pool" value={p.poolConfig.name} />
          <ReviewRow
            label="Size"
            value={`min ${p.poolConfig.minSize} · max ${p.poolConfig.maxSize} · desired ${p.poolConfig.size}`}
          />
          <ReviewRow label="Instance Type" value={p.cloudConfig.instanceType} />
          <ReviewRow
            label="Availability Zones"
            value={p.cloudConfig.azs.map((az) => `${az} (${p.cloudConfig.subnetIds[az] ?? '—'})`).join(', ')}
          />
          <ReviewRow label="Disk Size" value={`${p.cloudConfig.rootDeviceSize} GB`} />
        </dl>
      ))}
    </ReviewStep>
  )
}

const tkeKind: ClusterWizardKind<TkeDraft, TkeClusterCreateInput> = {
  id: 'tke',
  cloudType: 'tencent',
  cloudName: 'Tencent',
  emptyDraft: emptyTkeDraft,
  toBody: (draft, layers) => {
    const { body, tagError } = toTkeCreateBody(draft, layers)
    return { body, problems: tagError ? [{ path: 'metadata.labels', message: tagError }] : [] }
  },
  validate: (body, problems, layers) => [...problems, ...validateTkeBody(body, undefined, layers)],
  renderStep: (step, context) => {
    const { stepProps } = context
    switch (step) {
      case 'basic':
        return <TkeBasicStep {...stepProps} />
      case 'config':
        return <ClusterConfigStep {...stepProps} />
      case 'nodes':
        return <NodesConfigStep {...stepProps} />
      case 'review':
        return <TkeReview {...context} />
    }
  },
}

/** The TKE cluster wizard: six steps over one draft kept in localStorage, each checked before Next. */
export function TkeWizard() {
  return <ClusterWizard kind={tkeKind} />
}
