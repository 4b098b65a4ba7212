import type { ResourceRecord } from '../core/types.ts'
import {
  type ActionHandler,
  applyFilters,
  duration,
  getResource,
  jsonParam,
  listResources,
  newId,
  required,
  T,
  type TencentCall,
  tagsToList,
} from './context.ts'
import { TencentError } from './errors.ts'
import { findCluster } from './tke-clusters.ts'
import {
  assertInstanceType,
  assertSubnets,
  createInstances,
  parseSystemDisk,
  removeInstances,
} from './tke-instances.ts'

const CLUSTER_NOT_FOUND = 'ResourceNotFound.ClusterNotFound'

/** TKE 2018-05-25 node pools: an auto-scaling group whose instances join the cluster. */
export const nodePoolActions: Record<string, ActionHandler> = {
  CreateClusterNodePool(call) {
    const p = call.params
    const cluster = findCluster(call, required(p, 'ClusterId'), CLUSTER_NOT_FOUND)
    if (cluster.state !== 'Running') {
      throw new TencentError(
        'ResourceUnavailable.ClusterState',
        `Cluster \`${cluster.id}\` is ${cluster.state}; node pools can be added once it is Running.`,
      )
    }
    const asg = jsonParam(required(p, 'AutoScalingGroupPara'), 'AutoScalingGroupPara')
    const launch = jsonParam(required(p, 'LaunchConfigurePara'), 'LaunchConfigurePara')
    required(p, 'EnableAutoscale')

    const pools = listResources(call, T.nodePool, cluster.id)
    const name = (p.Name as string | undefined) || `nodepool-${pools.length + 1}`
    if (pools.some((pool) => pool.name === name)) {
      throw new TencentError(
        'InvalidParameter.Param',
        `A node pool named \`${name}\` already exists in cluster \`${cluster.id}\`.`,
      )
    }
    if (pools.length >= call.fixture.quotas.maxNodePoolsPerCluster) {
      throw new TencentError(
        'LimitExceeded',
        `Cluster \`${cluster.id}\` reached the quota of ${call.fixture.quotas.maxNodePoolsPerCluster} node pools.`,
      )
    }

    const min = Number(asg.MinSize ?? 0)
    const max = Number(asg.MaxSize ?? 0)
    const desired = Number(asg.DesiredCapacity ?? min)
    if (![min, max, desired].every(Number.isInteger) || min < 0 || min > desired || desired > max) {
      throw new TencentError(
        'InvalidParameter.Param',
        'AutoScalingGroupPara needs MinSize <= DesiredCapacity <= MaxSize.',
      )
    }
    const vpcId = (asg.VpcId as string | undefined) ?? (cluster.attrs.vpcId as string)
    if (vpcId !== cluster.attrs.vpcId) {
      throw new TencentError(
        'InvalidParameter.Param',
        `VpcId \`${vpcId}\` is not the VPC of cluster \`${cluster.id}\`.`,
      )
    }
    const subnetIds = assertSubnets(call, asg.SubnetIds, vpcId).map((s) => s.id)
    const instanceType = assertInstanceType(call, launch.InstanceType)
    const systemDisk = parseSystemDisk(launch.SystemDisk)
    const securityGroupIds = (launch.SecurityGroupIds as string[] | undefined) ?? []
    for (const sg of securityGroupIds) {
      if (!getResource(call, T.securityGroup, sg)) {
        throw new TencentError('InvalidParameter.Param', `Security group \`${sg}\` does not exist.`)
      }
    }
    const keyIds = ((launch.LoginSettings ?? {}) as { KeyIds?: string[] }).KeyIds ?? []
    for (const key of keyIds) {
      if (!getResource(call, T.keyPair, key))
        throw new TencentError('InvalidParameter.Param', `Key pair \`${key}\` does not exist.`)
    }
    const chargeType = (launch.InstanceChargeType as string | undefined) ?? 'POSTPAID_BY_HOUR'
    if (!['POSTPAID_BY_HOUR', 'SPOTPAID', 'PREPAID'].includes(chargeType)) {
      throw new TencentError('InvalidParameter.Param', `InstanceChargeType \`${chargeType}\` is not supported.`)
    }

    const tags: Record<string, string> = {}
    for (const tag of (p.Tags ?? []) as Array<{ Key?: string; Value?: string }>)
      if (tag.Key) tags[tag.Key] = tag.Value ?? ''
    const id = newId('np')
    const asgId = newId('asg')
    const pool = call.ctx.store.put({
      cloud: 'tencent',
      account: call.account.uin,
      region: call.region,
      type: T.nodePool,
      id,
      name,
      state: 'creating',
      tags,
      parentId: cluster.id,
      attrs: {
        asgId,
        launchConfigId: newId('asc'),
        min,
        max,
        desired,
        enableAutoscale: p.EnableAutoscale === true,
        instanceType,
        chargeType,
        systemDisk,
        subnetIds,
        labels: p.Labels ?? [],
        taints: p.Taints ?? [],
        annotations: p.Annotations ?? [],
        os: p.NodePoolOs ?? cluster.attrs.os,
        osCustomizeType: p.OsCustomizeType ?? 'GENERAL',
        runtime: p.ContainerRuntime ?? cluster.attrs.containerRuntime,
        runtimeVersion: p.RuntimeVersion ?? cluster.attrs.runtimeVersion,
        deletionProtection: p.DeletionProtection === true,
        desiredPodNum: (p.InstanceAdvancedSettings as { DesiredPodNumber?: number } | undefined)?.DesiredPodNumber ?? 0,
      },
    })
    const poolMs = duration(call, 'tke.nodepool.create')
    call.ctx.store.transition(pool, 'creating', [{ afterMs: poolMs, next: 'normal' }])
    const stuck = call.ctx.faults.isStuck('tencent', 'CreateClusterNodePool')
    createInstances(call, {
      clusterId: cluster.id,
      nodePoolId: id,
      autoscalingGroupId: asgId,
      role: 'WORKER',
      instanceType,
      chargeType,
      subnetIds,
      keyIds,
      securityGroupIds,
      tags,
      systemDisk,
      namePrefix: `${cluster.name}-${name}`,
      count: desired,
      readyAfterMs: stuck ? Number.POSITIVE_INFINITY : poolMs + duration(call, 'tke.instance.create'),
    })
    return { NodePoolId: id }
  },

  DescribeClusterNodePools(call) {
    const cluster = findCluster(call, required(call.params, 'ClusterId'), CLUSTER_NOT_FOUND)
    const pools = applyFilters(listResources(call, T.nodePool, cluster.id), call.params.Filters, {
      NodePoolsName: (pool) => pool.name,
      NodePoolsId: (pool) => pool.id,
    })
    return { TotalCount: pools.length, NodePoolSet: pools.map((pool) => renderNodePool(call, pool)) }
  },

  DeleteClusterNodePool(call) {
    const cluster = findCluster(call, required(call.params, 'ClusterId'), CLUSTER_NOT_FOUND)
    const ids = required<unknown>(call.params, 'NodePoolIds')
    const keep = required<boolean>(call.params, 'KeepInstance')
    if (!Array.isArray(ids) || ids.length === 0)
      throw new TencentError('InvalidParameter.Param', 'NodePoolIds must not be empty.')
    const pools = ids.map((id) => {
      const pool = typeof id === 'string' ? getResource(call, T.nodePool, id) : undefined
      if (!pool || pool.parentId !== cluster.id) {
        throw new TencentError(
          'InternalError.DbRecordNotFound',
          `Node pool \`${String(id)}\` not found in cluster \`${cluster.id}\`.`,
        )
      }
      return pool
    })
    const stuck = call.ctx.faults.isStuck('tencent', 'DeleteClusterNodePool')
    for (const pool of pools) {
      if (pool.state === 'deleting') continue
      const afterMs = stuck ? Number.POSITIVE_INFINITY : duration(call, 'tke.nodepool.delete')
      call.ctx.store.transition(pool, 'deleting', [{ afterMs, next: null }])
      const members = listResources(call, T.instance, cluster.id).filter((i) => i.attrs.nodePoolId === pool.id)
      removeInstances(call, members, keep === true ? 'retain' : 'terminate', stuck)
    }
    return {}
  },
}

