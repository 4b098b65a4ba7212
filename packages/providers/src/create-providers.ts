import type { ClusterCloudType } from '@console/contracts'
import { AwsProvider } from './aws/aws-provider.ts'
import { type AwsKeys, AwsSession } from './aws/aws-session.ts'
import { AwsIaasClusterDriver } from './aws-iaas/aws-iaas-cluster-driver.ts'
import { type CallPolicy, type RetryPolicy, resolveCallPolicy } from './call-policy.ts'
import type { CloudType } from './cloud-provider.ts'
import type { ClusterDriver } from './cluster-driver.ts'
import { EksClusterDriver } from './eks/eks-cluster-driver.ts'
import { InventoryCache } from './inventory-cache.ts'
import { TencentProvider } from './tencent/tencent-provider.ts'
import { TkeClusterDriver } from './tencent/tke-cluster-driver.ts'

/**
 * Where the providers send their calls. `real` uses each SDK's own endpoints; `sandbox` sends every
 * call of a cloud to the fake clouds (the values of GET /v1/sandbox, palette-api.md "Sandbox").
 */
export type ProvidersConfig =
  | { mode: 'real' }
  | { mode: 'sandbox'; tencent: { endpoint: string; protocol: string }; aws: { endpoint: string } }

/** Tuning shared by every provider; every field is optional. */
export interface ProvidersOptions {
  /** Per-call (per-attempt) timeout in ms; default 10 000. */
  timeoutMs?: number
  /** Retries of throttling and 5xx: attempts (default 4), baseDelayMs (200), maxDelayMs (5000). */
  retry?: Partial<RetryPolicy>
  /** Replaces the wait between retries (tests). */
  sleep?: CallPolicy['sleep']
  /** Replaces Math.random in the backoff jitter (tests). */
  random?: CallPolicy['random']
  /** Inventory cache lifetime in ms; default 60 000; 0 disables it. */
  cacheTtlMs?: number
  /** Clock of the inventory cache (tests). */
  now?: () => number
  /** Region of Tencent's validation probes; default ap-guangzhou. */
  tencentValidationRegion?: string
  /**
   * The console's own AWS identity for assuming customers' roles (credentialType 'sts').
   * Default: the AWS SDK's credential chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile, instance role).
   */
  awsBaseCredentials?: AwsKeys
}

/** The providers of every cloud, plus lookup by the console's cloud type. */
export interface Providers {
  tencent: TencentProvider
  aws: AwsProvider
  /** The provider that serves a cloud type (`eks` clusters run on AWS accounts). */
  forCloudType(cloudType: 'tencent'): TencentProvider
  forCloudType(cloudType: 'aws' | 'eks'): AwsProvider
  forCloudType(cloudType: CloudType): TencentProvider | AwsProvider
  /** Drops cached inventory (e.g. after an account's credentials changed). */
  clearCache(): void
  /**
   * The driver the provisioning engine runs for a cluster of this cloud type: `tencent` (TKE), `aws`
   * (AWS IaaS: Kubernetes on EC2) and `eks` so far; any other type throws an Error naming it.
   */
  clusterDriver(cloudType: 'tencent'): TkeClusterDriver
  clusterDriver(cloudType: 'aws'): AwsIaasClusterDriver
  clusterDriver(cloudType: 'eks'): EksClusterDriver
  clusterDriver(cloudType: ClusterCloudType): ClusterDriver
}

/** Builds the providers for real clouds or for the fake clouds. */
export function createProviders(config: ProvidersConfig, options: ProvidersOptions = {}): Providers {
  const policy = resolveCallPolicy(options)
  const cache = new InventoryCache({ ttlMs: options.cacheTtlMs, now: options.now })
  const tencent = new TencentProvider({
    endpoint: config.mode === 'real' ? { mode: 'real' } : { mode: 'sandbox', ...config.tencent },
    policy,
    cache,
    validationRegion: options.tencentValidationRegion,
  })
  const aws = new AwsProvider({
    endpoint: config.mode === 'real' ? { mode: 'real' } : { mode: 'sandbox', endpoint: config.aws.endpoint },
    policy,
    cache,
    baseCredentials: options.awsBaseCredentials,
  })
  function forCloudType(cloudType: 'tencent'): TencentProvider
  function forCloudType(cloudType: 'aws' | 'eks'): AwsProvider
  function forCloudType(cloudType: CloudType): TencentProvider | AwsProvider
  function forCloudType(cloudType: CloudType): TencentProvider | AwsProvider {
    return cloudType === 'tencent' ? tencent : aws
  }
  const tke = new TkeClusterDriver({
    endpoint: config.mode === 'real' ? { mode: 'real' } : { mode: 'sandbox', ...config.tencent },
    policy,
  })
  const awsEndpoint = config.mode === 'real' ? ({ mode: 'real' } as const) : { mode: 'sandbox' as const, ...config.aws }
  const session = new AwsSession({ endpoint: awsEndpoint, policy, baseCredentials: options.awsBaseCredentials })
  const eks = new EksClusterDriver({ endpoint: awsEndpoint, policy, session })
  const awsIaas = new AwsIaasClusterDriver({ endpoint: awsEndpoint, policy, session })
  const drivers: Partial<Record<ClusterCloudType, ClusterDriver>> = { tencent: tke, aws: awsIaas, eks }
  function clusterDriver(cloudType: 'tencent'): TkeClusterDriver
  function clusterDriver(cloudType: 'aws'): AwsIaasClusterDriver
  function clusterDriver(cloudType: 'eks'): EksClusterDriver
  function clusterDriver(cloudType: ClusterCloudType): ClusterDriver
  function clusterDriver(cloudType: ClusterCloudType): ClusterDriver {
    const driver = drivers[cloudType]
    if (driver) return driver
    throw new Error(
      `No cluster driver for cloud type "${cloudType}" yet: only tencent, aws and eks clusters can be provisioned.`,
    )
  }
  return { tencent, aws, forCloudType, clearCache: () => cache.clear(), clusterDriver }
}
