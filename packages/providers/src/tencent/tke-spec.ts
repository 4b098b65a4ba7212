import { parseValues, type TkeClusterCreate, type TkeMachinePool } from '@console/contracts'
import type {
  CreateClusterNodePoolRequest,
  CreateClusterRequest,
  InstanceAdvancedSettings,
  Tag,
} from 'tencentcloud-sdk-nodejs/tencentcloud/services/tke/v20180525/tke_models'
import { NODE_POOL_TAG, ownershipTags } from '../ownership.ts'

/** What the TKE driver receives as `ClusterWork.spec`: the accepted create body's spec. */
export type TkeSpec = TkeClusterCreate['spec']

// Every TKE cluster and node pool (and so every CVM) the console creates carries the ownership tags.
export { CLUSTER_NAME_TAG, NODE_POOL_TAG, OWNER_TAG } from '../ownership.ts'

/**
 * The tags of a cluster's resources: the user's labels, then the console's own tags (which win
 * over a label of the same key, so ownership can never be overwritten).
 */
export function clusterTags(clusterUid: string, clusterName: string, labels: Record<string, string>): Tag[] {
  return Object.entries(ownershipTags(clusterUid, clusterName, labels)).map(([Key, Value]) => ({ Key, Value }))
}

/** What the cluster profile's layers say about the TKE cluster (only what is present). */
export interface TkeProfileSettings {
  /** The OS layer's `OsName`: the node image. */
  osName?: string
  /** The k8s layer's tag: the Kubernetes version. */
  version?: string
  clusterLevel?: string
  containerRuntime?: string
  kubeProxyMode?: string
  clusterCidr?: string
  maxNodePodNum?: number
  maxClusterServiceNum?: number
  deletionProtection?: boolean
  auditEnabled?: boolean
}

const VERSION = /^\d+\.\d+(\.\d+)?$/

/**
 * Reads the OS image and the Kubernetes settings from the profile's pack values: the pack whose
 * values hold `OsName` is the OS layer; a pack named `kubernetes…` is the k8s layer (its tag is the
 * version, its values the managed cluster's settings). Values that do not parse are ignored here:
 * the profile was validated before the cluster was accepted.
 */
export function readProfileSettings(spec: Pick<TkeSpec, 'profiles'>): TkeProfileSettings {
  const out: TkeProfileSettings = {}
  for (const profile of spec.profiles) {
    for (const pack of profile.packValues) {
      const data = parseValues(pack.values).data ?? {}
      if (typeof data.OsName === 'string' && data.OsName !== '') out.osName = data.OsName
      if (!/^kubernetes/.test(pack.name)) continue
      if (pack.tag && VERSION.test(pack.tag)) out.version = pack.tag
      const networking = (data.networking ?? {}) as Record<string, unknown>
      assignString(out, 'clusterLevel', data.clusterLevel)
      assignString(out, 'containerRuntime', data.containerRuntime)
      assignString(out, 'kubeProxyMode', data.kubeProxyMode)
      assignString(out, 'clusterCidr', networking.clusterCIDR)
      if (typeof networking.maxNodePodNum === 'number') out.maxNodePodNum = networking.maxNodePodNum
      if (typeof networking.maxClusterServiceNum === 'number')
        out.maxClusterServiceNum = networking.maxClusterServiceNum
      if (typeof data.deletionProtection === 'boolean') out.deletionProtection = data.deletionProtection
      if (typeof data.auditEnabled === 'boolean') out.auditEnabled = data.auditEnabled
    }
  }
  return out
}

function assignString(
  out: TkeProfileSettings,
  key: 'clusterLevel' | 'containerRuntime' | 'kubeProxyMode' | 'clusterCidr',
  value: unknown,
) {
  if (typeof value === 'string' && value !== '') out[key] = value
}

/** The CreateCluster request of a managed cluster without nodes (the pools come separately). */
export function createClusterRequest(input: {
  clusterUid: string
  clusterName: string
  labels: Record<string, string>
  spec: TkeSpec
  settings: TkeProfileSettings
  clusterCidr: string
}): CreateClusterRequest {
  const { settings } = input
  return {
    ClusterType: 'MANAGED_CLUSTER',
    ClusterCIDRSettings: {
      ClusterCIDR: input.clusterCidr,
      MaxNodePodNum: settings.maxNodePodNum ?? 64,
      MaxClusterServiceNum: settings.maxClusterServiceNum ?? 256,
    },
    ClusterBasicSettings: {
      ClusterName: input.clusterName,
      ClusterDescription: `Managed by the console (cluster ${input.clusterUid})`,
      VpcId: input.spec.cloudConfig.vpcID,
      // Left out when the profile does not say: TKE then uses its default image and version.
      ...(settings.osName ? { ClusterOs: settings.osName } : {}),
      ...(settings.version ? { ClusterVersion: settings.version } : {}),
      ...(settings.clusterLevel ? { ClusterLevel: settings.clusterLevel } : {}),
      TagSpecification: [
        { ResourceType: 'cluster', Tags: clusterTags(input.clusterUid, input.clusterName, input.labels) },
      ],
    },
    ClusterAdvancedSettings: {
      NetworkType: 'GR',
      ContainerRuntime: settings.containerRuntime ?? 'containerd',
      IPVS: settings.kubeProxyMode === 'ipvs',
      DeletionProtection: settings.deletionProtection ?? false,
      AuditEnabled: settings.auditEnabled ?? false,
    },
  }
}

