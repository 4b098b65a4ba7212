import type { CreateClusterRequest } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tke/v20180525/tke_models'
import type { CloudIdentity, TencentCredentials } from '../cloud-provider.ts'
import { CloudError, isCloudError } from '../errors.ts'
import type { TencentCaller } from './tencent-provider.ts'

/** One permission check: which CAM permission it proves, and the cheapest call that needs it. */
interface Probe {
  permission: string
  run: (call: TencentCaller, credentials: TencentCredentials, region: string) => Promise<unknown>
  /**
   * A write action is probed with a request that can never succeed (required parameters left out):
   * assuming CAM authorises before the product validates (the fake does; unverified against the real API),
   * `MissingParameter`/`InvalidParameter` means granted and `UnauthorizedOperation` means missing.
   * Nothing is ever created; at worst a missing permission goes unnoticed, it is never wrongly reported.
   */
  writeProbe?: boolean
}

/** The Tencent permissions the wizard and cluster creation need first (seed 002's policy), probed cheaply. */
export const TENCENT_PROBES: readonly Probe[] = [
  { permission: 'cvm:DescribeRegions', run: (c, k, r) => c(k, 'cvm', r, 'DescribeRegions', null) },
  { permission: 'cvm:DescribeZones', run: (c, k, r) => c(k, 'cvm', r, 'DescribeZones', null) },
  { permission: 'cvm:DescribeKeyPairs', run: (c, k, r) => c(k, 'cvm', r, 'DescribeKeyPairs', { Limit: 1 }) },
  { permission: 'vpc:DescribeVpcs', run: (c, k, r) => c(k, 'vpc', r, 'DescribeVpcs', { Limit: '1' }) },
  { permission: 'vpc:DescribeSubnets', run: (c, k, r) => c(k, 'vpc', r, 'DescribeSubnets', { Limit: '1' }) },
  {
    permission: 'vpc:DescribeSecurityGroups',
    run: (c, k, r) => c(k, 'vpc', r, 'DescribeSecurityGroups', { Limit: '1' }),
  },
  { permission: 'tke:DescribeClusters', run: (c, k, r) => c(k, 'tke', r, 'DescribeClusters', { Limit: 1 }) },
  {
    permission: 'tke:CreateCluster',
    writeProbe: true,
    // Deliberately incomplete (no ClusterType, no ClusterCIDRSettings): see Probe.writeProbe.
    run: (c, k, r) => c(k, 'tke', r, 'CreateCluster', {} as CreateClusterRequest),
  },
]

/**
 * Validates Tencent keys: STS GetCallerIdentity (needs no permission) tells a bad SecretId from a
 * bad SecretKey; then every probe runs and all missing permissions are reported together.
 */
export async function validateTencentCredentials(
  call: TencentCaller,
  credentials: TencentCredentials,
  region: string,
): Promise<CloudIdentity> {
  const who = await call(credentials, 'sts', region, 'GetCallerIdentity', null)
  const identity: CloudIdentity = { accountId: who.AccountId ?? '', principal: who.Arn ?? '' }

  const results = await Promise.all(
    TENCENT_PROBES.map(async (probe) => {
      try {
        await probe.run(call, credentials, region)
        return { probe }
      } catch (err) {
        return { probe, err }
      }
    }),
  )
  const missing: string[] = []
  for (const { probe, err } of results) {
    if (err === undefined) continue
    if (isCloudError(err, 'PermissionDenied')) missing.push(err.permission ?? probe.permission)
    else if (probe.writeProbe && isCloudError(err, 'InvalidRequest')) continue
    else throw err
  }
  if (missing.length > 0) {
    const list = missing.join(', ')
    throw new CloudError({
      kind: 'PermissionDenied',
      cloud: 'tencent',
      cloudCode: 'AuthFailure.UnauthorizedOperation',
      permission: missing[0],
      missingPermissions: missing,
      message: `The Tencent Cloud credentials are valid but lack ${missing.length === 1 ? 'the permission' : 'the permissions'} ${list}: add ${missing.length === 1 ? 'it' : 'them'} to the CAM policy of this user.`,
    })
  }
  return identity
}
