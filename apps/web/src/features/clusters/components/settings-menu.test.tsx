import type { Cluster } from '@console/contracts'
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { forceDeleteAvailability, SettingsMenu } from './settings-menu.tsx'

function cluster(status: Partial<Cluster['status']> = {}): Cluster {
  const now = new Date().toISOString()
  return {
    metadata: {
      uid: 'c-1',
      name: 'tke-prod',
      labels: {},
      annotations: {},
      creationTimestamp: now,
      lastModifiedTimestamp: now,
    },
    spec: {
      cloudType: 'tencent',
      cloudAccountUid: 'a-1',
      profiles: [],
      cloudConfig: {},
      clusterConfig: {},
      machinepoolconfig: [],
    },
    status: { state: 'Running', conditions: [], resources: [], ...status },
  }
}

const admin = userMe([{ role: 'Project Admin', projectUid: 'p-1', projectName: 'payments' }])
const editor = userMe([{ role: 'Project Editor', projectUid: 'p-1', projectName: 'payments' }])

describe('Delete Cluster', () => {
  it('enables OK only when the exact name is typed, then deletes', async () => {
    const { requests } = renderWithApp(<SettingsMenu cluster={cluster()} />, {
      me: admin,
      routes: { 'DELETE /v1/spectroclusters/c-1': { status: 204 } },
    })
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }))
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete Cluster' }))
    const dialog = screen.getByRole('dialog', { name: 'Delete Cluster' })
    const ok = within(dialog).getByRole('button', { name: 'OK' })
    expect(ok).toHaveProperty('disabled', true)
    await userEvent.type(within(dialog).getByLabelText('Cluster name'), 'tke-pro')
    expect(ok).toHaveProperty('disabled', true)
    await userEvent.type(within(dialog).getByLabelText('Cluster name'), 'D')
    expect(ok).toHaveProperty('disabled', true)
    await userEvent.type(within(dialog).getByLabelText('Cluster name'), '{backspace}d')
    expect(ok).toHaveProperty('disabled', false)
    await userEvent.click(ok)
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(requests.some((r) => r.method === 'DELETE' && r.path === '/v1/spectroclusters/c-1')).toBe(true)
  })
})

describe('Force Delete Cluster', () => {
  it('shows the time left while Deleting, for a role with clusters.forceDelete', async () => {
    const at = new Date(Date.now() + 14 * 60_000 + 30_000).toISOString()
    renderWithApp(<SettingsMenu cluster={cluster({ state: 'Deleting', forceDeleteAvailableAt: at })} />, { me: admin })
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }))
    expect(screen.getByRole('menuitem', { name: 'Force Delete Cluster' })).toHaveProperty('disabled', true)
    expect(screen.getByText(/^available in 14m (30|29)s$/)).toBeTruthy()
    expect(screen.getByRole('menuitem', { name: 'Delete Cluster' })).toHaveProperty('disabled', true)
  })

  it('stays disabled for an editor even after the grace period', async () => {
    const at = new Date(Date.now() - 1_000).toISOString()
    renderWithApp(<SettingsMenu cluster={cluster({ state: 'Deleting', forceDeleteAvailableAt: at })} />, { me: editor })
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }))
    const item = screen.getByRole('menuitem', { name: 'Force Delete Cluster' })
    expect(item).toHaveProperty('disabled', true)
    const note = document.getElementById(item.getAttribute('aria-describedby') ?? '')
    expect(note?.textContent).toBe('only Tenant Admins and Project Admins can force delete')
  })

  it('warns that resources may remain and lists the leftovers', async () => {
    const at = new Date(Date.now() - 1_000).toISOString()
    renderWithApp(<SettingsMenu cluster={cluster({ state: 'Deleting', forceDeleteAvailableAt: at })} />, {
      me: admin,
      routes: {
        'DELETE /v1/spectroclusters/c-1': {
          status: 200,
          body: {
            leftovers: [{ key: 'np', kind: 'NodePool', cloudId: 'np-42', region: 'ap-guangzhou', state: 'Deleting' }],
          },
        },
      },
    })
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }))
    await userEvent.click(screen.getByRole('menuitem', { name: 'Force Delete Cluster' }))
    const dialog = screen.getByRole('dialog', { name: 'Force Delete Cluster' })
    expect(within(dialog).getByText('Cloud resources may remain')).toBeTruthy()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Force Delete' }))
    const leftovers = await within(dialog).findByRole('list', { name: 'Leftover cloud resources' })
    expect(leftovers.textContent).toContain('np-42')
  })

  it('keeps the leftovers on screen once the cluster reads Deleted', async () => {
    const at = new Date(Date.now() - 1_000).toISOString()
    let show: (c: Cluster) => void = () => {}
    function Overview() {
      const [current, setCurrent] = useState(cluster({ state: 'Deleting', forceDeleteAvailableAt: at }))
      show = setCurrent
      return <SettingsMenu cluster={current} />
    }
    renderWithApp(<Overview />, {
      me: admin,
      routes: {
        'DELETE /v1/spectroclusters/c-1': {
          status: 200,
          body: {
            leftovers: [
              { key: 'c', kind: 'tke.cluster', cloudId: 'cls-42', region: 'ap-guangzhou', state: 'deleting' },
            ],
          },
        },
      },
    })
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }))
    await userEvent.click(screen.getByRole('menuitem', { name: 'Force Delete Cluster' }))
    await userEvent.click(screen.getByRole('button', { name: 'Force Delete' }))
    await screen.findByRole('list', { name: 'Leftover cloud resources' })
    // The overview re-reads the cluster (the mutation invalidates it, the live stream reports the state).
    act(() => show(cluster({ state: 'Deleted' })))
    const dialog = screen.getByRole('dialog', { name: 'Force Delete Cluster' })
    expect(within(dialog).getByRole('list', { name: 'Leftover cloud resources' }).textContent).toContain('cls-42')
    expect(screen.queryByRole('button', { name: 'Settings' })).toBeNull()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })
})

describe('forceDeleteAvailability', () => {
  it('opens at forceDeleteAvailableAt, only while Deleting and only with the permission', () => {
    const at = '2026-01-01T00:15:00.000Z'
    const c = cluster({ state: 'Deleting', forceDeleteAvailableAt: at })
    expect(forceDeleteAvailability(c, true, Date.parse(at) - 61_000)).toEqual({
      enabled: false,
      note: 'available in 1m 01s',
    })
    expect(forceDeleteAvailability(c, true, Date.parse(at))).toEqual({ enabled: true })
    expect(forceDeleteAvailability(c, false, Date.parse(at)).enabled).toBe(false)
    expect(forceDeleteAvailability(cluster(), true, Date.parse(at)).enabled).toBe(false)
  })
})
