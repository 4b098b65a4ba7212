import type { z } from 'zod'
import type { ApiClient } from '../../../api/client.ts'

/** GET an inventory list (palette-api.md "Cloud inventory") and answer its items. */
export async function inventoryItems<S extends z.ZodType<{ items: unknown[] }>>(
  client: ApiClient,
  path: string,
  schema: S,
  query: Record<string, string>,
  signal?: AbortSignal,
): Promise<z.output<S>['items']> {
  const answer = await client.request('GET', path, schema, { query, signal })
  return answer.items
}

/** The accounts of one cloud the current scope sees (a wizard's Cloud Account drop-down). */
export function listAccountsForWizard<S extends z.ZodType<{ items: unknown[] }>>(
  client: ApiClient,
  cloud: 'tencent' | 'aws' | 'vsphere',
  schema: S,
  signal?: AbortSignal,
): Promise<z.output<S>['items']> {
  return inventoryItems(client, `/v1/cloudaccounts/${cloud}`, schema, { limit: '200' }, signal)
}
