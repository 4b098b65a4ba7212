import type { ClusterProblem } from './ec2-pool.ts'
import {
  checkEc2Inventory,
  checkEc2Placement,
  checkEc2Pool,
  chosenSubnets,
  type Ec2Inventory,
  type Ec2InventorySubnet,
  type Ec2PoolInput,
} from './ec2-pool-rules.ts'

/**
 * The AWS IaaS (EC2 control plane) wizard's rules as pure functions: the create schema runs the
 * structural ones (so the browser checks them as the user types), and the server runs them again plus
 * `checkAwsInventory` against what the account's AWS inventory holds. Inputs are structural (not the
 * schema's types), so each function can also run on a half-filled form.
 */

/** Control plane sizes the console runs (etcd wants an odd quorum). */
export const AWS_CONTROL_PLANE_SIZES: readonly number[] = [1, 3, 5]
/** The most nodes a worker pool takes (an Auto Scaling group's sane ceiling for one pool). */
export const AWS_MAX_POOL_SIZE = 500

export interface AwsPoolInput extends Ec2PoolInput {
  poolConfig: Ec2PoolInput['poolConfig'] & {
    size: number
    isControlPlane: boolean
    useControlPlaneAsWorker: boolean
  }
}

/** One pool's own rules: the control plane's size and capacity, zones, spot, taints (paths relative to the pool). */
export function checkAwsPool(pool: AwsPoolInput): ClusterProblem[] {
  const problems: ClusterProblem[] = []
  const { cloudConfig, poolConfig } = pool
  if (poolConfig.isControlPlane) {
    if (Number.isInteger(poolConfig.size) && !AWS_CONTROL_PLANE_SIZES.includes(poolConfig.size))
      problems.push({ path: ['poolConfig', 'size'], message: 'The control plane pool has 1, 3 or 5 nodes' })
    if (cloudConfig.capacityType === 'spot')
      problems.push({
        path: ['cloudConfig', 'capacityType'],
        message: 'The control plane runs on On-Demand instances: a reclaimed spot node would take etcd down',
      })
  } else if (poolConfig.useControlPlaneAsWorker) {
    problems.push({
      path: ['poolConfig', 'useControlPlaneAsWorker'],
      message: 'Allow worker capability applies to the control plane pool only',
    })
  }
  problems.push(...checkEc2Pool(pool))
  return problems
}

/**
 * Rules across pools (paths relative to spec): exactly one control plane pool, at least one worker
 * pool unless the control plane is allowed worker capability, and the placement rules of every EC2
 * cluster (unique names; with Static Placement one subnet per chosen zone and none elsewhere, without
 * it no subnets).
 */
export function checkAwsPools(
  pools: readonly AwsPoolInput[],
  cloudConfig: { vpcId?: string | undefined },
): ClusterProblem[] {
  const problems: ClusterProblem[] = []
  const controlPlanes = pools.flatMap((p, i) => (p.poolConfig.isControlPlane ? [i] : []))
  const first = controlPlanes[0]
  if (first === undefined) {
    if (pools.length > 0)
      problems.push({ path: ['machinepoolconfig'], message: 'Add a control plane pool (isControlPlane)' })
  } else {
    for (const i of controlPlanes.slice(1))
      problems.push({
        path: ['machinepoolconfig', i, 'poolConfig', 'isControlPlane'],
        message: 'A cluster has one control plane pool',
      })
    const workers = pools.filter((p) => !p.poolConfig.isControlPlane)
    if (workers.length === 0 && !pools[first]?.poolConfig.useControlPlaneAsWorker)
      problems.push({
        path: ['machinepoolconfig'],
        message: 'Add a worker pool, or allow worker capability on the control plane pool',
      })
  }
  problems.push(...checkEc2Placement(pools, cloudConfig))
  return problems
}

/** What the account's AWS inventory holds in the chosen region; a list left undefined could not be read and is not checked. */
export type AwsInventory = Ec2Inventory

/**
 * The placement against the inventory (paths from the body's root): VPC and key pair exist, zones are
 * in the region, static subnets are in the VPC and in the zone they are chosen for, the instance type
 * is offered in every zone of its pool.
 */
export const checkAwsInventory: (body: unknown, inventory: AwsInventory) => ClusterProblem[] = checkEc2Inventory

/**
 * The tags a subnet of a static placement needs so load balancers (the API server's and Services of
 * type LoadBalancer) discover it, as `key=value` (seed 004): a public subnet carries
 * `kubernetes.io/role/elb=1`, `sigs.k8s.io/cluster-api-provider-aws/role=public`,
 * `kubernetes.io/cluster/<name>=shared` and `sigs.k8s.io/cluster-api-provider-aws/cluster/<name>=owned`;
 * a private subnet `kubernetes.io/role/internal-elb=1` and `kubernetes.io/cluster/<name>=shared`.
 * The cluster tags accept `shared` or `owned`.
 */
export function missingLoadBalancerTags(
  subnet: Pick<Ec2InventorySubnet, 'isPrivate' | 'tags'>,
  clusterName: string,
): string[] {
  const tags = subnet.tags ?? {}
  const ownership = ['shared', 'owned']
  const wanted: Array<{ key: string; values: string[] }> = subnet.isPrivate
    ? [
        { key: 'kubernetes.io/role/internal-elb', values: ['1'] },
        { key: `kubernetes.io/cluster/${clusterName}`, values: ownership },
      ]
    : [
        { key: 'kubernetes.io/role/elb', values: ['1'] },
        { key: 'sigs.k8s.io/cluster-api-provider-aws/role', values: ['public'] },
        { key: `kubernetes.io/cluster/${clusterName}`, values: ownership },
        { key: `sigs.k8s.io/cluster-api-provider-aws/cluster/${clusterName}`, values: ['owned', 'shared'] },
      ]
  return wanted
    .filter((w) => {
      const value = tags[w.key]
      return value === undefined || !w.values.includes(value)
    })
    .map((w) => `${w.key}=${w.values[0]}`)
}

/**
 * Warnings for a static placement: each chosen subnet the inventory knows (with its tags) that lacks
 * the load balancer discovery tags (paths from the body's root, at the subnet's id).
 */
export function checkAwsLoadBalancerTags(body: unknown, inventory: AwsInventory): ClusterProblem[] {
  const metadata = (body as { metadata?: { name?: unknown } } | null)?.metadata
  const name = typeof metadata?.name === 'string' && metadata.name ? metadata.name : undefined
  if (!name) return []
  return chosenSubnets(body, inventory).flatMap(({ path, subnet }) => {
    if (!subnet.tags) return []
    const missing = missingLoadBalancerTags(subnet, name)
    if (missing.length === 0) return []
    const kind = subnet.isPrivate ? 'private' : 'public'
    return [
      {
        path,
        message: `Subnet ${subnet.subnetId} (${kind}) lacks the tags load balancers discover it by: ${missing.join(', ')}`,
      },
    ]
  })
}
