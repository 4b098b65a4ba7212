import {
  type Created,
  createdSchema,
  type List,
  type Project,
  type ProjectBody,
  projectListSchema,
} from '@console/contracts'
import type { ApiClient } from '../../../api/client.ts'

export function listProjects(
  client: ApiClient,
  options: { cursor?: string; limit?: number; signal?: AbortSignal } = {},
): Promise<List<Project>> {
  return client.request('GET', '/v1/projects', projectListSchema, {
    query: { limit: options.limit ?? 50, continue: options.cursor },
    signal: options.signal,
  })
}

export function createProject(client: ApiClient, body: ProjectBody): Promise<Created> {
  return client.request('POST', '/v1/projects', createdSchema, { body })
}

export function deleteProject(client: ApiClient, uid: string): Promise<void> {
  return client.send('DELETE', `/v1/projects/${encodeURIComponent(uid)}`)
}
