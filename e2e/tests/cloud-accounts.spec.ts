import type { APIRequestContext, Page } from '@playwright/test'
import { baseURL, e2eAdmin } from '../playwright.config.ts'
import { call, unique } from '../support/api.ts'
import { expect, expectAccessible, logIn, test } from '../support/fixtures.ts'

interface Sandbox {
  tencent: { accounts: { secretId: string; secretKey: string; note: string }[] }
  aws: {
    accounts: { accessKey: string; secretKey: string; note: string }[]
    roles: { arn: string; externalId?: string; note: string }[]
  }
}

/** The fake clouds' seeded accounts, as the console's own API tells a Tenant Admin. */
async function sandboxOf(page: Page): Promise<Sandbox> {
  const answer = await page.request.get('/v1/sandbox')
  expect(answer.status()).toBe(200)
  return answer.json()
}

function seeded<T extends { note: string }>(accounts: T[], note: string): T {
  const account = accounts.find((a) => a.note === note)
  if (!account) throw new Error(`The sandbox has no account with the note "${note}"`)
  return account
}

async function openCloudAccounts(page: Page) {
  await page.getByRole('navigation', { name: 'Main Menu' }).getByRole('link', { name: 'Cloud Accounts' }).click()
  await expect(page.getByRole('heading', { name: 'Cloud Accounts', level: 1 })).toBeVisible()
}

