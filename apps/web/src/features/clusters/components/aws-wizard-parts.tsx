import type { ReactNode } from 'react'
import { AwsAccountDialog } from '../../cloud-accounts/components/aws-account-dialog.tsx'
import { useAwsWizardAccounts } from '../hooks/use-eks-inventory.ts'
import type { AwsPlacementDraft } from '../utils/eks-draft.ts'
import { BasicInformationStep } from './basic-information-step.tsx'
import { ReviewRow } from './review-step.tsx'
import type { StepProps } from './step-props.ts'

/** What an AWS account invalidates when it changes: the region and what was picked in it. */
const resetOnAccountChange = { region: '', vpcId: '', sshKeyName: '' } satisfies Partial<AwsPlacementDraft>

/** **Basic Information** of the AWS wizards (EKS and IaaS): the AWS accounts, **Add New Account** opens the AWS one. */
export function AwsBasicStep<D extends AwsPlacementDraft>(props: StepProps<D>) {
  const accounts = useAwsWizardAccounts()
  return (
    <BasicInformationStep
      // The step changes only fields every draft has: a Partial<WizardDraft> is a valid change of D.
      {...(props as unknown as StepProps)}
      cloud={{
        accounts,
        placeholder: 'Select an AWS account',
        addDialog: (onClose) => <AwsAccountDialog onClose={onClose} />,
        resetOnChange: resetOnAccountChange,
      }}
    />
  )
}

/** The chosen account's name, for Review. */
export function useAwsAccountName(uid: string): string | undefined {
  return useAwsWizardAccounts().data?.find((a) => a.metadata.uid === uid)?.metadata.name
}

/** Review rows of the AWS placement (Region, SSH Key Pair Name, Static Placement). */
export function AwsPlacementReviewRows({
  cloudConfig,
}: {
  cloudConfig: { region: string; sshKeyName?: string | undefined; vpcId?: string | undefined }
}) {
  return (
    <>
      <ReviewRow label="Region" value={cloudConfig.region} />
      <ReviewRow label="SSH Key Pair Name" value={cloudConfig.sshKeyName} />
      <ReviewRow
        label="Static Placement"
        value={cloudConfig.vpcId ? `Yes: ${cloudConfig.vpcId}` : 'No (the console creates the VPC)'}
      />
    </>
  )
}

/** The parts of a pool's body every EC2 pool has, as Review shows them. */
export interface Ec2PoolReviewBody {
  cloudConfig: {
    instanceType: string
    azs: readonly string[]
    subnets?: ReadonlyArray<{ id: string; az: string }> | undefined
    rootDeviceSize: number
    capacityType?: 'on-demand' | 'spot' | undefined
    spotMarketOptions?: { maxPrice: string } | undefined
  }
  poolConfig: {
    name: string
    additionalLabels?: Record<string, string> | undefined
    taints?: ReadonlyArray<{ key: string; value?: string | undefined; effect: string }> | undefined
  }
}

/** One EC2 pool on Review: `title` ("Worker pool"), the cloud's size rows (`children`) and the common rows. */
export function Ec2PoolReview({
  pool,
  title,
  children,
}: {
  pool: Ec2PoolReviewBody
  title: string
  children?: ReactNode
}) {
  const { cloudConfig: c, poolConfig: pc } = pool
  const subnetOf = (az: string) => c.subnets?.find((s) => s.az === az)?.id
  return (
    <dl className="review" aria-label={`${title} ${pc.name}`}>
      <ReviewRow label={title} value={pc.name} />
      {children}
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
      <ReviewRow label="Taints" value={(pc.taints ?? []).map((t) => `${t.key}=${t.value}:${t.effect}`).join(', ')} />
      <ReviewRow
        label="Instance purchasing"
        value={
          c.capacityType === 'spot' ? `On-Spot, max bid ${c.spotMarketOptions?.maxPrice ?? '—'} USD/h` : 'On-Demand'
        }
      />
    </dl>
  )
}
