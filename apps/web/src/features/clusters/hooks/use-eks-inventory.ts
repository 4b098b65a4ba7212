import { checkEksInventory, type EksClusterCreateInput } from '@console/contracts'
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useApiClient } from '../../../api/api-context.tsx'
import type { ApiClient } from '../../../api/client.ts'
import { cloudAccountsKey } from '../../cloud-accounts/hooks/use-cloud-accounts.ts'
import { useScopeKey } from '../../scope/scope-context.tsx'
import { awsInventory, listAwsAccountsForWizard } from '../api/aws-inventory-api.ts'
import type { EksDraft } from '../utils/eks-draft.ts'
import type { Problem } from '../utils/wizard-steps.ts'

const key = 'aws-inventory'
const staleTime = 60_000

export function useAwsWizardAccounts() {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  // Under the accounts feature's key, so its invalidation (after Add New Account) refreshes this list too.
  return useQuery({
    queryKey: [cloudAccountsKey, 'aws', scopeKey, 'eks-wizard'],
    queryFn: ({ signal }) => listAwsAccountsForWizard(client, signal),
  })
}

export function useAwsRegions(account: string) {
  const client = useApiClient()
  return useQuery({
    queryKey: [key, account, 'regions'],
    queryFn: ({ signal }) => awsInventory.regions(client, account, signal),
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

export const useAwsZones = (account: string, region: string) =>
  useRegionList('zones', account, region, awsInventory.zones)
/** VPCs with their subnets (Static Placement). */
export const useAwsVpcs = (account: string, region: string) => useRegionList('vpcs', account, region, awsInventory.vpcs)
export const useAwsKeyPairs = (account: string, region: string) =>
  useRegionList('keyPairs', account, region, awsInventory.keyPairs)
/** Instance types with the zones that offer them and their on-demand price (the spot bid's base). */
export const useAwsInstanceTypes = (account: string, region: string) =>
  useRegionList('instanceTypes', account, region, awsInventory.instanceTypes)

/**
 * The body against the account's AWS inventory (`checkEksInventory`, the server's own check): key pair,
 * VPC and subnets, zones of the region, instance types offered in every zone of their pool. A list not
 * read yet is not checked.
 */
export function useEksInventoryProblems(draft: EksDraft, body: EksClusterCreateInput): Problem[] {
  const account = draft.cloudAccountUid
  const zones = useAwsZones(account, draft.region)
  const vpcs = useAwsVpcs(draft.staticPlacement ? account : '', draft.region)
  const keyPairs = useAwsKeyPairs(account, draft.region)
  const types = useAwsInstanceTypes(account, draft.region)
  return useMemo(() => {
    if (!draft.region) return []
    return checkEksInventory(body, {
      region: draft.region,
      zones: zones.data?.map((z) => z.name),
      vpcs: vpcs.data,
      keyPairs: keyPairs.data?.map((k) => k.name),
      instanceTypes: types.data,
    }).map((p) => ({ path: p.path.map(String).join('.'), message: p.message }))
  }, [draft.region, body, zones.data, vpcs.data, keyPairs.data, types.data])
}
