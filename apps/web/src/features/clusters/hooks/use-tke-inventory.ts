import { listTencentAccountsForWizard, tencentInventory } from '../api/tencent-inventory-api.ts'
import { useInventoryList, useWizardAccounts } from './use-inventory-query.ts'

const key = 'tencent-inventory'

export const useTencentAccounts = () => useWizardAccounts('tencent', 'tke-wizard', listTencentAccountsForWizard)

export const useTencentRegions = (account: string) =>
  useInventoryList(key, 'regions', [account], (client, signal) => tencentInventory.regions(client, account, signal))
export const useTencentZones = (account: string, region: string) =>
  useInventoryList(key, 'zones', [account, region], (client, signal) =>
    tencentInventory.zones(client, account, region, signal),
  )
/** VPCs with their subnets. */
export const useTencentVpcs = (account: string, region: string) =>
  useInventoryList(key, 'vpcs', [account, region], (client, signal) =>
    tencentInventory.vpcs(client, account, region, signal),
  )
export const useTencentKeyPairs = (account: string, region: string) =>
  useInventoryList(key, 'keyPairs', [account, region], (client, signal) =>
    tencentInventory.keyPairs(client, account, region, signal),
  )
export const useTencentSecurityGroups = (account: string, region: string) =>
  useInventoryList(key, 'securityGroups', [account, region], (client, signal) =>
    tencentInventory.securityGroups(client, account, region, signal),
  )
export const useTencentInstanceTypes = (account: string, region: string, zone: string) =>
  useInventoryList(key, 'instanceTypes', [account, region, zone], (client, signal) =>
    tencentInventory.instanceTypes(client, account, region, zone, signal),
  )
