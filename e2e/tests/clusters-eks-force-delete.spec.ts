import { api, type ProfileItem, unique } from '../support/api.ts'
import { test } from '../support/fixtures.ts'
import { forceDeleteStuckDeletion, projectWithAdminAndEditor, withFastFakeClouds } from '../support/force-delete.ts'

interface Sandbox {
  adminUrl: string
  aws: { accounts: { accessKey: string; secretKey: string; note: string }[] }
}

test('a stuck EKS delete: Force Delete counts down, refuses early and for a Project Editor, then a Project Admin force deletes and sees the leftovers', async ({
  adminPage: page,
  browser,
}) => {
  test.setTimeout(600_000)
  const sandbox = (await api(page, 'GET', '/v1/sandbox')) as Sandbox
  const full = sandbox.aws.accounts.find((a) => /full permissions/i.test(a.note))
  if (!full) throw new Error('no full-permission AWS sandbox account')
  const fake = sandbox.adminUrl

  // Setup through the API (the wizard is tested by clusters-eks.spec.ts): project, users, account, placement.
  const team = await projectWithAdminAndEditor(page, 'eks-fd')
  const { projectUid } = team
  const { uid: accountUid } = await api(page, 'POST', '/v1/cloudaccounts/aws', projectUid, {
    metadata: { name: `aws-${unique()}` },
    spec: { credentialType: 'secret', accessKey: full.accessKey, secretKey: full.secretKey },
  })
  const profiles = (await api(page, 'GET', '/v1/clusterprofiles?cloudType=eks&limit=200', projectUid)) as {
    items: ProfileItem[]
  }
  const profile = profiles.items.find((p) => p.spec.published && p.spec.template.type === 'cluster')
  if (!profile) throw new Error('no published EKS cluster profile')
  const region = 'us-east-1'
  const zones = (await api(
    page,
    'GET',
    `/v1/clouds/aws/regions/${region}/availabilityzones?cloudAccountUid=${accountUid}`,
    projectUid,
  )) as { items: { name: string }[] }
  const [zoneA, zoneB] = zones.items.map((z) => z.name)
  const types = (await api(
    page,
    'GET',
    `/v1/clouds/aws/instancetypes?cloudAccountUid=${accountUid}&region=${region}`,
    projectUid,
  )) as { items: { type: string; availabilityZones: string[] }[] }
  const type = types.items.find((t) => zoneA && zoneB && [zoneA, zoneB].every((z) => t.availabilityZones.includes(z)))
  if (!zoneA || !zoneB || !type) throw new Error(`the fake AWS has no usable placement in ${region}`)

  // A faster fake cloud while this test runs, so the cluster is up in seconds.
  await withFastFakeClouds(page, fake, async () => {
    const clusterName = `eks-fd-${unique()}`
    const { uid: clusterUid } = await api(page, 'POST', '/v1/spectroclusters/eks', projectUid, {
      metadata: { name: clusterName, description: 'force delete e2e cluster', labels: { env: 'e2e' } },
      spec: {
        cloudAccountUid: accountUid,
        profiles: [{ uid: profile.metadata.uid, packValues: [] }],
        cloudConfig: {
          region,
          endpointAccess: { public: true, private: false, publicCIDRs: ['203.0.113.0/24'], privateCIDRs: [] },
        },
        clusterConfig: { updateWorkerPoolsInParallel: true },
        machinepoolconfig: [
          {
            cloudConfig: {
              instanceType: type.type,
              rootDeviceSize: 40,
              capacityType: 'on-demand',
              azs: [zoneA, zoneB],
            },
            poolConfig: { name: 'ng-1', size: 1, minSize: 1, maxSize: 2 },
          },
        ],
      },
    })
    await forceDeleteStuckDeletion({
      page,
      browser,
      fake,
      cloud: 'aws',
      cloudClusterType: 'eks.cluster',
      ...team,
      clusterUid,
      clusterName,
    })
  })
})
