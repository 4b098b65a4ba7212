import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { baseURL } from '../playwright.config.ts'
import { api, type ProfileItem, unique } from '../support/api.ts'
import { expect, expectAccessible, test } from '../support/fixtures.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

interface Sandbox {
  adminUrl: string
  vsphere: { endpoint: string; username: string; password: string }
}
interface FakeResource {
  type: string
  name: string
  state: string
}

/** The gateway agent as a user starts it next to vCenter (apps/pcg-agent), with the PIN and the command of the dialog. */
function startAgent(name: string, pairingCode: string, stateDir: string): ChildProcess {
  const agent = spawn(
    'pnpm',
    [
      '--silent',
      '--filter',
      '@console/pcg-agent',
      'start',
      '--',
      '--name',
      name,
      '--console-endpoint',
      baseURL,
      '--pairing-code',
      pairingCode,
      '--state-dir',
      stateDir,
      '--ip-address',
      '10.20.0.7',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  )
  agent.stdout?.resume()
  agent.stderr?.resume()
  return agent
}

/** The VMs of the fake vCenter whose name starts with `prefix`. */
async function vcenterVms(page: Page, sandbox: Sandbox, prefix: string): Promise<string[]> {
  const resources = (await (
    await page.request.get(`${sandbox.adminUrl}/resources?cloud=vsphere`)
  ).json()) as FakeResource[]
  return resources
    .filter((r) => r.type.includes('vm') && r.name.startsWith(prefix) && r.state !== 'deleted')
    .map((r) => r.name)
    .sort()
}

test('a Tenant Admin pairs a gateway agent, configures it with a static IP pool, runs a vSphere cluster over two placement domains through it, then resizes, resets and deletes the gateway', async ({
  adminPage: page,
}) => {
  test.setTimeout(900_000)
  const sandbox = (await api(page, 'GET', '/v1/sandbox')) as Sandbox
  const name = `gw-${unique()}`
  const stateDir = mkdtempSync(path.join(tmpdir(), 'e2e-pcg-'))
  let agent: ChildProcess | undefined
  try {
    // ---- Pairing: the dialog's PIN starts the agent, the dialog sees it register. ----
    const openGateways = async () => {
      await page
        .getByRole('navigation', { name: 'Main Menu' })
        .getByRole('link', { name: 'Private Cloud Gateways' })
        .click()
      await expect(page.getByRole('heading', { level: 1, name: 'Private Cloud Gateways' })).toBeVisible()
    }
    await openGateways()
    await page.getByRole('button', { name: 'Add New Private Cloud Gateway' }).click()
    const add = page.getByRole('dialog', { name: 'Add New Private Cloud Gateway' })
    const pin = add.locator('.gateway-pin')
    await expect(pin).toHaveText(/^[A-Z2-9]{6}$/)
    await expect(add.getByText('Waiting for the gateway to register.', { exact: false })).toBeVisible()
    await expectAccessible(page)
    agent = startAgent(name, (await pin.textContent()) ?? '', stateDir)
    await expect(add.getByText(`Gateway ${name} registered from 10.20.0.7`)).toBeVisible({ timeout: 60_000 })
    await add.getByRole('button', { name: 'Configure' }).click()

    // ---- Configure: vCenter credentials checked by the agent, placement from vCenter, a static IP pool. ----
    const configure = page.getByRole('dialog', { name: `Configure Private Cloud Gateway ${name}` })
    await configure.getByLabel('vCenter Server').fill(sandbox.vsphere.endpoint)
    await configure.getByLabel('Username').fill(sandbox.vsphere.username)
    await configure.getByLabel('Password').fill(`${sandbox.vsphere.password}-wrong`)
    await configure.getByRole('button', { name: 'Validate and continue' }).click()
    await expect(configure.getByRole('alert')).toBeVisible({ timeout: 30_000 })
    await configure.getByLabel('Password').fill(sandbox.vsphere.password)
    await configure.getByRole('button', { name: 'Validate and continue' }).click()
    const placement = configure.getByRole('form', { name: 'Placement' })
    const gatewayPlacement: Record<string, string> = {
      Datacenter: 'Datacenter',
      'Compute Cluster': 'Cluster1',
      Datastore: 'vsanDatastore',
      Network: 'VM Network',
      'Resource Pool': 'palette',
      Folder: '/Datacenter/vm/spectro/pcg',
    }
    for (const [label, value] of Object.entries(gatewayPlacement)) {
      const select = placement.getByLabel(label, { exact: true })
      await expect(select.locator(`option[value="${value}"]`)).toBeAttached({ timeout: 30_000 })
      await select.selectOption(value)
    }
    await placement.getByRole('radio', { name: 'Static IP' }).check()
    await placement.getByRole('button', { name: '+ Create IP Pool' }).click()
    const poolForm = configure.getByRole('form', { name: 'New IP pool' })
    await poolForm.getByLabel('Name', { exact: true }).fill('lab-range')
    await poolForm.getByLabel('Start').fill('10.10.100.10')
    await poolForm.getByLabel('End').fill('10.10.100.29')
    await poolForm.getByLabel('Subnet Prefix').fill('24')
    await poolForm.getByLabel('Gateway', { exact: true }).fill('10.10.100.1')
    await poolForm.getByRole('button', { name: 'Create IP pool' }).click()
    await expect(placement.getByLabel('IP Pool')).toHaveValue(/.+/)
    await placement.getByRole('radio', { name: '1 node' }).check()
    await expectAccessible(page)
    await configure.getByRole('button', { name: 'Next' }).click()
    const confirm = configure.getByRole('region', { name: 'Confirm' })
    await expect(confirm).toContainText('Static IP (lab-range)')
    await confirm.getByRole('button', { name: 'Confirm' }).click()
    await expect(configure).toBeHidden()

    // Provisioning → Running; the gateway's node is a VM in vCenter with the pool's first address.
    const card = page.getByRole('article', { name })
    await expect(card.getByText('Running', { exact: true })).toBeVisible({ timeout: 120_000 })
    expect(await vcenterVms(page, sandbox, `pcg-${name}-`)).toEqual([`pcg-${name}-1`])
    await expectAccessible(page)

    // ---- + VMware Account: another vCenter user, validated through the Running gateway. ----
    const accountName = `ops-${unique()}`
    await page.getByRole('navigation', { name: 'Main Menu' }).getByRole('link', { name: 'Cloud Accounts' }).click()
    await page.getByRole('button', { name: '+ VMware Account' }).click()
    const addAccount = page.getByRole('dialog', { name: 'Add VMware Account' })
    await addAccount.getByLabel('Account Name').fill(accountName)
    await addAccount.getByLabel('Private cloud gateway').selectOption({ label: name })
    await addAccount.getByLabel('vCenter Server').fill(sandbox.vsphere.endpoint)
    await addAccount.getByLabel('Username').fill(sandbox.vsphere.username)
    await addAccount.getByLabel('Password').fill(`${sandbox.vsphere.password}-wrong`)
    await addAccount.getByRole('button', { name: 'Validate' }).click()
    await expect(addAccount.getByRole('alert')).toBeVisible({ timeout: 30_000 })
    await expect(addAccount.getByRole('button', { name: 'Confirm' })).toBeDisabled()
    await addAccount.getByLabel('Password').fill(sandbox.vsphere.password)
    await addAccount.getByRole('button', { name: 'Validate' }).click()
    await expect(addAccount.getByRole('status').filter({ hasText: 'Credentials validated' })).toBeVisible({
      timeout: 30_000,
    })
    await expectAccessible(page)
    await addAccount.getByRole('button', { name: 'Confirm' }).click()
    await expect(addAccount).toBeHidden()
    const vsphereAccounts = page.getByRole('table', { name: 'VMware vSphere accounts' })
    await expect(vsphereAccounts.getByRole('row').filter({ hasText: accountName })).toContainText(
      sandbox.vsphere.username,
    )
    await expect(vsphereAccounts.getByRole('row').filter({ hasText: name }).first()).toContainText(
      'Managed with its gateway',
    )

    // ---- A vSphere cluster through the wizard, on that account, with two placement domains and static addresses. ----
    const projectName = `vsphere-${unique()}`
    await api(page, 'POST', '/v1/projects', undefined, { metadata: { name: projectName } })
    const profile = (
      (await api(page, 'GET', '/v1/clusterprofiles?cloudType=vsphere')) as { items: ProfileItem[] }
    ).items.find((p) => p.spec.published && p.spec.template.type === 'cluster')
    if (!profile) throw new Error('no published vSphere cluster profile')
    await page.reload()
    await page.getByRole('combobox', { name: 'Scope' }).selectOption({ label: projectName })
    await page.getByRole('navigation', { name: 'Main Menu' }).getByRole('link', { name: 'Clusters' }).click()
    await page.getByRole('button', { name: 'Add New Cluster' }).click()
    await page.getByRole('group', { name: 'Data Center' }).getByText('VMware', { exact: true }).click()
    await page.getByRole('button', { name: 'Start VMware Configuration' }).click()
    const clusterName = `edge-${unique()}`
    const basics = page.getByRole('region', { name: 'Basic Information' })
    await basics.getByLabel('Cluster Name').fill(clusterName)
    await basics.getByLabel('Cloud Account').selectOption({ label: accountName })
    await page.getByRole('button', { name: 'Next' }).click()
    await page
      .getByRole('region', { name: 'Cluster Profile' })
      .getByRole('button', { name: 'Add Cluster Profile' })
      .click()
    await page
      .getByRole('dialog', { name: 'Add Cluster Profile' })
      .getByRole('button', { name: `${profile.metadata.name} ${profile.spec.version}`, exact: true })
      .click()
    await page.getByRole('button', { name: 'Next' }).click()
    await expect(page.getByRole('region', { name: 'Parameters' }).getByRole('textbox').first()).toBeVisible()
    await page.getByRole('button', { name: 'Next' }).click()

    const config = page.getByRole('region', { name: 'Cluster Config' })
    const choose = async (scope: ReturnType<Page['getByRole']>, label: string, value: string) => {
      const select = scope.getByLabel(label, { exact: true })
      await expect(select.locator(`option[value="${value}"]`)).toBeAttached({ timeout: 30_000 })
      await select.selectOption(value)
    }
    await choose(config, 'Datacenter', 'Datacenter')
    await choose(config, 'Folder', '/Datacenter/vm/spectro/clusters')
    await config
      .getByLabel('SSH Keys')
      .fill('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBz3xqCkYDMd2nK9QmQhq8wHqj4c1x5wJ5g8r3w6wXlL ops@example.com')
    await config.getByRole('radio', { name: 'Static IP' }).check()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Next' }).click()

    const nodes = page.getByRole('region', { name: 'Nodes Config' })
    const fillDomain = async (scope: ReturnType<Page['getByRole']>, computeCluster: string) => {
      await choose(scope, 'Compute Cluster', computeCluster)
      await choose(scope, 'Datastore', 'vsanDatastore')
      await choose(scope, 'Network', 'VM Network')
      await choose(scope, 'Resource Pool', 'palette')
      await scope.getByLabel('IP Pool').selectOption({ label: 'lab-range' })
    }
    const master = nodes.getByRole('group', { name: 'Master pool' })
    await fillDomain(master.getByRole('group', { name: 'Placement domain 1' }), 'Cluster1')
    const workers = nodes.getByRole('group', { name: 'Worker pool 1' })
    await workers.getByLabel('Size', { exact: true }).fill('2')
    await fillDomain(workers.getByRole('group', { name: 'Placement domain 1' }), 'Cluster1')
    await workers.getByRole('button', { name: '+ Add Placement Domain' }).click()
    await fillDomain(workers.getByRole('group', { name: 'Placement domain 2' }), 'Cluster2')
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Next' }).click()
    const review = page.getByRole('region', { name: 'Review' })
    await expect(review.getByText('The server accepts this cluster.')).toBeVisible({ timeout: 60_000 })
    await page.getByRole('button', { name: 'Deploy' }).click()
    await expect(page.getByRole('heading', { level: 1, name: clusterName })).toBeVisible()
    const clusterUid = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '')
    const summary = page.getByRole('region', { name: 'Summary' })
    await expect(summary.getByText('Running', { exact: true })).toBeVisible({ timeout: 300_000 })
    await expectAccessible(page)

    // Three VMs (master in Cluster1, workers in Cluster1 and Cluster2), each with an address of the pool.
    const suffix = clusterUid.slice(0, 5)
    expect(await vcenterVms(page, sandbox, `${clusterName}-`)).toEqual([
      `${clusterName}-master-pool-1-${suffix}`,
      `${clusterName}-worker-pool-1-${suffix}`,
      `${clusterName}-worker-pool-2-${suffix}`,
    ])

    // The gateway's IP pool shows the cluster holding addresses; deleting the gateway is refused, naming it.
    await page.getByRole('combobox', { name: 'Scope' }).selectOption({ label: 'Tenant Admin' })
    await openGateways()
    await card.getByRole('button', { name: 'Details' }).click()
    const pools = page.getByRole('table', { name: 'IP pools' })
    const poolRow = pools.getByRole('row').filter({ hasText: 'lab-range' })
    await expect(poolRow).toContainText(clusterName)
    await expect(poolRow.getByRole('cell').nth(3)).toHaveText('16') // 20 - gateway node - 3 cluster nodes
    await card.getByRole('button', { name: 'Delete' }).click()
    const deleteGateway = page.getByRole('dialog', { name: 'Delete Private Cloud Gateway' })
    await deleteGateway.getByRole('button', { name: 'Delete' }).click()
    await expect(deleteGateway).toContainText(clusterName)
    await deleteGateway.getByRole('button', { name: 'Cancel' }).click()

    // Delete the cluster: its VMs leave vCenter and its addresses return to the pool.
    await page.getByRole('combobox', { name: 'Scope' }).selectOption({ label: projectName })
    await page.goto(`/clusters/${clusterUid}`)
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByRole('menuitem', { name: 'Delete Cluster', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Delete Cluster' })
    await dialog.getByLabel('Cluster name').fill(clusterName)
    await dialog.getByRole('button', { name: 'OK' }).click()
    await expect(summary.getByText('Deleted', { exact: true })).toBeVisible({ timeout: 300_000 })
    expect(await vcenterVms(page, sandbox, `${clusterName}-`)).toEqual([])

    await page.getByRole('combobox', { name: 'Scope' }).selectOption({ label: 'Tenant Admin' })
    await openGateways()
    await card.getByRole('button', { name: 'Details' }).click()
    await expect(poolRow).not.toContainText(clusterName)
    await expect(poolRow.getByRole('cell').nth(3)).toHaveText('19')

    // ---- Resize 1 → 3, reset to Pending, delete. ----
    await card.getByRole('button', { name: 'Resize' }).click()
    await page
      .getByRole('dialog', { name: 'Resize Private Cloud Gateway' })
      .getByRole('button', { name: 'Resize to 3 nodes' })
      .click()
    await expect(card.getByText('Running', { exact: true })).toBeVisible({ timeout: 120_000 })
    await expect.poll(() => vcenterVms(page, sandbox, `pcg-${name}-`), { timeout: 120_000 }).toHaveLength(3)
    await expect(card.getByText('Running', { exact: true })).toBeVisible({ timeout: 120_000 })
    await card.getByRole('button', { name: 'Reset' }).click()
    await page
      .getByRole('dialog', { name: 'Reset Private Cloud Gateway' })
      .getByRole('button', { name: 'Reset' })
      .click()
    await expect(card.getByText('Pending', { exact: true })).toBeVisible()
    await card.getByRole('button', { name: 'Delete' }).click()
    await deleteGateway.getByRole('button', { name: 'Delete' }).click()
    await expect(page.getByRole('status').filter({ hasText: `Gateway ${name} deleted` })).toBeVisible()
    await expect(card).toBeHidden()
    await expectAccessible(page)
  } finally {
    if (agent?.pid) process.kill(-agent.pid, 'SIGTERM')
    rmSync(stateDir, { recursive: true, force: true })
  }
})
