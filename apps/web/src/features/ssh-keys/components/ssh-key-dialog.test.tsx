import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { FakeAnswer } from '../../../test/fake-fetch.ts'
import { userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { SshKeyDialog } from './ssh-key-dialog.tsx'

const publicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILNVO5Uu/JbSN3TNd20z90iWGX4sGpHraqF9rxhiVi+Q ops@example.com'

async function fill(input: HTMLElement, text: string) {
  await userEvent.click(input)
  await userEvent.paste(text)
}

function renderDialog(routes: Record<string, FakeAnswer> = {}) {
  const onClose = vi.fn()
  const rendered = renderWithApp(<SshKeyDialog onClose={onClose} />, {
    me: userMe([{ role: 'Tenant Admin' }]),
    routes,
  })
  return { ...rendered, onClose, ui: within(screen.getByRole('dialog', { name: 'New SSH Key' })) }
}

describe('SshKeyDialog', { timeout: 30_000 }, () => {
  it("says what is wrong with a pasted key as the user types, with the contract's OpenSSH parser", async () => {
    const { ui, requests } = renderDialog()
    const field = ui.getByLabelText('Public Key')

    await fill(field, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILNVO5Uu')
    expect(await ui.findByText('The key data is truncated')).toBeTruthy()
    expect(field.getAttribute('aria-invalid')).toBe('true')

    await userEvent.clear(field)
    await fill(field, '-----BEGIN OPENSSH PRIVATE KEY-----')
    expect(await ui.findByText('This is a PEM key; paste the OpenSSH public key (the .pub file)')).toBeTruthy()

    await userEvent.click(ui.getByRole('button', { name: 'Add SSH key' }))
    expect(requests.filter((r) => r.method === 'POST')).toEqual([])
  })

  it('adds a valid key, trimmed, after saying what it recognised', async () => {
    const { ui, requests, onClose } = renderDialog({
      'POST /v1/users/assets/sshkeys': { status: 201, body: { uid: 'k-1' } },
    })
    await fill(ui.getByLabelText('Name'), 'ops laptop')
    await fill(ui.getByLabelText('Public Key'), `${publicKey}\n`)
    expect(await ui.findByText('Recognised: ssh-ed25519, 256 bits, comment “ops@example.com”.')).toBeTruthy()

    await userEvent.click(ui.getByRole('button', { name: 'Add SSH key' }))

    await waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      metadata: { name: 'ops laptop' },
      spec: { publicKey },
    })
  })

  it("puts the server's duplicate-key refusal on the Public Key field", async () => {
    const { ui, onClose } = renderDialog({
      'POST /v1/users/assets/sshkeys': {
        status: 409,
        body: {
          code: 'AlreadyExists',
          message: 'This public key is already registered as "old laptop"',
          details: [{ path: 'spec.publicKey', message: 'This public key is already registered as "old laptop"' }],
          ref: 'r-2',
        },
      },
    })
    await fill(ui.getByLabelText('Name'), 'ops laptop')
    await fill(ui.getByLabelText('Public Key'), publicKey)
    await userEvent.click(ui.getByRole('button', { name: 'Add SSH key' }))

    expect(await ui.findByText('This public key is already registered as "old laptop"')).toBeTruthy()
    expect(onClose).not.toHaveBeenCalled()
  })
})
