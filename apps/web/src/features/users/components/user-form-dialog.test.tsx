import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { FakeAnswer } from '../../../test/fake-fetch.ts'
import { list, metadata, userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { UserFormDialog } from './user-form-dialog.tsx'

const admin = userMe([{ role: 'Tenant Admin' }])
const projects = list([
  { metadata: metadata('p-1', 'payments'), spec: {}, status: { memberCount: 1 } },
  { metadata: metadata('p-2', 'analytics'), spec: {}, status: { memberCount: 0 } },
])

function renderDialog(routes: Record<string, FakeAnswer> = {}, user?: Parameters<typeof UserFormDialog>[0]['user']) {
  const onClose = vi.fn()
  const rendered = renderWithApp(<UserFormDialog user={user} onClose={onClose} />, {
    me: admin,
    routes: { 'GET /v1/projects': { status: 200, body: projects }, ...routes },
  })
  return { ...rendered, onClose, dialog: screen.getByRole('dialog', { name: user ? /Edit User/ : 'New User' }) }
}

async function fillIdentity(dialog: HTMLElement, password = 'correct horse battery') {
  const ui = within(dialog)
  await userEvent.type(ui.getByLabelText(/^Name/), 'Grace Hopper')
  await userEvent.type(ui.getByLabelText(/^Email/), 'grace@example.com')
  await userEvent.type(ui.getByLabelText(/^Password/), password)
}

describe('UserFormDialog', () => {
  it('says a short password is too short while the user types', async () => {
    const { dialog } = renderDialog()
    const password = within(dialog).getByLabelText(/^Password/)

    await userEvent.type(password, 'short')

    expect(within(dialog).getByText('Password must be at least 12 characters')).toBeTruthy()
    expect(password.getAttribute('aria-invalid')).toBe('true')
    const describedBy = password.getAttribute('aria-describedby') ?? ''
    expect(document.getElementById(describedBy.split(' ')[0]!)?.textContent).toBe(
      'Password must be at least 12 characters',
    )

    await userEvent.type(password, ' enough now')
    expect(within(dialog).queryByText('Password must be at least 12 characters')).toBeNull()
  })

  it('refuses a project role without a project and sends nothing', async () => {
    const { dialog, requests } = renderDialog()
    await fillIdentity(dialog)
    expect((within(dialog).getByLabelText('Role') as HTMLSelectElement).value).toBe('Project Viewer')

    await userEvent.click(within(dialog).getByRole('button', { name: 'Create user' }))

    expect(
      await within(dialog).findByText('Tenant Admin is a tenant-wide role; project roles need a project'),
    ).toBeTruthy()
    expect(requests.filter((r) => r.method === 'POST')).toEqual([])
  })

  it('creates a user with several role bindings; Tenant Admin carries no project', async () => {
    const { dialog, requests, onClose } = renderDialog({ 'POST /v1/users': { status: 201, body: { uid: 'u-9' } } })
    const ui = within(dialog)
    await fillIdentity(dialog)
    await userEvent.type(ui.getByLabelText('First Name'), 'Grace')
    await waitFor(() => expect(ui.getAllByRole('option', { name: 'payments' })).toHaveLength(1))
    await userEvent.selectOptions(ui.getByLabelText('Project'), 'payments')
    await userEvent.click(ui.getByRole('button', { name: '+ Add Role' }))
    const roleSelects = ui.getAllByLabelText('Role')
    await userEvent.selectOptions(roleSelects[1]!, 'Tenant Admin')
    expect(ui.getAllByLabelText('Project')).toHaveLength(1)

    await userEvent.click(ui.getByRole('button', { name: 'Create user' }))

    await waitFor(() => expect(onClose).toHaveBeenCalled())
    const post = requests.find((r) => r.method === 'POST' && r.path === '/v1/users')
    expect(post?.headers.get('X-CSRF-Token')).toBe('test-csrf')
    expect(post?.body).toEqual({
      metadata: { name: 'Grace Hopper' },
      spec: {
        emailId: 'grace@example.com',
        firstName: 'Grace',
        password: 'correct horse battery',
        roles: [{ role: 'Project Viewer', projectUid: 'p-1' }, { role: 'Tenant Admin' }],
      },
    })
  })

  it("shows the server's field error next to the field it names", async () => {
    const { dialog, onClose } = renderDialog({
      'POST /v1/users': {
        status: 409,
        body: {
          code: 'Conflict',
          message: 'The request is invalid',
          details: [{ path: 'spec.emailId', message: 'A user with this email already exists' }],
          ref: 'req-1',
        },
      },
    })
    const ui = within(dialog)
    await fillIdentity(dialog)
    await waitFor(() => expect(ui.getAllByRole('option', { name: 'payments' })).toHaveLength(1))
    await userEvent.selectOptions(ui.getByLabelText('Project'), 'p-1')

    await userEvent.click(ui.getByRole('button', { name: 'Create user' }))

    expect(await ui.findByText('A user with this email already exists')).toBeTruthy()
    expect(ui.getByLabelText(/^Email/).getAttribute('aria-invalid')).toBe('true')
    expect(onClose).not.toHaveBeenCalled()
  })

  it('lets an edit keep the current password by leaving it empty', async () => {
    const user = {
      metadata: metadata('u-1', 'Linus'),
      spec: {
        emailId: 'linus@example.com',
        roles: [{ role: 'Project Editor' as const, projectUid: 'p-2', projectName: 'analytics' }],
      },
      status: { isActive: true },
    }
    const { dialog, requests, onClose } = renderDialog({ 'PUT /v1/users/u-1': { status: 204 } }, user)
    const ui = within(dialog)
    await waitFor(() => expect((ui.getByLabelText('Project') as HTMLSelectElement).value).toBe('p-2'))

    await userEvent.click(ui.getByRole('button', { name: 'Save changes' }))

    await waitFor(() => expect(onClose).toHaveBeenCalled())
    const put = requests.find((r) => r.method === 'PUT')
    expect(put?.body).toEqual({
      metadata: { name: 'Linus' },
      spec: { emailId: 'linus@example.com', roles: [{ role: 'Project Editor', projectUid: 'p-2' }] },
    })
  })
})
