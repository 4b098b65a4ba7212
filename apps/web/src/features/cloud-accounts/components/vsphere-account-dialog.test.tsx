import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { FakeAnswer } from '../../../test/fake-fetch.ts'
import { list, userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { gatewayFixture } from '../../gateways/test/gateway-fixtures.ts'
import { VsphereAccountDialog } from './vsphere-account-dialog.tsx'

async function fill(input: HTMLElement, text: string) {
  await userEvent.click(input)
  await userEvent.paste(text)
}

const admin = userMe([{ role: 'Tenant Admin' }])
const refused = {
  code: 'CloudCredentialsInvalid',
  message: 'vCenter refused the user administrator@vsphere.local: wrong user name or password',
  ref: 'req-9',
}
const validate: FakeAnswer = (req) =>
  (req.body as { account: { password: string } }).account.password === 'right'
    ? { status: 204 }
    : { status: 422, body: refused }

function renderDialog(routes: Record<string, FakeAnswer> = {}) {
  const onClose = vi.fn()
  const rendered = renderWithApp(<VsphereAccountDialog onClose={onClose} />, {
    me: admin,
    routes: {
      'GET /v1/overlords': {
        status: 200,
        body: list([gatewayFixture('gw-1', 'dc1', 'Running'), gatewayFixture('gw-2', 'dc2', 'Unhealthy')]),
      },
      'POST /v1/overlords/vsphere/gw-1/account/validate': validate,
      ...routes,
    },
  })
  const ui = within(screen.getByRole('dialog'))
  return { ...rendered, onClose, ui, confirm: () => ui.getByRole('button', { name: 'Confirm' }) as HTMLButtonElement }
}

describe('VsphereAccountDialog', { timeout: 30_000 }, () => {
  it('offers only Running gateways, validates through the chosen one, and creates the account', async () => {
    const { ui, confirm, requests, onClose } = renderDialog({
      'POST /v1/cloudaccounts/vsphere': { status: 201, body: { uid: 'acc-2' } },
    })
    const gateways = ui.getByLabelText('Private cloud gateway')
    await within(gateways).findByRole('option', { name: 'dc1' })
    expect(within(gateways).queryByRole('option', { name: 'dc2' })).toBeNull()

    await fill(ui.getByLabelText('Account Name'), 'ops-vcenter')
    await fill(ui.getByLabelText('vCenter Server'), 'https://vcenter.lab.local/sdk')
    expect(await ui.findByText('Enter the vCenter host name or address, without a path')).toBeTruthy()
    await userEvent.clear(ui.getByLabelText('vCenter Server'))
    await fill(ui.getByLabelText('vCenter Server'), 'vcenter.lab.local')
    await fill(ui.getByLabelText('Username'), 'administrator@vsphere.local')
    await fill(ui.getByLabelText('Password'), 'wrong')
    await userEvent.click(ui.getByRole('button', { name: 'Validate' }))
    expect(await ui.findByText('Choose a Private cloud gateway')).toBeTruthy()

    await userEvent.selectOptions(gateways, 'gw-1')
    await userEvent.click(ui.getByRole('button', { name: 'Validate' }))
    expect(await ui.findByText(refused.message)).toBeTruthy()
    expect(confirm().disabled).toBe(true)

    await userEvent.clear(ui.getByLabelText('Password'))
    await fill(ui.getByLabelText('Password'), 'right')
    await userEvent.click(ui.getByRole('button', { name: 'Validate' }))
    await waitFor(() => expect(confirm().disabled).toBe(false))
    await userEvent.click(confirm())
    await waitFor(() => expect(onClose).toHaveBeenCalled())
    const created = requests.find((r) => r.method === 'POST' && r.path === '/v1/cloudaccounts/vsphere')
    expect(created?.body).toEqual({
      metadata: { name: 'ops-vcenter', annotations: { overlordUid: 'gw-1' } },
      spec: {
        vcenterServer: 'vcenter.lab.local',
        username: 'administrator@vsphere.local',
        password: 'right',
        insecure: false,
      },
    })
  })

  it('fills the fake vCenter from the sandbox', async () => {
    const { ui } = renderDialog({
      'GET /v1/sandbox': {
        status: 200,
        body: {
          adminUrl: 'http://127.0.0.1:9/_admin',
          tencent: { endpoint: '127.0.0.1:9', protocol: 'http://', accounts: [] },
          aws: { endpoint: 'http://127.0.0.1:9', accounts: [], roles: [] },
          vsphere: { endpoint: 'http://127.0.0.1:9', username: 'administrator@vsphere.local', password: 'VMware1!' },
        },
      },
    })
    await userEvent.selectOptions(
      await ui.findByLabelText('Use sandbox credentials'),
      ui.getByRole('option', { name: 'fake vCenter http://127.0.0.1:9 (administrator@vsphere.local)' }),
    )
    expect((ui.getByLabelText('vCenter Server') as HTMLInputElement).value).toBe('http://127.0.0.1:9')
    expect((ui.getByLabelText('Username') as HTMLInputElement).value).toBe('administrator@vsphere.local')
    expect((ui.getByLabelText('Password') as HTMLInputElement).value).toBe('VMware1!')
  })
})
