import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { FakeAnswer } from '../../../test/fake-fetch.ts'
import { list, userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { gatewayFixture } from '../test/gateway-fixtures.ts'
import { AddGatewayDialog, fillPairingCode } from './add-gateway-dialog.tsx'

const pairing: Record<string, FakeAnswer> = {
  'GET /v1/overlords/pairing/code': {
    status: 200,
    body: { pairingCode: 'K7P2QX', expiresAt: '2099-01-01T10:15:00.000Z' },
  },
  'GET /v1/overlords/vsphere/ova': {
    status: 200,
    body: {
      location: 'ghcr.io/console/pcg-agent:1.0.0',
      instructions: [
        'docker run -e CONSOLE_ENDPOINT=https://console.example.com --pairing-code <PIN> --name <Installer Name>',
      ],
    },
  },
}

function renderDialog(routes: Record<string, FakeAnswer>, props: { registrationTimeoutMs?: number; pollMs?: number }) {
  const onConfigure = vi.fn()
  const rendered = renderWithApp(
    <AddGatewayDialog onClose={() => {}} onConfigure={onConfigure} canConfigure {...props} />,
    { me: userMe([{ role: 'Tenant Admin' }]), routes: { ...pairing, ...routes } },
  )
  return { ...rendered, onConfigure, ui: within(screen.getByRole('dialog', { name: 'Add New Private Cloud Gateway' })) }
}

describe('AddGatewayDialog', { timeout: 30_000 }, () => {
  it('shows the Pairing Code and the agent instructions with the PIN filled in', async () => {
    const { ui, requests } = renderDialog({ 'GET /v1/overlords': { status: 200, body: list([]) } }, {})
    expect(await ui.findByText('K7P2QX')).toBeTruthy()
    expect(ui.getByRole('heading', { name: 'Pairing Code' })).toBeTruthy()
    expect(await ui.findByText(/--pairing-code K7P2QX --name <Installer Name>/)).toBeTruthy()
    expect(ui.getByText(/Valid until/)).toBeTruthy()
    expect(requests.find((r) => r.path === '/v1/overlords/pairing/code')?.query.get('cloudType')).toBe('vsphere')
    expect(ui.queryByText(/Unable to register/)).toBeNull()
  })

  it('shows the troubleshooting steps once the (injected) 10 minutes pass with no registration', async () => {
    const { ui } = renderDialog(
      { 'GET /v1/overlords': { status: 200, body: list([gatewayFixture('old', 'existing', 'Running')]) } },
      { registrationTimeoutMs: 100 },
    )
    expect(await ui.findByText('K7P2QX')).toBeTruthy()
    const heading = await ui.findByRole('heading', {
      name: 'Gateway installer - Unable to register with the Tenant Portal',
    })
    const steps = within(heading.closest('section') as HTMLElement)
    expect(steps.getByText(/\/var\/log\/cloud-init-output\.log/)).toBeTruthy()
    expect(steps.getByText(/does not have a trailing slash/)).toBeTruthy()
    expect(steps.getByText(/pairing code is typed incorrectly/)).toBeTruthy()
    expect(steps.getByText(/outbound connectivity directly or via a proxy/)).toBeTruthy()
  })

  it('shows a gateway that registers, with Configure, and no troubleshooting', async () => {
    let calls = 0
    const registered = gatewayFixture('gw-new', 'pcg-lab', 'Pending', { ipAddress: '192.168.10.20' })
    const { ui, onConfigure } = renderDialog(
      {
        'GET /v1/overlords': () => {
          calls++
          return { status: 200, body: list(calls === 1 ? [] : [registered]) }
        },
      },
      { pollMs: 50, registrationTimeoutMs: 60_000 },
    )
    expect(await ui.findByText('Gateway pcg-lab registered from 192.168.10.20')).toBeTruthy()
    await userEvent.click(ui.getByRole('button', { name: 'Configure' }))
    expect(onConfigure).toHaveBeenCalledWith(expect.objectContaining({ metadata: registered.metadata }))
    expect(ui.queryByText(/Unable to register/)).toBeNull()
  })
})

describe('AddGatewayDialog expiry', { timeout: 30_000 }, () => {
  it('says when the Pairing Code has expired and gets a new one', async () => {
    let calls = 0
    const { ui } = renderDialog(
      {
        'GET /v1/overlords': { status: 200, body: list([]) },
        'GET /v1/overlords/pairing/code': () => {
          calls++
          return calls === 1
            ? { status: 200, body: { pairingCode: 'OLD111', expiresAt: '2020-01-01T00:00:00.000Z' } }
            : { status: 200, body: { pairingCode: 'NEW222', expiresAt: '2099-01-01T00:00:00.000Z' } }
        },
      },
      {},
    )
    expect(await ui.findByText(/This code has expired/)).toBeTruthy()
    await userEvent.click(ui.getByRole('button', { name: 'New Pairing Code' }))
    expect(await ui.findByText('NEW222')).toBeTruthy()
    expect(ui.queryByText(/This code has expired/)).toBeNull()
  })
})

describe('fillPairingCode', () => {
  it('fills the placeholders the installer may use', () => {
    expect(fillPairingCode('--pairing-code <PIN> --name <Installer Name>', 'ABC')).toBe(
      '--pairing-code ABC --name <Installer Name>',
    )
    expect(fillPairingCode('--pin <PAIRING_CODE>', 'ABC')).toBe('--pin ABC')
    expect(fillPairingCode('PIN={{pairingCode}}', 'ABC')).toBe('PIN=ABC')
    expect(fillPairingCode(`PIN=$${'{'}PAIRING_CODE}`, 'ABC')).toBe('PIN=ABC')
  })
})
