import { randomUUID } from 'node:crypto'
import type { ResourceRecord } from '../../core/types.ts'
import {
  type AwsCall,
  AwsError,
  duration,
  getResource,
  listResources,
  putResource,
  quota,
  updateResource,
} from '../call.ts'
import { terminateInstance } from '../ec2/launch.ts'
import { type StoredUpdate, updateView } from './cluster-updates.ts'
import { CLUSTER, epochSeconds, invalidParameter, NODEGROUP, paginate, requireCluster } from './clusters.ts'
import { nodegroupInstances, scaleNodegroupInstances } from './nodegroup-instances.ts'

interface Taint {
  key: string
  value?: string
  effect: 'NO_SCHEDULE' | 'NO_EXECUTE' | 'PREFER_NO_SCHEDULE'
}
interface Scaling {
  minSize?: number
  maxSize?: number
  desiredSize?: number
}

function nodegroupNotFound(cluster: string, name: string): AwsError {
  return new AwsError('ResourceNotFoundException', `No node group found for name: ${name}.`, 404, {
    clusterName: cluster,
    nodegroupName: name,
  })
}

/** Nodegroups are stored under the id "<cluster>/<nodegroup>" with the cluster as parent. */
export function requireNodegroup(call: AwsCall, cluster: string, name: string): ResourceRecord {
  requireCluster(call, cluster)
  const r = getResource(call, NODEGROUP, `${cluster}/${name}`)
  if (!r) throw nodegroupNotFound(cluster, name)
  return r
}

export function nodegroupView(r: ResourceRecord): Record<string, unknown> {
  const a = r.attrs
  return {
    nodegroupName: r.name,
    nodegroupArn: a.arn,
    clusterName: r.parentId,
    version: a.version,
    releaseVersion: `${a.version as string}.0-20250101`,
    createdAt: epochSeconds(r.createdAt),
    modifiedAt: epochSeconds((a.modifiedAt as number | undefined) ?? r.createdAt),
    status: r.state,
    capacityType: a.capacityType,
    scalingConfig: a.scalingConfig,
    instanceTypes: a.instanceTypes,
    subnets: a.subnets,
    remoteAccess: a.remoteAccess,
    amiType: a.amiType,
    nodeRole: a.nodeRole,
    labels: a.labels,
    taints: a.taints,
    resources: { autoScalingGroups: [{ name: a.asgName }] },
    diskSize: a.diskSize,
    health: { issues: [] },
    updateConfig: a.updateConfig ?? { maxUnavailable: 1 },
    tags: r.tags,
  }
}

function checkScaling(s: Scaling | undefined, cluster: string, name: string): Required<Scaling> {
  const min = s?.minSize ?? 1
  const max = s?.maxSize ?? Math.max(2, min)
  const desired = s?.desiredSize ?? min
  if (min < 0 || max < 1 || min > max || desired < min || desired > max) {
    throw invalidParameter(
      `Invalid scaling configuration: minSize ${min}, desiredSize ${desired}, maxSize ${max} (need 0 <= min <= desired <= max, max >= 1)`,
      { clusterName: cluster, nodegroupName: name },
    )
  }
  return { minSize: min, maxSize: max, desiredSize: desired }
}

interface CreateNodegroupBody {
  nodegroupName?: string
  scalingConfig?: Scaling
  diskSize?: number
  subnets?: string[]
  instanceTypes?: string[]
  amiType?: string
  remoteAccess?: { ec2SshKey?: string; sourceSecurityGroups?: string[] }
  nodeRole?: string
  labels?: Record<string, string>
  taints?: Taint[]
  tags?: Record<string, string>
  clientRequestToken?: string
  capacityType?: string
  version?: string
  updateConfig?: unknown
}

