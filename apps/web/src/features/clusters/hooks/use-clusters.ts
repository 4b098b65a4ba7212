import type { MachinePoolEdit } from '@console/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useApiClient } from '../../../api/api-context.tsx'
import { useCursorList } from '../../../api/use-cursor-list.ts'
import { useScopeKey } from '../../scope/scope-context.tsx'
import {
  type ClusterCreateKind,
  type ClusterListFilters,
  createCluster,
  deleteCluster,
  editMachinePool,
  forceDeleteCluster,
  getCluster,
  listClusters,
  validateCluster,
} from '../api/clusters-api.ts'

export const clustersKey = 'clusters'

export function useClusters(filters: ClusterListFilters) {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  return useCursorList({
    queryKey: [clustersKey, scopeKey, 'list', filters.search ?? '', filters.state ?? '', filters.cloudType ?? ''],
    fetchPage: (cursor, signal) => listClusters(client, { ...filters, cursor, signal }),
  })
}

/** One cluster; `poll` re-reads it on an interval (when the live stream is down). */
export function useCluster(uid: string | undefined, poll = false) {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  return useQuery({
    queryKey: [clustersKey, scopeKey, 'one', uid],
    queryFn: ({ signal }) => getCluster(client, uid as string, signal),
    enabled: uid !== undefined,
    refetchInterval: poll ? 5_000 : false,
  })
}

export function useValidateCluster(kind: ClusterCreateKind) {
  const client = useApiClient()
  return useMutation({ mutationFn: (body: unknown) => validateCluster(client, kind, body) })
}

export function useCreateCluster(kind: ClusterCreateKind) {
  const client = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: unknown) => createCluster(client, kind, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [clustersKey] }),
  })
}

export function useEditMachinePool(uid: string) {
  const client = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ pool, edit }: { pool: string; edit: MachinePoolEdit }) => editMachinePool(client, uid, pool, edit),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [clustersKey] }),
  })
}

export function useDeleteCluster() {
  const client = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (uid: string) => deleteCluster(client, uid),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [clustersKey] }),
  })
}

export function useForceDeleteCluster() {
  const client = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (uid: string) => forceDeleteCluster(client, uid),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [clustersKey] }),
  })
}
