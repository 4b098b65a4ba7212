import type { ClusterProfile, Pack } from '@console/contracts'
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeAll, describe, expect, it } from 'vitest'
import { list, metadata, userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { DeleteProfileDialog } from './delete-profile-dialog.tsx'
import { ProfileEditor } from './profile-editor.tsx'

// jsdom has no layout: CodeMirror measures text ranges, which jsdom's Range cannot do.
beforeAll(() => {
  const range = Range.prototype as Partial<Range>
  range.getClientRects ??= () => [] as unknown as DOMRectList
  range.getBoundingClientRect ??= () => new DOMRect()
})

const me = userMe([{ role: 'Tenant Admin' }])

const tkeOs: Pack = {
  name: 'tke-os',
  tag: '1.0.0',
  layer: 'os',
  type: 'spectro',
  cloudTypes: ['tencent'],
  description: 'TKE node image',
  values: '"OsName": "ubuntu18.04.1x86_64"\n',
  schema: { type: 'object', required: ['OsName'], properties: { OsName: { type: 'string' } } },
}

function profile(values: string, published = false): ClusterProfile {
  return {
    metadata: { ...metadata('p-1', 'tke-infra'), annotations: { scope: 'tenant' } },
    spec: {
      version: '1.0.0',
      published,
      template: {
        cloudType: 'tencent',
        type: 'add-on',
        packs: [{ name: 'tke-os', tag: '1.0.0', layer: 'os', type: 'spectro', values }],
      },
    },
    status: { inUseBy: [] },
  }
}

const windowsMessage = 'OsName is "windows": Tencent TKE nodes use one of these images'

describe('ProfileEditor', () => {
  it('checks the stack with the contract validators against the catalog from GET /v1/packs', async () => {
    renderWithApp(<ProfileEditor profile={profile('OsName: windows\n')} />, {
      me,
      routes: { 'GET /v1/packs': { status: 200, body: { items: [tkeOs] } } },
    })
    const problems = await screen.findByRole('list', { name: 'Problems in tke-os' })
    expect(within(problems).getByText(new RegExp(`^Line 1: ${windowsMessage}`))).toBeTruthy()
    const summary = screen.getByRole('region', { name: 'Profile problems' })
    expect(within(summary).getByText(/An add-on profile holds add-on packs only/)).toBeTruthy()
    expect(screen.getByRole('textbox', { name: 'tke-os values' }).getAttribute('aria-invalid')).toBe('true')
  })

  it("shows the server's 422 answer per layer, like its own check", async () => {
    const refusal = {
      valid: false,
      errors: [],
      packs: [
        {
          index: 0,
          name: 'tke-os',
          tag: '1.0.0',
          layer: 'os',
          errors: [{ code: 'TkeOsName', message: 'Server says no', line: 1 }],
        },
      ],
    }
    renderWithApp(<ProfileEditor profile={profile('"OsName": "ubuntu18.04.1x86_64"\n')} />, {
      me,
      routes: {
        'GET /v1/packs': { status: 200, body: { items: [tkeOs] } },
        'PUT /v1/clusterprofiles/p-1': {
          status: 422,
          body: { code: 'UnprocessableEntity', message: 'The profile does not validate', details: refusal, ref: 'r-1' },
        },
      },
    })
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('The profile does not validate')).toBeTruthy()
    const summary = screen.getByRole('region', { name: 'Profile problems' })
    expect(within(summary).getByRole('heading', { name: 'The server refused the profile' })).toBeTruthy()
    expect(
      within(screen.getByRole('list', { name: 'Problems in tke-os' })).getByText('Line 1: Server says no'),
    ).toBeTruthy()
  })

  it('shows a published version read-only with Edit as new version', async () => {
    renderWithApp(<ProfileEditor profile={profile(tkeOs.values, true)} />, {
      me,
      routes: { 'GET /v1/packs': { status: 200, body: list([tkeOs]) } },
    })
    expect(screen.getByText('Published')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull()
    expect((screen.getByLabelText('Version') as HTMLInputElement).readOnly).toBe(true)
    await userEvent.click(screen.getByRole('button', { name: 'Edit as new version' }))
    expect((screen.getByLabelText('Version') as HTMLInputElement).value).toBe('1.0.1')
    expect((screen.getByLabelText('Name') as HTMLInputElement).readOnly).toBe(true)
    expect(screen.getByRole('button', { name: 'Save' })).toBeTruthy()
  })
})

describe('DeleteProfileDialog', () => {
  it("keeps the dialog open with the server's message when clusters use the profile", async () => {
    const message = 'Cluster profile tke-infra 1.0.0 is used by cluster web-1: delete it first'
    renderWithApp(<DeleteProfileDialog profile={profile('')} onClose={() => {}} />, {
      me,
      routes: {
        'DELETE /v1/clusterprofiles/p-1': { status: 409, body: { code: 'InUse', message, ref: 'r-2' } },
      },
    })
    const dialog = screen.getByRole('dialog', { name: 'Delete profile' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }))
    expect((await within(dialog).findByRole('alert')).textContent).toBe(message)
  })
})
