import type { ResourceRecord } from '../core/types.ts'
import { isPrivate, overlaps, parseCidr } from './cidr.ts'
import {
  type ActionHandler,
  applyFilters,
  duration,
  getResource,
  isoSeconds,
  jsonParam,
  listResources,
  newId,
  page,
  required,
  T,
  type TencentCall,
  tagsToList,
} from './context.ts'
import { TencentError } from './errors.ts'
import {
  assertInstanceType,
  assertSubnets,
  createInstances,
  type InstanceSpec,
  parseSystemDisk,
  removeInstances,
  renderInstance,
} from './tke-instances.ts'

const CLUSTER_TYPES = ['MANAGED_CLUSTER', 'INDEPENDENT_CLUSTER']

/** Cluster autoscaler options TKE reports for a new cluster. */
const DEFAULT_AS_GROUP_OPTION = {
  IsScaleDownEnabled: false,
  Expander: 'random',
  MaxEmptyBulkDelete: 10,
  ScaleDownDelay: 10,
  ScaleDownUnneededTime: 10,
  ScaleDownUtilizationThreshold: 50,
  SkipNodesWithLocalStorage: true,
  SkipNodesWithSystemPods: true,
  IgnoreDaemonSetsUtilization: false,
  OkTotalUnreadyCount: 3,
  MaxTotalUnreadyPercentage: 45,
  ScaleDownUnreadyTime: 20,
  UnregisteredNodeRemovalTime: 15,
}

/** The cluster or the error TKE gives for an unknown id in most cluster APIs. */
export function findCluster(call: TencentCall, id: unknown, code = 'InternalError.ClusterNotFound'): ResourceRecord {
  const cluster = typeof id === 'string' ? getResource(call, T.cluster, id) : undefined
  if (!cluster) throw new TencentError(code, `Cluster \`${String(id)}\` not found.`)
  return cluster
}

/** Live worker and master instances of a cluster (terminating ones have left it). */
export function clusterInstances(call: TencentCall, clusterId: string): ResourceRecord[] {
  return listResources(call, T.instance, clusterId).filter((i) => i.state !== 'terminating')
}

