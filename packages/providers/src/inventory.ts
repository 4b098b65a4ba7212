/**
 * Inventory shapes answered by the providers, as palette-api.md "Cloud inventory" describes them.
 * The API re-exports these through @console/contracts; they stay plain data (no SDK types).
 */

/** A region the account may use. */
export interface CloudRegion {
  /** The cloud's region id, e.g. `ap-guangzhou` or `us-east-1`. */
  name: string
  /** A human label when the cloud has one (Tencent: `South China(Guangzhou)`). */
  displayName?: string
}

/** An availability zone of a region. */
export interface CloudZone {
  /** e.g. `ap-guangzhou-3`, `us-east-1a`. */
  name: string
  /** The cloud's zone id (Tencent `100003`, AWS `use1-az1`). */
  zoneId?: string
  displayName?: string
}

/** Tencent: `{subnetId, name, az, cidrBlock}`. */
export interface TencentSubnet {
  subnetId: string
  name: string
  az: string
  cidrBlock: string
}

/** Tencent: `{vpcId, name, cidrBlock, subnets[]}`. */
export interface TencentVpc {
  vpcId: string
  name: string
  cidrBlock: string
  subnets: TencentSubnet[]
}

/** Tencent: `{id, name, publickey}`. */
export interface TencentKeyPair {
  id: string
  name: string
  publickey: string
}

/** Filters of `…/instancetypes?zone=&cpuGtEq=&memoryGtEq=&gpuGtEq=`. */
export interface TencentInstanceTypeQuery {
  region: string
  zone: string
  /** Minimum vCPUs. */
  cpuGtEq?: number
  /** Minimum memory in GiB. */
  memoryGtEq?: number
  /** Minimum GPUs. */
  gpuGtEq?: number
}

/** One CVM instance type sold in the zone, with its prices (CNY per hour). */
export interface TencentInstanceType {
  type: string
  family: string
  /** The family's label, e.g. `Standard S5`. */
  category: string
  cpu: number
  /** GiB. */
  memory: number
  gpu: number
  zone: string
  /** Pay-as-you-go (POSTPAID_BY_HOUR) price per hour this account pays; null when not sold on demand in the zone. */
  price: number | null
  /** Spot (SPOTPAID) price per hour; null when the type is not sold as spot in the zone. */
  spotPrice: number | null
  currency: 'CNY'
}

/** A security group of the region. */
export interface TencentSecurityGroup {
  id: string
  name: string
  description: string
  isDefault: boolean
}

/** AWS: a subnet with its tags, so the wizard can check the load-balancer discovery tags (seed 004). */
export interface AwsSubnet {
  subnetId: string
  name: string
  az: string
  cidrBlock: string
  /** True unless the subnet gives instances public IPs (MapPublicIpOnLaunch). */
  isPrivate: boolean
  tags: Record<string, string>
}

export interface AwsVpc {
  vpcId: string
  name: string
  cidrBlock: string
  isDefault: boolean
  subnets: AwsSubnet[]
}

export interface AwsKeyPair {
  id: string
  name: string
  fingerprint: string
}

export interface AwsInstanceTypeQuery {
  region: string
}

/** An EC2 instance type offered in the region. */
export interface AwsInstanceType {
  type: string
  /** Default vCPUs. */
  cpu: number
  /** GiB. */
  memory: number
  gpu: number
  /** On-demand Linux price in USD per hour (AWS Price List); null when the price list has no entry. */
  price: number | null
  currency: 'USD'
  /** The availability zones of the region that offer the type. */
  availabilityZones: string[]
}

/**
 * A Cluster API node image (the Cluster API provider for AWS's public `capa-ami-…` images) an AWS IaaS
 * cluster of the profile's Kubernetes version boots from in a region.
 */
export interface AwsNodeImage {
  imageId: string
  name: string
  /** ISO 8601, as DescribeImages' CreationDate. */
  created: string
}
