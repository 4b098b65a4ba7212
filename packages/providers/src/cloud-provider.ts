import type {
  AwsInstanceType,
  AwsInstanceTypeQuery,
  AwsKeyPair,
  AwsNodeImage,
  AwsVpc,
  CloudRegion,
  CloudZone,
  TencentInstanceType,
  TencentInstanceTypeQuery,
  TencentKeyPair,
  TencentSecurityGroup,
  TencentVpc,
} from './inventory.ts'

/** The cloud types of the console. EKS clusters run on AWS accounts, so `eks` is served by the AWS provider. */
export type CloudType = 'tencent' | 'aws' | 'eks'

/** Tencent Cloud API keys (CAM). */
export interface TencentCredentials {
  secretId: string
  secretKey: string
}

/** AWS partitions; each has its own endpoints and its own STS. */
export type AwsPartition = 'aws' | 'aws-us-gov' | 'aws-cn'

/** AWS credentials: a static access key, or a role the console assumes with its own base credentials. */
export type AwsCredentials =
  | { credentialType: 'secret'; accessKey: string; secretKey: string; partition: AwsPartition }
  | { credentialType: 'sts'; arn: string; externalId: string; partition: AwsPartition }

/** Who the credentials belong to, as the cloud reports it. */
export interface CloudIdentity {
  /** Tencent: the owner UIN; AWS: the 12-digit account id. */
  accountId: string
  /** The caller's principal (Tencent `qcs::cam::uin/…`, AWS ARN). */
  principal: string
}

/** The inventory shapes one cloud answers, bound together so the generic interface stays exact. */
export interface InventoryShapes {
  vpc: unknown
  keyPair: unknown
  instanceTypeQuery: { region: string }
  instanceType: unknown
}

/**
 * What every cloud implements over its life, one class per cloud (TencentProvider, AwsProvider, …).
 * The engine and the API call only this interface and never branch on cloud type.
 *
 * Every method takes the account's credentials explicitly (providers keep no per-account state
 * besides a short-lived inventory cache) and fails only with a `CloudError` of a closed `kind`.
 * Calls have a per-call timeout and retry throttling and 5xx with exponential backoff.
 *
 * This issue covers credential validation and the inventory reads behind the wizard's drop-downs.
 * Later issues add the cluster lifecycle to this same interface, each step idempotent (client
 * tokens, tags, look-up before create) so the engine can run it twice:
 * `createCluster(credentials, spec)` returning a cloud reference, `observeCluster(credentials, ref)`
 * returning a normalised state, `deleteCluster(credentials, ref)`, and
 * `listCreatedResources(credentials, clusterUid)` finding everything the console tagged.
 */
export interface CloudProvider<TCredentials, TShapes extends InventoryShapes> {
  readonly cloudType: CloudType

  /**
   * Checks that the credentials identify an account and hold the permissions the console needs.
   * Resolves with the identity; rejects with `InvalidCredentials`, `SignatureMismatch`,
   * `PermissionDenied` (naming every missing permission), `Unreachable` or `Timeout`.
   */
  validateCredentials(credentials: TCredentials): Promise<CloudIdentity>

  /** Regions the account can use. */
  listRegions(credentials: TCredentials): Promise<CloudRegion[]>

  /** Availability zones of one region. */
  listZones(credentials: TCredentials, region: string): Promise<CloudZone[]>

  /** VPCs of a region, each with its subnets. */
  listVpcs(credentials: TCredentials, region: string): Promise<TShapes['vpc'][]>

  /** SSH key pairs registered in a region. */
  listKeyPairs(credentials: TCredentials, region: string): Promise<TShapes['keyPair'][]>

  /** Instance types sold in a region (or zone), with prices. */
  listInstanceTypes(credentials: TCredentials, query: TShapes['instanceTypeQuery']): Promise<TShapes['instanceType'][]>
}

export interface TencentShapes extends InventoryShapes {
  vpc: TencentVpc
  keyPair: TencentKeyPair
  instanceTypeQuery: TencentInstanceTypeQuery
  instanceType: TencentInstanceType
}

export interface AwsShapes extends InventoryShapes {
  vpc: AwsVpc
  keyPair: AwsKeyPair
  instanceTypeQuery: AwsInstanceTypeQuery
  instanceType: AwsInstanceType
}

/** Tencent TKE: the generic reads plus security groups (the wizard's "Public Security Group"). */
export interface TencentCloudProvider extends CloudProvider<TencentCredentials, TencentShapes> {
  readonly cloudType: 'tencent'
  listSecurityGroups(credentials: TencentCredentials, region: string): Promise<TencentSecurityGroup[]>
}

/** AWS (IaaS and EKS): the generic reads plus the node images AWS IaaS clusters boot from. */
export interface AwsCloudProvider extends CloudProvider<AwsCredentials, AwsShapes> {
  readonly cloudType: 'aws'
  /**
   * The Cluster API node images of a Kubernetes version (a profile's k8s tag, `1.30` or `1.30.4`) published
   * in a region, newest first: the AWS IaaS driver boots from the first, so an empty list means a
   * cluster of that version cannot be created there.
   */
  listNodeImages(credentials: AwsCredentials, region: string, kubernetesVersion: string): Promise<AwsNodeImage[]>
}
