import type { VsphereClusterCreateInput } from '@console/contracts'
import { VsphereAccountDialog } from '../../cloud-accounts/components/vsphere-account-dialog.tsx'
import { useVsphereInventoryProblems, useVsphereWizardAccounts } from '../hooks/use-vsphere-inventory.ts'
import { validateVsphereBody } from '../utils/validate-draft.ts'
import { emptyVsphereDraft, toVsphereCreateBody, type VsphereDraft } from '../utils/vsphere-draft.ts'
import { BasicInformationStep } from './basic-information-step.tsx'
import { ClusterWizard, type ClusterWizardKind, type WizardStepContext } from './cluster-wizard.tsx'
import { ReviewRow, ReviewStep } from './review-step.tsx'
import type { StepProps } from './step-props.ts'
import { VsphereClusterConfigStep } from './vsphere-cluster-config-step.tsx'
import { VsphereNodesConfigStep } from './vsphere-nodes-config-step.tsx'

/** What a different account invalidates: everything picked from its vCenter. */
const resetOnAccountChange = { datacenter: '', folder: '' } satisfies Partial<VsphereDraft>

/**
 * **Basic Information** of the VMware wizard: the vSphere accounts (each reaches its vCenter through a
 * Private Cloud Gateway); **Add New Account** opens **+ VMware Account**. Tags stay on the cluster.
 */
function VsphereBasicStep(props: StepProps<VsphereDraft>) {
  const accounts = useVsphereWizardAccounts()
  return (
    <div className="stack">
      <BasicInformationStep
        {...(props as unknown as StepProps)}
        cloud={{
          accounts,
          placeholder: 'Select a vSphere account',
          addDialog: (onClose) => <VsphereAccountDialog onClose={onClose} />,
          resetOnChange: resetOnAccountChange,
        }}
      />
      <p className="field__hint">
        Tags are kept on the cluster; vSphere does not receive them (they are not propagated to the VMs).
      </p>
    </div>
  )
}

const memory = (mib: number) => (Number.isFinite(mib) ? `${Math.round((mib / 1024) * 10) / 10} GiB` : '')

function VsphereReview({
  stepProps,
  body,
  profile,
  verdict,
  isChecking,
}: WizardStepContext<VsphereDraft, VsphereClusterCreateInput>) {
  const accounts = useVsphereWizardAccounts()
  const accountName = accounts.data?.find((a) => a.metadata.uid === stepProps.draft.cloudAccountUid)?.metadata.name
  const cc = body.spec.cloudConfig
  return (
    <ReviewStep
      metadata={body.metadata}
      profile={profile}
      accountName={accountName}
      verdict={verdict}
      isChecking={isChecking}
    >
      <dl className="review">
        <ReviewRow label="Datacenter" value={cc.placement.datacenter} />
        <ReviewRow label="Folder" value={cc.placement.folder} />
        <ReviewRow label="SSH Keys" value={`${cc.sshKeys.length} key(s)`} />
        <ReviewRow label="NTP Server" value={(cc.ntpServers ?? []).join(', ')} />
        <ReviewRow label="IP Allocation strategy" value={cc.staticIp ? 'Static IP' : 'DHCP'} />
      </dl>
      {body.spec.machinepoolconfig.map((p, i) => (
        <section key={`${p.poolConfig.name}-${i}`} className="panel" aria-label={`Pool ${p.poolConfig.name}`}>
          <h3>
            {p.poolConfig.isControlPlane ? 'Master pool' : 'Worker pool'} {p.poolConfig.name}
          </h3>
          <dl className="review">
            <ReviewRow label="Size" value={String(p.poolConfig.size)} />
            <ReviewRow
              label="Node"
              value={`${p.cloudConfig.instanceType.numCPUs} CPU · ${memory(p.cloudConfig.instanceType.memoryMiB)} · ${p.cloudConfig.instanceType.diskGiB} GiB disk`}
            />
            {p.cloudConfig.placements.map((d, k) => (
              <ReviewRow
                key={k}
                label={`Placement domain ${k + 1}`}
                value={`${d.cluster} · ${d.datastore} · ${d.network.networkName} · ${d.resourcePool}`}
              />
            ))}
          </dl>
        </section>
      ))}
    </ReviewStep>
  )
}

const vsphereKind: ClusterWizardKind<VsphereDraft, VsphereClusterCreateInput> = {
  id: 'vsphere',
  cloudType: 'vsphere',
  cloudName: 'vSphere',
  emptyDraft: emptyVsphereDraft,
  toBody: toVsphereCreateBody,
  validate: validateVsphereBody,
  useInventoryProblems: useVsphereInventoryProblems,
  renderStep: (step, context) => {
    const { stepProps } = context
    switch (step) {
      case 'basic':
        return <VsphereBasicStep {...stepProps} />
      case 'config':
        return <VsphereClusterConfigStep {...stepProps} />
      case 'nodes':
        return <VsphereNodesConfigStep {...stepProps} />
      case 'review':
        return <VsphereReview {...context} />
    }
  },
}

/** The VMware wizard: the shared steps, vSphere's placement (through the gateway) and its pools. */
export function VsphereWizard() {
  return <ClusterWizard kind={vsphereKind} />
}
