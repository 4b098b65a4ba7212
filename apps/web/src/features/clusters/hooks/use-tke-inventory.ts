import { useQuery } from '@tanstack/react-query'
import { useApiClient } from '../../../api/api-context.tsx'
import type { ApiClient } from '../../../api/client.ts'
import { cloudAccountsKey } from '../../cloud-accounts/hooks/use-cloud-accounts.ts'
import { useScopeKey } from '../../scope/scope-context.tsx'
import { listTencentAccountsForWizard, tencentInventory } from '../api/tencent-inventory-api.ts'

const key = 'tencent-inventory'
const staleTime = 60_000

export function useTencentAccounts() {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  // Under the accounts feature's key, so its invalidation (after Add New Account) refreshes this list too.
  return useQuery({
    queryKey: [cloudAccountsKey, 'tencent', scopeKey, 'tke-wizard'],
    queryFn: ({ signal }) => listTencentAccountsForWizard(client, signal),
  })
}

export function useTencentRegions(account: string) {
  const client = useApiClient()
  return useQuery({
    queryKey: [key, account, 'regions'],
    queryFn: ({ signal }) => tencentInventory.regions(client, account, signal),
    enabled: account !== '',
    staleTime,
  })
}

/** A per-region list, read once the account and region are chosen. */
function useRegionList<T>(
  what: string,
  account: string,
  region: string,
  read: (client: ApiClient, account: string, region: string, signal: AbortSignal) => Promise<T[]>,
) {
  const client = useApiClient()
  return useQuery({
    queryKey: [key, account, region, what],
    queryFn: ({ signal }) => read(client, account, region, signal),
    enabled: account !== '' && region !== '',
    staleTime,
  })
}

export const useTencentZones = (account: string, region: string) =>
  useRegionList('zones', account, region, tencentInventory.zones)
/** VPCs with their subnets. */
export const useTencentVpcs = (account: string, region: string) =>
  useRegionList('vpcs', account, region, tencentInventory.vpcs)
export const useTencentKeyPairs = (account: string, region: string) =>
  useRegionList('keyPairs', account, region, tencentInventory.keyPairs)
export const useTencentSecurityGroups = (account: string, region: string) =>
  useRegionList('securityGroups', account, region, tencentInventory.securityGroups)

export function useTencentInstanceTypes(account: string, region: string, zone: string) {
  const client = useApiClient()
  return useQuery({
    queryKey: [key, account, region, zone, 'instanceTypes'],
    queryFn: ({ signal }) => tencentInventory.instanceTypes(client, account, region, zone, signal),
    enabled: account !== '' && region !== '' && zone !== '',
    staleTime,
  })
}
