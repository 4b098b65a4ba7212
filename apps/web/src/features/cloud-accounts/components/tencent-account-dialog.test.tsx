import type { Sandbox, TencentAccount } from '@console/contracts'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { FakeAnswer } from '../../../test/fake-fetch.ts'
import { metadata, userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { TencentAccountDialog } from './tencent-account-dialog.tsx'

/** Types by pasting: one input event per field keeps the test fast on a busy machine. */
async function fill(input: HTMLElement, text: string) {
  await userEvent.click(input)
  await userEvent.paste(text)
}

const admin = userMe([{ role: 'Tenant Admin' }])
const good = { secretId: 'AKIDgood0001', secretKey: 'good-secret' }
const sandbox: Sandbox = {
  adminUrl: 'http://127.0.0.1:9/_admin',
  tencent: {
    endpoint: '127.0.0.1:9',
    protocol: 'http://',
    accounts: [{ ...good, note: 'full permissions' }],
  },
  aws: { endpoint: 'http://127.0.0.1:9', accounts: [], roles: [] },
  vsphere: { endpoint: 'http://127.0.0.1:9', username: 'u', password: 'p' },
}
const signatureError = {
  code: 'CloudCredentialsInvalid',
  message: 'The SecretKey does not match SecretId AKID****0001: Tencent Cloud rejected the request signature.',
  ref: 'req-7',
}

const validate: FakeAnswer = (req) =>
  (req.body as { secretKey: string }).secretKey === good.secretKey
    ? { status: 204 }
    : { status: 422, body: signatureError }

function renderDialog(routes: Record<string, FakeAnswer> = {}, account?: TencentAccount) {
  const onClose = vi.fn()
  const rendered = renderWithApp(<TencentAccountDialog account={account} onClose={onClose} />, {
    me: admin,
    routes: {
      'GET /v1/sandbox': { status: 200, body: sandbox },
      'POST /v1/clouds/tencent/account/validate': validate,
      ...routes,
    },
  })
  const dialog = screen.getByRole('dialog')
  const ui = within(dialog)
  return { ...rendered, onClose, ui, confirm: () => ui.getByRole('button', { name: 'Confirm' }) as HTMLButtonElement }
}

describe('TencentAccountDialog', { timeout: 30_000 }, () => {
  it('fills the credentials from the sandbox, enables Confirm only for the validated values, and creates', async () => {
    const { ui, confirm, requests, onClose } = renderDialog({
      'POST /v1/cloudaccounts/tencent': { status: 201, body: { uid: 'acc-1' } },
    })
    await fill(ui.getByLabelText('Account Name'), 'tke-prod')
    await userEvent.selectOptions(
      await ui.findByLabelText('Use sandbox credentials'),
      ui.getByRole('option', { name: `full permissions (${good.secretId})` }),
    )
    expect((ui.getByLabelText('Secret ID') as HTMLInputElement).value).toBe(good.secretId)
    expect((ui.getByLabelText('Secret Key') as HTMLInputElement).value).toBe(good.secretKey)
    expect(confirm().disabled).toBe(true)

    await userEvent.click(ui.getByRole('button', { name: 'Validate' }))
    expect(await ui.findByText('Credentials validated')).toBeTruthy()
    expect(confirm().disabled).toBe(false)

    // Any edit after validating disables Confirm again.
    await fill(ui.getByLabelText('Optional Description'), 'Production')
    expect(confirm().disabled).toBe(true)
    expect(ui.queryByText('Credentials validated')).toBeNull()
    expect(ui.getByText(/validate again to enable Confirm/)).toBeTruthy()

    await userEvent.click(ui.getByRole('button', { name: 'Validate' }))
    await waitFor(() => expect(confirm().disabled).toBe(false))
    await userEvent.click(confirm())

    await waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(requests.find((r) => r.method === 'POST' && r.path === '/v1/cloudaccounts/tencent')?.body).toEqual({
      metadata: { name: 'tke-prod', description: 'Production' },
      spec: good,
    })
  })

  it("shows the cloud's precise refusal next to Validate and keeps Confirm disabled", async () => {
    const { ui, confirm } = renderDialog()
    await fill(ui.getByLabelText('Account Name'), 'tke-prod')
    await fill(ui.getByLabelText('Secret ID'), good.secretId)
    await fill(ui.getByLabelText('Secret Key'), 'wrong-secret')

    await userEvent.click(ui.getByRole('button', { name: 'Validate' }))

    const alert = await ui.findByRole('alert')
    expect(alert.textContent).toContain(signatureError.message)
    expect(alert.textContent).toContain('Reference: req-7')
    expect(confirm().disabled).toBe(true)
  })

  it('checks the fields with the contract before asking the cloud', async () => {
    const { ui, requests } = renderDialog()
    await fill(ui.getByLabelText('Secret ID'), 'AKID-with-dash')
    expect(await ui.findByText('A Secret ID has letters and digits only')).toBeTruthy()

    await userEvent.click(ui.getByRole('button', { name: 'Validate' }))

    expect(await ui.findByText('Secret Key is required')).toBeTruthy()
    expect(requests.filter((r) => r.path.endsWith('/validate'))).toEqual([])
  })

  it('saves an edit that keeps the stored Secret Key without sending it, and re-asks for validation on a new one', async () => {
    const account: TencentAccount = {
      metadata: { ...metadata('acc-1', 'tke-prod'), annotations: { scope: 'tenant' } },
      spec: { secretId: good.secretId, secretKey: '********' },
      status: { validatedAt: '2026-11-23T10:00:00.000Z' },
    }
    const { ui, confirm, requests, onClose } = renderDialog(
      { 'PUT /v1/cloudaccounts/tencent/acc-1': { status: 204 } },
      account,
    )
    expect((ui.getByLabelText('Secret Key') as HTMLInputElement).value).toBe('')
    expect(confirm().disabled).toBe(false)

    await fill(ui.getByLabelText('Secret Key'), 'new-secret')
    expect(confirm().disabled).toBe(true)
    await userEvent.clear(ui.getByLabelText('Secret Key'))
    await fill(ui.getByLabelText('Optional Description'), 'renamed')
    expect(confirm().disabled).toBe(false)
    await userEvent.click(confirm())

    await waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({
      metadata: { name: 'tke-prod', description: 'renamed' },
      spec: { secretId: good.secretId },
    })
  })
})