export function createNodegroup(call: AwsCall, clusterName: string, body: CreateNodegroupBody): object {
  const cluster = requireCluster(call, clusterName)
  const name = body.nodegroupName ?? ''
  const fields = { clusterName, nodegroupName: name }
  const existing = getResource(call, NODEGROUP, `${clusterName}/${name}`)
  if (existing) {
    if (body.clientRequestToken && existing.attrs.clientRequestToken === body.clientRequestToken) {
      return { nodegroup: nodegroupView(existing) }
    }
    throw new AwsError(
      'ResourceInUseException',
      `NodeGroup already exists with name ${name} and cluster name ${clusterName}`,
      409,
      fields,
    )
  }
  if (cluster.state !== 'ACTIVE') {
    throw new AwsError('InvalidRequestException', `Cluster '${clusterName}' is not in ACTIVE status`, 400, fields)
  }
  if (!/^[0-9A-Za-z][A-Za-z0-9\-_]{0,62}$/.test(name))
    throw invalidParameter(`The nodegroup name '${name}' is invalid.`, fields)
  if (!body.nodeRole) throw invalidParameter('nodeRole is required', fields)
  if (!body.subnets?.length) throw invalidParameter('Subnets are required', fields)
  for (const id of body.subnets) {
    const s = getResource(call, 'ec2.subnet', id)
    if (!s) throw invalidParameter(`The subnet ID '${id}' does not exist`, fields)
    if (s.attrs.vpcId !== (cluster.attrs.resourcesVpcConfig as { vpcId: string }).vpcId) {
      throw invalidParameter(`Subnet ${id} is not in the cluster's VPC`, fields)
    }
  }
  const instanceTypes = body.instanceTypes ?? ['t3.medium']
  for (const t of instanceTypes) {
    if (!call.fixture.instanceTypes[t]) throw invalidParameter(`Instance type ${t} is not supported`, fields)
  }
  const keyName = body.remoteAccess?.ec2SshKey
  if (keyName && !listResources(call, 'ec2.key-pair').some((k) => k.name === keyName)) {
    throw invalidParameter(`The key pair '${keyName}' does not exist`, fields)
  }
  for (const t of body.taints ?? []) {
    if (!['NO_SCHEDULE', 'NO_EXECUTE', 'PREFER_NO_SCHEDULE'].includes(t.effect))
      throw invalidParameter(`Invalid taint effect ${t.effect}`, fields)
  }
  if (listResources(call, NODEGROUP, clusterName).length >= quota(call, 'nodegroupsPerCluster')) {
    throw new AwsError('ResourceLimitExceededException', 'Nodegroups limit exceeded for this cluster.', 400, fields)
  }
  const uuid = randomUUID()
  const r = putResource(call, {
    type: NODEGROUP,
    id: `${clusterName}/${name}`,
    name,
    state: 'CREATING',
    parentId: clusterName,
    tags: body.tags ?? {},
    attrs: {
      arn: `arn:aws:eks:${call.region}:${call.account.id}:nodegroup/${clusterName}/${name}/${uuid}`,
      version: body.version ?? cluster.attrs.version,
      capacityType: body.capacityType ?? 'ON_DEMAND',
      scalingConfig: checkScaling(body.scalingConfig, clusterName, name),
      instanceTypes,
      subnets: body.subnets,
      remoteAccess: body.remoteAccess,
      amiType: body.amiType ?? 'AL2023_x86_64_STANDARD',
      nodeRole: body.nodeRole,
      labels: body.labels ?? {},
      taints: body.taints ?? [],
      diskSize: body.diskSize ?? 20,
      updateConfig: body.updateConfig,
      asgName: `eks-${name}-${uuid}`,
      clientRequestToken: body.clientRequestToken,
      updates: [],
    },
  })
  const stuck = call.ctx.faults.isStuck('aws', 'CreateNodegroup')
  const started = call.ctx.store.transition(r, 'CREATING', [
    { afterMs: stuck ? Number.POSITIVE_INFINITY : duration(call, 'eks.nodegroup.create'), next: 'ACTIVE' },
  ])
  const scaling = started.attrs.scalingConfig as Required<Scaling>
  scaleNodegroupInstances(call, started, scaling.desiredSize, 'eks.nodegroup.create')
  return { nodegroup: nodegroupView({ ...started, state: 'CREATING' }) }
}

export function describeNodegroup(call: AwsCall, cluster: string, name: string): object {
  return { nodegroup: nodegroupView(requireNodegroup(call, cluster, name)) }
}

export function listNodegroups(call: AwsCall, cluster: string, query: URLSearchParams): object {
  requireCluster(call, cluster)
  const names = listResources(call, NODEGROUP, cluster)
    .map((r) => r.name ?? '')
    .sort()
  return paginate(names, query, 'nodegroups')
}

export function deleteNodegroup(call: AwsCall, cluster: string, name: string): object {
  const r = requireNodegroup(call, cluster, name)
  if (r.state === 'DELETING') return { nodegroup: nodegroupView(r) }
  if (r.state === 'CREATING' || r.state === 'UPDATING') {
    throw new AwsError(
      'ResourceInUseException',
      `Nodegroup ${name} is currently ${r.state} and cannot be deleted`,
      409,
      {
        clusterName: cluster,
        nodegroupName: name,
      },
    )
  }
  const stuck = call.ctx.faults.isStuck('aws', 'DeleteNodegroup')
  for (const instance of nodegroupInstances(call, r)) terminateInstance(call, instance, 'Nodegroup deleted')
  const deleting = call.ctx.store.transition(r, 'DELETING', [
    { afterMs: stuck ? Number.POSITIVE_INFINITY : duration(call, 'eks.nodegroup.delete'), next: null },
  ])
  return { nodegroup: nodegroupView({ ...deleting, state: 'DELETING' }) }
}