test('the admin sees the Sandbox clouds marker and adds a Tencent account with the fake cloud’s credentials', async ({
  adminPage: page,
}) => {
  const name = `tke-${unique()}`
  const full = seeded((await sandboxOf(page)).tencent.accounts, 'full permissions')

  await expect(page.getByRole('banner').getByText('Sandbox clouds')).toBeVisible()
  await openCloudAccounts(page)
  const tencent = page.getByRole('region', { name: 'Tencent Cloud', exact: true })
  await expect(page.getByRole('region', { name: 'AWS', exact: true })).toBeVisible()
  await expectAccessible(page)

  await tencent.getByRole('button', { name: '+ Tencent Account' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add Tencent Account' })
  await dialog.getByLabel('Account Name').fill(name)
  await dialog.getByLabel('Optional Description').fill('TKE production')
  await dialog.getByLabel('Use sandbox credentials').selectOption({ label: `full permissions (${full.secretId})` })
  await expect(dialog.getByLabel('Secret ID')).toHaveValue(full.secretId)
  await expect(dialog.getByLabel('Secret Key')).toHaveValue(full.secretKey)
  await expect(dialog.getByLabel('Secret Key')).toHaveAttribute('type', 'password')
  const confirm = dialog.getByRole('button', { name: 'Confirm' })
  await expect(confirm).toBeDisabled()
  await expectAccessible(page)

  await dialog.getByRole('button', { name: 'Validate' }).click()
  await expect(dialog.getByRole('status').filter({ hasText: 'Credentials validated' })).toBeVisible()
  await expect(confirm).toBeEnabled()
  await expectAccessible(page)

  // Any edit after validating asks for a new validation.
  await dialog.getByLabel('Optional Description').fill('TKE production (Guangzhou)')
  await expect(confirm).toBeDisabled()
  await dialog.getByRole('button', { name: 'Validate' }).click()
  await expect(confirm).toBeEnabled()
  await confirm.click()
  await expect(dialog).toBeHidden()

  const row = tencent
    .getByRole('table', { name: 'Tencent Cloud accounts' })
    .getByRole('row', { name: new RegExp(name) })
  await expect(row).toContainText(full.secretId)
  await expect(row).toContainText('TKE production (Guangzhou)')
  await expect(row).toContainText('Tenant')
  await expectAccessible(page)
})

test('a wrong Secret Key or a missing permission is named by Validate, and Confirm stays disabled', async ({
  adminPage: page,
}) => {
  const accounts = (await sandboxOf(page)).tencent.accounts
  const full = seeded(accounts, 'full permissions')
  const limited = seeded(accounts, 'lacks tke:CreateCluster')
  await openCloudAccounts(page)

  await page.getByRole('button', { name: '+ Tencent Account' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add Tencent Account' })
  const confirm = dialog.getByRole('button', { name: 'Confirm' })
  await dialog.getByLabel('Account Name').fill(`tke-wrong-${unique()}`)
  await dialog.getByLabel('Secret ID').fill(full.secretId)
  await dialog.getByLabel('Secret Key').fill('not-the-secret-key')
  await dialog.getByRole('button', { name: 'Validate' }).click()

  const refusal = dialog.getByRole('alert')
  await expect(refusal).toContainText(
    /The SecretKey does not match SecretId .+: Tencent Cloud rejected the request signature/,
  )
  await expect(confirm).toBeDisabled()
  await expectAccessible(page)

  await dialog
    .getByLabel('Use sandbox credentials')
    .selectOption({ label: `lacks tke:CreateCluster (${limited.secretId})` })
  await dialog.getByRole('button', { name: 'Validate' }).click()
  await expect(refusal).toContainText('lack the permission tke:CreateCluster')
  await expect(confirm).toBeDisabled()

  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
})

test('the admin adds an AWS account both ways: access credentials, and an STS role with its external id', async ({
  adminPage: page,
}) => {
  const name = `aws-${unique()}`
  const sandbox = await sandboxOf(page)
  const full = seeded(sandbox.aws.accounts, 'full permissions')
  const role = seeded(sandbox.aws.roles, 'role in the account with full permissions')
  await openCloudAccounts(page)
  const aws = page.getByRole('region', { name: 'AWS', exact: true })
  const table = aws.getByRole('table', { name: 'AWS accounts' })

  await aws.getByRole('button', { name: '+ AWS Account' }).click()
  let dialog = page.getByRole('dialog', { name: 'Add AWS Account' })
  await dialog.getByLabel('Account Name').fill(name)
  await expect(dialog.getByLabel('Access Credentials')).toBeChecked()
  await dialog.getByLabel('Use sandbox credentials').selectOption({ label: `full permissions (${full.accessKey})` })
  await expect(dialog.getByLabel('Access Key')).toHaveValue(full.accessKey)
  await expect(dialog.getByLabel('Partition')).toHaveValue('aws')
  await dialog.getByRole('button', { name: 'Validate' }).click()
  await expect(dialog.getByText('Credentials validated')).toBeVisible()
  await dialog.getByRole('button', { name: 'Confirm' }).click()
  await expect(dialog).toBeHidden()
  const row = table.getByRole('row', { name: new RegExp(name) })
  await expect(row).toContainText('Access Credentials')
  await expect(row).toContainText(full.accessKey)

  // STS: a wrong external id is refused with the server's precise words; the seeded one validates.
  const stsName = `aws-sts-${unique()}`
  await aws.getByRole('button', { name: '+ AWS Account' }).click()
  dialog = page.getByRole('dialog', { name: 'Add AWS Account' })
  await dialog.getByLabel('Account Name').fill(stsName)
  await dialog.getByLabel('STS').check()
  await dialog.getByLabel('ARN').fill(role.arn)
  await dialog.getByLabel('External ID').fill('not-the-external-id')
  await expectAccessible(page)
  await dialog.getByRole('button', { name: 'Validate' }).click()
  const sts = { credentialType: 'sts', sts: { arn: role.arn, externalId: 'not-the-external-id' }, partition: 'aws' }
  const answer = await call(page, 'POST', '/v1/clouds/aws/account/validate', undefined, sts)
  expect(answer.status()).toBe(422)
  const { message } = (await answer.json()) as { message: string }
  expect(message).toContain(role.arn)
  await expect(dialog.getByRole('alert')).toContainText(message)
  await expect(dialog.getByRole('button', { name: 'Confirm' })).toBeDisabled()
  await expectAccessible(page)

  await dialog.getByLabel('Use sandbox credentials').selectOption({ label: `${role.note} (${role.arn})` })
  await expect(dialog.getByLabel('STS')).toBeChecked()
  await expect(dialog.getByLabel('External ID')).toHaveValue(role.externalId ?? '')
  await dialog.getByRole('button', { name: 'Validate' }).click()
  await expect(dialog.getByText('Credentials validated')).toBeVisible()
  await dialog.getByRole('button', { name: 'Confirm' }).click()
  await expect(dialog).toBeHidden()
  const stsRow = table.getByRole('row', { name: new RegExp(stsName) })
  await expect(stsRow).toContainText('STS')
  await expect(stsRow).toContainText(role.arn)
  await expectAccessible(page)
})

test('each cloud shows its permissions policy from the seeds, and Copy puts it on the clipboard', async ({
  adminPage: page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL })
  await openCloudAccounts(page)

  const tencent = page.getByRole('region', { name: 'Tencent Cloud', exact: true })
  await tencent.getByRole('button', { name: 'Tencent Cloud permissions policy' }).click()
  const tencentPolicy = tencent.getByRole('region', { name: 'Tencent Cloud permissions policy' })
  await expect(tencentPolicy).toContainText('"tke:CreateCluster"')
  await expectAccessible(page)
  await tencentPolicy.getByRole('button', { name: 'Copy' }).click()
  await expect(tencentPolicy.getByRole('button', { name: 'Copied' })).toBeVisible()
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))
  expect(copied.version).toBe('2.0')
  expect(copied.statement[0].action).toContain('vpc:DescribeVpcEx')

  const aws = page.getByRole('region', { name: 'AWS', exact: true })
  await aws.getByRole('button', { name: 'AWS controller policy' }).click()
  const awsPolicy = aws.getByRole('region', { name: 'AWS controller policy' })
  await awsPolicy.getByRole('button', { name: 'Copy' }).click()
  await expect(awsPolicy.getByRole('button', { name: 'Copied' })).toBeVisible()
  const awsCopied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))
  expect(awsCopied.Version).toBe('2012-10-17')
  expect(awsCopied.Statement.flatMap((s: { Action: string[] }) => s.Action)).toContain('eks:CreateCluster')
})

