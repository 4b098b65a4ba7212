import { randomUUID } from 'node:crypto'
import type { ResourceRecord } from '../../core/types.ts'
import { type AwsCall, AwsError, duration, getResource, listResources, updateResource } from '../call.ts'
import { epochSeconds, invalidParameter, NODEGROUP, requireCluster } from './clusters.ts'

/** An EKS update as stored on its cluster or nodegroup (DescribeUpdate reads it back). */
export interface StoredUpdate {
  id: string
  type: string
  params: Array<{ type: string; value: string }>
  createdAt: number
}

/** An update is Successful once its resource is ACTIVE again or a later update superseded it. */
export function updateView(owner: ResourceRecord, u: StoredUpdate): Record<string, unknown> {
  const later = ((owner.attrs.updates as StoredUpdate[] | undefined) ?? []).some((x) => x.createdAt > u.createdAt)
  return {
    id: u.id,
    status: later || owner.state === 'ACTIVE' ? 'Successful' : 'InProgress',
    type: u.type,
    params: u.params,
    createdAt: epochSeconds(u.createdAt),
    errors: [],
  }
}

interface UpdateClusterConfigBody {
  resourcesVpcConfig?: { endpointPublicAccess?: boolean; endpointPrivateAccess?: boolean; publicAccessCidrs?: string[] }
  logging?: unknown
  clientRequestToken?: string
}

/** Day-2 endpoint access and logging changes: the cluster is UPDATING for eks.cluster.update. */
export function updateClusterConfig(call: AwsCall, name: string, body: UpdateClusterConfigBody): object {
  const cluster = requireCluster(call, name)
  const fields = { clusterName: name }
  const updates = (cluster.attrs.updates as StoredUpdate[] | undefined) ?? []
  const tokenKey = body.clientRequestToken ? `token:${body.clientRequestToken}` : undefined
  const previous = tokenKey ? updates.find((u) => u.id === cluster.attrs[tokenKey]) : undefined
  if (previous) return { update: updateView(cluster, previous) }
  if (cluster.state !== 'ACTIVE') {
    throw new AwsError(
      'ResourceInUseException',
      `Cluster ${name} is currently ${cluster.state}; wait until it is ACTIVE`,
      409,
      fields,
    )
  }
  const current = cluster.attrs.resourcesVpcConfig as Record<string, unknown>
  const params: StoredUpdate['params'] = []
  let type = 'LoggingUpdate'
  let vpcConfig = current
  const change = body.resourcesVpcConfig
  if (change) {
    type = 'EndpointAccessUpdate'
    vpcConfig = { ...current }
    if (change.endpointPublicAccess !== undefined) {
      vpcConfig.endpointPublicAccess = change.endpointPublicAccess
      params.push({ type: 'EndpointPublicAccess', value: String(change.endpointPublicAccess) })
    }
    if (change.endpointPrivateAccess !== undefined) {
      vpcConfig.endpointPrivateAccess = change.endpointPrivateAccess
      params.push({ type: 'EndpointPrivateAccess', value: String(change.endpointPrivateAccess) })
    }
    if (change.publicAccessCidrs !== undefined) {
      vpcConfig.publicAccessCidrs = change.publicAccessCidrs
      params.push({ type: 'PublicAccessCidrs', value: JSON.stringify(change.publicAccessCidrs) })
    }
    if (vpcConfig.endpointPublicAccess === false && vpcConfig.endpointPrivateAccess === false) {
      throw invalidParameter('The cluster endpoint must be reachable: enable public or private access', fields)
    }
  }
  if (params.length === 0 && body.logging === undefined)
    throw invalidParameter('No changes needed for the cluster config', fields)
  if (body.logging !== undefined) params.push({ type: 'ClusterLogging', value: JSON.stringify(body.logging) })
  const update: StoredUpdate = { id: randomUUID(), type, params, createdAt: Date.now() }
  const patched = updateResource(call, cluster, {
    attrs: {
      ...cluster.attrs,
      ...(tokenKey ? { [tokenKey]: update.id } : {}),
      resourcesVpcConfig: vpcConfig,
      logging: body.logging ?? cluster.attrs.logging,
      updates: [...updates, update],
    },
  })
  call.ctx.store.transition(patched, 'UPDATING', [{ afterMs: duration(call, 'eks.cluster.update'), next: 'ACTIVE' }])
  return { update: updateView({ ...patched, state: 'UPDATING' }, update) }
}

/** DescribeUpdate: a cluster update, or with ?nodegroupName= that nodegroup's update. */
export function describeUpdate(call: AwsCall, cluster: string, updateId: string, query: URLSearchParams): object {
  const clusterRecord = requireCluster(call, cluster)
  const ngName = query.get('nodegroupName')
  let owners: ResourceRecord[] = [clusterRecord, ...listResources(call, NODEGROUP, cluster)]
  if (ngName) {
    const ng = getResource(call, NODEGROUP, `${cluster}/${ngName}`)
    if (!ng) {
      throw new AwsError('ResourceNotFoundException', `No node group found for name: ${ngName}.`, 404, {
        clusterName: cluster,
        nodegroupName: ngName,
      })
    }
    owners = [ng]
  }
  for (const owner of owners) {
    const u = ((owner.attrs.updates as StoredUpdate[] | undefined) ?? []).find((x) => x.id === updateId)
    if (u) return { update: updateView(owner, u) }
  }
  throw new AwsError('ResourceNotFoundException', `No update found for ID: ${updateId}`, 404, { clusterName: cluster })
}
