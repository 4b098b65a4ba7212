import { createHash, generateKeyPairSync } from 'node:crypto'
import { expect, expectAccessible, test } from '../support/fixtures.ts'

/** A fresh ed25519 public key as `ssh-keygen` writes it, and its SHA256 fingerprint as `ssh-keygen -l` prints it. */
function newPublicKey(comment: string) {
  const raw = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)
  const sshString = (bytes: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, bytes.length]), bytes])
  const blob = Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(raw)])
  return {
    line: `ssh-ed25519 ${blob.toString('base64')} ${comment}`,
    fingerprint: `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`,
  }
}

test('the admin adds an SSH key after the console explains what was wrong with a bad paste, then deletes it', async ({
  adminPage: page,
}) => {
  const name = `ops-laptop-${Date.now().toString(36)}`
  const key = newPublicKey('ops@example.com')

  await page.getByRole('navigation', { name: 'Main Menu' }).getByRole('link', { name: 'SSH Keys' }).click()
  await expect(page.getByRole('heading', { name: 'SSH Keys', level: 1 })).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('button', { name: '+ New SSH Key' }).click()
  const dialog = page.getByRole('dialog', { name: 'New SSH Key' })
  await dialog.getByLabel('Name', { exact: true }).fill(name)
  // A key cut off while copying: the parser says so as soon as it is pasted.
  await dialog.getByLabel('Public Key').fill(key.line.slice(0, 40))
  await expect(dialog.getByText('The key data is truncated')).toBeVisible()
  await expect(dialog.getByLabel('Public Key')).toHaveAttribute('aria-invalid', 'true')
  await expectAccessible(page)
  await dialog.getByRole('button', { name: 'Add SSH key' }).click()
  await expect(dialog).toBeVisible()

  await dialog.getByLabel('Public Key').fill(key.line)
  await expect(dialog.getByText('Recognised: ssh-ed25519, 256 bits, comment “ops@example.com”.')).toBeVisible()
  await dialog.getByRole('button', { name: 'Add SSH key' }).click()
  await expect(dialog).toBeHidden()

  const row = page.getByRole('table', { name: 'SSH keys' }).getByRole('row', { name: new RegExp(name) })
  await expect(row).toContainText(key.fingerprint)
  await expectAccessible(page)

  await page.getByRole('button', { name: `Edit SSH key ${name}` }).click()
  const edit = page.getByRole('dialog', { name: `Edit SSH Key ${name}` })
  await expect(edit.getByLabel('Public Key')).toHaveValue(key.line)
  await edit.getByLabel('Name', { exact: true }).fill(`${name}-renamed`)
  await edit.getByRole('button', { name: 'Save changes' }).click()
  await expect(edit).toBeHidden()
  const renamed = page
    .getByRole('table', { name: 'SSH keys' })
    .getByRole('row', { name: new RegExp(`${name}-renamed`) })
  await expect(renamed).toContainText(key.fingerprint)

  await page.getByRole('button', { name: `Delete SSH key ${name}-renamed` }).click()
  const confirm = page.getByRole('dialog', { name: 'Delete SSH key' })
  await expect(confirm).toContainText(key.fingerprint)
  await expectAccessible(page)
  await confirm.getByRole('button', { name: 'Delete' }).click()
  await expect(confirm).toBeHidden()
  await expect(page.getByRole('table', { name: 'SSH keys' }).or(page.getByText('No SSH keys yet'))).toBeVisible()
  await expect(page.getByText(key.fingerprint)).toHaveCount(0)
})
