import {
  type AwsClusterCreateInput,
  type AwsInventory,
  type ClusterProblem,
  checkAwsInventory,
  checkAwsLoadBalancerTags,
  checkEksInventory,
  type EksClusterCreateInput,
} from '@console/contracts'
import { useMemo } from 'react'
import { awsInventory, listAwsAccountsForWizard } from '../api/aws-inventory-api.ts'
import type { AwsDraft } from '../utils/aws-draft.ts'
import type { AwsPlacementDraft, EksDraft } from '../utils/eks-draft.ts'
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

/** Static Placement's chosen VPC with its subnets (undefined with dynamic placement or before it is read). */
export function useStaticPlacementVpc(draft: AwsPlacementDraft) {
  const vpcs = useAwsVpcs(draft.staticPlacement ? draft.cloudAccountUid : '', draft.region)
  return draft.staticPlacement ? vpcs.data?.find((v) => v.vpcId === draft.vpcId) : undefined
}

/** The account's AWS inventory in the draft's region as the contract's rules read it (undefined before a region). */
export function useAwsInventory(draft: AwsPlacementDraft): AwsInventory | undefined {
  const account = draft.cloudAccountUid
  const zones = useAwsZones(account, draft.region)
  const vpcs = useAwsVpcs(draft.staticPlacement ? account : '', draft.region)
  const keyPairs = useAwsKeyPairs(account, draft.region)
  const types = useAwsInstanceTypes(account, draft.region)
  return useMemo(
    () =>
      draft.region
        ? {
            region: draft.region,
            zones: zones.data?.map((z) => z.name),
            vpcs: vpcs.data,
            keyPairs: keyPairs.data?.map((k) => k.name),
            instanceTypes: types.data,
          }
        : undefined,
    [draft.region, zones.data, vpcs.data, keyPairs.data, types.data],
  )
}

const dottedProblems = (problems: readonly ClusterProblem[]): Problem[] =>
  problems.map((p) => ({ path: p.path.map(String).join('.'), message: p.message }))

/**
 * The body against the account's AWS inventory (`checkEksInventory`, the server's own check): key pair,
 * VPC and subnets, zones of the region, instance types offered in every zone of their pool. A list not
 * read yet is not checked.
 */
export function useEksInventoryProblems(draft: EksDraft, body: EksClusterCreateInput): Problem[] {
  const inventory = useAwsInventory(draft)
  return useMemo(() => (inventory ? dottedProblems(checkEksInventory(body, inventory)) : []), [body, inventory])
}

/** The AWS IaaS body against the inventory (`checkAwsInventory`, the server's own check), as for EKS. */
export function useAwsInventoryProblems(draft: AwsDraft, body: AwsClusterCreateInput): Problem[] {
  const inventory = useAwsInventory(draft)
  return useMemo(() => (inventory ? dottedProblems(checkAwsInventory(body, inventory)) : []), [body, inventory])
}

/**
 * Static subnets lacking the load balancer discovery tags (seed 004), as the user picks them: the
 * warnings the server's validate answers too, at the subnet's path (`…cloudConfig.subnets.{j}.id`).
 */
export function useAwsSubnetTagWarnings(draft: AwsDraft, body: AwsClusterCreateInput): Problem[] {
  const inventory = useAwsInventory(draft)
  return useMemo(
    () => (inventory && draft.staticPlacement ? dottedProblems(checkAwsLoadBalancerTags(body, inventory)) : []),
    [body, inventory, draft.staticPlacement],
  )
}
