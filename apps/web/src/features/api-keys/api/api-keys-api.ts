import {
  type ApiKey,
  type ApiKeyCreateBody,
  apiKeyCreatedSchema,
  apiKeyListSchema,
  type List,
} from '@console/contracts'
import type { z } from 'zod'
import type { ApiClient } from '../../../api/client.ts'

export function listApiKeys(
  client: ApiClient,
  options: { cursor?: string; signal?: AbortSignal } = {},
): Promise<List<ApiKey>> {
  return client.request('GET', '/v1/apiKeys', apiKeyListSchema, {
    query: { limit: 50, continue: options.cursor },
    signal: options.signal,
  })
}

/** The answer holds the key's value: show it once, never cache or store it. */
export function createApiKey(client: ApiClient, body: ApiKeyCreateBody): Promise<z.output<typeof apiKeyCreatedSchema>> {
  return client.request('POST', '/v1/apiKeys', apiKeyCreatedSchema, { body })
}

export function revokeApiKey(client: ApiClient, uid: string): Promise<void> {
  return client.send('DELETE', `/v1/apiKeys/${encodeURIComponent(uid)}`)
}
