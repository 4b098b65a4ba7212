import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type FakeClouds, startFakeClouds } from '../index.ts'
import {
  createClusterRequest,
  errorCode,
  type TencentClients,
  tencentAccounts,
  tencentClients,
  waitFor,
} from './test-support.ts'

describe('tencent: TKE endpoint addresses and the public access policy through tencentcloud-sdk-nodejs', () => {
  let fake: FakeClouds
  let clients: TencentClients
  const admin = (path: string, body?: unknown) =>
    fetch(`${fake.adminUrl}${path}`, body === undefined ? undefined : { method: 'POST', body: JSON.stringify(body) })
  /** Real time (factor 1) while a test looks at intermediate states; then fast-forward. */
  const slow = () => admin('/time-scale', { factor: 1 })
  const fast = () => admin('/time-scale', { factor: 100_000 })
  const endpointAttrs = (id: string) =>
    fake.store.list({ cloud: 'tencent', type: 'tke.endpoint' }).find((r) => r.id === id)?.attrs

  /** A Running cluster and the tke-https security group. */
  async function runningCluster() {
    const { ClusterId } = await clients.tke.CreateCluster(await createClusterRequest(clients))
    await waitFor(
      async () =>
        (await clients.tke.DescribeClusters({ ClusterIds: [ClusterId!] })).Clusters![0]!.ClusterStatus === 'Running',
    )
    const sg = (await clients.vpc.DescribeSecurityGroups({})).SecurityGroupSet!.find(
      (g) => g.SecurityGroupName === 'tke-https',
    )!.SecurityGroupId!
    return { clusterId: ClusterId!, sg }
  }

  async function openPublicEndpoint(clusterId: string, sg: string) {
    await clients.tke.CreateClusterEndpoint({ ClusterId: clusterId, IsExtranet: true, SecurityGroup: sg })
    await waitFor(
      async () =>
        (await clients.tke.DescribeClusterEndpointStatus({ ClusterId: clusterId, IsExtranet: true })).Status ===
        'Created',
    )
  }

  beforeAll(async () => {
    fake = await startFakeClouds({ port: 0, timeScale: 1000 })
    clients = tencentClients(fake, tencentAccounts(fake)[0])
  })
  afterAll(() => fake.close())
  beforeEach(async () => {
    await admin('/reset', {})
  })

  it('answers empty addresses and no ACL before any endpoint is opened, then the public address once Created', async () => {
    const { clusterId, sg } = await runningCluster()
    expect(await clients.tke.DescribeClusterEndpoints({ ClusterId: clusterId })).toMatchObject({
      ClusterExternalEndpoint: '',
      ClusterIntranetEndpoint: '',
      ClusterExternalACL: [],
      SecurityGroup: '',
      ClusterDomain: `${clusterId}.ccs.tencent-cloud.com`,
    })

    await slow()
    await clients.tke.CreateClusterEndpoint({ ClusterId: clusterId, IsExtranet: true, SecurityGroup: sg })
    // Opening: the security group is known, the address is not yet.
    expect(await clients.tke.DescribeClusterEndpoints({ ClusterId: clusterId })).toMatchObject({
      ClusterExternalEndpoint: '',
      SecurityGroup: sg,
      ClusterExternalACL: [],
    })
    await fast()
    await waitFor(
      async () => (await clients.tke.DescribeClusterEndpoints({ ClusterId: clusterId })).ClusterExternalEndpoint !== '',
    )
    const open = await clients.tke.DescribeClusterEndpoints({ ClusterId: clusterId })
    expect(open.ClusterExternalEndpoint).toMatch(/^\d+\.\d+\.\d+\.\d+$/)
    expect(open.ClusterExternalDomain).toBe(`${clusterId}.ccs.tencent-cloud.com`)
    expect(open.CertificationAuthority).toContain('BEGIN CERTIFICATE')
    expect(open.ClusterIntranetEndpoint).toBe('')
    expect(open.RequestId).toBeTruthy()
  })

  it('sets the public access policy with ModifyClusterEndpointSP, then DescribeClusterEndpoints answers it', async () => {
    const { clusterId, sg } = await runningCluster()
    await openPublicEndpoint(clusterId, sg)
    const cidrs = ['203.0.113.0/24', '198.51.100.7']
    const modified = await clients.tke.ModifyClusterEndpointSP({ ClusterId: clusterId, SecurityPolicies: cidrs })
    expect(modified.RequestId).toBeTruthy()
    const described = await clients.tke.DescribeClusterEndpoints({ ClusterId: clusterId })
    expect(described.ClusterExternalACL).toEqual(cidrs)
    expect(described.SecurityGroup).toBe(sg)
    // Stateful: kept on the endpoint resource.
    expect(endpointAttrs(`${clusterId}-extranet`)).toMatchObject({ securityPolicies: cidrs, securityGroup: sg })

    // A second call replaces the list; leaving SecurityPolicies out keeps it.
    await clients.tke.ModifyClusterEndpointSP({ ClusterId: clusterId, SecurityPolicies: ['0.0.0.0/0'] })
    await clients.tke.ModifyClusterEndpointSP({ ClusterId: clusterId, SecurityGroup: sg })
    expect((await clients.tke.DescribeClusterEndpoints({ ClusterId: clusterId })).ClusterExternalACL).toEqual([
      '0.0.0.0/0',
    ])
    // The endpoint is still Created: setting the policy does not touch its lifecycle.
    expect((await clients.tke.DescribeClusterEndpointStatus({ ClusterId: clusterId, IsExtranet: true })).Status).toBe(
      'Created',
    )
  })

  it('answers the private endpoint with an address in its subnet', async () => {
    const { clusterId } = await runningCluster()
    const vpcId = (await clients.tke.DescribeClusters({ ClusterIds: [clusterId] })).Clusters![0]!
      .ClusterNetworkSettings!.VpcId!
    const subnet = (await clients.vpc.DescribeSubnets({})).SubnetSet!.find((s) => s.VpcId === vpcId)!
    await clients.tke.CreateClusterEndpoint({ ClusterId: clusterId, IsExtranet: false, SubnetId: subnet.SubnetId })
    await waitFor(
      async () => (await clients.tke.DescribeClusterEndpoints({ ClusterId: clusterId })).ClusterIntranetEndpoint !== '',
    )
    const described = await clients.tke.DescribeClusterEndpoints({ ClusterId: clusterId })
    expect(described.ClusterIntranetSubnetId).toBe(subnet.SubnetId)
    const prefix = subnet.CidrBlock!.split('.').slice(0, 2).join('.')
    expect(described.ClusterIntranetEndpoint!.startsWith(`${prefix}.`)).toBe(true)
    expect(described.ClusterExternalEndpoint).toBe('')
  })

  it('refuses an unknown cluster, a cluster without a public endpoint and entries that are not CIDRs', async () => {
    const missing = 'cls-00000000'
    expect(await errorCode(clients.tke.DescribeClusterEndpoints({ ClusterId: missing }))).toBe('ResourceNotFound')
    expect(
      await errorCode(clients.tke.ModifyClusterEndpointSP({ ClusterId: missing, SecurityPolicies: ['10.0.0.0/8'] })),
    ).toBe('ResourceNotFound')

    const { clusterId, sg } = await runningCluster()
    expect(
      await errorCode(clients.tke.ModifyClusterEndpointSP({ ClusterId: clusterId, SecurityPolicies: ['10.0.0.0/8'] })),
    ).toBe('ResourceNotFound')

    await openPublicEndpoint(clusterId, sg)
    for (const bad of ['10.0.0.0/33', 'example.com', '300.1.1.1']) {
      expect(
        await errorCode(clients.tke.ModifyClusterEndpointSP({ ClusterId: clusterId, SecurityPolicies: [bad] })),
      ).toBe('InvalidParameter.Param')
    }
    expect(
      await errorCode(clients.tke.ModifyClusterEndpointSP({ ClusterId: clusterId, SecurityGroup: 'sg-00000000' })),
    ).toBe('InvalidParameter')
    // A refused call changes nothing.
    expect((await clients.tke.DescribeClusterEndpoints({ ClusterId: clusterId })).ClusterExternalACL).toEqual([])

    // An endpoint being deleted no longer takes a policy.
    await slow()
    await clients.tke.DeleteClusterEndpoint({ ClusterId: clusterId, IsExtranet: true })
    expect(
      await errorCode(clients.tke.ModifyClusterEndpointSP({ ClusterId: clusterId, SecurityPolicies: ['10.0.0.0/8'] })),
    ).toBe('ResourceNotFound')
    expect((await clients.tke.DescribeClusterEndpoints({ ClusterId: clusterId })).ClusterExternalEndpoint).toBe('')
    await fast()
  })

  it('goes through injected faults like every other action', async () => {
    const { clusterId, sg } = await runningCluster()
    await openPublicEndpoint(clusterId, sg)
    await admin('/faults', { cloud: 'tencent', action: 'ModifyClusterEndpointSP', errorCode: 'RequestLimitExceeded' })
    await admin('/faults', { cloud: 'tencent', action: 'DescribeClusterEndpoints', errorCode: 'InternalError' })
    expect(
      await errorCode(clients.tke.ModifyClusterEndpointSP({ ClusterId: clusterId, SecurityPolicies: ['10.0.0.0/8'] })),
    ).toBe('RequestLimitExceeded')
    expect(await errorCode(clients.tke.DescribeClusterEndpoints({ ClusterId: clusterId }))).toBe('InternalError')
    expect(endpointAttrs(`${clusterId}-extranet`)?.securityPolicies).toEqual([])
  })
})
