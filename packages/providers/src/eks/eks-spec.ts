import type {
  CreateClusterRequest,
  CreateNodegroupRequest,
  LogType,
  Nodegroup,
  Taint,
  UpdateNodegroupConfigRequest,
} from '@aws-sdk/client-eks'
import { type EksClusterCreate, type EksMachinePool, parseValues } from '@console/contracts'
import { DYNAMIC_VPC_CIDR } from '../aws/network.ts'
import type { AwsPartition } from '../cloud-provider.ts'
import { NODE_POOL_TAG, ownershipTags } from '../ownership.ts'

/** What the EKS driver receives as `ClusterWork.spec`: the accepted create body's spec. */
export type EksSpec = EksClusterCreate['spec']

/**
 * The IAM roles EKS needs, by the names the Cluster API provider for AWS (and so Palette) uses: an
 * account is prepared with them once (`clusterawsadm bootstrap iam`), and the console's IAM policy lets
 * it pass exactly these (`iam:PassRole` on `*.cluster-api-provider-aws.sigs.k8s.io`).
 */
export const EKS_CONTROL_PLANE_ROLE = 'eks-controlplane.cluster-api-provider-aws.sigs.k8s.io'
export const EKS_NODE_ROLE = 'nodes.cluster-api-provider-aws.sigs.k8s.io'

/** The VPC of a dynamic placement: a /16, with a public and a private /20 per zone. */
export const EKS_VPC_CIDR = DYNAMIC_VPC_CIDR

/** What the cluster profile's layers say about the EKS cluster (only what is present). */
export interface EksProfileSettings {
  /** The k8s layer's tag: the Kubernetes version (`1.30`). */
  version?: string
  /** Control plane log types sent to CloudWatch Logs (k8s layer `managedControlPlane.logging`). */
  logTypes: LogType[]
  /** The OS layer's `amiType`: the node image family. */
  amiType?: string
  /** k8s layer `managedMachinePool.roleName`: the nodes' IAM role, instead of the default one. */
  nodeRoleName?: string
}

const VERSION = /^\d+\.\d+(\.\d+)?$/
const LOG_TYPES: Record<string, LogType> = {
  apiServer: 'api',
  audit: 'audit',
  authenticator: 'authenticator',
  controllerManager: 'controllerManager',
  scheduler: 'scheduler',
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}

/**
 * Reads the EKS settings from the profile's pack values: a pack named `kubernetes…` is the k8s layer
 * (its tag the version, `managedControlPlane`/`managedMachinePool` its settings); the pack whose values
 * hold `amiType` is the OS layer. Values that do not parse are ignored: the profile was validated.
 */
export function readEksProfileSettings(spec: Pick<EksSpec, 'profiles'>): EksProfileSettings {
  const out: EksProfileSettings = { logTypes: [] }
  for (const profile of spec.profiles) {
    for (const pack of profile.packValues) {
      const data = parseValues(pack.values).data ?? {}
      if (typeof data.amiType === 'string' && data.amiType !== '') out.amiType = data.amiType
      if (!/^kubernetes/.test(pack.name)) continue
      if (pack.tag && VERSION.test(pack.tag)) out.version = pack.tag.split('.').slice(0, 2).join('.')
      const logging = record(record(data.managedControlPlane).logging)
      out.logTypes = Object.entries(LOG_TYPES)
        .filter(([key]) => logging[key] === true)
        .map(([, type]) => type)
      const roleName = record(data.managedMachinePool).roleName
      if (typeof roleName === 'string' && roleName !== '') out.nodeRoleName = roleName
    }
  }
  return out
}

export function roleArn(partition: AwsPartition, accountId: string, name: string): string {
  return `arn:${partition}:iam::${accountId}:role/${name}`
}

/** The CreateCluster request: the control plane in the given subnets, with the endpoint access the user chose. */
export function createClusterRequest(input: {
  name: string
  clusterUid: string
  labels: Record<string, string>
  spec: EksSpec
  settings: EksProfileSettings
  roleArn: string
  subnetIds: string[]
  securityGroupId: string
  clientToken: string
}): CreateClusterRequest {
  const access = input.spec.cloudConfig.endpointAccess
  return {
    name: input.name,
    ...(input.settings.version ? { version: input.settings.version } : {}),
    roleArn: input.roleArn,
    resourcesVpcConfig: {
      subnetIds: input.subnetIds,
      securityGroupIds: [input.securityGroupId],
      endpointPublicAccess: access.public,
      endpointPrivateAccess: access.private,
      // Only meaningful with public access; EKS keeps its default (0.0.0.0/0) otherwise.
      ...(access.public ? { publicAccessCidrs: access.publicCIDRs } : {}),
    },
    ...(input.settings.logTypes.length > 0
      ? { logging: { clusterLogging: [{ types: input.settings.logTypes, enabled: true }] } }
      : {}),
    clientRequestToken: input.clientToken,
    tags: ownershipTags(input.clusterUid, input.name, input.labels),
  }
}

const EFFECTS: Record<string, Taint['effect']> = {
  NoSchedule: 'NO_SCHEDULE',
  PreferNoSchedule: 'PREFER_NO_SCHEDULE',
  NoExecute: 'NO_EXECUTE',
}

