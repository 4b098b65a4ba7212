import { api, type ProfileItem, unique } from '../support/api.ts'
import { expect, expectAccessible, test } from '../support/fixtures.ts'

interface Sandbox {
  adminUrl: string
  tencent: { accounts: { secretId: string; secretKey: string; note: string }[] }
}
interface VpcItem {
  vpcId: string
  subnets: { subnetId: string; az: string }[]
}

test('a Project Admin deploys a TKE cluster through the wizard, watches it reach Running live, and deletes it', async ({
  adminPage: page,
}) => {
  test.setTimeout(600_000)
  const sandbox = (await api(page, 'GET', '/v1/sandbox')) as Sandbox
  const full = sandbox.tencent.accounts.find((a) => a.note === 'full permissions')
  if (!full) throw new Error('no full-permission Tencent sandbox account')

  // Setup through the API (the project and account UIs are tested elsewhere).
  const projectName = `tke-${unique()}`
  const { uid: projectUid } = await api(page, 'POST', '/v1/projects', undefined, { metadata: { name: projectName } })
  const accountName = `tencent-${unique()}`
  const { uid: accountUid } = await api(page, 'POST', '/v1/cloudaccounts/tencent', projectUid, {
    metadata: { name: accountName },
    spec: { secretId: full.secretId, secretKey: full.secretKey },
  })
  const profiles = (await api(page, 'GET', '/v1/clusterprofiles?cloudType=tencent&limit=200', projectUid)) as {
    items: ProfileItem[]
  }
  const profile = profiles.items.find((p) => p.spec.published && p.spec.template.type === 'cluster')
  if (!profile) throw new Error('no published Tencent cluster profile')
  const k8s = profile.spec.template.packs.find((p) => /^kubernetes/.test(p.name))
  if (!k8s?.values?.includes('clusterCIDR')) throw new Error('the TKE profile has no k8s clusterCIDR')
  const region = 'ap-guangzhou'
  const vpcs = (await api(
    page,
    'GET',
    `/v1/clouds/tencent/vpcs?cloudAccountUid=${accountUid}&region=${region}`,
    projectUid,
  )) as { items: VpcItem[] }
  const vpc = vpcs.items.find((v) => v.subnets.length > 0)
  const subnet = vpc?.subnets[0]
  if (!vpc || !subnet) throw new Error('the fake cloud has no VPC with a subnet')

  await page.reload()
  await page.getByRole('combobox', { name: 'Scope' }).selectOption({ label: projectName })
  const menu = page.getByRole('navigation', { name: 'Main Menu' })
  await menu.getByRole('link', { name: 'Clusters' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Clusters' })).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Add New Cluster' }).click()
  await expect(page.getByRole('group', { name: 'Managed Kubernetes' }).getByText('TKE', { exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Start TKE Configuration' }).click()
  const step = page.getByRole('region', { name: 'Basic Information' })
  await expect(step).toBeVisible()

  // Basic Information: a bad tag is caught as typed.
  const clusterName = `tke-${unique()}`
  await step.getByLabel('Cluster Name').fill(clusterName)
  await step.getByLabel('Description').fill('TKE e2e cluster')
  await step.getByLabel('Tags').fill('env:e2e\nbroken')
  await expect(step.getByText('"broken" is not key:value')).toBeVisible()
  await step.getByLabel('Tags').fill('env:e2e\nteam:platform')
  await expect(step.getByRole('list', { name: 'Parsed tags' }).getByRole('listitem')).toHaveText([
    'env:e2e',
    'team:platform',
  ])
  await step.getByLabel('Cloud Account').selectOption({ label: accountName })
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Next' }).click()

  // Cluster Profile.
  const profileStep = page.getByRole('region', { name: 'Cluster Profile' })
  await profileStep.getByRole('button', { name: 'Add Cluster Profile' }).click()
  const picker = page.getByRole('dialog', { name: 'Add Cluster Profile' })
  await picker.getByRole('button', { name: `${profile.metadata.name} ${profile.spec.version}`, exact: true }).click()
  await expect(profileStep.getByRole('list', { name: `Layers of ${profile.metadata.name}` })).toContainText(k8s.name)
  await page.getByRole('button', { name: 'Next' }).click()

  // Parameters: the k8s pod network must lie outside the fake's default VPC.
  const parameters = page.getByRole('region', { name: 'Parameters' })
  const editor = parameters.getByRole('textbox', { name: `${k8s.name} values` })
  await expect(editor).toContainText('clusterCIDR')
  await editor.click()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.insertText(k8s.values.replace(/clusterCIDR: .*/, 'clusterCIDR: "10.231.0.0/16"'))
  await expect(editor).toContainText('10.231.0.0/16')
  await page.getByRole('button', { name: 'Next' }).click()

  // Cluster Config, from the inventory drop-downs.
  const config = page.getByRole('region', { name: 'Cluster Config' })
  await config.getByLabel('Region').selectOption(region)
  await expect(config.getByLabel('SSH Key Pair Name').locator('option')).not.toHaveCount(1)
  await config.getByLabel('SSH Key Pair Name').selectOption({ index: 1 })
  await config.getByLabel('VPCID').selectOption(vpc.vpcId)
  await expect(config.getByRole('list', { name: `Subnets of ${vpc.vpcId}` })).toContainText(subnet.subnetId)
  await config.getByRole('radio', { name: 'Public', exact: true }).check()
  await expect(config.getByLabel('Public Security Group').locator('option')).not.toHaveCount(1)
  await config.getByLabel('Public Security Group').selectOption({ index: 1 })
  await config.getByLabel('Public Access CIDRs').fill('203.0.113.0/24')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Next' }).click()

  // Nodes Config: a desired size above the maximum is refused on the step.
  const nodes = page.getByRole('region', { name: 'Nodes Config' })
  await expect(nodes.getByLabel('Name', { exact: true })).toHaveValue('worker-pool')
  await nodes.getByLabel('Maximum Size').fill('3')
  await nodes.getByLabel('Desired Size').fill('5')
  await expect(nodes.getByText('Desired size must be between the minimum and the maximum size')).toBeVisible()
  await nodes.getByRole('checkbox', { name: new RegExp(subnet.az) }).check()
  await nodes.getByLabel(`Subnet for ${subnet.az}`).selectOption(subnet.subnetId)
  await expect(nodes.getByLabel('Instance Type').locator('option')).not.toHaveCount(1)
  await nodes.getByLabel('Instance Type').selectOption({ index: 1 })
  await nodes.getByLabel('Disk Size').fill('60')
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(nodes).toBeVisible()
  await expect(page.getByRole('alert').filter({ hasText: 'Fix the problem on this step to continue.' })).toBeVisible()

  // A reload resumes the draft on the same step; Back keeps what was entered.
  await page.reload()
  await expect(nodes.getByLabel('Desired Size')).toHaveValue('5')
  await nodes.getByLabel('Desired Size').fill('1')
  await page.getByRole('button', { name: 'Back' }).click()
  await expect(config.getByLabel('Public Access CIDRs')).toHaveValue('203.0.113.0/24')
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(nodes.getByLabel('Desired Size')).toHaveValue('1')
  await page.getByRole('button', { name: 'Next' }).click()

  // Review: the server's verdict, then Deploy.
  const review = page.getByRole('region', { name: 'Review' })
  await expect(review.getByText('The server accepts this cluster.')).toBeVisible({ timeout: 30_000 })
  await expect(review).toContainText(clusterName)
  await expect(review).toContainText(vpc.vpcId)
  await expectAccessible(page)
  const reads = { stream: 0, list: 0 }
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname
    if (path.endsWith('/events/stream')) reads.stream += 1
    if (path.startsWith('/v1/events/components/spectrocluster/')) reads.list += 1
  })
  await page.getByRole('button', { name: 'Deploy' }).click()

  // Overview: events arrive live, without a reload, until Running — through the stream, not by polling.
  await expect(page.getByRole('heading', { level: 1, name: clusterName })).toBeVisible()
  const clusterUid = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '')
  await expect(page.getByText('Live: new events appear as they happen.')).toBeVisible()
  const summary = page.getByRole('region', { name: 'Summary' })
  const timeline = page.getByRole('list', { name: 'Event timeline' })
  await expect(timeline.getByRole('listitem').first()).toBeVisible()
  const firstCount = await timeline.getByRole('listitem').count()
  await expect(summary.getByText('Running', { exact: true })).toBeVisible({ timeout: 420_000 })
  expect(await timeline.getByRole('listitem').count()).toBeGreaterThan(firstCount)
  await expect(page.getByText('Live: new events appear as they happen.')).toBeVisible()
  expect(reads.stream).toBeGreaterThan(0)
  expect(reads.list, 'the events list is read once, not polled').toBeLessThan(4)
  await expect(summary).toContainText('env:e2e')
  await expect(page.getByRole('table', { name: 'Cloud resources' })).toBeVisible()
  await expectAccessible(page)

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
  await expect(summary.getByText('Deleted', { exact: true })).toBeVisible({ timeout: 300_000 })

  const resources = (await (await page.request.get(`${sandbox.adminUrl}/resources`)).json()) as {
    tags: Record<string, string>
    state: string
  }[]
  expect(resources.filter((r) => r.tags['console-cluster-uid'] === clusterUid)).toEqual([])
})
