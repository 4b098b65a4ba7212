import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { NewProjectDialog } from './new-project-dialog.tsx'

const me = userMe([{ role: 'Tenant Admin' }])

describe('NewProjectDialog', () => {
  it('validates the name with the contract rule while typing', async () => {
    renderWithApp(<NewProjectDialog open onClose={() => {}} />, { me })
    const name = screen.getByLabelText(/^Name/)

    await userEvent.type(name, '-bad')

    expect(
      await screen.findByText(
        'Use letters, digits, spaces, dots, dashes and underscores; start with a letter or digit',
      ),
    ).toBeTruthy()
  })

  it('puts a server field error under the field and an unmatched error in a toast with its ref', async () => {
    let calls = 0
    const onClose = vi.fn()
    renderWithApp(<NewProjectDialog open onClose={onClose} />, {
      me,
      routes: {
        'POST /v1/projects': () =>
          ++calls === 1
            ? {
                status: 409,
                body: {
                  code: 'ProjectExists',
                  message: 'Conflict',
                  details: [{ path: 'metadata.name', message: 'A project with this name exists' }],
                  ref: 'r-1',
                },
              }
            : { status: 503, body: { code: 'Unavailable', message: 'Database is down', ref: 'r-2' } },
      },
    })
    const dialog = screen.getByRole('dialog', { name: 'New Project' })

    await userEvent.type(within(dialog).getByLabelText(/^Name/), 'payments')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create project' }))
    expect(await within(dialog).findByText('A project with this name exists')).toBeTruthy()

    await userEvent.type(within(dialog).getByLabelText(/^Name/), '-2')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create project' }))
    expect(await screen.findByText('Database is down')).toBeTruthy()
    expect(screen.getByText('Reference: r-2')).toBeTruthy()
    await waitFor(() => expect(onClose).not.toHaveBeenCalled())
  })
})
