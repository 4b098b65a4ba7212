import type { Page } from '@playwright/test'
import { api, unique } from '../support/api.ts'
import { addAwsAccount } from '../support/aws.ts'
import { expect, expectAccessible, test } from '../support/fixtures.ts'

interface FakeResource {
  type: string
  id: string
  name: string
  state: string
  tags: Record<string, string>
}
interface VpcItem {
  vpcId: string
  isDefault: boolean
  subnets: { subnetId: string; az: string; isPrivate: boolean }[]
}

const region = 'us-east-1'
const GONE = new Set(['terminated', 'deleted'])

/** A project with an AWS account, its key pairs and VPCs (through the console's inventory). */
async function setup(page: Page, prefix: string) {
  const projectName = `${prefix}-${unique()}`
  const { uid: projectUid } = await api(page, 'POST', '/v1/projects', undefined, { metadata: { name: projectName } })
  const aws = await addAwsAccount(page, projectUid, 'aws', region)
  const keyPairs = ((await aws.inventory(`keypairs?region=${region}`)) as { items: { name: string }[] }).items
  const vpcs = ((await aws.inventory(`vpcs?region=${region}`)) as { items: VpcItem[] }).items
  if (!keyPairs[0]) throw new Error(`the fake AWS has no key pair in ${region}`)
  return { ...aws, projectName, projectUid, type: aws.instanceType, keyName: keyPairs[0].name, vpcs }
}

/** What the fake clouds hold for the cluster and is not gone (the driver tags all it creates with the uid). */
async function resourcesOf(page: Page, adminUrl: string, clusterUid: string): Promise<FakeResource[]> {
  const resources = (await (await page.request.get(`${adminUrl}/resources?cloud=aws`)).json()) as FakeResource[]
  return resources.filter((r) => r.tags['console-cluster-uid'] === clusterUid && !GONE.has(r.state))
}

/** The overview, live to Running. */
async function watchUntilRunning(page: Page, projectName: string, clusterUid: string, clusterName: string) {
  await page.reload()
  await page.getByRole('combobox', { name: 'Scope' }).selectOption({ label: projectName })
  await page.goto(`/clusters/${clusterUid}`)
  await expect(page.getByRole('heading', { level: 1, name: clusterName })).toBeVisible()
  const summary = page.getByRole('region', { name: 'Summary' })
  await expect(summary.getByText('Running', { exact: true })).toBeVisible({ timeout: 600_000 })
  await expectAccessible(page)
}

