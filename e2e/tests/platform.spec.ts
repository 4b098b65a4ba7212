import { e2eAdmin } from '../playwright.config.ts'
import { expect, expectAccessible, logIn, test } from '../support/fixtures.ts'

test('a wrong password is refused without saying which field was wrong', async ({ page }) => {
  await page.goto('/login')
  await expectAccessible(page)
  await page.getByLabel('Email').fill(e2eAdmin.email)
  await page.getByLabel('Password').fill('definitely-not-it')
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByText('Invalid email or password')).toBeVisible()
  await expect(page).toHaveURL(/\/login/)
})

test('the admin creates a project and a Project Viewer, switches scope, creates an API key and finds it all in Audit Logs', async ({
  adminPage: page,
}) => {
  const project = `payments-${Date.now().toString(36)}`
  const viewerEmail = `viewer-${Date.now().toString(36)}@example.com`
  const keyName = `deploy-pipeline-${Date.now().toString(36)}`

  await page.getByRole('navigation', { name: 'Main Menu' }).getByRole('link', { name: 'Projects' }).click()
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: '+ New Project' }).click()
  const projectDialog = page.getByRole('dialog', { name: 'New Project' })
  await projectDialog.getByLabel('Name', { exact: true }).fill(project)
  await projectDialog.getByLabel('Description').fill('Card payments team')
  await expectAccessible(page)
  await projectDialog.getByRole('button', { name: 'Create project' }).click()
  await expect(projectDialog).toBeHidden()
  await expect(page.getByRole('table').getByText(project)).toBeVisible()

  await page.getByRole('link', { name: 'Users' }).click()
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: '+ New User' }).click()
  const userDialog = page.getByRole('dialog', { name: 'New User' })
  await userDialog.getByLabel('Name', { exact: true }).fill('Val Viewer')
  await userDialog.getByLabel('Email').fill(viewerEmail)
  await userDialog.getByLabel('Password').fill('short')
  await expect(userDialog.getByText('Password must be at least 12 characters')).toBeVisible()
  await userDialog.getByLabel('Password').fill('viewer-password-long')
  await userDialog.getByLabel('Role').selectOption('Project Viewer')
  await userDialog.getByLabel('Project').selectOption({ label: project })
  await expectAccessible(page)
  await userDialog.getByRole('button', { name: 'Create user' }).click()
  await expect(userDialog).toBeHidden()
  await expect(page.getByRole('table').getByText(viewerEmail)).toBeVisible()

  await page.getByLabel('Scope').selectOption({ label: project })
  await page.getByRole('link', { name: 'API Keys' }).click()
  await expect(page.getByRole('heading', { name: 'API Keys', level: 1 })).toBeVisible()
  await page.getByRole('button', { name: '+ New API Key' }).click()
  const keyDialog = page.getByRole('dialog', { name: 'New API Key' })
  await keyDialog.getByLabel('Name', { exact: true }).fill(keyName)
  await keyDialog.getByRole('button', { name: 'Create API key' }).click()
  const shown = await page.getByRole('dialog').getByLabel(`API key for ${keyName}`).inputValue()
  expect(shown).toMatch(/^ck_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/)
  await expectAccessible(page)
  await page.keyboard.press('Escape')
  await expect(page.getByRole('table').getByText(keyName)).toBeVisible()
  await expect(page.getByText(shown)).toHaveCount(0)

  // The key works against the API and the list never shows it again.
  const me = await page.request.get('/v1/users/me', { headers: { ApiKey: shown } })
  expect((await me.json()).spec.emailId).toBe(e2eAdmin.email)

  await page.getByLabel('Scope').selectOption('Tenant Admin')
  await page.getByRole('link', { name: 'Audit Logs' }).click()
  await expect(page.getByRole('heading', { name: 'Audit Logs', level: 1 })).toBeVisible()
  const events = page.getByRole('table', { name: 'Audit events' })
  await expect(events.getByText(`Project ${project} created`)).toBeVisible()
  await expect(events.getByText(`User ${viewerEmail} created`)).toBeVisible()
  await expect(events.getByText(`API key ${keyName} created`)).toBeVisible()
  await expectAccessible(page)
})

test('a Project Viewer sees only their project and no admin pages', async ({ page, request }) => {
  const login = await request.post('/v1/auth/authenticate', {
    data: { emailId: e2eAdmin.email, password: e2eAdmin.password },
  })
  const auth = { Authorization: (await login.json()).Authorization }
  const projectName = `viewers-${Date.now().toString(36)}`
  const { uid } = await (
    await request.post('/v1/projects', { headers: auth, data: { metadata: { name: projectName } } })
  ).json()
  const email = `pv-${Date.now().toString(36)}@example.com`
  const password = 'project-viewer-pass'
  const created = await request.post('/v1/users', {
    headers: auth,
    data: {
      metadata: { name: 'PV' },
      spec: { emailId: email, password, roles: [{ role: 'Project Viewer', projectUid: uid }] },
    },
  })
  expect(created.status()).toBe(201)

  await logIn(page, email, password)
  const menu = page.getByRole('navigation', { name: 'Main Menu' })
  await expect(menu.getByRole('link', { name: 'API Keys' })).toBeVisible()
  await expect(menu.getByRole('link', { name: 'Users' })).toHaveCount(0)
  await expect(menu.getByRole('link', { name: 'Projects' })).toHaveCount(0)
  await expect(page.getByLabel('Scope').getByRole('option')).toHaveText([projectName])
  await expectAccessible(page)
})

test('an unknown page shows the 404 page, and logging out returns to the login page', async ({ adminPage: page }) => {
  await page.goto('/no/such/page')
  await expect(page.getByRole('heading', { name: /not found/i })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: /admin@example.com/ }).click()
  await page
    .getByRole('menuitem', { name: 'Log out' })
    .or(page.getByRole('button', { name: 'Log out' }))
    .click()
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible()
  expect((await page.request.get('/v1/users/me')).status()).toBe(401)
})