test('the admin edits an account without re-entering its secret, then deletes it when no cluster uses it', async ({
  adminPage: page,
}) => {
  const name = `tke-old-${unique()}`
  const full = seeded((await sandboxOf(page)).tencent.accounts, 'full permissions')
  const created = await call(page, 'POST', '/v1/cloudaccounts/tencent', undefined, {
    metadata: { name },
    spec: { secretId: full.secretId, secretKey: full.secretKey },
  })
  expect(created.status()).toBe(201)
  await openCloudAccounts(page)
  const table = page.getByRole('table', { name: 'Tencent Cloud accounts' })
  await expect(table.getByRole('row', { name: new RegExp(name) })).toBeVisible()

  await page.getByRole('button', { name: `Edit account ${name}` }).click()
  const edit = page.getByRole('dialog', { name: `Edit Tencent Account ${name}` })
  await expect(edit.getByLabel('Secret Key')).toHaveValue('')
  await edit.getByLabel('Optional Description').fill('kept credentials')
  // The stored credentials are kept as they are: no validation is needed to save a new description.
  await expect(edit.getByRole('button', { name: 'Confirm' })).toBeEnabled()
  await expectAccessible(page)
  await edit.getByRole('button', { name: 'Confirm' }).click()
  await expect(edit).toBeHidden()
  await expect(table.getByRole('row', { name: new RegExp(name) })).toContainText('kept credentials')

  await page.getByRole('button', { name: `Delete account ${name}` }).click()
  const confirm = page.getByRole('dialog', { name: 'Delete Tencent account' })
  await expect(confirm).toContainText(name)
  await expectAccessible(page)
  await confirm.getByRole('button', { name: 'Delete' }).click()
  await expect(confirm).toBeHidden()
  await expect(table.getByRole('row', { name: new RegExp(name) })).toHaveCount(0)
})

test('a Project Editor manages the project’s accounts without the sandbox marker or sandbox credentials', async ({
  page,
  request,
}) => {
  const auth = await adminAuth(request)
  const projectName = `accounts-${unique()}`
  const { uid } = await (
    await request.post('/v1/projects', { headers: auth, data: { metadata: { name: projectName } } })
  ).json()
  const email = `editor-${unique()}@example.com`
  const password = 'project-editor-pass'
  const user = await request.post('/v1/users', {
    headers: auth,
    data: {
      metadata: { name: 'PE' },
      spec: { emailId: email, password, roles: [{ role: 'Project Editor', projectUid: uid }] },
    },
  })
  expect(user.status()).toBe(201)

  const sandboxCalls: string[] = []
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/v1/sandbox') sandboxCalls.push(r.url())
  })
  await logIn(page, email, password)
  await openCloudAccounts(page)
  await expect(page.getByRole('banner')).toBeVisible()
  await expect(page.getByText('Sandbox clouds')).toHaveCount(0)
  await page.getByRole('button', { name: '+ Tencent Account' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add Tencent Account' })
  await expect(dialog.getByLabel('Secret ID')).toBeVisible()
  await expect(dialog.getByLabel('Use sandbox credentials')).toHaveCount(0)
  await expectAccessible(page)
  expect(sandboxCalls).toEqual([])
})

async function adminAuth(request: APIRequestContext) {
  const login = await request.post('/v1/auth/authenticate', {
    data: { emailId: e2eAdmin.email, password: e2eAdmin.password },
  })
  return { Authorization: (await login.json()).Authorization as string }
}
