import {
  type AwsAccount,
  awsAccountListSchema,
  awsInstanceTypeListSchema,
  awsKeyPairListSchema,
  awsVpcListSchema,
  cloudRegionListSchema,
  cloudZoneListSchema,
} from '@console/contracts'
import type { z } from 'zod'
import type { ApiClient } from '../../../api/client.ts'

const base = '/v1/clouds/aws'

/** The AWS accounts the current scope sees (the EKS wizard's Cloud Account drop-down). */
export async function listAwsAccountsForWizard(client: ApiClient, signal?: AbortSignal): Promise<AwsAccount[]> {
  const answer = await client.request('GET', '/v1/cloudaccounts/aws', awsAccountListSchema, {
    query: { limit: 200 },
    signal,
  })
  return answer.items
}

async function items<S extends z.ZodType<{ items: unknown[] }>>(
  client: ApiClient,
  path: string,
  schema: S,
  query: Record<string, string>,
  signal?: AbortSignal,
): Promise<z.output<S>['items']> {
  const answer = await client.request('GET', path, schema, { query, signal })
  return answer.items
}

/** palette-api.md "Cloud inventory", AWS: every list is read through the account's credentials. */
export const awsInventory = {
  regions: (client: ApiClient, cloudAccountUid: string, signal?: AbortSignal) =>
    items(client, `${base}/regions`, cloudRegionListSchema, { cloudAccountUid }, signal),
  zones: (client: ApiClient, cloudAccountUid: string, region: string, signal?: AbortSignal) =>
    items(
      client,
      `${base}/regions/${encodeURIComponent(region)}/availabilityzones`,
      cloudZoneListSchema,
      { cloudAccountUid },
      signal,
    ),
  vpcs: (client: ApiClient, cloudAccountUid: string, region: string, signal?: AbortSignal) =>
    items(client, `${base}/vpcs`, awsVpcListSchema, { cloudAccountUid, region }, signal),
  keyPairs: (client: ApiClient, cloudAccountUid: string, region: string, signal?: AbortSignal) =>
    items(client, `${base}/keypairs`, awsKeyPairListSchema, { cloudAccountUid, region }, signal),
  instanceTypes: (client: ApiClient, cloudAccountUid: string, region: string, signal?: AbortSignal) =>
    items(client, `${base}/instancetypes`, awsInstanceTypeListSchema, { cloudAccountUid, region }, signal),
}
