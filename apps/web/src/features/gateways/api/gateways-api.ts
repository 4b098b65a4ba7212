import {
  type Created,
  createdSchema,
  type Gateway,
  type GatewayAccount,
  type GatewayCloudConfig,
  type GatewayInstaller,
  gatewayInstallerSchema,
  gatewaySchema,
  type PairingCode,
  pairingCodeSchema,
} from '@console/contracts'
import { z } from 'zod'
import type { ApiClient } from '../../../api/client.ts'
import { type IpPool, type IpPoolBody, ipPoolListSchema } from '../ip-pool-form.ts'

/** Private Cloud Gateways ("overlords", palette-api.md). */
const enc = encodeURIComponent
const overlord = (uid: string) => `/v1/overlords/${enc(uid)}`
const vsphere = (uid: string) => `/v1/overlords/vsphere/${enc(uid)}`

const gatewayListSchema = z.object({ items: z.array(gatewaySchema) })

export function listGateways(client: ApiClient, signal?: AbortSignal): Promise<Gateway[]> {
  return client
    .request('GET', '/v1/overlords', gatewayListSchema, { query: { limit: 200 }, signal })
    .then((l) => l.items)
}

export function getPairingCode(client: ApiClient, signal?: AbortSignal): Promise<PairingCode> {
  return client.request('GET', '/v1/overlords/pairing/code', pairingCodeSchema, {
    query: { cloudType: 'vsphere' },
    signal,
  })
}

export function getInstaller(client: ApiClient, signal?: AbortSignal): Promise<GatewayInstaller> {
  return client.request('GET', '/v1/overlords/vsphere/ova', gatewayInstallerSchema, { signal })
}

/** Overlord delete answers `200 {msg}`: what is left to do in vSphere. */
const deletedSchema = z.object({ msg: z.string().optional() }).optional()

export async function deleteGateway(client: ApiClient, uid: string): Promise<string | undefined> {
  const answer = await client.request('DELETE', overlord(uid), deletedSchema)
  return answer?.msg
}

export function resetGateway(client: ApiClient, uid: string): Promise<void> {
  return client.send('PUT', `${overlord(uid)}/reset`)
}

/** Not in palette-api.md yet: the agent upgrade the widget's notification offers. */
export function upgradeGateway(client: ApiClient, uid: string): Promise<void> {
  return client.send('PUT', `${overlord(uid)}/upgrade`)
}

export function saveGatewayAccount(client: ApiClient, uid: string, body: GatewayAccount): Promise<void> {
  return client.send('POST', `${vsphere(uid)}/account`, { body })
}

export type PlacementProperty =
  | 'datacenters'
  | 'computeclusters'
  | 'datastores'
  | 'networks'
  | 'resourcepools'
  | 'folders'

const propertyListSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) })
export type PropertyItem = z.infer<typeof propertyListSchema>['items'][number]

/** The placement drop-downs, answered by the gateway from vCenter. */
export function listPlacementProperty(
  client: ApiClient,
  uid: string,
  property: PlacementProperty,
  parents: { datacenter?: string; computecluster?: string },
  signal?: AbortSignal,
): Promise<PropertyItem[]> {
  return client
    .request('GET', `${vsphere(uid)}/properties/${property}`, propertyListSchema, { query: parents, signal })
    .then((l) => l.items)
}

/** POST provisions a Pending gateway (**Confirm**); PUT changes a configured one (resize 1 → 3). */
export function saveGatewayCloudConfig(
  client: ApiClient,
  uid: string,
  body: GatewayCloudConfig,
  method: 'POST' | 'PUT' = 'POST',
): Promise<void> {
  return client.send(method, `${vsphere(uid)}/cloudconfig`, { body })
}

/** `{message, severity, createdAt}`; a `reason`, the state it led to, or a metadata timestamp are read too. */
const gatewayEventSchema = z
  .object({
    message: z.string(),
    severity: z.string().default('Info'),
    createdAt: z.string().optional(),
    reason: z.string().optional(),
    state: z.string().optional(),
    metadata: z.object({ creationTimestamp: z.string().optional() }).optional(),
  })
  .transform(({ metadata, createdAt, ...e }) => ({ ...e, createdAt: createdAt ?? metadata?.creationTimestamp ?? '' }))
export type GatewayEvent = z.infer<typeof gatewayEventSchema>
const gatewayEventListSchema = z.object({ items: z.array(gatewayEventSchema) })

export function listGatewayEvents(client: ApiClient, uid: string, signal?: AbortSignal): Promise<GatewayEvent[]> {
  return client.request('GET', `${overlord(uid)}/events`, gatewayEventListSchema, { signal }).then((l) => l.items)
}

export function listIpPools(client: ApiClient, uid: string, signal?: AbortSignal): Promise<IpPool[]> {
  return client.request('GET', `${vsphere(uid)}/pools`, ipPoolListSchema, { signal }).then((l) => l.items)
}

export function createIpPool(client: ApiClient, uid: string, body: IpPoolBody): Promise<Created> {
  return client.request('POST', `${vsphere(uid)}/pools`, createdSchema, { body })
}

export function updateIpPool(client: ApiClient, uid: string, poolUid: string, body: IpPoolBody): Promise<void> {
  return client.send('PUT', `${vsphere(uid)}/pools/${enc(poolUid)}`, { body })
}

export function deleteIpPool(client: ApiClient, uid: string, poolUid: string): Promise<void> {
  return client.send('DELETE', `${vsphere(uid)}/pools/${enc(poolUid)}`)
}
