import { createHash } from 'node:crypto'
import { type AwsClusterCreate, type AwsMachinePool, taintText } from '@console/contracts'
import type { AwsCalls } from '../aws/aws-calls.ts'
import { type AwsPass, NETWORK_KEYS, ownedTags } from '../aws/network.ts'
import type { AwsCredentials } from '../cloud-provider.ts'
import type { ClusterWork } from '../cluster-driver.ts'
import { NODE_POOL_TAG } from '../ownership.ts'

/** What the AWS IaaS driver receives as `ClusterWork.spec`: the accepted create body's spec. */
export type AwsIaasSpec = AwsClusterCreate['spec']

/** The work the engine hands the AWS IaaS driver. */
export type AwsIaasClusterWork = ClusterWork<AwsCredentials, AwsIaasSpec>

/** Everything one reconcile pass of an AWS IaaS cluster works with. */
export interface AwsIaasPass extends AwsPass {
  work: AwsIaasClusterWork
  calls: AwsCalls
}

/** The security groups of a cluster, by the role of what they hold. */
export type GroupRole = 'controlplane' | 'node' | 'bastion'

/** Ledger keys of the AWS IaaS driver (EC2 resources also carry theirs as the `console-resource-key` tag). */
export const IAAS_KEYS = {
  ...NETWORK_KEYS,
  securityGroup: (role: GroupRole) => `sg/${role}`,
  bastion: 'instance/bastion',
  /**
   * One key per node and generation: `instance/<pool>/<index>/<generation>` (index 0 … size − 1; the
   * generation is the pool's nodeGeneration, so an edit that changes what a node is gives it a new key
   * and the rolling update replaces the instance).
   */
  instance: (pool: AwsMachinePool, index: number) =>
    `instance/${pool.poolConfig.name}/${index}/${nodeGeneration(pool)}`,
  targetGroup: 'tg/apiserver',
  loadBalancer: 'lb/apiserver',
} as const

/** The Kubernetes API server's port, on the load balancer and on the control plane nodes. */
export const API_SERVER_PORT = 6443

/**
 * The instance profiles the Cluster API provider for AWS (and so Palette) gives its nodes; an account is
 * prepared with them once (`clusterawsadm bootstrap iam`), and the console's IAM policy lets it pass
 * exactly these (`iam:PassRole` on `*.cluster-api-provider-aws.sigs.k8s.io`).
 */
export const CONTROL_PLANE_PROFILE = 'control-plane.cluster-api-provider-aws.sigs.k8s.io'
export const NODE_PROFILE = 'nodes.cluster-api-provider-aws.sigs.k8s.io'

/** The bastion's instance type: small, and offered in every zone of every region the console lists. */
export const BASTION_INSTANCE_TYPE = 't3.medium'

/** The owner account of the Cluster API provider for AWS's public node images (`capa-ami-…`). */
export const CAPA_IMAGE_OWNER = '258751437250'

/** The Kubernetes version the profile's k8s layer names (its tag, `1.30` or `1.30.4`), if any. */
export function kubernetesVersion(spec: Pick<AwsIaasSpec, 'profiles'>): string | undefined {
  for (const profile of spec.profiles) {
    for (const pack of profile.packValues) {
      if (/^(kubernetes|k8s)/.test(pack.name) && /^\d+\.\d+(\.\d+)?$/.test(pack.tag ?? '')) return pack.tag
    }
  }
  return undefined
}

/** A short, stable hash of the cluster uid, so names derived from the cluster name stay unique. */
function uidHash(clusterUid: string): string {
  return createHash('sha256').update(clusterUid).digest('hex').slice(0, 6)
}

/**
 * An ELBv2 name (at most 32 letters, digits and dashes) for the cluster: its name, cut to fit, plus a
 * hash of its uid and a suffix. Stable across passes, so a lost `created` write finds it by name.
 */
export function elbName(clusterName: string, clusterUid: string, suffix: string): string {
  const room = 32 - suffix.length - 8
  const base = clusterName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, room)
    .replace(/^-+|-+$/g, '')
  return `${base || 'cluster'}-${uidHash(clusterUid)}-${suffix}`
}

/** The control plane pool (the rules guarantee exactly one). */
export function controlPlanePool(spec: AwsIaasSpec): AwsMachinePool {
  const pool = spec.machinepoolconfig.find((p) => p.poolConfig.isControlPlane)
  if (!pool) throw new Error('the spec has no control plane pool')
  return pool
}

/** The zone of a pool's node number `index`: the pool's zones in turn. */
export function zoneOf(pool: AwsMachinePool, index: number): string {
  const { azs } = pool.cloudConfig
  return azs[index % azs.length] ?? ''
}

/** Pool name, index and generation of a node's instance key (undefined for the bastion and other keys). */
export function parseInstanceKey(key: string): { pool: string; index: number; generation: string } | undefined {
  const match = /^instance\/([a-z0-9-]+)\/(\d+)(?:\/([0-9a-f]+))?$/.exec(key)
  if (!match) return undefined
  return { pool: match[1] ?? '', index: Number(match[2]), generation: match[3] ?? '' }
}

/**
 * What a node of the pool is, as a short hash: its instance type, disk, market and the labels, taints
 * and roles its kubelet registers with. Nodes bootstrap with their labels and taints, so a day-2 edit of
 * any of these makes a new generation, and the pool's Rolling Update replaces its instances one by one.
 * Size is not part of it (a resize adds or removes nodes, it does not replace them).
 */
export function nodeGeneration(pool: AwsMachinePool): string {
  const { cloudConfig: c } = pool
  const what = JSON.stringify([
    c.instanceType,
    c.rootDeviceSize ?? null,
    c.capacityType ?? 'on-demand',
    c.spotMarketOptions?.maxPrice ?? null,
    Object.entries(nodeTags(pool)).sort(([a], [b]) => a.localeCompare(b)),
  ])
  return createHash('sha256').update(what).digest('hex').slice(0, 8)
}

/** How a pool's Kubernetes labels and taints are recorded on its instances (`k=v,…`, `k=v:Effect,…`). */
export function nodeTags(pool: AwsMachinePool): Record<string, string> {
  const { poolConfig } = pool
  const labels = Object.entries(poolConfig.additionalLabels).map(([k, v]) => `${k}=${v}`)
  const taints = poolConfig.taints.map(taintText)
  return {
    [NODE_POOL_TAG]: poolConfig.name,
    'console-node-roles': poolConfig.labels.join(','),
    ...(labels.length ? { 'console-node-labels': labels.join(',') } : {}),
    ...(taints.length ? { 'console-node-taints': taints.join(',') } : {}),
  }
}

/**
 * The tags of one instance: the cluster's tags (metadata.labels) and the console's ownership and key
 * tags (see ownedTags), seed 004's `kubernetes.io/cluster/<name>=owned`, the Cluster API role, and for
 * nodes the pool with its labels and taints.
 */
export function instanceTags(
  pass: AwsIaasPass,
  key: string,
  role: 'control-plane' | 'node' | 'bastion',
  pool?: AwsMachinePool,
): Record<string, string> {
  const suffix = key.slice('instance/'.length).replaceAll('/', '-')
  return ownedTags(pass, key, suffix, {
    [`kubernetes.io/cluster/${pass.name}`]: 'owned',
    'sigs.k8s.io/cluster-api-provider-aws/role': role,
    ...(pool ? nodeTags(pool) : {}),
  })
}
