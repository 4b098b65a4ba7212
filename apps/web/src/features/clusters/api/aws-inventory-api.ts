import {
  type AwsAccount,
  awsAccountListSchema,
  awsInstanceTypeListSchema,
  awsKeyPairListSchema,
  awsVpcListSchema,
  cloudRegionListSchema,
  cloudZoneListSchema,
} from '@console/contracts'
import type { ApiClient } from '../../../api/client.ts'
import { inventoryItems, listAccountsForWizard } from './inventory-request.ts'

const base = '/v1/clouds/aws'

/** The AWS accounts the current scope sees (the wizard's Cloud Account drop-down). */
export const listAwsAccountsForWizard = (client: ApiClient, signal?: AbortSignal): Promise<AwsAccount[]> =>
  listAccountsForWizard(client, 'aws', awsAccountListSchema, signal)

/** palette-api.md "Cloud inventory", AWS: every list is read through the account's credentials. */
export const awsInventory = {
  regions: (client: ApiClient, cloudAccountUid: string, signal?: AbortSignal) =>
    inventoryItems(client, `${base}/regions`, cloudRegionListSchema, { cloudAccountUid }, signal),
  zones: (client: ApiClient, cloudAccountUid: string, region: string, signal?: AbortSignal) =>
    inventoryItems(
      client,
      `${base}/regions/${encodeURIComponent(region)}/availabilityzones`,
      cloudZoneListSchema,
      { cloudAccountUid },
      signal,
    ),
  vpcs: (client: ApiClient, cloudAccountUid: string, region: string, signal?: AbortSignal) =>
    inventoryItems(client, `${base}/vpcs`, awsVpcListSchema, { cloudAccountUid, region }, signal),
  keyPairs: (client: ApiClient, cloudAccountUid: string, region: string, signal?: AbortSignal) =>
    inventoryItems(client, `${base}/keypairs`, awsKeyPairListSchema, { cloudAccountUid, region }, signal),
  instanceTypes: (client: ApiClient, cloudAccountUid: string, region: string, signal?: AbortSignal) =>
    inventoryItems(client, `${base}/instancetypes`, awsInstanceTypeListSchema, { cloudAccountUid, region }, signal),
}
