import {
  type CloudType,
  type ClusterProfile,
  type ClusterProfileBody,
  type ClusterProfileCloneBody,
  type Created,
  clusterProfileSchema,
  createdSchema,
  type List,
  listOf,
  type Pack,
  type PackLayer,
  type ProfileType,
  packSchema,
} from '@console/contracts'
import { z } from 'zod'
import type { ApiClient } from '../../../api/client.ts'

const profileListSchema = listOf(clusterProfileSchema)
const packListSchema = z.object({ items: z.array(packSchema) })
const path = (uid: string) => `/v1/clusterprofiles/${encodeURIComponent(uid)}`

export interface ProfileListFilters {
  cloudType?: CloudType
  type?: ProfileType
}

export function listProfiles(
  client: ApiClient,
  options: ProfileListFilters & { cursor?: string; signal?: AbortSignal },
): Promise<List<ClusterProfile>> {
  return client.request('GET', '/v1/clusterprofiles', profileListSchema, {
    query: { limit: 50, continue: options.cursor, cloudType: options.cloudType, type: options.type },
    signal: options.signal,
  })
}

export function getProfile(client: ApiClient, uid: string, signal?: AbortSignal): Promise<ClusterProfile> {
  return client.request('GET', path(uid), clusterProfileSchema, { signal })
}

/** The pack catalog, filtered by layer and cloud type (packs for `all` clouds included) when given. */
export async function listPacks(
  client: ApiClient,
  filters: { layer?: PackLayer; cloudType?: CloudType } = {},
  signal?: AbortSignal,
): Promise<Pack[]> {
  const answer = await client.request('GET', '/v1/packs', packListSchema, { query: filters, signal })
  return answer.items
}

export function createProfile(client: ApiClient, body: ClusterProfileBody, publish: boolean): Promise<Created> {
  return client.request('POST', '/v1/clusterprofiles', createdSchema, { body, query: { publish } })
}

/** A draft changes in place (undefined); a published version answers the uid of the new version it made. */
export async function updateProfile(
  client: ApiClient,
  uid: string,
  body: ClusterProfileBody,
): Promise<Created | undefined> {
  return client.request('PUT', path(uid), createdSchema.optional(), { body })
}

export function publishProfile(client: ApiClient, uid: string): Promise<void> {
  return client.send('PATCH', `${path(uid)}/publish`)
}

export function cloneProfile(client: ApiClient, uid: string, body: ClusterProfileCloneBody): Promise<Created> {
  return client.request('POST', `${path(uid)}/clone`, createdSchema, { body })
}

export function deleteProfile(client: ApiClient, uid: string): Promise<void> {
  return client.send('DELETE', path(uid))
}
