import type { Browser, Page } from '@playwright/test'
import { baseURL } from '../playwright.config.ts'
import { api, call, unique } from './api.ts'
import { expect, expectAccessible, logIn } from './fixtures.ts'

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

const PASSWORD = 'force-delete-e2e-password'

/** A person's own browser (own cookies), logged in through the login page. */
async function browserOf(browser: Browser, email: string) {
  const context = await browser.newContext({ baseURL })
  const page = await context.newPage()
  await logIn(page, email, PASSWORD)
  return page
}

/** A new project with a Project Admin and a Project Editor in it (emails; the password is shared). */
export async function projectWithAdminAndEditor(page: Page, prefix: string) {
  const { uid: projectUid } = await api(page, 'POST', '/v1/projects', undefined, {
    metadata: { name: `${prefix}-${unique()}` },
  })
  const people = {
    admin: { email: `project-admin-${unique()}@example.com`, role: 'Project Admin' },
    editor: { email: `project-editor-${unique()}@example.com`, role: 'Project Editor' },
  }
  for (const person of Object.values(people)) {
    await api(page, 'POST', '/v1/users', undefined, {
      metadata: { name: person.role },
      spec: { emailId: person.email, password: PASSWORD, roles: [{ role: person.role, projectUid }] },
    })
  }
  return { projectUid, adminEmail: people.admin.email, editorEmail: people.editor.email }
}

/** Run `work` with the fake clouds at least 100× faster (restored afterwards), and without faults after it. */
export async function withFastFakeClouds<T>(page: Page, fake: string, work: () => Promise<T>): Promise<T> {
  const { factor } = (await (await page.request.get(`${fake}/time-scale`)).json()) as { factor: number }
  await page.request.post(`${fake}/time-scale`, { data: { factor: Math.max(factor, 100) } })
  try {
    return await work()
  } finally {
    await page.request.delete(`${fake}/faults`)
    await page.request.post(`${fake}/time-scale`, { data: { factor } })
  }
}

/**
 * The force delete of a deletion the cloud never finishes, as a person sees it: the cluster (Running,
 * in a project from {@link projectWithAdminAndEditor}) is deleted by its Project Admin while the fake
 * cloud's DeleteCluster is stuck; Force Delete is disabled with a countdown, the server refuses it
 * early (409) and for the Project Editor (403, disabled with the reason); once the grace period has
 * passed the Project Admin force deletes and is shown the cloud resources that remain, among them the
 * cloud's cluster (`cloudClusterType` in the fake's resource listing).
 */
export async function forceDeleteStuckDeletion(options: {
  page: Page
  browser: Browser
  fake: string
  cloud: 'tencent' | 'aws'
  cloudClusterType: string
  projectUid: string
  adminEmail: string
  editorEmail: string
  clusterUid: string
  clusterName: string
}) {
  const { page, browser, fake, cloud, projectUid, clusterUid, clusterName } = options
  const statusOf = async () =>
    ((await api(page, 'GET', `/v1/spectroclusters/${clusterUid}`, projectUid)) as { status: ClusterStatus }).status
  await expect
    .poll(async () => (await statusOf()).state, { message: 'the cluster reaches Running', timeout: 300_000 })
    .toBe('Running')

  // From now on the fake cloud never finishes deleting a cluster.
  const stuck = await page.request.post(`${fake}/faults`, { data: { cloud, action: 'DeleteCluster', stuck: true } })
  expect(stuck.status()).toBe(201)

  // The Project Admin and the Project Editor, each in their own browser, on the cluster's overview.
  const adminPage = await browserOf(browser, options.adminEmail)
  const editorPage = await browserOf(browser, options.editorEmail)
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
  const graceSetting = 'FORCE_DELETE_GRACE_SECONDS of the e2e console (playwright.config.ts)'
  expect(graceMs, graceSetting).toBeGreaterThanOrEqual(15_000)
  expect(graceMs, graceSetting).toBeLessThanOrEqual(60_000)
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
  await expect(editorPage.getByRole('region', { name: 'Summary' }).getByText('Deleting', { exact: true })).toBeVisible()
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
    (await (await page.request.get(`${fake}/resources?cloud=${cloud}&includeSeeded=false`)).json()) as FakeResource[]
  ).filter((r) => r.tags['console-cluster-uid'] === clusterUid)
  const cloudCluster = inCloud.find((r) => r.type === options.cloudClusterType)
  expect(cloudCluster, JSON.stringify(inCloud)).toBeDefined()
  const cloudClusterId = cloudCluster?.id ?? '?'

  // The Project Admin force deletes: a warning first, then the leftovers.
  await adminForce.click()
  const forceDialog = adminPage.getByRole('dialog', { name: 'Force Delete Cluster' })
  await expect(forceDialog.getByText('Cloud resources may remain')).toBeVisible()
  await expectAccessible(adminPage)
  await forceDialog.getByRole('button', { name: 'Force Delete' }).click()
  const leftovers = forceDialog.getByRole('list', { name: 'Leftover cloud resources' })
  await expect(leftovers).toBeVisible()
  await expect(leftovers.getByRole('listitem').filter({ hasText: cloudClusterId })).toContainText(
    options.cloudClusterType,
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
  await expect(lastEvent).toContainText(`force deleted by ${options.adminEmail}`)
  await expect(lastEvent).toContainText(cloudClusterId)
  await expect(adminPage.getByRole('table', { name: 'Cloud resources' })).toContainText(cloudClusterId)
  await expect(adminPage.getByRole('button', { name: 'Settings' })).toHaveCount(0)
  expect((await statusOf()).state).toBe('Deleted')
  await expect(editorPage.getByRole('region', { name: 'Summary' }).getByText('Deleted', { exact: true })).toBeVisible()

  await adminPage.context().close()
  await editorPage.context().close()
}
