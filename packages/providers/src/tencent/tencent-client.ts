// Per-service imports keep start-up fast: the SDK's root module loads all 260 services.
import { cvm } from 'tencentcloud-sdk-nodejs/tencentcloud/services/cvm'
import { sts } from 'tencentcloud-sdk-nodejs/tencentcloud/services/sts'
import { tke } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tke'
import { vpc } from 'tencentcloud-sdk-nodejs/tencentcloud/services/vpc'
import type { TencentCredentials } from '../cloud-provider.ts'

type CvmClient = InstanceType<typeof cvm.v20170312.Client>
type VpcClient = InstanceType<typeof vpc.v20170312.Client>
type TkeClient = InstanceType<typeof tke.v20180525.Client>
type StsClient = InstanceType<typeof sts.v20180813.Client>

/** The Tencent products the console calls, by CAM product prefix. */
export interface TencentClients {
  cvm: CvmClient
  vpc: VpcClient
  tke: TkeClient
  sts: StsClient
}

export type TencentProduct = keyof TencentClients

/** Where the SDK sends requests: the real `<product>.tencentcloudapi.com` hosts, or one sandbox endpoint. */
export type TencentEndpoint = { mode: 'real' } | { mode: 'sandbox'; endpoint: string; protocol: string }

const CLIENTS = {
  cvm: cvm.v20170312.Client,
  vpc: vpc.v20170312.Client,
  tke: tke.v20180525.Client,
  sts: sts.v20180813.Client,
} as const

/** The host a product's SDK client talks to, for error messages. */
export function tencentHost(endpoint: TencentEndpoint, product: TencentProduct): string {
  return endpoint.mode === 'real' ? `${product}.tencentcloudapi.com` : endpoint.endpoint
}

/** A client of one product in one region, signed with the account's keys. */
export function createTencentClient<P extends TencentProduct>(
  product: P,
  credentials: TencentCredentials,
  region: string,
  endpoint: TencentEndpoint,
  timeoutMs: number,
): TencentClients[P] {
  const Client = CLIENTS[product]
  const httpProfile =
    endpoint.mode === 'real'
      ? { reqTimeout: Math.ceil(timeoutMs / 1000) }
      : { endpoint: endpoint.endpoint, protocol: endpoint.protocol, reqTimeout: Math.ceil(timeoutMs / 1000) }
  return new Client({
    credential: { secretId: credentials.secretId, secretKey: credentials.secretKey },
    region,
    profile: { httpProfile },
  }) as TencentClients[P]
}

/** The action names of a client (its methods that take a request and answer a promise). */
export type ActionOf<C> = {
  [K in keyof C]: C[K] extends (req: any, cb?: any) => Promise<any> ? (K extends string ? K : never) : never
}[keyof C]
export type RequestOf<C, A extends keyof C> = C[A] extends (req: infer R, cb?: any) => Promise<any> ? R : never
export type ResponseOf<C, A extends keyof C> = C[A] extends (req: any, cb?: any) => Promise<infer R> ? R : never

/**
 * Calls one action with the SDK's types, through the generic `request` so an AbortSignal reaches
 * the HTTP layer (the generated per-action methods do not take one).
 */
export function invokeTencent<C extends TencentClients[TencentProduct], A extends ActionOf<C>>(
  client: C,
  action: A,
  request: RequestOf<C, A>,
  signal: AbortSignal,
): Promise<ResponseOf<C, A>> {
  return client.request(action, request, { signal }) as Promise<ResponseOf<C, A>>
}