/** TKE 2018-05-25 cluster lifecycle. */
export const clusterActions: Record<string, ActionHandler> = {
  CreateCluster(call) {
    const p = call.params
    const clusterType = required<string>(p, 'ClusterType')
    if (!CLUSTER_TYPES.includes(clusterType)) {
      throw new TencentError('InvalidParameter.Param', `ClusterType must be one of ${CLUSTER_TYPES.join(', ')}.`)
    }
    const cidrSettings = required<Record<string, unknown>>(p, 'ClusterCIDRSettings')
    const basic = (p.ClusterBasicSettings ?? {}) as Record<string, unknown>
    const advanced = (p.ClusterAdvancedSettings ?? {}) as Record<string, unknown>
    const vpcId = basic.VpcId
    if (typeof vpcId !== 'string' || vpcId === '') {
      throw new TencentError(
        'MissingParameter',
        'The request is missing a required parameter `ClusterBasicSettings.VpcId`.',
      )
    }
    const vpc = getResource(call, T.vpc, vpcId)
    if (!vpc) throw new TencentError('InvalidParameter.Param', `VPC \`${vpcId}\` does not exist in ${call.region}.`)

    const networkType = (advanced.NetworkType as string | undefined) ?? 'GR'
    const clusterCidr = cidrSettings.ClusterCIDR as string | undefined
    if (networkType === 'GR' || clusterCidr) checkClusterCidr(call, clusterCidr, vpc, cidrSettings)

    const live = listResources(call, T.cluster)
    if (live.length >= call.fixture.quotas.maxClustersPerRegion) {
      throw new TencentError(
        'LimitExceeded',
        `The number of clusters in ${call.region} reached the quota of ${call.fixture.quotas.maxClustersPerRegion}.`,
      )
    }

    const nodeSpecs = parseRunInstances(call, p.RunInstancesForNode, vpcId)
    const masters = nodeSpecs.filter((s) => s.role === 'MASTER_ETCD').reduce((n, s) => n + s.count, 0)
    if (clusterType === 'INDEPENDENT_CLUSTER' && (masters < 3 || masters > 7)) {
      throw new TencentError('InvalidParameter.Param', 'An INDEPENDENT_CLUSTER needs 3 to 7 MASTER_ETCD nodes.')
    }
    if (clusterType === 'MANAGED_CLUSTER' && masters > 0) {
      throw new TencentError('InvalidParameter.Param', 'MASTER_ETCD nodes are only for INDEPENDENT_CLUSTER.')
    }

    const id = newId('cls')
    const tags: Record<string, string> = {}
    for (const spec of (basic.TagSpecification ?? []) as Array<{
      ResourceType?: string
      Tags?: Array<{ Key?: string; Value?: string }>
    }>) {
      if (spec.ResourceType && spec.ResourceType !== 'cluster') continue
      for (const tag of spec.Tags ?? []) if (tag.Key) tags[tag.Key] = tag.Value ?? ''
    }
    const name = (basic.ClusterName as string | undefined) || id
    const cluster = call.ctx.store.put({
      cloud: 'tencent',
      account: call.account.uin,
      region: call.region,
      type: T.cluster,
      id,
      name,
      state: 'Creating',
      tags,
      parentId: vpcId,
      attrs: {
        clusterType,
        description: basic.ClusterDescription ?? '',
        version: basic.ClusterVersion ?? '1.30.0',
        os: basic.ClusterOs ?? 'tlinux3.1x86_64',
        osCustomizeType: basic.OsCustomizeType ?? 'GENERAL',
        projectId: basic.ProjectId ?? 0,
        level: basic.ClusterLevel ?? 'L5',
        vpcId,
        subnetId: basic.SubnetId ?? '',
        clusterCidr: clusterCidr ?? '',
        serviceCidr: cidrSettings.ServiceCIDR ?? '',
        maxNodePodNum: cidrSettings.MaxNodePodNum ?? 64,
        maxClusterServiceNum: cidrSettings.MaxClusterServiceNum ?? 256,
        networkType,
        ipvs: advanced.IPVS === true,
        containerRuntime: advanced.ContainerRuntime ?? 'containerd',
        runtimeVersion: advanced.RuntimeVersion ?? '1.6.9',
        deletionProtection: advanced.DeletionProtection === true,
        auditEnabled: advanced.AuditEnabled === true,
      },
    })
    const stuck = call.ctx.faults.isStuck('tencent', 'CreateCluster')
    const createMs = stuck ? Number.POSITIVE_INFINITY : duration(call, 'tke.cluster.create')
    call.ctx.store.transition(cluster, 'Creating', [{ afterMs: createMs, next: 'Running' }])
    for (const spec of nodeSpecs) {
      createInstances(call, {
        ...spec,
        clusterId: id,
        tags: {},
        namePrefix: name,
        readyAfterMs: createMs + duration(call, 'tke.instance.create'),
      })
    }
    return { ClusterId: id }
  },

  DescribeClusters(call) {
    let clusters = listResources(call, T.cluster)
    const ids = call.params.ClusterIds
    if (Array.isArray(ids)) clusters = clusters.filter((c) => ids.includes(c.id))
    if (call.params.ClusterType) clusters = clusters.filter((c) => c.attrs.clusterType === call.params.ClusterType)
    const filtered = applyFilters(clusters, call.params.Filters, {
      ClusterName: (c) => c.name,
      ClusterType: (c) => c.attrs.clusterType as string,
      ClusterStatus: (c) => c.state,
      'vpc-id': (c) => c.attrs.vpcId as string,
    })
    return {
      TotalCount: filtered.length,
      Clusters: page(filtered, call.params.Offset, call.params.Limit).map((c) => renderCluster(call, c)),
    }
  },

  DescribeClusterStatus(call) {
    let clusters = listResources(call, T.cluster)
    const ids = call.params.ClusterIds
    if (Array.isArray(ids)) clusters = clusters.filter((c) => ids.includes(c.id))
    return {
      TotalCount: clusters.length,
      ClusterStatusSet: clusters.map((c) => {
        const instances = listResources(call, T.instance, c.id)
        const count = (state: string) => instances.filter((i) => i.state === state).length
        const initializing = count('initializing')
        return {
          ClusterId: c.id,
          ClusterState: c.state,
          ClusterInstanceState: initializing > 0 ? 'initializing' : 'allnormal',
          ClusterBMonitor: true,
          ClusterInitNodeNum: initializing,
          ClusterRunningNodeNum: count('running'),
          ClusterFailedNodeNum: 0,
          ClusterClosedNodeNum: 0,
          ClusterClosingNodeNum: count('terminating'),
          ClusterDeletionProtection: c.attrs.deletionProtection === true,
          ClusterAuditEnabled: c.attrs.auditEnabled === true,
        }
      }),
    }
  },

  /**
   * Deletes the cluster with everything in it: node pools go, and the instances are either
   * terminated or (retain) left running outside the cluster, as TKE does.
   */
  DeleteCluster(call) {
    const cluster = findCluster(call, required(call.params, 'ClusterId'))
    const mode = required<string>(call.params, 'InstanceDeleteMode')
    if (mode !== 'terminate' && mode !== 'retain') {
      throw new TencentError('InvalidParameter', 'InstanceDeleteMode must be `terminate` or `retain`.')
    }
    if (cluster.attrs.deletionProtection === true) {
      throw new TencentError(
        'OperationDenied.ClusterInDeletionProtection',
        `Cluster \`${cluster.id}\` has deletion protection enabled.`,
      )
    }
    if (cluster.state === 'Deleting') return {}
    const stuck = call.ctx.faults.isStuck('tencent', 'DeleteCluster')
    const afterMs = stuck ? Number.POSITIVE_INFINITY : duration(call, 'tke.cluster.delete')
    call.ctx.store.transition(cluster, 'Deleting', [{ afterMs, next: null }])
    for (const child of [
      ...listResources(call, T.nodePool, cluster.id),
      ...listResources(call, T.endpoint, cluster.id),
    ]) {
      call.ctx.store.transition(child, child.type === T.nodePool ? 'deleting' : 'Deleting', [{ afterMs, next: null }])
    }
    removeInstances(call, listResources(call, T.instance, cluster.id), mode, stuck)
    return {}
  },

  DescribeClusterInstances(call) {
    const cluster = findCluster(call, required(call.params, 'ClusterId'))
    const role = (call.params.InstanceRole as string | undefined) ?? 'WORKER'
    let instances = clusterInstances(call, cluster.id)
    if (role !== 'ALL') instances = instances.filter((i) => i.attrs.role === role)
    const ids = call.params.InstanceIds
    if (Array.isArray(ids)) instances = instances.filter((i) => ids.includes(i.id))
    const filtered = applyFilters(instances, call.params.Filters, {
      'nodepool-id': (i) => i.attrs.nodePoolId as string,
      'nodepool-instance-type': (i) => (i.attrs.nodePoolId ? 'AUTOSCALING_ADDED' : 'MANUALLY_ADDED'),
    })
    return {
      TotalCount: filtered.length,
      InstanceSet: page(filtered, call.params.Offset, call.params.Limit).map(renderInstance),
    }
  },

  DescribeClusterAsGroupOption(call) {
    findCluster(call, required(call.params, 'ClusterId'))
    return { ClusterAsGroupOption: { ...DEFAULT_AS_GROUP_OPTION } }
  },
}

