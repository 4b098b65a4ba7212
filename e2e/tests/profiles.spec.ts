import type { Page } from '@playwright/test'
import { expect, expectAccessible, test } from '../support/fixtures.ts'

const suffix = () => Date.now().toString(36)

async function openProfiles(page: Page) {
  await page.getByRole('navigation', { name: 'Main Menu' }).getByRole('link', { name: 'Profiles' }).click()
  await expect(page.getByRole('heading', { name: 'Profiles', level: 1 })).toBeVisible()
}

/** Adds a layer through the Add Layer dialog: layer kind, pack and version, as a person picks them. */
async function addLayer(page: Page, layer: string, pack: string, version: string) {
  await page.getByRole('button', { name: 'Add Layer' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add Layer' })
  await dialog.getByLabel('Layer').selectOption({ label: layer })
  await dialog.getByLabel('Pack').selectOption(pack)
  await dialog.getByLabel('Version').selectOption(version)
  await dialog.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(dialog).toBeHidden()
}

function profileRow(page: Page, name: string) {
  return page.getByRole('table', { name: 'Cluster profiles' }).getByRole('row').filter({ hasText: name })
}

test('the admin builds a TKE profile with PostgreSQL, fixes the volume size the editor flags on its line, then saves and publishes it', async ({
  adminPage: page,
}) => {
  const name = `tke-pg-${suffix()}`
  await openProfiles(page)
  await expect(profileRow(page, 'tke-standard')).toContainText('Published')
  await expectAccessible(page)

  await page.getByRole('button', { name: '+ New Profile' }).click()
  await expect(page.getByRole('heading', { name: 'New Profile', level: 1 })).toBeVisible()
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByLabel('Version').fill('1.0.0')
  await page.getByLabel('Description').fill('TKE with PostgreSQL on CBS volumes')
  await page.getByLabel('Cloud Type').selectOption('tencent')
  await page.getByLabel('Type', { exact: true }).selectOption('cluster')

  // Added out of order on purpose: the stack keeps OS, Kubernetes, network, storage, add-ons.
  await addLayer(page, 'OS', 'tke-os', '1.0.0')
  await addLayer(page, 'Kubernetes', 'kubernetes-tke', '1.30.0')
  await addLayer(page, 'Storage (CSI)', 'csi-tencent-cbs', '1.3.0')
  await addLayer(page, 'Network (CNI)', 'cni-calico', '3.28.2')
  await addLayer(page, 'Add-on', 'postgresql', '16.2.1')
  const stack = page.getByRole('region', { name: 'Layers' }).getByRole('listitem')
  await expect(stack).toHaveCount(5)
  await expect(stack.nth(0)).toContainText('tke-os')
  await expect(stack.nth(1)).toContainText('kubernetes-tke')
  await expect(stack.nth(2)).toContainText('cni-calico')
  await expect(stack.nth(3)).toContainText('csi-tencent-cbs')
  await expect(stack.nth(4)).toContainText('postgresql')

  // The add-on just added is selected; its values open in the YAML editor.
  const editor = page.getByRole('textbox', { name: 'postgresql values' })
  await expect(editor).toContainText('architecture: standalone')
  await expect(page.getByText('No problems in postgresql.')).toBeVisible()
  await expectAccessible(page)

  await editor.fill(
    [
      'architecture: standalone',
      'auth:',
      '  database: app',
      '  username: app',
      'primary:',
      '  persistence:',
      '    enabled: true',
      '    size: 25Gi',
      '',
    ].join('\n'),
  )
  const message =
    'primary.persistence.size is 25Gi: Tencent CBS volumes must be at least 10 GB and a multiple of 10 GB (e.g. 20Gi or 30Gi)'
  const problems = page.getByRole('list', { name: 'Problems in postgresql' })
  await expect(problems.getByRole('listitem')).toHaveText([`Line 8: ${message}`])
  // The inline marker sits on line 8, the `size: 25Gi` line, and only there.
  const sizeLine = editor.locator('.cm-line').nth(7)
  await expect(sizeLine).toHaveText('    size: 25Gi')
  await expect(sizeLine.locator('.cm-lintRange-error')).toHaveCount(1)
  await expect(editor.locator('.cm-lintRange-error')).toHaveCount(1)
  await expect(editor).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByRole('button', { name: 'Add-on postgresql 16.2.1 1 problem' })).toBeVisible()
  await expectAccessible(page)

  // Fix it the way a person does: select the value on that line and type the right one.
  await sizeLine.click()
  await page.keyboard.press('End')
  for (let i = 0; i < '25Gi'.length; i++) await page.keyboard.press('Shift+ArrowLeft')
  await page.keyboard.type('20Gi')
  await expect(sizeLine).toHaveText('    size: 20Gi')
  await expect(page.getByText('No problems in postgresql.')).toBeVisible()
  await expect(editor.locator('.cm-lintRange-error')).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Profile problems' })).toHaveCount(0)

  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('heading', { name: `${name} 1.0.0`, level: 1 })).toBeVisible()
  await expect(page.getByText('Draft', { exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Add-on postgresql 16.2.1' }).click()
  await expect(page.getByRole('textbox', { name: 'postgresql values' })).toContainText('size: 20Gi')

  await page.getByRole('button', { name: 'Publish' }).click()
  await expect(page.getByText('Published', { exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Edit as new version' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Add Layer' })).toHaveCount(0)
  await expectAccessible(page)

  // A published version never changes: editing it saves the next version as a draft.
  await page.getByRole('button', { name: 'Edit as new version' }).click()
  await expect(page.getByLabel('Version')).toHaveValue('1.0.1')
  await page.getByLabel('Description').fill('TKE with PostgreSQL, second version')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('heading', { name: `${name} 1.0.1`, level: 1 })).toBeVisible()
  await expect(page.getByText('Draft', { exact: true })).toBeVisible()

  await openProfiles(page)
  await page.getByLabel('Cloud').selectOption('tencent')
  const versions = profileRow(page, name)
  await expect(versions).toHaveCount(2)
  const published = versions.filter({ hasText: 'Published' })
  await expect(published.getByRole('cell').nth(1)).toHaveText('1.0.0')
  await expect(published.getByRole('cell').nth(5)).toHaveText('5')
  await expect(versions.filter({ hasText: 'Draft' }).getByRole('cell').nth(1)).toHaveText('1.0.1')
})

test('a TKE node image outside the four is refused in the editor and by the server', async ({ adminPage: page }) => {
  const name = `tke-windows-${suffix()}`
  await openProfiles(page)
  await page.getByRole('button', { name: 'Clone profile tke-standard 1.0.0' }).click()
  const dialog = page.getByRole('dialog', { name: 'Clone Profile' })
  await dialog.getByLabel('Name', { exact: true }).fill(name)
  await dialog.getByRole('button', { name: 'Clone' }).click()
  await expect(dialog).toBeHidden()
  await profileRow(page, name).getByRole('link', { name }).click()
  await expect(page.getByRole('heading', { name: `${name} 1.0.0`, level: 1 })).toBeVisible()

  await page.getByRole('button', { name: /^OS tke-os 1\.0\.0/ }).click()
  const editor = page.getByRole('textbox', { name: 'tke-os values' })
  await editor.fill('OsName: windows\n')
  const message =
    'OsName is "windows": Tencent TKE nodes use one of these images: "centos7.6.0_x64", "centos7.6.0_x64 GPU", "ubuntu18.04.1x86_64", "ubuntu18.04.1x86_64 GPU"'
  await expect(page.getByRole('list', { name: 'Problems in tke-os' }).getByRole('listitem')).toHaveText([
    `Line 1: ${message}`,
  ])
  await expect(editor.locator('.cm-line').first().locator('.cm-lintRange-error')).toHaveCount(1)

  // Saving anyway: the server runs the same check and refuses; its answer shows the same way.
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  const refusal = page.getByRole('region', { name: 'Profile problems' })
  await expect(refusal.getByRole('heading', { name: 'The server refused the profile' })).toBeVisible()
  await expect(refusal).toContainText(`Line 1: ${message}`)
  await expect(editor.locator('.cm-line').first().locator('.cm-lintRange-error')).toHaveCount(1)
  await expectAccessible(page)

  // Nothing was stored: the draft still has the seed's image.
  const uid = page.url().split('/').pop() as string
  const stored = await (await page.request.get(`/v1/clusterprofiles/${uid}`)).json()
  expect(stored.spec.template.packs[0].values).toContain('ubuntu18.04.1x86_64')
  expect(stored.spec.template.packs[0].values).not.toContain('windows')
})

test('the admin clones a seeded AWS profile, finds the clone with the filters and deletes it', async ({
  adminPage: page,
}) => {
  const name = `aws-copy-${suffix()}`
  await openProfiles(page)
  await page.getByRole('button', { name: 'Clone profile aws-ubuntu-standard 1.0.0' }).click()
  const dialog = page.getByRole('dialog', { name: 'Clone Profile' })
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('aws-ubuntu-standard-copy')
  await dialog.getByLabel('Name', { exact: true }).fill('Not A Name')
  await expect(dialog.getByText('Use lowercase letters, digits and dashes')).toBeVisible()
  await dialog.getByLabel('Name', { exact: true }).fill(name)
  await dialog.getByLabel('Version').fill('2.0.0')
  await expectAccessible(page)
  await dialog.getByRole('button', { name: 'Clone' }).click()
  await expect(dialog).toBeHidden()

  const row = profileRow(page, name)
  await expect(row).toContainText('2.0.0')
  await expect(row).toContainText('Draft')
  await page.getByLabel('Cloud').selectOption('aws')
  await page.getByLabel('Type').selectOption('cluster')
  await expect(row).toBeVisible()
  await expect(profileRow(page, 'tke-standard')).toHaveCount(0)
  await page.getByLabel('Cloud').selectOption('vsphere')
  await expect(row).toHaveCount(0)
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(row).toBeVisible()

  await row.getByRole('button', { name: `Delete profile ${name} 2.0.0` }).click()
  const confirm = page.getByRole('dialog', { name: 'Delete profile' })
  await confirm.getByRole('button', { name: 'Delete' }).click()
  await expect(confirm).toBeHidden()
  await expect(row).toHaveCount(0)
})
