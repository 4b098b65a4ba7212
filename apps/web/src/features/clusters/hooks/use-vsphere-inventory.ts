import { checkVsphereIpCapacity, readVspherePool, type VsphereClusterCreateInput } from '@console/contracts'
import { useMemo } from 'react'
import { listVsphereAccountsForWizard, vsphereInventory } from '../api/vsphere-inventory-api.ts'
import type { VsphereDraft } from '../utils/vsphere-draft.ts'
import type { Problem } from '../utils/wizard-steps.ts'
import { useInventoryList, useWizardAccounts } from './use-inventory-query.ts'

const key = 'vsphere-inventory'

export const useVsphereWizardAccounts = () =>
  useWizardAccounts('vsphere', 'vsphere-wizard', listVsphereAccountsForWizard)

export const useVsphereDatacenters = (account: string) =>
  useInventoryList(key, 'datacenters', [account], (client, signal) =>
    vsphereInventory.property(client, account, 'datacenters', {}, signal),
  )

/** Folders or compute clusters of a datacenter. */
export const useVsphereDatacenterList = (account: string, what: 'folders' | 'computeclusters', datacenter: string) =>
  useInventoryList(key, what, [account, datacenter], (client, signal) =>
    vsphereInventory.property(client, account, what, { datacenter }, signal),
  )

/** Datastores, networks or resource pools of a compute cluster. */
export const useVsphereClusterList = (
  account: string,
  what: 'datastores' | 'networks' | 'resourcepools',
  datacenter: string,
  computecluster: string,
) =>
  useInventoryList(key, what, [account, datacenter, computecluster], (client, signal) =>
    vsphereInventory.property(client, account, what, { datacenter, computecluster }, signal),
  )

export const useVsphereIpPools = (account: string) =>
  useInventoryList(key, 'ippools', [account], (client, signal) => vsphereInventory.ipPools(client, account, signal))

/**
 * The capacity rule as the user types (each IP pool needs its nodes + 3 free addresses), against what the
 * gateway's pools have free; the server checks it again.
 */
export function useVsphereInventoryProblems(draft: VsphereDraft, body: VsphereClusterCreateInput): Problem[] {
  const pools = useVsphereIpPools(draft.staticIp ? draft.cloudAccountUid : '')
  return useMemo(() => {
    if (!draft.staticIp || !pools.data) return []
    const known = pools.data.map((p) => ({
      uid: p.metadata.uid,
      name: p.metadata.name,
      availableIps: p.status.availableIps,
    }))
    return checkVsphereIpCapacity(body.spec.machinepoolconfig.map(readVspherePool), known).map((p) => ({
      path: ['spec', 'machinepoolconfig', ...p.path].join('.'),
      message: p.message,
    }))
  }, [draft.staticIp, pools.data, body])
}
