import { AwsWizard } from '../features/clusters/components/aws-wizard.tsx'
import { RequireProjectScope } from '../features/clusters/components/project-scope-notice.tsx'
import '../features/clusters/clusters.css'
import { PageHeader } from '../ui/page-header.tsx'

/** Clusters → Add New Cluster → AWS: the AWS IaaS wizard, its progress kept across reloads. */
export function ClustersAwsWizardPage() {
  return (
    <>
      <PageHeader
        title="Deploy an AWS Cluster"
        description="AWS IaaS: Kubernetes on EC2 instances, control plane included, in your AWS account."
      />
      <RequireProjectScope>
        <AwsWizard />
      </RequireProjectScope>
    </>
  )
}
