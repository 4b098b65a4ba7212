import {
  type AwsAccount,
  type AwsAccountBody,
  type AwsAccountSpec,
  type AwsAccountUpdateBody,
  awsAccountListSchema,
  type Created,
  createdSchema,
  type List,
  type TencentAccount,
  type TencentAccountBody,
  type TencentAccountSpec,
  type TencentAccountUpdateBody,
  tencentAccountListSchema,
  type VsphereAccount,
  type VsphereAccountBody,
  type VsphereAccountSpec,
  type VsphereAccountUpdateBody,
  vsphereAccountListSchema,
} from '@console/contracts'
import type { ApiClient } from '../../../api/client.ts'

/** The clouds this page manages accounts of (each gateway also brings a vSphere account of its own). */
export type AccountCloud = 'tencent' | 'aws' | 'vsphere'

export interface ListAccountsOptions {
  cursor?: string
  /** Tenant scope, Tenant Admin: every account of the tenant, project ones included. */
  all?: boolean
  signal?: AbortSignal
}

const accountsPath = (cloud: AccountCloud, uid?: string) =>
  `/v1/cloudaccounts/${cloud}${uid === undefined ? '' : `/${encodeURIComponent(uid)}`}`

export function listTencentAccounts(
  client: ApiClient,
  options: ListAccountsOptions = {},
): Promise<List<TencentAccount>> {
  return client.request('GET', accountsPath('tencent'), tencentAccountListSchema, {
    query: { limit: 50, continue: options.cursor, scope: options.all ? 'all' : undefined },
    signal: options.signal,
  })
}

export function listAwsAccounts(client: ApiClient, options: ListAccountsOptions = {}): Promise<List<AwsAccount>> {
  return client.request('GET', accountsPath('aws'), awsAccountListSchema, {
    query: { limit: 50, continue: options.cursor, scope: options.all ? 'all' : undefined },
    signal: options.signal,
  })
}

export function listVsphereAccounts(
  client: ApiClient,
  options: ListAccountsOptions = {},
): Promise<List<VsphereAccount>> {
  return client.request('GET', accountsPath('vsphere'), vsphereAccountListSchema, {
    query: { limit: 50, continue: options.cursor, scope: options.all ? 'all' : undefined },
    signal: options.signal,
  })
}

export function createVsphereAccount(client: ApiClient, body: VsphereAccountBody): Promise<Created> {
  return client.request('POST', accountsPath('vsphere'), createdSchema, { body })
}

export function updateVsphereAccount(client: ApiClient, uid: string, body: VsphereAccountUpdateBody): Promise<void> {
  return client.send('PUT', accountsPath('vsphere', uid), { body })
}

/** 204 when the gateway's agent logged in to vCenter with these credentials; an ApiRequestError otherwise. */
export function validateVsphereCredentials(client: ApiClient, gatewayUid: string, spec: VsphereAccountSpec) {
  return client.send('POST', `/v1/overlords/vsphere/${encodeURIComponent(gatewayUid)}/account/validate`, {
    body: { account: spec },
  })
}

export function createTencentAccount(client: ApiClient, body: TencentAccountBody): Promise<Created> {
  return client.request('POST', accountsPath('tencent'), createdSchema, { body })
}

export function createAwsAccount(client: ApiClient, body: AwsAccountBody): Promise<Created> {
  return client.request('POST', accountsPath('aws'), createdSchema, { body })
}

export function updateTencentAccount(client: ApiClient, uid: string, body: TencentAccountUpdateBody): Promise<void> {
  return client.send('PUT', accountsPath('tencent', uid), { body })
}

export function updateAwsAccount(client: ApiClient, uid: string, body: AwsAccountUpdateBody): Promise<void> {
  return client.send('PUT', accountsPath('aws', uid), { body })
}

export function deleteCloudAccount(client: ApiClient, cloud: AccountCloud, uid: string): Promise<void> {
  return client.send('DELETE', accountsPath(cloud, uid))
}

/** 204 when the cloud accepts the credentials; an ApiRequestError naming the cause otherwise. */
export function validateTencentCredentials(client: ApiClient, spec: TencentAccountSpec): Promise<void> {
  return client.send('POST', '/v1/clouds/tencent/account/validate', { body: spec })
}

export function validateAwsCredentials(client: ApiClient, spec: AwsAccountSpec): Promise<void> {
  return client.send('POST', '/v1/clouds/aws/account/validate', { body: spec })
}