/** The CreateNodegroup request of one node pool. */
export function createNodegroupRequest(input: {
  clusterName: string
  clusterUid: string
  labels: Record<string, string>
  pool: EksMachinePool
  spec: EksSpec
  settings: EksProfileSettings
  nodeRoleArn: string
  subnetIds: string[]
  /** The console's security group: SSH to the nodes is allowed from its members only. */
  securityGroupId: string
  clientToken: string
}): CreateNodegroupRequest {
  const { cloudConfig, poolConfig } = input.pool
  const keyName = input.spec.cloudConfig.sshKeyName
  return {
    clusterName: input.clusterName,
    nodegroupName: poolConfig.name,
    scalingConfig: { minSize: poolConfig.minSize, maxSize: poolConfig.maxSize, desiredSize: poolConfig.size },
    diskSize: cloudConfig.rootDeviceSize,
    subnets: input.subnetIds,
    instanceTypes: [cloudConfig.instanceType],
    ...(input.settings.amiType ? { amiType: input.settings.amiType as CreateNodegroupRequest['amiType'] } : {}),
    // Without source groups EKS would open SSH to the whole internet.
    ...(keyName ? { remoteAccess: { ec2SshKey: keyName, sourceSecurityGroups: [input.securityGroupId] } } : {}),
    nodeRole: input.nodeRoleArn,
    labels: poolConfig.additionalLabels,
    taints: poolConfig.taints.map((t) => ({ key: t.key, value: t.value, effect: EFFECTS[t.effect] })),
    capacityType: cloudConfig.capacityType === 'spot' ? 'SPOT' : 'ON_DEMAND',
    ...(input.settings.version ? { version: input.settings.version } : {}),
    clientRequestToken: input.clientToken,
    tags: { ...ownershipTags(input.clusterUid, input.clusterName, input.labels), [NODE_POOL_TAG]: poolConfig.name },
  }
}

/**
 * The change that brings a running node group to its pool's spec (a day-2 edit of size, labels or
 * taints), or undefined when it already matches. Declarative: labels and taints not in the pool are
 * removed, the others added or updated, so applying it twice changes nothing more.
 */
export function nodegroupConfigUpdate(
  clusterName: string,
  pool: EksMachinePool,
  nodegroup: Nodegroup,
): UpdateNodegroupConfigRequest | undefined {
  const { poolConfig } = pool
  const update: UpdateNodegroupConfigRequest = { clusterName, nodegroupName: poolConfig.name }
  const scaling = { minSize: poolConfig.minSize, maxSize: poolConfig.maxSize, desiredSize: poolConfig.size }
  const actual = nodegroup.scalingConfig ?? {}
  if (
    actual.minSize !== scaling.minSize ||
    actual.maxSize !== scaling.maxSize ||
    actual.desiredSize !== scaling.desiredSize
  )
    update.scalingConfig = scaling
  const labels = poolConfig.additionalLabels
  const current = nodegroup.labels ?? {}
  const addOrUpdateLabels = Object.fromEntries(Object.entries(labels).filter(([k, v]) => current[k] !== v))
  const removeLabels = Object.keys(current).filter((k) => !(k in labels))
  if (Object.keys(addOrUpdateLabels).length || removeLabels.length)
    update.labels = {
      ...(Object.keys(addOrUpdateLabels).length ? { addOrUpdateLabels } : {}),
      ...(removeLabels.length ? { removeLabels } : {}),
    }
  const taints = poolConfig.taints.map((t) => ({ key: t.key, value: t.value, effect: EFFECTS[t.effect] }))
  const existing = nodegroup.taints ?? []
  const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect
  const addOrUpdateTaints = taints.filter((t) => !existing.some((e) => same(e, t) && (e.value ?? '') === t.value))
  const removeTaints = existing.filter((e) => !taints.some((t) => same(e, t)))
  if (addOrUpdateTaints.length || removeTaints.length)
    update.taints = {
      ...(addOrUpdateTaints.length ? { addOrUpdateTaints } : {}),
      ...(removeTaints.length ? { removeTaints } : {}),
    }
  return update.scalingConfig || update.labels || update.taints ? update : undefined
}

/** How an update reads in the cluster's events: "size 3, taints added dedicated=gpu:NoSchedule". */
export function describeNodegroupUpdate(update: UpdateNodegroupConfigRequest): string {
  const parts: string[] = []
  const s = update.scalingConfig
  if (s) parts.push(`size ${s.desiredSize} (${s.minSize}–${s.maxSize})`)
  const labels = update.labels
  if (labels?.addOrUpdateLabels)
    parts.push(
      `labels set ${Object.entries(labels.addOrUpdateLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    )
  if (labels?.removeLabels) parts.push(`labels removed ${labels.removeLabels.join(', ')}`)
  const taint = (t: Taint) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`
  if (update.taints?.addOrUpdateTaints)
    parts.push(`taints set ${update.taints.addOrUpdateTaints.map(taint).join(', ')}`)
  if (update.taints?.removeTaints) parts.push(`taints removed ${update.taints.removeTaints.map(taint).join(', ')}`)
  return parts.join('; ')
}
