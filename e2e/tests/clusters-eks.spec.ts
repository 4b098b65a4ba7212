import type { Page } from '@playwright/test'
import { api, unique } from '../support/api.ts'
import { addAwsAccount } from '../support/aws.ts'
import { expect, expectAccessible, test } from '../support/fixtures.ts'

/** What the fake clouds hold for the cluster (the driver tags everything it creates with the cluster's uid). */
async function resourcesOf(page: Page, adminUrl: string, clusterUid: string) {
  const resources = (await (await page.request.get(`${adminUrl}/resources`)).json()) as {
    type: string
    name: string
    tags: Record<string, string>
    state: string
  }[]
  return resources.filter((r) => r.tags['console-cluster-uid'] === clusterUid)
}

test('a Project Admin deploys an EKS cluster with a tainted and a spot node pool, watches it reach Running, adds a taint to a running pool, and deletes it', async ({
  adminPage: page,
}) => {
  test.setTimeout(900_000)
  // Setup through the API (the project and account UIs are tested elsewhere).
  const projectName = `eks-${unique()}`
  const { uid: projectUid } = await api(page, 'POST', '/v1/projects', undefined, { metadata: { name: projectName } })
  const region = 'us-east-1'
  const { adminUrl, accountName, profile, zones, instanceType } = await addAwsAccount(page, projectUid, 'eks', region)
  const [zoneA, zoneB] = zones

  await page.reload()
  await page.getByRole('combobox', { name: 'Scope' }).selectOption({ label: projectName })
  const menu = page.getByRole('navigation', { name: 'Main Menu' })
  await menu.getByRole('link', { name: 'Clusters' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Clusters' })).toBeVisible()

  await page.getByRole('button', { name: 'Add New Cluster' }).click()
  const managed = page.getByRole('group', { name: 'Managed Kubernetes' })
  await managed.getByText('EKS', { exact: true }).click()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Start EKS Configuration' }).click()
  const step = page.getByRole('region', { name: 'Basic Information' })
  await expect(step).toBeVisible()

  // Basic Information.
  const clusterName = `eks-${unique()}`
  await step.getByLabel('Cluster Name').fill(clusterName)
  await step.getByLabel('Description').fill('EKS e2e cluster')
  await step.getByLabel('Tags').fill('env:e2e')
  await step.getByLabel('Cloud Account').selectOption({ label: accountName })
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Next' }).click()

  // Cluster Profile.
  const profileStep = page.getByRole('region', { name: 'Cluster Profile' })
  await profileStep.getByRole('button', { name: 'Add Cluster Profile' }).click()
  const picker = page.getByRole('dialog', { name: 'Add Cluster Profile' })
  await picker.getByRole('button', { name: `${profile.metadata.name} ${profile.spec.version}`, exact: true }).click()
  await expect(profileStep.getByRole('list', { name: `Layers of ${profile.metadata.name}` })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Next' }).click()

  // Parameters: the profile's values as they are.
  const parameters = page.getByRole('region', { name: 'Parameters' })
  await expect(parameters.getByRole('textbox').first()).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Next' }).click()

  // Cluster Config: dynamic placement; a CIDR with host bits is caught as typed.
  const config = page.getByRole('region', { name: 'Cluster Config' })
  await config.getByLabel('Region').selectOption(region)
  await expect(config.getByLabel('SSH Key Pair Name').locator('option')).not.toHaveCount(1)
  await config.getByLabel('SSH Key Pair Name').selectOption({ index: 1 })
  await expect(config.getByRole('checkbox', { name: 'Static Placement' })).not.toBeChecked()
  await config.getByRole('radio', { name: 'Private & Public' }).check()
  await config.getByLabel('Public Access CIDRs').fill('203.0.113.9/24')
  await expect(config.getByText('203.0.113.9/24 has host bits set: did you mean 203.0.113.0/24?')).toBeVisible()
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Fix the problem on this step to continue.' })).toBeVisible()
  await config.getByLabel('Public Access CIDRs').fill('203.0.113.0/24')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Next' }).click()

  // Nodes Config: a tainted On-Demand pool and an On-Spot pool, both over two zones.
  const nodes = page.getByRole('region', { name: 'Nodes Config' })
  const first = nodes.getByRole('group', { name: 'Worker pool 1' })
  await first.getByLabel('Name', { exact: true }).fill('general')
  await first.getByRole('checkbox', { name: zoneA }).check()
  await first.getByRole('checkbox', { name: zoneB }).check()
  await expect(first.getByLabel('Instance Type').locator('option')).not.toHaveCount(1)
  await first.getByLabel('Instance Type').selectOption(instanceType)
  await first.getByLabel('Labels').fill('team: platform')
  await first.getByRole('button', { name: '+ Add Taint' }).click()
  const taint = first.getByRole('group', { name: 'Taint 1' })
  await taint.getByLabel('Key', { exact: true }).fill('dedicated')
  await taint.getByLabel('Value', { exact: true }).fill('infra')
  await taint.getByLabel('Effect').selectOption('NoSchedule')

  await nodes.getByRole('button', { name: '+ Add Worker Pool' }).click()
  const second = nodes.getByRole('group', { name: 'Worker pool 2' })
  await second.getByLabel('Name', { exact: true }).fill('spot')
  await second.getByRole('checkbox', { name: zoneA }).check()
  await second.getByRole('checkbox', { name: zoneB }).check()
  await expect(second.getByLabel('Instance Type').locator('option')).not.toHaveCount(1)
  await second.getByLabel('Instance Type').selectOption(instanceType)
  await second.getByRole('radio', { name: 'On-Spot' }).check()
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(second.getByText('On-Spot pools need a max bid')).toBeVisible()
  await second.getByLabel('Maximum Bid (% of On-Demand price)').fill('80')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Next' }).click()

  // Review: the server's verdict, then Deploy.
  const review = page.getByRole('region', { name: 'Review' })
  await expect(review.getByText('The server accepts this cluster.')).toBeVisible({ timeout: 30_000 })
  await expect(review).toContainText(clusterName)
  await expect(review).toContainText('dedicated=infra:NoSchedule')
  await expect(review).toContainText('On-Spot, max bid')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Deploy' }).click()

  // Overview: events arrive live until Running.
  await expect(page.getByRole('heading', { level: 1, name: clusterName })).toBeVisible()
  const clusterUid = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '')
  const summary = page.getByRole('region', { name: 'Summary' })
  await expect(page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').first()).toBeVisible()
  await expect(summary.getByText('Running', { exact: true })).toBeVisible({ timeout: 600_000 })
  await expect(summary).toContainText('env:e2e')
  await expectAccessible(page)
  // Both node groups exist in the fake AWS, the spot one included (its bid is above the fake's spot price).
  const running = await resourcesOf(page, adminUrl, clusterUid)
  expect(
    running
      .filter((r) => r.type === 'eks.nodegroup')
      .map((r) => r.name)
      .sort(),
  ).toEqual(['general', 'spot'])

  // Day 2: a taint added to the spot pool from the Node pools table, checked as typed, applied in place.
  const pools = page.getByRole('table', { name: 'Node pools' })
  await pools.getByRole('button', { name: 'Edit node pool spot' }).click()
  const edit = page.getByRole('dialog', { name: 'Edit node pool' })
  await edit.getByRole('button', { name: '+ Add Taint' }).click()
  const added = edit.getByRole('group', { name: 'Taint 1' })
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(added.getByText('Taint key is required')).toBeVisible()
  await added.getByLabel('Key', { exact: true }).fill('batch')
  await expect(added.getByText('Taint key is required')).toBeHidden()
  await added.getByLabel('Value', { exact: true }).fill('yes')
  await added.getByLabel('Effect').selectOption('PreferNoSchedule')
  await expectAccessible(page)
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(edit).toBeHidden()
  const timeline = page.getByRole('list', { name: 'Event timeline' })
  await expect(timeline).toContainText(
    'Node pool spot edited by admin@example.com: taints none → batch=yes:PreferNoSchedule',
  )
  await expect(timeline).toContainText('Updating node group spot: taints set batch=yes:PREFER_NO_SCHEDULE')
  // Running again once the node group is: a second "is running" event.
  await expect(timeline.getByRole('listitem').filter({ hasText: `Cluster ${clusterName} is running` })).toHaveCount(2, {
    timeout: 300_000,
  })
  await expect(summary.getByText('Running', { exact: true })).toBeVisible()
  await expect(pools.getByRole('row').filter({ hasText: 'spot' })).toContainText('batch=yes:PreferNoSchedule')
  await expect(pools.getByRole('row').filter({ hasText: 'general' })).toContainText('dedicated=infra:NoSchedule')

  // Delete by typing the name.
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByRole('menuitem', { name: 'Delete Cluster', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete Cluster' })
  const ok = dialog.getByRole('button', { name: 'OK' })
  await dialog.getByLabel('Cluster name').fill(clusterName.slice(0, -1))
  await expect(ok).toBeDisabled()
  await dialog.getByLabel('Cluster name').fill(clusterName)
  await expect(ok).toBeEnabled()
  await ok.click()
  await expect(dialog).toBeHidden()
  await expect(summary.getByText('Deleted', { exact: true })).toBeVisible({ timeout: 420_000 })

  expect(await resourcesOf(page, adminUrl, clusterUid)).toEqual([])
})
