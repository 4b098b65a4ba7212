/**
 * Shared set-up for the Tencent contract tests: a fake on a random port and the real
 * tencentcloud-sdk-nodejs clients pointed at it. Test-only; not exported from the package.
 */
import { cam } from 'tencentcloud-sdk-nodejs/tencentcloud/services/cam'
import { cvm } from 'tencentcloud-sdk-nodejs/tencentcloud/services/cvm'
import { sts } from 'tencentcloud-sdk-nodejs/tencentcloud/services/sts'
import { tke } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tke'
import { vpc } from 'tencentcloud-sdk-nodejs/tencentcloud/services/vpc'
import type { FakeClouds } from '../index.ts'

export const REGION = 'ap-guangzhou'

export interface Credentials {
  secretId: string
  secretKey: string
}

/** The seeded Tencent accounts: [full permissions, lacks tke:CreateCluster]. */
export function tencentAccounts(fake: FakeClouds): [Credentials, Credentials] {
  const accounts = fake.accounts
    .filter((a) => a.cloud === 'tencent')
    .map((a) => ({ secretId: a.id, secretKey: a.secret }))
  if (accounts.length < 2) throw new Error('fixtures/tencent.yaml should seed two accounts')
  return [accounts[0]!, accounts[1]!]
}

/** Real SDK clients for every emulated product. */
export function tencentClients(fake: FakeClouds, credential: Credentials, region = REGION) {
  const profile = {
    httpProfile: { endpoint: fake.endpoints.tencent.endpoint, protocol: fake.endpoints.tencent.protocol },
  }
  const config = { credential, region, profile }
  return {
    tke: new tke.v20180525.Client(config),
    vpc: new vpc.v20170312.Client(config),
    cvm: new cvm.v20170312.Client(config),
    cam: new cam.v20190116.Client({ credential, region: '', profile }),
    sts: new sts.v20180813.Client(config),
  }
}

export type TencentClients = ReturnType<typeof tencentClients>

/** The SDK's error code of a failed call (TencentCloudSDKHttpException.code). */
export async function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise
  } catch (err) {
    return (err as { code?: string }).code ?? `no code: ${(err as Error).message}`
  }
  throw new Error('expected the call to fail')
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000, everyMs = 25): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, everyMs))
  }
  throw new Error(`condition not met within ${timeoutMs} ms`)
}

/** A managed-cluster request on the seeded default VPC. */
export async function createClusterRequest(
  clients: TencentClients,
  overrides: { name?: string; cidr?: string; tags?: Record<string, string> } = {},
) {
  const vpcs = await clients.vpc.DescribeVpcs({})
  const vpcId = vpcs.VpcSet![0]!.VpcId!
  return {
    ClusterType: 'MANAGED_CLUSTER',
    ClusterCIDRSettings: { ClusterCIDR: overrides.cidr ?? '10.88.0.0/16', ServiceCIDR: '10.89.0.0/20' },
    ClusterBasicSettings: {
      ClusterName: overrides.name ?? 'contract-cluster',
      ClusterVersion: '1.30.0',
      VpcId: vpcId,
      TagSpecification: [
        {
          ResourceType: 'cluster',
          Tags: Object.entries(overrides.tags ?? { 'spectro-cluster': 'contract' }).map(([Key, Value]) => ({
            Key,
            Value,
          })),
        },
      ],
    },
    ClusterAdvancedSettings: { ContainerRuntime: 'containerd' },
  }
}
