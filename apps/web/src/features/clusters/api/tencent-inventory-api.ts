import {
  cloudRegionListSchema,
  cloudZoneListSchema,
  type TencentAccount,
  tencentAccountListSchema,
  tencentInstanceTypeListSchema,
  tencentKeyPairListSchema,
  tencentSecurityGroupListSchema,
  tencentVpcListSchema,
} from '@console/contracts'
import type { ApiClient } from '../../../api/client.ts'
import { inventoryItems, listAccountsForWizard } from './inventory-request.ts'

const base = '/v1/clouds/tencent'

/** The Tencent accounts the current scope sees (the wizard's Cloud Account drop-down). */
export const listTencentAccountsForWizard = (client: ApiClient, signal?: AbortSignal): Promise<TencentAccount[]> =>
  listAccountsForWizard(client, 'tencent', tencentAccountListSchema, signal)

export const tencentInventory = {
  regions: (client: ApiClient, cloudAccountUid: string, signal?: AbortSignal) =>
    inventoryItems(client, `${base}/regions`, cloudRegionListSchema, { cloudAccountUid }, signal),
  zones: (client: ApiClient, cloudAccountUid: string, region: string, signal?: AbortSignal) =>
    inventoryItems(
      client,
      `${base}/regions/${encodeURIComponent(region)}/zones`,
      cloudZoneListSchema,
      { cloudAccountUid },
      signal,
    ),
  vpcs: (client: ApiClient, cloudAccountUid: string, region: string, signal?: AbortSignal) =>
    inventoryItems(client, `${base}/vpcs`, tencentVpcListSchema, { cloudAccountUid, region }, signal),
  keyPairs: (client: ApiClient, cloudAccountUid: string, region: string, signal?: AbortSignal) =>
    inventoryItems(client, `${base}/keypairs`, tencentKeyPairListSchema, { cloudAccountUid, region }, signal),
  securityGroups: (client: ApiClient, cloudAccountUid: string, region: string, signal?: AbortSignal) =>
    inventoryItems(
      client,
      `${base}/securitygroups`,
      tencentSecurityGroupListSchema,
      { cloudAccountUid, region },
      signal,
    ),
  instanceTypes: (client: ApiClient, cloudAccountUid: string, region: string, zone: string, signal?: AbortSignal) =>
    inventoryItems(
      client,
      `${base}/instancetypes`,
      tencentInstanceTypeListSchema,
      { cloudAccountUid, region, zone },
      signal,
    ),
}
