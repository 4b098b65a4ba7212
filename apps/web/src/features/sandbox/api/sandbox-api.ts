import { type Sandbox, sandboxSchema } from '@console/contracts'
import { isApiRequestError } from '../../../api/api-error.ts'
import type { ApiClient } from '../../../api/client.ts'

/** The sandbox, or null when the console talks to real clouds (the API answers 404 then). */
export async function getSandbox(client: ApiClient, signal?: AbortSignal): Promise<Sandbox | null> {
  try {
    return await client.request('GET', '/v1/sandbox', sandboxSchema, { signal })
  } catch (error) {
    if (isApiRequestError(error) && error.status === 404) return null
    throw error
  }
}

export type { Sandbox }
