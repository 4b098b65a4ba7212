import {
  type Created,
  createdSchema,
  type List,
  type User,
  type UserCreateBody,
  type UserUpdateBody,
  userListSchema,
} from '@console/contracts'
import type { ApiClient } from '../../../api/client.ts'

export function listUsers(
  client: ApiClient,
  options: { cursor?: string; limit?: number; signal?: AbortSignal } = {},
): Promise<List<User>> {
  return client.request('GET', '/v1/users', userListSchema, {
    query: { limit: options.limit ?? 50, continue: options.cursor },
    signal: options.signal,
  })
}

export function createUser(client: ApiClient, body: UserCreateBody): Promise<Created> {
  return client.request('POST', '/v1/users', createdSchema, { body })
}

export function updateUser(client: ApiClient, uid: string, body: UserUpdateBody): Promise<void> {
  return client.send('PUT', `/v1/users/${encodeURIComponent(uid)}`, { body })
}

export function deleteUser(client: ApiClient, uid: string): Promise<void> {
  return client.send('DELETE', `/v1/users/${encodeURIComponent(uid)}`)
}
