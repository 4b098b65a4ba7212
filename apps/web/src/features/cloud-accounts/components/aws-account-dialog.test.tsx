import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { FakeAnswer } from '../../../test/fake-fetch.ts'
import { userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { AwsAccountDialog } from './aws-account-dialog.tsx'

/** Types by pasting: one input event per field keeps the test fast on a busy machine. */
async function fill(input: HTMLElement, text: string) {
  await userEvent.click(input)
  await userEvent.paste(text)
}

const project = userMe([{ role: 'Project Editor', projectUid: 'p-1', projectName: 'payments' }])

function renderDialog(routes: Record<string, FakeAnswer> = {}) {
  const onClose = vi.fn()
  const rendered = renderWithApp(<AwsAccountDialog onClose={onClose} />, { me: project, routes })
  const ui = within(screen.getByRole('dialog', { name: 'Add AWS Account' }))
  return { ...rendered, onClose, ui, confirm: () => ui.getByRole('button', { name: 'Confirm' }) as HTMLButtonElement }
}

describe('AwsAccountDialog', { timeout: 30_000 }, () => {
  it('validates and creates an STS account with only the STS fields, and never asks a non-admin for the sandbox', async () => {
    const { ui, confirm, requests, onClose } = renderDialog({
      'POST /v1/clouds/aws/account/validate': { status: 204 },
      'POST /v1/cloudaccounts/aws': { status: 201, body: { uid: 'a-1' } },
    })
    await fill(ui.getByLabelText('Account Name'), 'eks-prod')
    await fill(ui.getByLabelText('Access Key'), 'AKIAIGNOREDWHENSTS01')
    await userEvent.click(ui.getByLabelText('STS'))
    expect(ui.queryByLabelText('Access Key')).toBeNull()
    await fill(ui.getByLabelText('ARN'), 'arn:aws:iam::123456789012:role/console')
    await fill(ui.getByLabelText('External ID'), 'ext-42')

    await userEvent.click(ui.getByRole('button', { name: 'Validate' }))
    await waitFor(() => expect(confirm().disabled).toBe(false))
    await userEvent.click(confirm())

    await waitFor(() => expect(onClose).toHaveBeenCalled())
    const spec = {
      credentialType: 'sts',
      sts: { arn: 'arn:aws:iam::123456789012:role/console', externalId: 'ext-42' },
      partition: 'aws',
    }
    expect(requests.find((r) => r.path === '/v1/clouds/aws/account/validate')?.body).toEqual(spec)
    const post = requests.find((r) => r.path === '/v1/cloudaccounts/aws')
    expect(post?.body).toEqual({ metadata: { name: 'eks-prod' }, spec })
    expect(post?.headers.get('ProjectUid')).toBe('p-1')
    expect(requests.some((r) => r.path === '/v1/sandbox')).toBe(false)
    expect(ui.queryByLabelText('Use sandbox credentials')).toBeNull()
  })

  it("says when the ARN's partition differs from the chosen Partition", async () => {
    const { ui, requests } = renderDialog()
    await userEvent.click(ui.getByLabelText('STS'))
    await fill(ui.getByLabelText('ARN'), 'arn:aws:iam::123456789012:role/console')
    await fill(ui.getByLabelText('External ID'), 'ext-42')
    await userEvent.selectOptions(ui.getByLabelText('Partition'), 'aws-cn')

    expect(await ui.findByText("The ARN's partition differs from the selected partition")).toBeTruthy()
    await userEvent.click(ui.getByRole('button', { name: 'Validate' }))
    expect(requests.filter((r) => r.path.endsWith('/validate'))).toEqual([])
  })
})
