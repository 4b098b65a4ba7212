import { AwsAccountsSection } from '../features/cloud-accounts/components/aws-accounts-section.tsx'
import { TencentAccountsSection } from '../features/cloud-accounts/components/tencent-accounts-section.tsx'
import { VsphereAccountsSection } from '../features/cloud-accounts/components/vsphere-accounts-section.tsx'
import { PageHeader } from '../ui/page-header.tsx'

export function CloudAccountsPage() {
  return (
    <>
      <PageHeader
        title="Cloud Accounts"
        description="Credentials the console uses to create clusters in each cloud. Every account is validated against its cloud before it is saved."
      />
      <div className="cloud-sections">
        <TencentAccountsSection />
        <AwsAccountsSection />
        <VsphereAccountsSection />
      </div>
    </>
  )
}
