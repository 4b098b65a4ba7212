import type { Browser } from '@playwright/test'
import { baseURL } from '../playwright.config.ts'
import { api, call, type ProfileItem, unique } from '../support/api.ts'
import { expect, expectAccessible, logIn, test } from '../support/fixtures.ts'

interface Sandbox {
  adminUrl: string
  tencent: { accounts: { secretId: string; secretKey: string; note: string }[] }
}
interface VpcItem {
  vpcId: string
  subnets: { subnetId: string; az: string }[]
}
interface ClusterStatus {
  state: string
  deletionRequestedAt?: string
  forceDeleteAvailableAt?: string
}
interface FakeResource {
  type: string
  id: string
  state: string
  tags: Record<string, string>
}

/** A person's own browser (own cookies), logged in through the login page. */
async function browserOf(browser: Browser, email: string, password: string) {
  const context = await browser.newContext({ baseURL })
  const page = await context.newPage()
  await logIn(page, email, password)
  return page
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

  // Setup through the API (the wizard is tested by clusters-tke.spec.ts): project, account, users, placement.
  const projectName = `tke-fd-${unique()}`
  const { uid: projectUid } = await api(page, 'POST', '/v1/projects', undefined, { metadata: { name: projectName } })
  const { uid: accountUid } = await api(page, 'POST', '/v1/cloudaccounts/tencent', projectUid, {
    metadata: { name: `tencent-${unique()}` },
    spec: { secretId: full.secretId, secretKey: full.secretKey },
  })
  const password = 'force-delete-e2e-password'
  const people = {
    admin: { email: `project-admin-${unique()}@example.com`, role: 'Project Admin' },
    editor: { email: `project-editor-${unique()}@example.com`, role: 'Project Editor' },
  }
  for (const person of Object.values(people)) {
    await api(page, 'POST', '/v1/users', undefined, {
      metadata: { name: person.role },
      spec: { emailId: person.email, password, roles: [{ role: person.role, projectUid }] },
    })
  }

  const profiles = (await api(page, 'GET', '/v1/clusterprofiles?cloudType=tencent&limit=200', projectUid)) as {
    items: ProfileItem[]
  }
  const profile = profiles.items.find((p) => p.spec.published && p.spec.template.type === 'cluster')
  if (!profile) throw new Error('no published Tencent cluster profile')
  const k8s = profile.spec.template.packs.find((p) => /^kubernetes/.test(p.name))
  if (!k8s?.values?.includes('clusterCIDR')) throw new Error('the TKE profile has no k8s clusterCIDR')
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

  // A faster fake cloud while this test runs (restored after it), so the cluster is up in seconds.
  const { factor } = (await (await page.request.get(`${fake}/time-scale`)).json()) as { factor: number }
  await page.request.post(`${fake}/time-scale`, { data: { factor: Math.max(factor, 100) } })
  try {
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
                values: k8s.values.replace(/(#\s*)?clusterCIDR: .*/, 'clusterCIDR: "10.232.0.0/16"'),
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
    const statusOf = async () =>
      ((await api(page, 'GET', `/v1/spectroclusters/${clusterUid}`, projectUid)) as { status: ClusterStatus }).status
    await expect
      .poll(async () => (await statusOf()).state, { message: 'the cluster reaches Running', timeout: 300_000 })
      .toBe('Running')

    // From now on the fake Tencent Cloud never finishes deleting a cluster.
    const stuck = await page.request.post(`${fake}/faults`, {
      data: { cloud: 'tencent', action: 'DeleteCluster', stuck: true },
    })
    expect(stuck.status()).toBe(201)

    // The Project Admin and the Project Editor, each in their own browser, on the cluster's overview.
    const adminPage = await browserOf(browser, people.admin.email, password)
    const editorPage = await browserOf(browser, people.editor.email, password)
    for (const p of [adminPage, editorPage]) {
      await p.goto(`/clusters/${clusterUid}`)
      await expect(p.getByRole('heading', { level: 1, name: clusterName })).toBeVisible()
      await expect(p.getByRole('region', { name: 'Summary' }).getByText('Running', { exact: true })).toBeVisible()
    }

    // The Project Admin deletes it; the cloud never confirms, so it stays Deleting.
    const summary = adminPage.getByRole('region', { name: 'Summary' })
    await adminPage.getByRole('button', { name: 'Settings' }).click()
    await adminPage.getByRole('menuitem', { name: 'Delete Cluster', exact: true }).click()
    const deleteDialog = adminPage.getByRole('dialog', { name: 'Delete Cluster' })
    await deleteDialog.getByLabel('Cluster name').fill(clusterName)
    await deleteDialog.getByRole('button', { name: 'OK' }).click()
    await expect(deleteDialog).toBeHidden()
    await expect(summary.getByText('Deleting', { exact: true })).toBeVisible()

    // Too early: the server refuses with 409 and says when.
    const deleting = await statusOf()
    expect(deleting.state).toBe('Deleting')
    const availableAt = Date.parse(deleting.forceDeleteAvailableAt ?? '')
    const graceMs = availableAt - Date.parse(deleting.deletionRequestedAt ?? '')
    expect(graceMs, 'FORCE_DELETE_GRACE_SECONDS of the e2e console (playwright.config.ts)').toBeGreaterThanOrEqual(
      15_000,
    )
    expect(graceMs, 'FORCE_DELETE_GRACE_SECONDS of the e2e console (playwright.config.ts)').toBeLessThanOrEqual(60_000)
    const early = await call(adminPage, 'DELETE', `/v1/spectroclusters/${clusterUid}?forceDelete=true`, projectUid)
    expect(early.status(), await early.text()).toBe(409)
    const earlyBody = (await early.json()) as { details?: { forceDeleteAvailableAt?: string } }
    expect(Date.parse(earlyBody.details?.forceDeleteAvailableAt ?? '')).toBe(availableAt)

    // The Project Admin's drop-down: Force Delete disabled, with the time left counting down.
    await adminPage.getByRole('button', { name: 'Settings' }).click()
    const adminMenu = adminPage.getByRole('menu', { name: 'Settings' })
    const adminForce = adminMenu.getByRole('menuitem', { name: 'Force Delete Cluster' })
    await expect(adminForce).toBeDisabled()
    await expect(adminMenu.getByRole('menuitem', { name: 'Delete Cluster', exact: true })).toBeDisabled()
    const countdown = /^available in (\d+)s$/
    await expect(adminForce).toHaveAccessibleDescription(countdown)
    const note = adminMenu.getByText(countdown)
    const secondsLeft = async () => Number(countdown.exec((await note.textContent()) ?? '')?.[1] ?? Number.NaN)
    const first = await secondsLeft()
    expect(first).toBeGreaterThan(0)
    expect(first).toBeLessThanOrEqual(Math.ceil(graceMs / 1000))
    await expect.poll(secondsLeft, { message: 'the countdown moves on', timeout: 5_000 }).toBeLessThan(first)
    await expectAccessible(adminPage)

    // The Project Editor may delete clusters but never force delete: disabled, and it says why.
    await expect(
      editorPage.getByRole('region', { name: 'Summary' }).getByText('Deleting', { exact: true }),
    ).toBeVisible()
    await editorPage.getByRole('button', { name: 'Settings' }).click()
    const editorMenu = editorPage.getByRole('menu', { name: 'Settings' })
    const editorForce = editorMenu.getByRole('menuitem', { name: 'Force Delete Cluster' })
    await expect(editorForce).toBeDisabled()
    await expect(editorForce).toHaveAccessibleDescription(/Tenant Admins and Project Admins/)
    await expectAccessible(editorPage)

    // Once the grace period has passed, the Project Admin's Force Delete enables by itself.
    await expect(adminForce).toBeEnabled({ timeout: Math.max(0, availableAt - Date.now()) + 10_000 })
    expect(Date.now()).toBeGreaterThanOrEqual(availableAt)
    await expect(adminMenu.getByText(countdown)).toHaveCount(0)
    await expectAccessible(adminPage)

    // ... the Project Editor's never does, and the server refuses them.
    await expect(editorForce).toBeDisabled()
    await editorPage.getByRole('button', { name: 'Settings' }).click()
    await editorPage.getByRole('button', { name: 'Settings' }).click()
    await expect(editorForce).toBeDisabled()
    await expect(editorForce).toHaveAccessibleDescription(/Tenant Admins and Project Admins/)
    const refused = await call(editorPage, 'DELETE', `/v1/spectroclusters/${clusterUid}?forceDelete=true`, projectUid)
    expect(refused.status(), await refused.text()).toBe(403)
    expect((await statusOf()).state).toBe('Deleting')

    // The cloud still holds the cluster: what the force delete must report as remaining.
    const inCloud = (
      (await (await page.request.get(`${fake}/resources?cloud=tencent&includeSeeded=false`)).json()) as FakeResource[]
    ).filter((r) => r.tags['console-cluster-uid'] === clusterUid)
    const tkeCluster = inCloud.find((r) => r.type === 'tke.cluster')
    expect(tkeCluster, JSON.stringify(inCloud)).toBeDefined()

    // The Project Admin force deletes: a warning first, then the leftovers.
    await adminForce.click()
    const forceDialog = adminPage.getByRole('dialog', { name: 'Force Delete Cluster' })
    await expect(forceDialog.getByText('Cloud resources may remain')).toBeVisible()
    await expectAccessible(adminPage)
    await forceDialog.getByRole('button', { name: 'Force Delete' }).click()
    const leftovers = forceDialog.getByRole('list', { name: 'Leftover cloud resources' })
    await expect(leftovers).toBeVisible()
    await expect(leftovers.getByRole('listitem').filter({ hasText: tkeCluster?.id ?? '?' })).toContainText(
      'tke.cluster',
    )
    await expectAccessible(adminPage)
    // The dialog keeps the result although the overview has meanwhile read the cluster as Deleted.
    await expect(adminPage.getByText('Deleted', { exact: true })).toBeVisible()
    await expect(leftovers).toBeVisible()
    await forceDialog.getByRole('button', { name: 'Close' }).click()
    await expect(forceDialog).toBeHidden()
    await expect(summary.getByText('Deleted', { exact: true })).toBeVisible()

    // The cluster's last event names what may remain; the overview's resources show them too.
    const lastEvent = adminPage.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').last()
    await expect(lastEvent).toContainText(`force deleted by ${people.admin.email}`)
    await expect(lastEvent).toContainText(tkeCluster?.id ?? '?')
    await expect(adminPage.getByRole('table', { name: 'Cloud resources' })).toContainText(tkeCluster?.id ?? '?')
    await expect(adminPage.getByRole('button', { name: 'Settings' })).toHaveCount(0)
    expect((await statusOf()).state).toBe('Deleted')
    await expect(
      editorPage.getByRole('region', { name: 'Summary' }).getByText('Deleted', { exact: true }),
    ).toBeVisible()

    await adminPage.context().close()
    await editorPage.context().close()
  } finally {
    await page.request.delete(`${fake}/faults`)
    await page.request.post(`${fake}/time-scale`, { data: { factor } })
  }
})