/** Settings → Delete Cluster with the typed name, live to Deleted. */
async function deleteFromOverview(page: Page, clusterName: string) {
  const summary = page.getByRole('region', { name: 'Summary' })
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByRole('menuitem', { name: 'Delete Cluster', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete Cluster' })
  await dialog.getByLabel('Cluster name').fill(clusterName)
  await dialog.getByRole('button', { name: 'OK' }).click()
  await expect(dialog).toBeHidden()
  await expect(summary.getByText('Deleted', { exact: true })).toBeVisible({ timeout: 600_000 })
}

test('an AWS IaaS cluster deployed through the wizard with dynamic placement, a 3-node master pool and a tainted spot worker pool reaches Running and is deleted with nothing left', async ({
  adminPage: page,
}) => {
  test.setTimeout(900_000)
  const fx = await setup(page, 'aws-dyn')
  const [zoneA, zoneB] = fx.zones
  // Through the wizard: Clusters → Add New Cluster → Public Clouds → AWS.
  await page.reload()
  await page.getByRole('combobox', { name: 'Scope' }).selectOption({ label: fx.projectName })
  await page.getByRole('navigation', { name: 'Main Menu' }).getByRole('link', { name: 'Clusters' }).click()
  await page.getByRole('button', { name: 'Add New Cluster' }).click()
  await page.getByRole('group', { name: 'Public Clouds' }).getByText('AWS', { exact: true }).click()
  await page.getByRole('button', { name: 'Start AWS Configuration' }).click()
  const basics = page.getByRole('region', { name: 'Basic Information' })
  const clusterName = `aws-dyn-${unique()}`
  await basics.getByLabel('Cluster Name').fill(clusterName)
  await basics.getByLabel('Tags').fill('env:e2e')
  await basics.getByLabel('Cloud Account').selectOption({ label: fx.accountName })
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Next' }).click()

  const profileStep = page.getByRole('region', { name: 'Cluster Profile' })
  await profileStep.getByRole('button', { name: 'Add Cluster Profile' }).click()
  await page
    .getByRole('dialog', { name: 'Add Cluster Profile' })
    .getByRole('button', { name: `${fx.profile.metadata.name} ${fx.profile.spec.version}`, exact: true })
    .click()
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByRole('region', { name: 'Parameters' }).getByRole('textbox').first()).toBeVisible()
  await page.getByRole('button', { name: 'Next' }).click()

  // Cluster Config: dynamic placement (Static Placement off).
  const config = page.getByRole('region', { name: 'Cluster Config' })
  await config.getByLabel('Region').selectOption(region)
  await expect(config.getByLabel('SSH Key Pair Name').locator('option')).not.toHaveCount(1)
  await config.getByLabel('SSH Key Pair Name').selectOption({ label: fx.keyName })
  await expect(config.getByRole('checkbox', { name: 'Static Placement' })).not.toBeChecked()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Next' }).click()

  // Nodes Config: a master pool of 3 over two zones; a tainted On-Spot worker pool, Contract First.
  const nodes = page.getByRole('region', { name: 'Nodes Config' })
  const master = nodes.getByRole('group', { name: 'Master pool' })
  await master.getByLabel('Size', { exact: true }).fill('2')
  await expect(master.getByText(/1, 3 or 5/).first()).toBeVisible()
  await master.getByLabel('Size', { exact: true }).fill('3')
  for (const zone of [zoneA, zoneB]) await master.getByRole('checkbox', { name: zone }).check()
  await expect(master.getByLabel('Instance Type').locator('option')).not.toHaveCount(1)
  await master.getByLabel('Instance Type').selectOption(fx.type)
  const workers = nodes.getByRole('group', { name: 'Worker pool 1' })
  await workers.getByLabel('Name', { exact: true }).fill('spot-workers')
  await workers.getByLabel('Size', { exact: true }).fill('2')
  for (const zone of [zoneA, zoneB]) await workers.getByRole('checkbox', { name: zone }).check()
  await expect(workers.getByLabel('Instance Type').locator('option')).not.toHaveCount(1)
  await workers.getByLabel('Instance Type').selectOption(fx.type)
  await workers.getByRole('radio', { name: 'Contract First' }).check()
  await workers.getByRole('button', { name: '+ Add Taint' }).click()
  const taint = workers.getByRole('group', { name: 'Taint 1' })
  await taint.getByLabel('Key', { exact: true }).fill('dedicated')
  await taint.getByLabel('Value', { exact: true }).fill('batch')
  await taint.getByLabel('Effect').selectOption('NoSchedule')
  await workers.getByRole('radio', { name: 'On-Spot' }).check()
  await workers.getByLabel('Maximum Bid (% of On-Demand price)').fill('90')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Next' }).click()

  const review = page.getByRole('region', { name: 'Review' })
  await expect(review.getByText('The server accepts this cluster.')).toBeVisible({ timeout: 30_000 })
  await expect(review).toContainText('dedicated=batch:NoSchedule')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Deploy' }).click()
  await expect(page.getByRole('heading', { level: 1, name: clusterName })).toBeVisible()
  const clusterUid = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '')

  await watchUntilRunning(page, fx.projectName, clusterUid, clusterName)
  // Running: the fake AWS holds the cluster's network, 3 control plane nodes behind a load balancer, and
  // the 2 spot workers carrying the cluster's tags.
  const running = await resourcesOf(page, fx.adminUrl, clusterUid)
  const types = running.map((r) => r.type)
  expect(types).toEqual(expect.arrayContaining(['ec2.vpc', 'ec2.nat-gateway', 'elb.load-balancer']))
  expect(types.filter((t) => t === 'ec2.instance').length, JSON.stringify(types)).toBeGreaterThanOrEqual(5)
  expect(running.every((r) => r.tags.env === 'e2e' || !r.tags['console-cluster-uid'])).toBe(true)
  await deleteFromOverview(page, clusterName)
  await expect.poll(async () => resourcesOf(page, fx.adminUrl, clusterUid), { timeout: 120_000 }).toEqual([])
})