function checkClusterCidr(
  call: TencentCall,
  text: string | undefined,
  vpc: ResourceRecord,
  settings: Record<string, unknown>,
): void {
  const cidr = parseCidr(text)
  if (!cidr)
    throw new TencentError('InvalidParameter.CidrInvalid', `ClusterCIDR \`${String(text)}\` is not a valid CIDR.`)
  if (!isPrivate(cidr)) {
    throw new TencentError(
      'InvalidParameter.InvalidPrivateNetworkCIDR',
      `ClusterCIDR \`${text}\` is not a private range.`,
    )
  }
  const vpcCidr = parseCidr(vpc.attrs.cidr)
  if (vpcCidr && overlaps(cidr, vpcCidr)) {
    throw new TencentError(
      'InvalidParameter.CidrConflictWithVpcCidr',
      `ClusterCIDR \`${text}\` conflicts with the CIDR \`${String(vpc.attrs.cidr)}\` of VPC \`${vpc.id}\`.`,
    )
  }
  if (settings.IgnoreClusterCIDRConflict === true) return
  for (const other of listResources(call, T.cluster)) {
    const otherCidr = parseCidr(other.attrs.clusterCidr)
    if (other.attrs.vpcId === vpc.id && otherCidr && overlaps(cidr, otherCidr)) {
      throw new TencentError(
        'InvalidParameter.CidrConflictWithOtherCluster',
        `ClusterCIDR \`${text}\` conflicts with cluster \`${other.id}\`.`,
      )
    }
  }
}

