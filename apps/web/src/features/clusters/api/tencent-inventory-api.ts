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
import type { z } from 'zod'
import type { ApiClient } from '../../../api/client.ts'

const base = '/v1/clouds/tencent'

/** The Tencent accounts the current scope sees (the wizard's Cloud Account drop-down). */
export async function listTencentAccountsForWizard(client: ApiClient, signal?: AbortSignal): Promise<TencentAccount[]> {
  const answer = await client.request('GET', '/v1/cloudaccounts/tencent', tencentAccountListSchema, {
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

export const tencentInventory = {
  regions: (client: ApiClient, cloudAccountUid: string, signal?: AbortSignal) =>
    items(client, `${base}/regions`, cloudRegionListSchema, { cloudAccountUid }, signal),
  zones: (client: ApiClient, cloudAccountUid: string, region: string, signal?: AbortSignal) =>
    items(
      client,
      `${base}/regions/${encodeURIComponent(region)}/zones`,
      cloudZoneListSchema,
      { cloudAccountUid },
      signal,
    ),
  vpcs: (client: ApiClient, cloudAccountUid: string, region: string, signal?: AbortSignal) =>
    items(client, `${base}/vpcs`, tencentVpcListSchema, { cloudAccountUid, region }, signal),
  keyPairs: (client: ApiClient, cloudAccountUid: string, region: string, signal?: AbortSignal) =>
    items(client, `${base}/keypairs`, tencentKeyPairListSchema, { cloudAccountUid, region }, signal),
  securityGroups: (client: ApiClient, cloudAccountUid: string, region: string, signal?: AbortSignal) =>
    items(client, `${base}/securitygroups`, tencentSecurityGroupListSchema, { cloudAccountUid, region }, signal),
  instanceTypes: (client: ApiClient, cloudAccountUid: string, region: string, zone: string, signal?: AbortSignal) =>
    items(client, `${base}/instancetypes`, tencentInstanceTypeListSchema, { cloudAccountUid, region, zone }, signal),
}
