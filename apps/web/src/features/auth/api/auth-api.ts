import { type AuthenticateBody, type UserMe, userMeSchema } from '@console/contracts'
import type { ApiClient } from '../../../api/client.ts'

/** Starts a cookie session. The JWT in the answer is deliberately ignored: the browser keeps only the HttpOnly cookie. */
export async function authenticate(client: ApiClient, body: AuthenticateBody): Promise<void> {
  await client.send('POST', '/v1/auth/authenticate', { body, scoped: false })
}

export async function logOut(client: ApiClient): Promise<void> {
  await client.send('POST', '/v1/auth/logout', { scoped: false })
}

export async function getCurrentUser(client: ApiClient, signal?: AbortSignal): Promise<UserMe> {
  return client.request('GET', '/v1/users/me', userMeSchema, { signal, scoped: false })
}
