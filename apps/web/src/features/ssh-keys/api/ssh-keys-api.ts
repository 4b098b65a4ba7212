import {
  type Created,
  createdSchema,
  type List,
  type SshKey,
  type SshKeyBody,
  sshKeyListSchema,
} from '@console/contracts'
import type { ApiClient } from '../../../api/client.ts'

const path = (uid?: string) => `/v1/users/assets/sshkeys${uid === undefined ? '' : `/${encodeURIComponent(uid)}`}`

export function listSshKeys(
  client: ApiClient,
  options: { cursor?: string; signal?: AbortSignal } = {},
): Promise<List<SshKey>> {
  return client.request('GET', path(), sshKeyListSchema, {
    query: { limit: 50, continue: options.cursor },
    signal: options.signal,
  })
}

export function createSshKey(client: ApiClient, body: SshKeyBody): Promise<Created> {
  return client.request('POST', path(), createdSchema, { body })
}

export function updateSshKey(client: ApiClient, uid: string, body: SshKeyBody): Promise<void> {
  return client.send('PUT', path(uid), { body })
}

export function deleteSshKey(client: ApiClient, uid: string): Promise<void> {
  return client.send('DELETE', path(uid))
}