function renderNodePool(call: TencentCall, pool: ResourceRecord) {
  const a = pool.attrs
  const members = listResources(call, T.instance, pool.parentId).filter(
    (i) => i.attrs.nodePoolId === pool.id && i.state !== 'terminating',
  )
  const initializing = members.filter((i) => i.state === 'initializing').length
  const normal = members.filter((i) => i.state === 'running').length
  return {
    NodePoolId: pool.id,
    Name: pool.name,
    ClusterInstanceId: pool.parentId,
    LifeState: pool.state,
    LaunchConfigurationId: a.launchConfigId,
    AutoscalingGroupId: a.asgId,
    Labels: a.labels,
    Taints: a.taints,
    Annotations: a.annotations,
    NodeCountSummary: {
      ManuallyAdded: { Joining: 0, Initializing: 0, Normal: 0, Total: 0 },
      AutoscalingAdded: { Joining: 0, Initializing: initializing, Normal: normal, Total: members.length },
    },
    AutoscalingGroupStatus: pool.state === 'deleting' ? 'deleting' : 'enabled',
    MaxNodesNum: a.max,
    MinNodesNum: a.min,
    DesiredNodesNum: a.desired,
    NodePoolOs: a.os,
    OsCustomizeType: a.osCustomizeType,
    ImageId: '',
    DesiredPodNum: a.desiredPodNum,
    UserScript: '',
    Tags: tagsToList(pool.tags),
    DeletionProtection: a.deletionProtection,
    RuntimeConfig: { RuntimeType: a.runtime, RuntimeVersion: a.runtimeVersion },
  }
}
