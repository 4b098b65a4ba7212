import { checkCidrList } from './cidr.ts'
import type { ClusterProblem } from './ec2-pool.ts'
import {
  checkEc2Inventory,
  checkEc2Placement,
  checkEc2Pool,
  type Ec2Inventory,
  type Ec2PoolInput,
} from './ec2-pool-rules.ts'

/**
 * The EKS wizard's rules as pure functions: the create schema runs the structural ones (so the browser
 * checks them as the user types), and the server runs them again plus `checkEksInventory` against what
 * the account's AWS inventory holds. Inputs are structural (not the schema's types), so each function
 * can also run on a half-filled form.
 */

/** One problem: where (a path like zod's) and what to do about it. */
export type EksProblem = ClusterProblem

/** EKS refuses more public access CIDR blocks than this per cluster. */
export const EKS_MAX_PUBLIC_CIDRS = 40
/** EKS's default quota of nodes per managed node group. */
export const EKS_MAX_POOL_SIZE = 450
/** EKS's limit of taints per managed node group. */
export const EKS_MAX_TAINTS = 50

export interface EksEndpointAccessInput {
  public: boolean
  private: boolean
  publicCIDRs: readonly string[]
  privateCIDRs: readonly string[]
}

/** Cluster Endpoint Access: Public, Private, or Private & Public, with their CIDR lists (paths relative to endpointAccess). */
export function checkEksEndpointAccess(access: EksEndpointAccessInput): EksProblem[] {
  const problems: EksProblem[] = []
  if (!access.public && !access.private) {
    problems.push({ path: ['public'], message: 'Choose Public, Private, or Private & Public endpoint access' })
  }
  if (access.public && access.publicCIDRs.length === 0) {
    problems.push({ path: ['publicCIDRs'], message: 'Add at least one Public Access CIDR' })
  }
  if (access.publicCIDRs.length > EKS_MAX_PUBLIC_CIDRS) {
    problems.push({
      path: ['publicCIDRs'],
      message: `EKS takes at most ${EKS_MAX_PUBLIC_CIDRS} Public Access CIDRs`,
    })
  }
  for (const p of checkCidrList(access.publicCIDRs, 'Public Access CIDRs'))
    problems.push({ path: ['publicCIDRs', p.index], message: p.message })
  if (!access.private && access.privateCIDRs.length > 0) {
    problems.push({ path: ['privateCIDRs'], message: 'Private Access CIDRs apply only with private endpoint access' })
  }
  for (const p of checkCidrList(access.privateCIDRs, 'Private Access CIDRs'))
    problems.push({ path: ['privateCIDRs', p.index], message: p.message })
  return problems
}

export interface EksPoolInput extends Ec2PoolInput {
  poolConfig: Ec2PoolInput['poolConfig'] & { size: number; minSize: number; maxSize: number }
}

/** One node pool's own rules: sizes, zones, spot, taints (paths relative to the pool). */
export function checkEksPool(pool: EksPoolInput): EksProblem[] {
  const problems: EksProblem[] = []
  const { cloudConfig, poolConfig } = pool
  const { size, minSize, maxSize } = poolConfig
  if (minSize > maxSize) {
    problems.push({ path: ['poolConfig', 'minSize'], message: 'Minimum size must not exceed the maximum size' })
  } else if (size < minSize || size > maxSize) {
    problems.push({
      path: ['poolConfig', 'size'],
      message: 'Desired size must be between the minimum and the maximum size',
    })
  }
  if (cloudConfig.capacityType === 'spot' && !cloudConfig.instanceType)
    problems.push({ path: ['cloudConfig', 'instanceType'], message: 'On-Spot pools need at least one instance type' })
  if (poolConfig.taints.length > EKS_MAX_TAINTS)
    problems.push({ path: ['poolConfig', 'taints'], message: `EKS takes at most ${EKS_MAX_TAINTS} taints per pool` })
  problems.push(...checkEc2Pool(pool))
  return problems
}

/**
 * Rules across pools and placement (paths relative to spec): those of every EC2 placement
 * (checkEc2Placement), and the control plane spread over at least two zones, as EKS requires (its
 * subnets are the pools' subnets, or the private subnets the console creates in the pools' zones).
 */
export function checkEksPools(
  pools: readonly EksPoolInput[],
  cloudConfig: { vpcId?: string | undefined },
): EksProblem[] {
  const problems = checkEc2Placement(pools, cloudConfig)
  const zones = new Set(
    pools.flatMap((p) => (cloudConfig.vpcId ? p.cloudConfig.subnets.map((s) => s.az) : p.cloudConfig.azs)),
  )
  if (pools.length > 0 && zones.size < 2) {
    problems.push({
      path: ['machinepoolconfig'],
      message: 'EKS runs its control plane in at least two Availability Zones: spread the node pools over two or more',
    })
  }
  return problems
}

/** What the account's AWS inventory holds in the chosen region; a list left undefined could not be read and is not checked. */
export type EksInventory = Ec2Inventory

/** The placement against the inventory (see checkEc2Inventory). */
export const checkEksInventory: (body: unknown, inventory: EksInventory) => EksProblem[] = checkEc2Inventory

/**
 * The max bid the wizard sends for "a percentage of the on-demand price" (USD per hour, as
 * `spotMarketOptions.maxPrice` carries it): at most 4 decimals, rounded up so the bid is never below the
 * percentage asked for.
 */
export function spotMaxPriceFor(onDemandPrice: number, percent: number): string {
  const price = Math.ceil(((onDemandPrice * percent) / 100) * 10_000 - 1e-9) / 10_000
  return String(Number(price.toFixed(4)))
}
