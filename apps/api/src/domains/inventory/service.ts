import type { TencentInstanceTypesQuery } from '@console/contracts'
import type { AwsCredentials, TencentCredentials } from '@console/providers'
import type { RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError } from '../../lib/errors.ts'
import { callCloud } from '../cloud-accounts/cloud-errors.ts'
import { getAccountCredentials } from '../cloud-accounts/service.ts'

/**
 * The wizard's drop-downs: each read resolves the account in the caller's scope, decrypts its
 * credentials and asks the provider (which caches). Cloud failures become the API's errors.
 */

async function tencentCredentials(deps: Deps, ctx: RequestContext, uid: string): Promise<TencentCredentials> {
  const account = await getAccountCredentials(deps, ctx, uid)
  if (account.cloudType !== 'tencent') {
    throw new AppError('UnprocessableEntity', `Cloud account ${account.name} is an AWS account, not a Tencent one`, [
      { path: 'cloudAccountUid', message: 'Choose a Tencent account' },
    ])
  }
  return account.credentials
}

async function awsCredentials(deps: Deps, ctx: RequestContext, uid: string): Promise<AwsCredentials> {
  const account = await getAccountCredentials(deps, ctx, uid)
  if (account.cloudType !== 'aws') {
    throw new AppError('UnprocessableEntity', `Cloud account ${account.name} is a Tencent account, not an AWS one`, [
      { path: 'cloudAccountUid', message: 'Choose an AWS account' },
    ])
  }
  return account.credentials
}

const items = <T>(list: T[]) => ({ items: list })

interface AccountQuery {
  cloudAccountUid: string
}
interface RegionQuery extends AccountQuery {
  region: string
}

// ---- Tencent ----

export async function listTencentRegions(deps: Deps, ctx: RequestContext, q: AccountQuery) {
  const credentials = await tencentCredentials(deps, ctx, q.cloudAccountUid)
  return items(await callCloud(() => deps.providers.tencent.listRegions(credentials)))
}

export async function listTencentZones(deps: Deps, ctx: RequestContext, q: AccountQuery, region: string) {
  const credentials = await tencentCredentials(deps, ctx, q.cloudAccountUid)
  return items(await callCloud(() => deps.providers.tencent.listZones(credentials, region)))
}

export async function listTencentVpcs(deps: Deps, ctx: RequestContext, q: RegionQuery) {
  const credentials = await tencentCredentials(deps, ctx, q.cloudAccountUid)
  return items(await callCloud(() => deps.providers.tencent.listVpcs(credentials, q.region)))
}

export async function listTencentKeyPairs(deps: Deps, ctx: RequestContext, q: RegionQuery) {
  const credentials = await tencentCredentials(deps, ctx, q.cloudAccountUid)
  return items(await callCloud(() => deps.providers.tencent.listKeyPairs(credentials, q.region)))
}

export async function listTencentInstanceTypes(deps: Deps, ctx: RequestContext, q: TencentInstanceTypesQuery) {
  const credentials = await tencentCredentials(deps, ctx, q.cloudAccountUid)
  const { region, zone, cpuGtEq, memoryGtEq, gpuGtEq } = q
  return items(
    await callCloud(() =>
      deps.providers.tencent.listInstanceTypes(credentials, { region, zone, cpuGtEq, memoryGtEq, gpuGtEq }),
    ),
  )
}

export async function listTencentSecurityGroups(deps: Deps, ctx: RequestContext, q: RegionQuery) {
  const credentials = await tencentCredentials(deps, ctx, q.cloudAccountUid)
  return items(await callCloud(() => deps.providers.tencent.listSecurityGroups(credentials, q.region)))
}

// ---- AWS ----

export async function listAwsRegions(deps: Deps, ctx: RequestContext, q: AccountQuery) {
  const credentials = await awsCredentials(deps, ctx, q.cloudAccountUid)
  return items(await callCloud(() => deps.providers.aws.listRegions(credentials)))
}

export async function listAwsAvailabilityZones(deps: Deps, ctx: RequestContext, q: AccountQuery, region: string) {
  const credentials = await awsCredentials(deps, ctx, q.cloudAccountUid)
  return items(await callCloud(() => deps.providers.aws.listZones(credentials, region)))
}

export async function listAwsVpcs(deps: Deps, ctx: RequestContext, q: RegionQuery) {
  const credentials = await awsCredentials(deps, ctx, q.cloudAccountUid)
  return items(await callCloud(() => deps.providers.aws.listVpcs(credentials, q.region)))
}

export async function listAwsKeyPairs(deps: Deps, ctx: RequestContext, q: RegionQuery) {
  const credentials = await awsCredentials(deps, ctx, q.cloudAccountUid)
  return items(await callCloud(() => deps.providers.aws.listKeyPairs(credentials, q.region)))
}

export async function listAwsInstanceTypes(deps: Deps, ctx: RequestContext, q: RegionQuery) {
  const credentials = await awsCredentials(deps, ctx, q.cloudAccountUid)
  return items(await callCloud(() => deps.providers.aws.listInstanceTypes(credentials, { region: q.region })))
}