/** The CreateClusterNodePool request of one worker pool. */
export function createNodePoolRequest(input: {
  clusterId: string
  pool: TkeMachinePool
  spec: TkeSpec
  settings: TkeProfileSettings
  tags: Tag[]
}): CreateClusterNodePoolRequest {
  const { pool, spec, settings } = input
  const { cloudConfig, poolConfig } = pool
  const subnetIds = cloudConfig.azs.map((az) => cloudConfig.subnetIds[az]).filter((s): s is string => Boolean(s))
  const labels = [
    // Palette's pool labels ("worker") are node roles; additionalLabels are plain node labels.
    ...poolConfig.labels.map((role) => ({ Name: `node-role.kubernetes.io/${role}`, Value: '' })),
    ...Object.entries(poolConfig.additionalLabels).map(([Name, Value]) => ({ Name, Value })),
  ]
  const taints = poolConfig.taints.map((t) => ({ Key: t.key, Value: t.value, Effect: t.effect }))
  return {
    ClusterId: input.clusterId,
    Name: poolConfig.name,
    AutoScalingGroupPara: JSON.stringify({
      MinSize: poolConfig.minSize,
      MaxSize: poolConfig.maxSize,
      DesiredCapacity: poolConfig.size,
      VpcId: spec.cloudConfig.vpcID,
      SubnetIds: subnetIds,
      RetryPolicy: 'IMMEDIATE_RETRY',
    }),
    LaunchConfigurePara: JSON.stringify({
      InstanceType: cloudConfig.instanceType,
      InstanceChargeType: 'POSTPAID_BY_HOUR',
      SystemDisk: { DiskType: 'CLOUD_PREMIUM', DiskSize: cloudConfig.rootDeviceSize },
      LoginSettings: { KeyIds: spec.cloudConfig.sshKeyIDs },
    }),
    // The SDK types DesiredPodNumber, GPUArgs and PreStartUserScript as required; the API does not.
    InstanceAdvancedSettings: { Labels: labels, Taints: taints } as InstanceAdvancedSettings,
    EnableAutoscale: poolConfig.maxSize > poolConfig.minSize,
    Labels: labels,
    Taints: taints,
    ...(settings.osName ? { NodePoolOs: settings.osName } : {}),
    ...(settings.containerRuntime ? { ContainerRuntime: settings.containerRuntime } : {}),
    Tags: [...input.tags, { Key: NODE_POOL_TAG, Value: poolConfig.name }],
  }
}

/**
 * A container CIDR for the cluster when the profile gives none: the first private /16 that overlaps
 * neither the VPC nor another cluster's container network in it (TKE refuses both).
 */
export function pickClusterCidr(vpcCidr: string | undefined, taken: readonly string[]): string | undefined {
  const used = [vpcCidr, ...taken].map(parseCidr).filter((c): c is Cidr => c !== undefined)
  const candidates = [
    ...range(16, 31).map((b) => `172.${b}.0.0/16`),
    ...range(0, 255).map((b) => `10.${b}.0.0/16`),
    '192.168.0.0/16',
  ]
  return candidates.find((text) => {
    const c = parseCidr(text)
    return c !== undefined && !used.some((u) => overlaps(c, u))
  })
}

interface Cidr {
  start: number
  end: number
}

function parseCidr(text: string | undefined): Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text ?? '')
  if (!m) return undefined
  const octets = m.slice(1, 5).map(Number)
  const bits = Number(m[5])
  if (octets.some((o) => o > 255) || bits > 32) return undefined
  const ip = octets.reduce((n, o) => n * 256 + o, 0)
  const size = 2 ** (32 - bits)
  const start = Math.floor(ip / size) * size
  return { start, end: start + size - 1 }
}

function overlaps(a: Cidr, b: Cidr): boolean {
  return a.start <= b.end && b.start <= a.end
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}
