import type { ClusterProfile } from '@console/contracts'
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { list, metadata, userMe } from '../test/fixtures.ts'
import { renderWithApp } from '../test/render.tsx'
import { ProfilesPage } from './profiles-page.tsx'

function profile(uid: string, name: string, cloudType: 'tencent' | 'aws', published: boolean): ClusterProfile {
  return {
    metadata: { ...metadata(uid, name), annotations: { scope: 'tenant' } },
    spec: {
      version: '1.0.0',
      published,
      template: {
        cloudType,
        type: 'cluster',
        packs: [{ name: 'tke-os', tag: '1.0.0', layer: 'os', type: 'spectro', values: '' }],
      },
    },
    status: { inUseBy: [] },
  }
}

describe('ProfilesPage', () => {
  it('lists profiles with their status and asks the API again with the Cloud and Type filters', async () => {
    const { requests } = renderWithApp(<ProfilesPage />, {
      me: userMe([{ role: 'Tenant Admin' }]),
      routes: {
        'GET /v1/clusterprofiles': (req) => ({
          status: 200,
          body: list(
            req.query.get('cloudType') === 'aws'
              ? [profile('p-2', 'aws-standard', 'aws', false)]
              : [profile('p-1', 'tke-standard', 'tencent', true), profile('p-2', 'aws-standard', 'aws', false)],
          ),
        }),
      },
    })
    const table = await screen.findByRole('table', { name: 'Cluster profiles' })
    const tkeRow = within(table).getByText('tke-standard').closest('tr') as HTMLElement
    expect(within(tkeRow).getByText('Published')).toBeTruthy()
    expect(within(tkeRow).getByRole('button', { name: 'Clone profile tke-standard 1.0.0' })).toBeTruthy()

    await userEvent.selectOptions(screen.getByLabelText('Cloud'), 'aws')
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'cluster')
    await screen.findByRole('button', { name: 'Delete profile aws-standard 1.0.0' })
    expect(screen.queryByText('tke-standard')).toBeNull()
    const last = requests.filter((r) => r.path === '/v1/clusterprofiles').at(-1)
    expect(last?.query.get('cloudType')).toBe('aws')
    expect(last?.query.get('type')).toBe('cluster')
  })

  it('offers no New, Clone or Delete without profiles.write', async () => {
    renderWithApp(<ProfilesPage />, {
      me: userMe([{ role: 'Project Viewer', projectUid: 'pr-1', projectName: 'payments' }]),
      routes: {
        'GET /v1/clusterprofiles': { status: 200, body: list([profile('p-1', 'tke-standard', 'tencent', true)]) },
      },
    })
    await screen.findByText('tke-standard')
    expect(screen.queryByRole('button', { name: '+ New Profile' })).toBeNull()
    expect(screen.queryByRole('button', { name: /^Clone profile/ })).toBeNull()
  })
})
