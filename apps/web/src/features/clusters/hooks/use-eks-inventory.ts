import { checkEksInventory, type EksClusterCreateInput } from '@console/contracts'
import { useMemo } from 'react'
import { awsInventory, listAwsAccountsForWizard } from '../api/aws-inventory-api.ts'
import type { EksDraft } from '../utils/eks-draft.ts'
import type { Problem } from '../utils/wizard-steps.ts'
import { useInventoryList, useWizardAccounts } from './use-inventory-query.ts'

const key = 'aws-inventory'

export const useAwsWizardAccounts = () => useWizardAccounts('aws', 'eks-wizard', listAwsAccountsForWizard)

export const useAwsRegions = (account: string) =>
  useInventoryList(key, 'regions', [account], (client, signal) => awsInventory.regions(client, account, signal))
export const useAwsZones = (account: string, region: string) =>
  useInventoryList(key, 'zones', [account, region], (client, signal) =>
    awsInventory.zones(client, account, region, signal),
  )
/** VPCs with their subnets (Static Placement). */
export const useAwsVpcs = (account: string, region: string) =>
  useInventoryList(key, 'vpcs', [account, region], (client, signal) =>
    awsInventory.vpcs(client, account, region, signal),
  )
export const useAwsKeyPairs = (account: string, region: string) =>
  useInventoryList(key, 'keyPairs', [account, region], (client, signal) =>
    awsInventory.keyPairs(client, account, region, signal),
  )
/** Instance types with the zones that offer them and their on-demand price (the spot bid's base). */
export const useAwsInstanceTypes = (account: string, region: string) =>
  useInventoryList(key, 'instanceTypes', [account, region], (client, signal) =>
    awsInventory.instanceTypes(client, account, region, signal),
  )

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
