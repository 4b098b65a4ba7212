import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { DeleteCloudAccountDialog } from './delete-cloud-account-dialog.tsx'

describe('DeleteCloudAccountDialog', { timeout: 30_000 }, () => {
  it("keeps the dialog open with the server's message when clusters still use the account", async () => {
    const onClose = vi.fn()
    const message = 'Cloud account tke-prod is used by the cluster(s) payments-eu, payments-us; delete them first'
    renderWithApp(
      <DeleteCloudAccountDialog cloud="tencent" account={{ uid: 'acc-1', name: 'tke-prod' }} onClose={onClose} />,
      {
        me: userMe([{ role: 'Tenant Admin' }]),
        routes: {
          'DELETE /v1/cloudaccounts/tencent/acc-1': {
            status: 409,
            body: { code: 'InUse', message, details: { clusters: [] }, ref: 'r-9' },
          },
        },
      },
    )
    const dialog = within(screen.getByRole('dialog', { name: 'Delete Tencent account' }))

    await userEvent.click(dialog.getByRole('button', { name: 'Delete' }))

    const alert = await dialog.findByRole('alert')
    expect(alert.textContent).toContain(message)
    expect(alert.textContent).toContain('Reference: r-9')
    expect(onClose).not.toHaveBeenCalled()
  })

  it('deletes an unused account and closes', async () => {
    const onClose = vi.fn()
    const { requests } = renderWithApp(
      <DeleteCloudAccountDialog cloud="aws" account={{ uid: 'a-1', name: 'aws-old' }} onClose={onClose} />,
      { me: userMe([{ role: 'Tenant Admin' }]), routes: { 'DELETE /v1/cloudaccounts/aws/a-1': { status: 204 } } },
    )
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(requests.find((r) => r.method === 'DELETE')?.headers.get('X-CSRF-Token')).toBe('test-csrf')
  })
})
