import { EksWizard } from '../features/clusters/components/eks-wizard.tsx'
import { RequireProjectScope } from '../features/clusters/components/project-scope-notice.tsx'
import '../features/clusters/clusters.css'
import { PageHeader } from '../ui/page-header.tsx'

/** Clusters → Add New Cluster → EKS: the wizard, its progress kept across reloads. */
export function ClustersEksWizardPage() {
  return (
    <>
      <PageHeader title="Deploy an EKS Cluster" description="Amazon EKS: a managed Kubernetes cluster in AWS." />
      <RequireProjectScope>
        <EksWizard />
      </RequireProjectScope>
    </>
  )
}
