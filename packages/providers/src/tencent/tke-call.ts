export { inStep } from '../driver-steps.ts'

import { type CallPolicy, runWithPolicy } from '../call-policy.ts'
import type { TencentCredentials } from '../cloud-provider.ts'
import { CloudError } from '../errors.ts'
import {
  type ActionOf,
  createTencentClient,
  invokeTencent,
  type RequestOf,
  type ResponseOf,
  type TencentClients,
  type TencentEndpoint,
  tencentHost,
} from './tencent-client.ts'
import { toTencentCloudError } from './tencent-errors.ts'

/** Per-call options. */
export interface CallOptions {
  /**
   * One attempt only, for creates without a client token (CreateCluster): a 5xx may come after
   * the cloud acted, so the retry is left to the next pass, which looks the resource up first.
   */
  singleAttempt?: boolean
}

/** One action of one product for one account and region, through the call policy (timeout, retries, mapping). */
export type ProductCall<P extends 'tke' | 'vpc'> = <A extends ActionOf<TencentClients[P]>>(
  action: A,
  request: RequestOf<TencentClients[P], A>,
  options?: CallOptions,
) => Promise<ResponseOf<TencentClients[P], A>>

/** The products a cluster driver pass calls, bound to one account and region. */
export interface TkeCalls {
  tke: ProductCall<'tke'>
  vpc: ProductCall<'vpc'>
}

/** Where Tencent calls go and how they are retried. */
export interface TkeCallOptions {
  endpoint: TencentEndpoint
  policy: CallPolicy
}

/** Callers bound to one account and region (one SDK client per product, reused for the whole pass). */
export function createTkeCalls(options: TkeCallOptions, credentials: TencentCredentials, region: string): TkeCalls {
  return { tke: bind(options, 'tke', credentials, region), vpc: bind(options, 'vpc', credentials, region) }
}

function bind<P extends 'tke' | 'vpc'>(
  options: TkeCallOptions,
  product: P,
  credentials: TencentCredentials,
  region: string,
): ProductCall<P> {
  const { endpoint, policy } = options
  const client = createTencentClient(product, credentials, region, endpoint, policy.timeoutMs)
  const host = tencentHost(endpoint, product)
  const once = { ...policy, retry: { ...policy.retry, attempts: 1 } }
  return (action, request, callOptions) => {
    const site = { product, action, host, secretId: credentials.secretId, timeoutMs: policy.timeoutMs }
    return runWithPolicy(
      callOptions?.singleAttempt ? once : policy,
      (attempt) => invokeTencent(client, action, request, attempt.signal),
      (err, attempt) => toTencentCloudError(err, site, attempt.timedOut()),
    )
  }
}

/** True for the answers TKE gives when a cluster, a pool or an endpoint no longer exists. */
export function isGoneError(err: unknown): boolean {
  if (!(err instanceof CloudError)) return false
  const code = err.cloudCode ?? ''
  return (
    err.kind === 'NotFound' ||
    code === 'InternalError.ClusterNotFound' ||
    code === 'InternalError.DbRecordNotFound' ||
    code === 'ResourceNotFound.ClusterNotFound'
  )
}