type NodeSpec = Pick<
  InstanceSpec,
  'role' | 'instanceType' | 'chargeType' | 'subnetIds' | 'keyIds' | 'securityGroupIds' | 'systemDisk' | 'count'
>

/** RunInstancesForNode: per role, CVM RunInstances parameters as JSON strings. */
function parseRunInstances(call: TencentCall, items: unknown, vpcId: string): NodeSpec[] {
  if (items === undefined || items === null) return []
  if (!Array.isArray(items)) throw new TencentError('InvalidParameter', 'RunInstancesForNode must be an array.')
  const specs: NodeSpec[] = []
  for (const item of items as Array<{ NodeRole?: string; RunInstancesPara?: unknown[] }>) {
    const role = item.NodeRole
    if (role !== 'WORKER' && role !== 'MASTER_ETCD') {
      throw new TencentError('InvalidParameter.Param', 'NodeRole must be WORKER or MASTER_ETCD.')
    }
    for (const raw of item.RunInstancesPara ?? []) {
      const para = jsonParam(raw, 'RunInstancesPara')
      const vpc = (para.VirtualPrivateCloud ?? {}) as { VpcId?: string; SubnetId?: string }
      const subnetIds = assertSubnets(call, [vpc.SubnetId], vpcId).map((s) => s.id)
      const login = (para.LoginSettings ?? {}) as { KeyIds?: string[] }
      specs.push({
        role,
        instanceType: assertInstanceType(call, para.InstanceType),
        chargeType: (para.InstanceChargeType as string | undefined) ?? 'POSTPAID_BY_HOUR',
        subnetIds,
        keyIds: login.KeyIds ?? [],
        securityGroupIds: (para.SecurityGroupIds as string[] | undefined) ?? [],
        systemDisk: parseSystemDisk(para.SystemDisk),
        count: Number(para.InstanceCount ?? 1),
      })
    }
  }
  return specs
}

function renderCluster(call: TencentCall, c: ResourceRecord) {
  const a = c.attrs
  const instances = clusterInstances(call, c.id)
  return {
    ClusterId: c.id,
    ClusterName: c.name,
    ClusterDescription: a.description,
    ClusterVersion: a.version,
    ClusterOs: a.os,
    ClusterType: a.clusterType,
    ClusterNetworkSettings: {
      ClusterCIDR: a.clusterCidr,
      IgnoreClusterCIDRConflict: false,
      MaxNodePodNum: a.maxNodePodNum,
      MaxClusterServiceNum: a.maxClusterServiceNum,
      Ipvs: a.ipvs,
      VpcId: a.vpcId,
      Cni: a.networkType !== 'GR',
      KubeProxyMode: a.ipvs ? 'ipvs' : 'iptables',
      ServiceCIDR: a.serviceCidr,
      Subnets: [],
      IgnoreServiceCIDRConflict: false,
      IsDualStack: false,
      Ipv6ServiceCIDR: '',
      CiliumMode: '',
      SubnetId: a.subnetId,
      DataPlaneV2: false,
    },
    ClusterNodeNum: instances.filter((i) => i.attrs.role === 'WORKER').length,
    ProjectId: a.projectId,
    TagSpecification: [{ ResourceType: 'cluster', Tags: tagsToList(c.tags) }],
    ClusterStatus: c.state,
    Property: JSON.stringify({ NodeNameType: 'lan-ip', NetworkType: a.networkType }),
    ClusterMaterNodeNum: instances.filter((i) => i.attrs.role === 'MASTER_ETCD').length,
    ImageId: '',
    OsCustomizeType: a.osCustomizeType,
    ContainerRuntime: a.containerRuntime,
    CreatedTime: isoSeconds(c.createdAt),
    DeletionProtection: a.deletionProtection,
    EnableExternalNode: false,
    ClusterLevel: a.level,
    AutoUpgradeClusterLevel: false,
    QGPUShareEnable: false,
    RuntimeVersion: a.runtimeVersion,
    ClusterEtcdNodeNum: 0,
    CdcId: '',
    IsHighAvailability: true,
    ClusterCategory: '',
  }
}
