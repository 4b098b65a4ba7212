import {
  type Created,
  createdSchema,
  type Gateway,
  type GatewayAccount,
  type GatewayCloudConfig,
  type GatewayEventView,
  type GatewayInstaller,
  gatewayDeletedSchema,
  gatewayEventListSchema,
  gatewayInstallerSchema,
  gatewayListSchema,
  type IpPool,
  type IpPoolBody,
  ipPoolListSchema,
  type PairingCode,
  type PLACEMENT_PROPERTIES,
  pairingCodeSchema,
  placementPropertyListSchema,
} from '@console/contracts'
import type { ApiClient } from '../../../api/client.ts'

/** Private Cloud Gateways ("overlords", palette-api.md). */
const enc = encodeURIComponent
const overlord = (uid: string) => `/v1/overlords/${enc(uid)}`
const vsphere = (uid: string) => `/v1/overlords/vsphere/${enc(uid)}`

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
export async function deleteGateway(client: ApiClient, uid: string): Promise<string> {
  return (await client.request('DELETE', overlord(uid), gatewayDeletedSchema)).msg
}

export function resetGateway(client: ApiClient, uid: string): Promise<void> {
  return client.send('PUT', `${overlord(uid)}/reset`)
}

/** Applies the newer agent version the widget's upgrade notification offers. */
export function upgradeGateway(client: ApiClient, uid: string): Promise<void> {
  return client.send('PUT', `${overlord(uid)}/upgrade`)
}

export function saveGatewayAccount(client: ApiClient, uid: string, body: GatewayAccount): Promise<void> {
  return client.send('POST', `${vsphere(uid)}/account`, { body })
}

export type PlacementProperty = (typeof PLACEMENT_PROPERTIES)[number]

/** The placement drop-downs, answered by the gateway from vCenter. */
export function listPlacementProperty(
  client: ApiClient,
  uid: string,
  property: PlacementProperty,
  parents: { datacenter?: string; computecluster?: string },
  signal?: AbortSignal,
): Promise<{ id: string; name: string }[]> {
  return client
    .request('GET', `${vsphere(uid)}/properties/${property}`, placementPropertyListSchema, { query: parents, signal })
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

export type GatewayEvent = GatewayEventView

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
