import { RequireProjectScope } from '../features/clusters/components/project-scope-notice.tsx'
import { TkeWizard } from '../features/clusters/components/tke-wizard.tsx'
import '../features/clusters/clusters.css'
import { PageHeader } from '../ui/page-header.tsx'

/** Clusters → Add New Cluster → TKE: the wizard, its progress kept across reloads. */
export function ClustersWizardPage() {
  return (
    <>
      <PageHeader title="Deploy a Tencent Cluster" description="TKE: a managed Kubernetes cluster in Tencent Cloud." />
      <RequireProjectScope>
        <TkeWizard />
      </RequireProjectScope>
    </>
  )
}
