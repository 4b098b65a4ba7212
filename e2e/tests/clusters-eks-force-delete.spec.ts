import { api, unique } from '../support/api.ts'
import { addAwsAccount } from '../support/aws.ts'
import { test } from '../support/fixtures.ts'
import { forceDeleteStuckDeletion, projectWithAdminAndEditor, withFastFakeClouds } from '../support/force-delete.ts'

test('a stuck EKS delete: Force Delete counts down, refuses early and for a Project Editor, then a Project Admin force deletes and sees the leftovers', async ({
  adminPage: page,
  browser,
}) => {
  test.setTimeout(600_000)
  // Setup through the API (the wizard is tested by clusters-eks.spec.ts): project, users, account, placement.
  const team = await projectWithAdminAndEditor(page, 'eks-fd')
  const { projectUid } = team
  const region = 'us-east-1'
  const aws = await addAwsAccount(page, projectUid, 'eks', region)
  const { accountUid, profile, adminUrl: fake } = aws
  const [zoneA, zoneB] = aws.zones
  const type = { type: aws.instanceType }

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
