import type { Gateway, GatewayAccount, GatewayCloudConfig } from '@console/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useApiClient } from '../../../api/api-context.tsx'
import { useScopeKey } from '../../scope/scope-context.tsx'
import {
  createIpPool,
  deleteGateway,
  deleteIpPool,
  getInstaller,
  getPairingCode,
  listGatewayEvents,
  listGateways,
  listIpPools,
  listPlacementProperty,
  type PlacementProperty,
  resetGateway,
  saveGatewayAccount,
  saveGatewayCloudConfig,
  updateIpPool,
  upgradeGateway,
} from '../api/gateways-api.ts'
import type { IpPoolBody } from '../ip-pool-form.ts'

export const gatewaysKey = 'gateways'

/** States that change by themselves: the list is re-read while a gateway is in one. */
const movingStates = new Set<Gateway['status']['state']>(['Pending', 'Provisioning', 'Upgrading'])

export function isMoving(gateway: Gateway): boolean {
  return movingStates.has(gateway.status.state)
}

/**
 * Every gateway of the tenant, re-read every few seconds while one is on its way somewhere (or while
 * `pollMs` asks for it, e.g. the Add dialog waiting for an agent to register).
 */
export function useGateways(options: { pollMs?: number } = {}) {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  return useQuery({
    queryKey: [gatewaysKey, scopeKey, 'list'],
    queryFn: ({ signal }) => listGateways(client, signal),
    refetchInterval: (query) => options.pollMs ?? (query.state.data?.some(isMoving) ? 5_000 : false),
  })
}

/** A fresh PIN and the installer instructions, fetched each time the Add dialog opens. */
export function usePairing() {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  const code = useQuery({
    queryKey: [gatewaysKey, scopeKey, 'pairing-code'],
    queryFn: ({ signal }) => getPairingCode(client, signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  })
  const installer = useQuery({
    queryKey: [gatewaysKey, scopeKey, 'installer'],
    queryFn: ({ signal }) => getInstaller(client, signal),
    staleTime: Number.POSITIVE_INFINITY,
  })
  return { code, installer }
}

/** A gateway's events, re-read every 5 s while `poll`, and afresh whenever its `state` changes. */
export function useGatewayEvents(uid: string, state: string, poll: boolean) {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  return useQuery({
    queryKey: [gatewaysKey, scopeKey, 'events', uid, state],
    queryFn: ({ signal }) => listGatewayEvents(client, uid, signal),
    refetchInterval: poll ? 5_000 : false,
  })
}

export function usePlacementProperty(
  uid: string,
  property: PlacementProperty,
  parents: { datacenter?: string; computecluster?: string },
  enabled: boolean,
) {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  return useQuery({
    queryKey: [
      gatewaysKey,
      scopeKey,
      'properties',
      uid,
      property,
      parents.datacenter ?? '',
      parents.computecluster ?? '',
    ],
    queryFn: ({ signal }) => listPlacementProperty(client, uid, property, parents, signal),
    enabled,
    staleTime: 60_000,
  })
}

export function useIpPools(uid: string) {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  return useQuery({
    queryKey: [gatewaysKey, scopeKey, 'pools', uid],
    queryFn: ({ signal }) => listIpPools(client, uid, signal),
  })
}

function useInvalidate() {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: [gatewaysKey] })
}

export function useDeleteGateway() {
  const client = useApiClient()
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: (uid: string) => deleteGateway(client, uid), onSuccess: invalidate })
}

export function useResetGateway() {
  const client = useApiClient()
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: (uid: string) => resetGateway(client, uid), onSettled: invalidate })
}

export function useUpgradeGateway() {
  const client = useApiClient()
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: (uid: string) => upgradeGateway(client, uid), onSettled: invalidate })
}

export function useSaveGatewayAccount(uid: string) {
  const client = useApiClient()
  return useMutation({ mutationFn: (body: GatewayAccount) => saveGatewayAccount(client, uid, body) })
}

export function useSaveGatewayCloudConfig(uid: string, method: 'POST' | 'PUT' = 'POST') {
  const client = useApiClient()
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: (body: GatewayCloudConfig) => saveGatewayCloudConfig(client, uid, body, method),
    onSuccess: invalidate,
  })
}

/** Creates a pool, or updates the one `poolUid` names; answers the pool's uid. */
export function useSaveIpPool(uid: string, poolUid: string | undefined) {
  const client = useApiClient()
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: async (body: IpPoolBody): Promise<string> => {
      if (poolUid === undefined) return (await createIpPool(client, uid, body)).uid
      await updateIpPool(client, uid, poolUid, body)
      return poolUid
    },
    onSuccess: invalidate,
  })
}

export function useDeleteIpPool(uid: string) {
  const client = useApiClient()
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: (poolUid: string) => deleteIpPool(client, uid, poolUid), onSuccess: invalidate })
}
