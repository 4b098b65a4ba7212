import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { list, metadata, userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { TkeWizard } from './tke-wizard.tsx'

const me = userMe([{ role: 'Project Editor', projectUid: 'p-1', projectName: 'payments' }])
const account = {
  metadata: { ...metadata('acc-1', 'tencent-prod'), annotations: { scope: 'project', projectUid: 'p-1' } },
  spec: { secretId: 'AKID1', secretKey: '********' },
  status: {},
}

function routes(validate: { valid: boolean; errors: { path: string; message: string }[] }) {
  return {
    'GET /v1/users/me': { status: 200, body: me },
    'GET /v1/cloudaccounts/tencent': { status: 200, body: list([account]) },
    'POST /v1/spectroclusters/tke/validate': { status: 200, body: { ...validate, warnings: [] } },
  }
}

async function fillBasics() {
  await userEvent.type(screen.getByLabelText(/^Cluster Name/), 'tke-prod')
  const accounts = screen.getByLabelText(/^Cloud Account/)
  await within(accounts).findByRole('option', { name: 'tencent-prod' })
  await userEvent.selectOptions(accounts, 'acc-1')
}

describe('TkeWizard', () => {
  beforeEach(() => window.localStorage.clear())

  it('checks the step with the schema as the user types, and does not ask the server while it is wrong', async () => {
    const { requests } = renderWithApp(<TkeWizard />, {
      me,
      scopeKey: 'p-1',
      routes: routes({ valid: true, errors: [] }),
    })
    await userEvent.type(screen.getByLabelText(/^Cluster Name/), 'Bad_Name')
    expect(await screen.findByText(/Use lower-case letters, digits and dashes/)).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(screen.getByRole('heading', { name: 'Basic Information' })).toBeTruthy()
    expect(screen.getByText('Choose a Cloud Account')).toBeTruthy()
    expect(requests.some((r) => r.path === '/v1/spectroclusters/tke/validate')).toBe(false)
  })

  it('shows the server’s errors for this step’s fields and stays; ignores later steps’ errors', async () => {
    const { requests } = renderWithApp(<TkeWizard />, {
      me,
      scopeKey: 'p-1',
      routes: routes({
        valid: false,
        errors: [
          { path: 'metadata.name', message: 'A cluster named tke-prod already exists in this project' },
          { path: 'spec.cloudConfig.region', message: 'Choose a Region' },
        ],
      }),
    })
    await fillBasics()
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(await screen.findByText('A cluster named tke-prod already exists in this project')).toBeTruthy()
    expect(screen.getByRole('heading', { name: 'Basic Information' })).toBeTruthy()
    expect(screen.queryByText('Choose a Region')).toBeNull()
    const call = requests.find((r) => r.path === '/v1/spectroclusters/tke/validate')
    expect(call?.body).toMatchObject({ metadata: { name: 'tke-prod' }, spec: { cloudAccountUid: 'acc-1' } })
  })

  it('advances when the server finds nothing on this step, keeps the draft across a remount, and Back returns to it', async () => {
    const first = renderWithApp(<TkeWizard />, {
      me,
      scopeKey: 'p-1',
      routes: routes({ valid: false, errors: [{ path: 'spec.cloudConfig.region', message: 'Choose a Region' }] }),
    })
    await fillBasics()
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(await screen.findByRole('heading', { name: 'Cluster Profile' })).toBeTruthy()
    first.unmount()

    // As after a reload: the same user and scope find the draft on the step they left.
    renderWithApp(<TkeWizard />, { me, scopeKey: 'p-1', routes: routes({ valid: true, errors: [] }) })
    expect(await screen.findByRole('heading', { name: 'Cluster Profile' })).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Back' }))
    expect((screen.getByLabelText(/^Cluster Name/) as HTMLInputElement).value).toBe('tke-prod')
  })
})
