import { describe, expect, it } from 'vitest'
import type { TkeCalls } from './tke-call.ts'
import { restrictPublicAccess } from './tke-endpoints.ts'
import type { TkePass } from './tke-pass.ts'
import { clusterWork, tkeSpec } from './tke-test-support.ts'

// The fake TKE does not serve the endpoint ACL actions, so this path is checked against a recorded
// Tencent answer: what DescribeClusterEndpoints returns for an endpoint with an ACL.
function passWithAcl(acl: string[] | undefined, publicCIDRs: string[]) {
  const sent: Array<{ action: string; request: unknown }> = []
  const spec = tkeSpec(
    {
      region: 'ap-guangzhou',
      vpcId: 'vpc-1',
      subnets: [{ az: 'ap-guangzhou-3', subnetId: 'subnet-1' }],
      securityGroup: 'sg-1',
      keyId: 'skey-1',
    },
    [{ name: 'worker-pool', size: 1 }],
  )
  spec.cloudConfig.endpointAccess.publicCIDRs = publicCIDRs
  const work = clusterWork({
    clusterUid: 'u1',
    clusterName: 'c1',
    credentials: { secretId: 'a', secretKey: 'b' },
    spec,
  })
  const tke = (async (action: string, request: unknown) => {
    sent.push({ action, request })
    if (action === 'DescribeClusterEndpoints') return { ClusterExternalACL: acl, RequestId: 'r1' }
    return { RequestId: 'r2' }
  }) as unknown as TkeCalls['tke']
  const pass: TkePass = {
    work,
    calls: { tke, vpc: (() => Promise.reject(new Error('unused'))) as unknown as TkeCalls['vpc'] },
    region: 'ap-guangzhou',
    settings: {},
    lastReported: new Map(),
  }
  return { pass, sent, work }
}

describe('restrictPublicAccess', () => {
  it('sets the Public Access CIDRs as the endpoint ACL when they differ', async () => {
    const { pass, sent, work } = passWithAcl([], ['203.0.113.0/24', '198.51.100.0/24'])
    await expect(restrictPublicAccess(pass, 'cls-1')).resolves.toBe(true)
    expect(sent.map((s) => s.action)).toEqual(['DescribeClusterEndpoints', 'ModifyClusterEndpointSP'])
    expect(sent[1]?.request).toEqual({ ClusterId: 'cls-1', SecurityPolicies: ['198.51.100.0/24', '203.0.113.0/24'] })
    expect(work.events).toEqual([
      'Restricting the endpoint to the Public Access CIDRs: 198.51.100.0/24, 203.0.113.0/24',
    ])
  })

  it('changes nothing when the ACL already matches (a repeated pass)', async () => {
    const { pass, sent, work } = passWithAcl(['203.0.113.0/24'], ['203.0.113.0/24'])
    await restrictPublicAccess(pass, 'cls-1')
    expect(sent.map((s) => s.action)).toEqual(['DescribeClusterEndpoints'])
    expect(work.events).toEqual([])
  })
})