test('an AWS IaaS cluster with static placement is deleted and the VPC and subnets it was placed in remain', async ({
  adminPage: page,
}) => {
  test.setTimeout(900_000)
  const fx = await setup(page, 'aws-static')
  const [zoneA, zoneB] = fx.zones
  const vpc = fx.vpcs.find((v) => v.isDefault && v.subnets.some((s) => s.az === zoneA && s.isPrivate))
  const privateIn = (az: string) => vpc?.subnets.find((s) => s.az === az && s.isPrivate)
  const [subnetA, subnetB] = [privateIn(zoneA), privateIn(zoneB)]
  if (!vpc || !subnetA || !subnetB) throw new Error('the fake AWS has no VPC with private subnets in two zones')
  const before = (await (await page.request.get(`${fx.adminUrl}/resources?cloud=aws`)).json()) as FakeResource[]
  const placement = before.filter((r) => [vpc.vpcId, subnetA.subnetId, subnetB.subnetId].includes(r.id))
  expect(placement).toHaveLength(3)

  const clusterName = `aws-static-${unique()}`
  const subnets = [
    { id: subnetA.subnetId, az: zoneA },
    { id: subnetB.subnetId, az: zoneB },
  ]
  const { uid: clusterUid } = await api(page, 'POST', '/v1/spectroclusters/aws', fx.projectUid, {
    metadata: { name: clusterName },
    spec: {
      cloudAccountUid: fx.accountUid,
      profiles: [{ uid: fx.profile.metadata.uid, packValues: [] }],
      cloudConfig: { region, sshKeyName: fx.keyName, vpcId: vpc.vpcId },
      machinepoolconfig: [
        {
          cloudConfig: { instanceType: fx.type, rootDeviceSize: 60, azs: [zoneA], subnets: [subnets[0]] },
          poolConfig: { name: 'control-plane', size: 1, isControlPlane: true },
        },
        {
          cloudConfig: { instanceType: fx.type, rootDeviceSize: 60, azs: [zoneA, zoneB], subnets },
          poolConfig: { name: 'workers', size: 1 },
        },
      ],
    },
  })
  await watchUntilRunning(page, fx.projectName, clusterUid, clusterName)

  // Day 2: a label on the worker pool from the Node pools table; its node is replaced (Expand First).
  const pools = page.getByRole('table', { name: 'Node pools' })
  await expect(pools.getByRole('row').filter({ hasText: 'control-plane (control plane)' })).not.toContainText('Edit')
  const workerIds = async () =>
    (await resourcesOf(page, fx.adminUrl, clusterUid))
      .filter((r) => r.type === 'ec2.instance' && r.tags['console-node-pool'] === 'workers')
      .map((r) => r.id)
  const [oldWorker] = await workerIds()
  await pools.getByRole('button', { name: 'Edit node pool workers' }).click()
  const edit = page.getByRole('dialog', { name: 'Edit node pool' })
  await expect(edit).toContainText('replace its nodes one at a time (Rolling Update: Expand First)')
  await expect(edit.getByLabel('Minimum Size')).toHaveCount(0)
  await edit.getByLabel('Labels').fill('tier api')
  await expect(edit.getByText('Write each label as key: value (tier api)')).toBeVisible()
  await edit.getByLabel('Labels').fill('tier: api')
  await expectAccessible(page)
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(edit).toBeHidden()
  const timeline = page.getByRole('list', { name: 'Event timeline' })
  await expect(timeline).toContainText(
    'Node pool workers edited by admin@example.com: labels none → tier=api; its nodes are replaced one at a time (Rolling Update: Expand First)',
  )
  const summary = page.getByRole('region', { name: 'Summary' })
  await expect(timeline.getByRole('listitem').filter({ hasText: `Cluster ${clusterName} is running` })).toHaveCount(2, {
    timeout: 300_000,
  })
  await expect(timeline).toContainText(
    'Rolling update of worker pool workers (Expand First): node 1 of worker pool workers: launching its new instance',
  )
  await expect(summary.getByText('Running', { exact: true })).toBeVisible()
  await expect(pools.getByRole('row').filter({ hasText: 'workers' })).toContainText('tier: api')
  await expect.poll(workerIds, { timeout: 60_000 }).not.toContain(oldWorker)

  await deleteFromOverview(page, clusterName)
  await expect.poll(async () => resourcesOf(page, fx.adminUrl, clusterUid), { timeout: 120_000 }).toEqual([])
  const after = (await (await page.request.get(`${fx.adminUrl}/resources?cloud=aws`)).json()) as FakeResource[]
  for (const r of placement) {
    expect(after.find((a) => a.id === r.id)?.state, `${r.type} ${r.id} is still there`).toBe(r.state)
  }
})
