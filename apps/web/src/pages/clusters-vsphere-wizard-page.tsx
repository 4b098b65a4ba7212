import { RequireProjectScope } from '../features/clusters/components/project-scope-notice.tsx'
import { VsphereWizard } from '../features/clusters/components/vsphere-wizard.tsx'
import '../features/clusters/clusters.css'
import { PageHeader } from '../ui/page-header.tsx'

/** Clusters → Add New Cluster → VMware: the wizard, its progress kept across reloads. */
export function ClustersVsphereWizardPage() {
  return (
    <>
      <PageHeader
        title="Deploy a VMware Cluster"
        description="VMware vSphere on premises: the account's Private Cloud Gateway creates the VMs in vCenter."
      />
      <RequireProjectScope>
        <VsphereWizard />
      </RequireProjectScope>
    </>
  )
}
