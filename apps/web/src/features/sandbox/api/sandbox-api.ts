import { z } from 'zod'
import { isApiRequestError } from '../../../api/api-error.ts'
import type { ApiClient } from '../../../api/client.ts'

/**
 * GET /v1/sandbox (palette-api.md "Sandbox"): the fake clouds' endpoints and seeded credentials.
 * The credentials only open the emulators, so the console may show them to a Tenant Admin.
 */
export const sandboxSchema = z.object({
  adminUrl: z.string(),
  tencent: z.object({
    endpoint: z.string(),
    protocol: z.string(),
    accounts: z.array(z.object({ secretId: z.string(), secretKey: z.string(), note: z.string() })),
  }),
  aws: z.object({
    endpoint: z.string(),
    accounts: z.array(z.object({ accessKey: z.string(), secretKey: z.string(), note: z.string() })),
  }),
})
export type Sandbox = z.infer<typeof sandboxSchema>

/** The sandbox, or null when the console talks to real clouds (the API answers 404 then). */
export async function getSandbox(client: ApiClient, signal?: AbortSignal): Promise<Sandbox | null> {
  try {
    return await client.request('GET', '/v1/sandbox', sandboxSchema, { signal })
  } catch (error) {
    if (isApiRequestError(error) && error.status === 404) return null
    throw error
  }
}
