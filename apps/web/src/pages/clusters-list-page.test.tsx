import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { RecordedRequest } from '../test/fake-fetch.ts'
import { list, userMe } from '../test/fixtures.ts'
import { renderWithApp } from '../test/render.tsx'
import { ClustersListPage } from './clusters-list-page.tsx'

function cluster(uid: string, name: string, state: string) {
  const at = '2026-11-23T10:00:00.000Z'
  return {
    metadata: { uid, name, labels: { env: 'prod' }, annotations: {}, creationTimestamp: at, lastModifiedTimestamp: at },
    spec: {
      cloudType: 'tencent',
      cloudAccountUid: 'a',
      profiles: [],
      cloudConfig: { region: 'ap-guangzhou' },
      clusterConfig: {},
      machinepoolconfig: [],
    },
    status: { state, conditions: [], resources: [], region: 'ap-guangzhou' },
  }
}

describe('ClustersListPage', () => {
  it('lists clusters with their state, pages with Load more, and sends search and filters', async () => {
    const clusters = (req: RecordedRequest) => {
      if (req.query.get('continue') === 'next') return { status: 200, body: list([cluster('c-3', 'gamma', 'Error')]) }
      if (req.query.get('state') === 'Running') return { status: 200, body: list([cluster('c-1', 'alpha', 'Running')]) }
      return {
        status: 200,
        body: list([cluster('c-1', 'alpha', 'Running'), cluster('c-2', 'beta', 'Provisioning')], 'next'),
      }
    }
    const { requests } = renderWithApp(<ClustersListPage />, {
      me: userMe([{ role: 'Project Editor', projectUid: 'p-1', projectName: 'payments' }]),
      scopeKey: 'p-1',
      routes: { 'GET /v1/spectroclusters': clusters },
    })
    const table = await screen.findByRole('table', { name: 'Clusters' })
    const beta = within(table).getByRole('row', { name: /beta/ })
    expect(within(beta).getByText('Provisioning').className).toContain('badge--info')
    expect(within(table).getByRole('row', { name: /alpha/ }).textContent).toContain('ap-guangzhou')
    expect(within(table).getByRole('row', { name: /alpha/ }).textContent).toContain('env:prod')
    expect(screen.getByRole('button', { name: 'Add New Cluster' })).toBeTruthy()

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }))
    expect(await within(table).findByRole('row', { name: /gamma/ })).toBeTruthy()

    await userEvent.selectOptions(screen.getByLabelText('State'), 'Running')
    await userEvent.type(screen.getByLabelText('Search'), 'alp')
    await waitFor(() =>
      expect(
        requests.some(
          (r) => r.query.get('state') === 'Running' && r.query.get('search') === 'alp' && r.method === 'GET',
        ),
      ).toBe(true),
    )
    expect(await screen.findByRole('row', { name: /alpha/ })).toBeTruthy()
    await waitFor(() => expect(screen.queryByRole('row', { name: /beta/ })).toBeNull())
  })

  it('offers no Add New Cluster to a viewer', async () => {
    renderWithApp(<ClustersListPage />, {
      me: userMe([{ role: 'Project Viewer', projectUid: 'p-1', projectName: 'payments' }]),
      scopeKey: 'p-1',
      routes: { 'GET /v1/spectroclusters': { status: 200, body: list([]) } },
    })
    expect(await screen.findByText('No clusters yet')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Add New Cluster' })).toBeNull()
  })
})