interface UpdateConfigBody {
  labels?: { addOrUpdateLabels?: Record<string, string>; removeLabels?: string[] }
  taints?: { addOrUpdateTaints?: Taint[]; removeTaints?: Taint[] }
  scalingConfig?: Scaling
  updateConfig?: unknown
  clientRequestToken?: string
}

/** Day-2 edits: labels, taints and scaling; the nodegroup is UPDATING for eks.nodegroup.update. */
export function updateNodegroupConfig(call: AwsCall, cluster: string, name: string, body: UpdateConfigBody): object {
  const r = requireNodegroup(call, cluster, name)
  const fields = { clusterName: cluster, nodegroupName: name }
  const previous = (r.attrs.updates as StoredUpdate[]).find(
    (u) => body.clientRequestToken && u.id === r.attrs[`token:${body.clientRequestToken}`],
  )
  if (previous) return { update: updateView(r, previous) }
  if (r.state !== 'ACTIVE') {
    throw new AwsError(
      'ResourceInUseException',
      `Nodegroup ${name} is currently ${r.state}; wait until it is ACTIVE`,
      409,
      fields,
    )
  }
  if (!body.labels && !body.taints && !body.scalingConfig && !body.updateConfig) {
    throw invalidParameter('No changes needed for the nodegroup config', fields)
  }
  const params: StoredUpdate['params'] = []
  const labels = { ...(r.attrs.labels as Record<string, string>) }
  if (body.labels) {
    for (const k of body.labels.removeLabels ?? []) delete labels[k]
    Object.assign(labels, body.labels.addOrUpdateLabels ?? {})
    params.push({ type: 'LabelsToAdd', value: JSON.stringify(body.labels.addOrUpdateLabels ?? {}) })
    params.push({ type: 'LabelsToRemove', value: JSON.stringify(body.labels.removeLabels ?? []) })
  }
  let taints = [...(r.attrs.taints as Taint[])]
  if (body.taints) {
    const removing = body.taints.removeTaints ?? []
    taints = taints.filter((t) => !removing.some((x) => x.key === t.key && x.effect === t.effect))
    for (const t of body.taints.addOrUpdateTaints ?? []) {
      if (!['NO_SCHEDULE', 'NO_EXECUTE', 'PREFER_NO_SCHEDULE'].includes(t.effect))
        throw invalidParameter(`Invalid taint effect ${t.effect}`, fields)
      taints = [...taints.filter((x) => !(x.key === t.key && x.effect === t.effect)), t]
    }
    params.push({ type: 'TaintsToAdd', value: JSON.stringify(body.taints.addOrUpdateTaints ?? []) })
    params.push({ type: 'TaintsToRemove', value: JSON.stringify(removing) })
  }
  let scalingConfig = r.attrs.scalingConfig as Required<Scaling>
  if (body.scalingConfig) {
    scalingConfig = checkScaling({ ...scalingConfig, ...body.scalingConfig }, cluster, name)
    for (const [k, type] of [
      ['minSize', 'MinSize'],
      ['maxSize', 'MaxSize'],
      ['desiredSize', 'DesiredSize'],
    ] as const) {
      if (body.scalingConfig[k] !== undefined) params.push({ type, value: String(body.scalingConfig[k]) })
    }
  }
  const update: StoredUpdate = { id: randomUUID(), type: 'ConfigUpdate', params, createdAt: Date.now() }
  const tokenKey = body.clientRequestToken ? { [`token:${body.clientRequestToken}`]: update.id } : {}
  const patched = updateResource(call, r, {
    attrs: {
      ...r.attrs,
      ...tokenKey,
      labels,
      taints,
      scalingConfig,
      updateConfig: body.updateConfig ?? r.attrs.updateConfig,
      modifiedAt: Date.now(),
      updates: [...(r.attrs.updates as StoredUpdate[]), update],
    },
  })
  call.ctx.store.transition(patched, 'UPDATING', [{ afterMs: duration(call, 'eks.nodegroup.update'), next: 'ACTIVE' }])
  scaleNodegroupInstances(call, patched, scalingConfig.desiredSize, 'ec2.instance.start')
  return { update: updateView({ ...patched, state: 'UPDATING' }, update) }
}

export function nodegroupByArn(call: AwsCall, arn: string): ResourceRecord | undefined {
  for (const c of listResources(call, CLUSTER)) {
    const hit = listResources(call, NODEGROUP, c.id).find((n) => n.attrs.arn === arn)
    if (hit) return hit
  }
  return undefined
}
