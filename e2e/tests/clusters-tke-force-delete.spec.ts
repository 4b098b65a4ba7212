import { api, type ProfileItem, unique } from '../support/api.ts'
import { test } from '../support/fixtures.ts'
import { forceDeleteStuckDeletion, projectWithAdminAndEditor, withFastFakeClouds } from '../support/force-delete.ts'

interface Sandbox {
  adminUrl: string
  tencent: { accounts: { secretId: string; secretKey: string; note: string }[] }
}
interface VpcItem {
  vpcId: string
  subnets: { subnetId: string; az: string }[]
}

test('a stuck TKE delete: Force Delete counts down, refuses early and for a Project Editor, then a Project Admin force deletes and sees the leftovers', async ({
  adminPage: page,
  browser,
}) => {
  test.setTimeout(600_000)
  const sandbox = (await api(page, 'GET', '/v1/sandbox')) as Sandbox
  const full = sandbox.tencent.accounts.find((a) => a.note === 'full permissions')
  if (!full) throw new Error('no full-permission Tencent sandbox account')
  const fake = sandbox.adminUrl

  // Setup through the API (the wizard is tested by clusters-tke.spec.ts): project, users, account, placement.
  const team = await projectWithAdminAndEditor(page, 'tke-fd')
  const { projectUid } = team
  const { uid: accountUid } = await api(page, 'POST', '/v1/cloudaccounts/tencent', projectUid, {
    metadata: { name: `tencent-${unique()}` },
    spec: { secretId: full.secretId, secretKey: full.secretKey },
  })

  const profiles = (await api(page, 'GET', '/v1/clusterprofiles?cloudType=tencent&limit=200', projectUid)) as {
    items: ProfileItem[]
  }
  const profile = profiles.items.find((p) => p.spec.published && p.spec.template.type === 'cluster')
  if (!profile) throw new Error('no published Tencent cluster profile')
  const k8s = profile.spec.template.packs.find((p) => /^kubernetes/.test(p.name))
  const k8sValues = k8s?.values
  if (!k8s || !k8sValues?.includes('clusterCIDR')) throw new Error('the TKE profile has no k8s clusterCIDR')
  const region = 'ap-guangzhou'
  const inventory = (what: string, extra = '') =>
    api(page, 'GET', `/v1/clouds/tencent/${what}?cloudAccountUid=${accountUid}&region=${region}${extra}`, projectUid)
  const vpcs = (await inventory('vpcs')) as { items: VpcItem[] }
  const vpc = vpcs.items.find((v) => v.subnets.length > 0)
  const subnet = vpc?.subnets[0]
  if (!vpc || !subnet) throw new Error('the fake cloud has no VPC with a subnet')
  const [keyPairs, groups, types] = (await Promise.all([
    inventory('keypairs'),
    inventory('securitygroups'),
    inventory('instancetypes', `&zone=${subnet.az}`),
  ])) as [{ items: { id: string }[] }, { items: { id: string }[] }, { items: { type: string }[] }]
  const [keyPair, group, type] = [keyPairs.items[0], groups.items[0], types.items[0]]
  if (!keyPair || !group || !type) throw new Error('the fake cloud has no key pair, security group or instance type')

  // A faster fake cloud while this test runs, so the cluster is up in seconds.
  await withFastFakeClouds(page, fake, async () => {
    const clusterName = `tke-fd-${unique()}`
    const { uid: clusterUid } = await api(page, 'POST', '/v1/spectroclusters/tke', projectUid, {
      metadata: { name: clusterName, description: 'force delete e2e cluster', labels: { env: 'e2e' } },
      spec: {
        cloudAccountUid: accountUid,
        profiles: [
          {
            uid: profile.metadata.uid,
            packValues: [
              {
                name: k8s.name,
                tag: k8s.tag,
                values: k8sValues.replace(/(#\s*)?clusterCIDR: .*/, 'clusterCIDR: "10.232.0.0/16"'),
              },
            ],
          },
        ],
        cloudConfig: {
          region,
          vpcID: vpc.vpcId,
          sshKeyIDs: [keyPair.id],
          endpointAccess: { public: true, private: false, securityGroup: group.id, publicCIDRs: ['203.0.113.0/24'] },
        },
        clusterConfig: { updateWorkerPoolsInParallel: true },
        machinepoolconfig: [
          {
            cloudConfig: {
              instanceType: type.type,
              rootDeviceSize: 60,
              azs: [subnet.az],
              subnetIds: { [subnet.az]: subnet.subnetId },
            },
            poolConfig: { name: 'worker-pool', size: 1, minSize: 1, maxSize: 3 },
          },
        ],
      },
    })
    await forceDeleteStuckDeletion({
      page,
      browser,
      fake,
      cloud: 'tencent',
      cloudClusterType: 'tke.cluster',
      ...team,
      clusterUid,
      clusterName,
    })
  })
})
