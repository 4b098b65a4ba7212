import { useQuery } from '@tanstack/react-query'
import { useApiClient } from '../../../api/api-context.tsx'
import type { ApiClient } from '../../../api/client.ts'
import { cloudAccountsKey } from '../../cloud-accounts/hooks/use-cloud-accounts.ts'
import { useScopeKey } from '../../scope/scope-context.tsx'

/** Inventory changes rarely while a wizard is open; the server caches it briefly too. */
const staleTime = 60_000

/** A wizard's Cloud Account list, under the accounts feature's key so its invalidation (after Add New Account) refreshes it. */
export function useWizardAccounts<T>(
  cloud: string,
  wizard: string,
  list: (client: ApiClient, signal: AbortSignal) => Promise<T[]>,
) {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  return useQuery({
    queryKey: [cloudAccountsKey, cloud, scopeKey, wizard],
    queryFn: ({ signal }) => list(client, signal),
  })
}

/**
 * One inventory list of a cloud (`key`), read once every part of `path` (account, region, zone…) is
 * chosen; the parts are its query key too.
 */
export function useInventoryList<T>(
  key: string,
  what: string,
  path: readonly string[],
  read: (client: ApiClient, signal: AbortSignal) => Promise<T[]>,
) {
  const client = useApiClient()
  return useQuery({
    queryKey: [key, ...path, what],
    queryFn: ({ signal }) => read(client, signal),
    enabled: path.every((part) => part !== ''),
    staleTime,
  })
}
