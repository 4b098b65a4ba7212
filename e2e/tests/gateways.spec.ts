import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { baseURL } from '../playwright.config.ts'
import { api, unique } from '../support/api.ts'
import { expect, expectAccessible, test } from '../support/fixtures.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

interface Sandbox {
  adminUrl: string
  vsphere: { endpoint: string; username: string; password: string }
}

/** The gateway agent as a user starts it next to vCenter (apps/pcg-agent), with the PIN from the dialog. */
function startAgent(name: string, pairingCode: string, stateDir: string): ChildProcess {
  const agent = spawn(
    'pnpm',
    [
      '--silent',
      '--filter',
      '@console/pcg-agent',
      'start',
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

test('a Tenant Admin pairs a gateway agent with the Pairing Code, configures it through vCenter and watches it reach Running', async ({
  adminPage: page,
}) => {
  test.setTimeout(300_000)
  const sandbox = (await api(page, 'GET', '/v1/sandbox')) as Sandbox
  const name = `gw-${unique()}`
  const stateDir = mkdtempSync(path.join(tmpdir(), 'e2e-pcg-'))
  let agent: ChildProcess | undefined
  try {
    await page
      .getByRole('navigation', { name: 'Main Menu' })
      .getByRole('link', { name: 'Private Cloud Gateways' })
      .click()
    await expect(page.getByRole('heading', { level: 1, name: 'Private Cloud Gateways' })).toBeVisible()
    await page.getByRole('button', { name: 'Add New Private Cloud Gateway' }).click()
    const add = page.getByRole('dialog', { name: 'Add New Private Cloud Gateway' })
    const pin = add.locator('.gateway-pin')
    await expect(pin).toHaveText(/^[A-Z2-9]{6}$/)
    await expect(add.getByText('Waiting for the gateway to register.', { exact: false })).toBeVisible()
    await expectAccessible(page)

    // The agent starts with the PIN and registers; the dialog notices.
    agent = startAgent(name, (await pin.textContent()) ?? '', stateDir)
    await expect(add.getByText(`Gateway ${name} registered from 10.20.0.7`)).toBeVisible({ timeout: 60_000 })
    await add.getByRole('button', { name: 'Configure' }).click()

    // Configure: vCenter credentials checked by the agent, then placement from vCenter, DHCP, 1 node.
    const configure = page.getByRole('dialog', { name: `Configure Private Cloud Gateway ${name}` })
    await configure.getByLabel('vCenter Server').fill(sandbox.vsphere.endpoint)
    await configure.getByLabel('Username').fill(sandbox.vsphere.username)
    await configure.getByLabel('Password').fill(`${sandbox.vsphere.password}-wrong`)
    await configure.getByRole('button', { name: 'Validate and continue' }).click()
    await expect(configure.getByRole('alert')).toBeVisible({ timeout: 30_000 })
    await configure.getByLabel('Password').fill(sandbox.vsphere.password)
    await configure.getByRole('button', { name: 'Validate and continue' }).click()
    const placement = configure.getByRole('form', { name: 'Placement' })
    for (const label of ['Datacenter', 'Compute Cluster', 'Datastore', 'Network', 'Resource Pool', 'Folder']) {
      const select = placement.getByLabel(label, { exact: true })
      await expect(select.locator('option:not([value=""])').first()).toBeAttached({ timeout: 30_000 })
      await select.selectOption({ index: 1 })
    }
    await placement.getByRole('radio', { name: 'DHCP' }).check()
    await placement.getByRole('radio', { name: '1 node' }).check()
    await expectAccessible(page)
    await configure.getByRole('button', { name: 'Next' }).click()
    const confirm = configure.getByRole('region', { name: 'Confirm' })
    await expect(confirm).toContainText('DHCP')
    await confirm.getByRole('button', { name: 'Confirm' }).click()
    await expect(configure).toBeHidden()

    // Provisioning → Running, with the agent's steps as events; the gateway's node is a VM in vCenter.
    const card = page.getByRole('article', { name })
    await expect(card.getByText('Running', { exact: true })).toBeVisible({ timeout: 120_000 })
    await expect(card).toContainText('10.20.0.7')
    const vms = (await (await page.request.get(`${sandbox.adminUrl}/resources?cloud=vsphere`)).json()) as Array<{
      name: string
    }>
    expect(vms.map((v) => v.name)).toContain(`pcg-${name}-1`)
    await expectAccessible(page)
  } finally {
    if (agent?.pid) process.kill(-agent.pid, 'SIGTERM')
    rmSync(stateDir, { recursive: true, force: true })
  }
})
