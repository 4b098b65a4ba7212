import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { expiryFromDateInput } from '../api-key-form-values.ts'
import { NewApiKeyDialog } from './new-api-key-dialog.tsx'

const me = userMe([{ role: 'Project Editor', projectUid: 'p-1', projectName: 'payments' }])

describe('NewApiKeyDialog', () => {
  it('creates a key in the selected project and shows it once with a copy button and a warning', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const { requests } = renderWithApp(<NewApiKeyDialog onClose={() => {}} />, {
      me,
      routes: { 'POST /v1/apiKeys': { status: 201, body: { uid: 'k-1', apiKey: 'ck_live_1234567890abcdef' } } },
    })
    const dialog = screen.getByRole('dialog', { name: 'New API Key' })

    await userEvent.type(within(dialog).getByLabelText(/^Name/), 'ci-pipeline')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create API key' }))

    const shown = await screen.findByRole('dialog', { name: 'API key created' })
    expect((within(shown).getByLabelText('API key for ci-pipeline') as HTMLInputElement).value).toBe(
      'ck_live_1234567890abcdef',
    )
    expect(within(shown).getByText(/will not be shown again/)).toBeTruthy()
    await userEvent.click(within(shown).getByRole('button', { name: 'Copy' }))
    expect(writeText).toHaveBeenCalledWith('ck_live_1234567890abcdef')

    const post = requests.find((r) => r.method === 'POST')
    expect(post?.headers.get('ProjectUid')).toBe('p-1')
    expect(post?.body).toEqual({ metadata: { name: 'ci-pipeline' }, spec: {} })
  })

  it('refuses an expiry in the past as the user picks it', async () => {
    const { requests } = renderWithApp(<NewApiKeyDialog onClose={() => {}} />, { me })
    const dialog = screen.getByRole('dialog', { name: 'New API Key' })

    await userEvent.type(within(dialog).getByLabelText(/^Name/), 'old')
    await userEvent.type(within(dialog).getByLabelText('Expiry date'), '2020-01-01')

    expect(await within(dialog).findByText('Expiry must be in the future')).toBeTruthy()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create API key' }))
    await waitFor(() => expect(requests).toEqual([]))
  })

  it('turns a picked day into the end of that day', () => {
    const iso = expiryFromDateInput('2031-05-17')!
    const local = new Date(iso)
    expect([local.getFullYear(), local.getMonth() + 1, local.getDate(), local.getHours(), local.getMinutes()]).toEqual([
      2031, 5, 17, 23, 59,
    ])
    expect(expiryFromDateInput('')).toBeUndefined()
  })
})
