export { AwsProvider, type AwsProviderOptions } from './aws/aws-provider.ts'
export type { AwsEndpoint, AwsKeys } from './aws/aws-session.ts'
export {
  AwsIaasClusterDriver,
  type AwsIaasClusterDriverOptions,
} from './aws-iaas/aws-iaas-cluster-driver.ts'
export { type AwsIaasClusterWork, type AwsIaasSpec, kubernetesVersion } from './aws-iaas/aws-iaas-spec.ts'
export {
  backoffDelay,
  type CallPolicy,
  DEFAULT_CALL_POLICY,
  type RetryPolicy,
  resolveCallPolicy,
} from './call-policy.ts'
export type {
  AwsCloudProvider,
  AwsCredentials,
  AwsPartition,
  AwsShapes,
  CloudIdentity,
  CloudProvider,
  CloudType,
  InventoryShapes,
  TencentCloudProvider,
  TencentCredentials,
  TencentShapes,
} from './cloud-provider.ts'
export type { ClusterDriver, ClusterWork, LedgerEntry, ReconcileResult, ResourceLedger } from './cluster-driver.ts'
export { createProviders, type Providers, type ProvidersConfig, type ProvidersOptions } from './create-providers.ts'
export { forgetReports, inStep, recordFound, reportChange } from './driver-steps.ts'
export {
  EksClusterDriver,
  type EksClusterDriverOptions,
  type EksClusterWork,
} from './eks/eks-cluster-driver.ts'
export {
  EKS_CONTROL_PLANE_ROLE,
  EKS_NODE_ROLE,
  EKS_VPC_CIDR,
  type EksProfileSettings,
  type EksSpec,
  readEksProfileSettings,
} from './eks/eks-spec.ts'
export {
  CLOUD_ERROR_KINDS,
  CloudError,
  type CloudErrorInit,
  type CloudErrorKind,
  type CloudName,
  isCloudError,
} from './errors.ts'
export type * from './inventory.ts'
export { InventoryCache, type InventoryCacheOptions } from './inventory-cache.ts'
export { CLUSTER_NAME_TAG, NODE_POOL_TAG, OWNER_TAG, ownershipTags, RESOURCE_KEY_TAG } from './ownership.ts'
export type { TencentEndpoint } from './tencent/tencent-client.ts'
export { TencentProvider, type TencentProviderOptions } from './tencent/tencent-provider.ts'
export {
  TkeClusterDriver,
  type TkeClusterDriverOptions,
  type TkeClusterWork,
} from './tencent/tke-cluster-driver.ts'
export {
  readProfileSettings,
  type TkeProfileSettings,
  type TkeSpec,
} from './tencent/tke-spec.ts'
