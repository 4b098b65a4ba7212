import {
  type Cluster,
  type ClusterCloudType,
  type ClusterEvent,
  type ClusterState,
  type ClusterValidation,
  type Created,
  clusterEventListSchema,
  clusterListSchema,
  clusterSchema,
  clusterValidationSchema,
  createdSchema,
  forceDeleteResultSchema,
  type List,
  type MachinePoolEdit,
} from '@console/contracts'
import type { ApiClient } from '../../../api/client.ts'

export interface ClusterListFilters {
  search?: string
  state?: ClusterState
  cloudType?: ClusterCloudType
}

const clusterPath = (uid: string) => `/v1/spectroclusters/${encodeURIComponent(uid)}`

export function listClusters(
  client: ApiClient,
  options: ClusterListFilters & { cursor?: string; signal?: AbortSignal },
): Promise<List<Cluster>> {
  return client.request('GET', '/v1/spectroclusters', clusterListSchema, {
    query: {
      limit: 50,
      continue: options.cursor,
      state: options.state,
      cloudType: options.cloudType,
      search: options.search,
    },
    signal: options.signal,
  })
}

export function getCluster(client: ApiClient, uid: string, signal?: AbortSignal): Promise<Cluster> {
  return client.request('GET', clusterPath(uid), clusterSchema, { signal })
}

export async function listClusterEvents(client: ApiClient, uid: string, signal?: AbortSignal): Promise<ClusterEvent[]> {
  const answer = await client.request(
    'GET',
    `/v1/events/components/spectrocluster/${encodeURIComponent(uid)}`,
    clusterEventListSchema,
    { signal },
  )
  return answer.items
}

/** The create endpoints' kinds: `POST /v1/spectroclusters/{kind}` and `…/{kind}/validate`. */
export type ClusterCreateKind = 'tke' | 'eks' | 'aws' | 'vsphere'

/** The server's verdict on a whole create body: every problem at once, with dotted paths. */
export function validateCluster(client: ApiClient, kind: ClusterCreateKind, body: unknown): Promise<ClusterValidation> {
  return client.request('POST', `/v1/spectroclusters/${kind}/validate`, clusterValidationSchema, { body })
}

/** 201 {uid}; a 422 carries the validation answer as its details. */
export function createCluster(client: ApiClient, kind: ClusterCreateKind, body: unknown): Promise<Created> {
  return client.request('POST', `/v1/spectroclusters/${kind}`, createdSchema, { body })
}

/** A day-2 edit of a Running cluster's worker pool (size, labels, taints); answers the cluster, now Provisioning. */
export function editMachinePool(client: ApiClient, uid: string, pool: string, edit: MachinePoolEdit): Promise<Cluster> {
  return client.request('PUT', `${clusterPath(uid)}/machinepools/${encodeURIComponent(pool)}`, clusterSchema, {
    body: edit,
  })
}

export function deleteCluster(client: ApiClient, uid: string): Promise<void> {
  return client.send('DELETE', clusterPath(uid))
}

export async function forceDeleteCluster(client: ApiClient, uid: string) {
  return client.request('DELETE', clusterPath(uid), forceDeleteResultSchema, { query: { forceDelete: true } })
}

/** The live stream's address; EventSource cannot send headers, so the project scope goes in the query. */
export function clusterEventStreamUrl(uid: string, projectUid: string | undefined): string {
  const query = projectUid ? `?projectUid=${encodeURIComponent(projectUid)}` : ''
  return `${clusterPath(uid)}/events/stream${query}`
}
