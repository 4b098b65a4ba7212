import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { FakeAnswer } from '../../test/fake-fetch.ts'
import { list, userMe } from '../../test/fixtures.ts'
import { renderWithApp } from '../../test/render.tsx'
import { GatewaysPage } from './gateways-page.tsx'
import { gatewayFixture } from './test/gateway-fixtures.ts'

function renderPage(routes: Record<string, FakeAnswer>, role: 'Tenant Admin' | 'Project Viewer' = 'Tenant Admin') {
  return renderWithApp(<GatewaysPage />, { me: userMe([{ role }]), routes })
}

const card = async (name: string) => within((await screen.findByRole('article', { name })) as HTMLElement)

describe('GatewaysPage', { timeout: 30_000 }, () => {
  it('shows each gateway as a widget with its state, address, version, heartbeat, size and actions', async () => {
    renderPage({
      'GET /v1/overlords': {
        status: 200,
        body: list([
          gatewayFixture('gw-1', 'pcg-new', 'Pending', { ipAddress: '192.168.1.9' }),
          gatewayFixture('gw-2', 'pcg-prod', 'Running', { upgrade: '1.1.0' }),
        ]),
      },
    })
    const pending = await card('pcg-new')
    expect(pending.getByText('Pending')).toBeTruthy()
    expect(pending.getByText('192.168.1.9')).toBeTruthy()
    expect(pending.getByText('1.0.0')).toBeTruthy()
    expect(pending.getByRole('button', { name: 'Configure' })).toBeTruthy()
    expect(pending.queryByRole('button', { name: 'Resize' })).toBeNull()

    const running = await card('pcg-prod')
    expect(running.getByText('Running')).toBeTruthy()
    expect(running.queryByRole('button', { name: 'Configure' })).toBeNull()
    expect(running.getByRole('button', { name: 'Resize' })).toBeTruthy()
    expect(running.getByRole('button', { name: 'Reset' })).toBeTruthy()
    expect(running.getByText(/upgrade to agent 1.1.0 is available/)).toBeTruthy()
    expect(running.getByRole('button', { name: 'Upgrade' })).toBeTruthy()
  })

  it("keeps a refused delete's message (naming the clusters) in the dialog", async () => {
    renderPage({
      'GET /v1/overlords': { status: 200, body: list([gatewayFixture('gw-2', 'pcg-prod', 'Running')]) },
      'DELETE /v1/overlords/gw-2': {
        status: 409,
        body: {
          code: 'GatewayInUse',
          message: 'Gateway pcg-prod is used by clusters vs-web, vs-db: delete them first',
          ref: 'r-3',
        },
      },
    })
    await userEvent.click((await card('pcg-prod')).getByRole('button', { name: 'Delete' }))
    const dialog = within(screen.getByRole('dialog', { name: 'Delete Private Cloud Gateway' }))
    await userEvent.click(dialog.getByRole('button', { name: 'Delete' }))
    expect(
      await dialog.findByText('Gateway pcg-prod is used by clusters vs-web, vs-db: delete them first'),
    ).toBeTruthy()
    expect(screen.getByRole('dialog', { name: 'Delete Private Cloud Gateway' })).toBeTruthy()
  })

  it('shows what is left to do in vSphere after a delete', async () => {
    renderPage({
      'GET /v1/overlords': { status: 200, body: list([gatewayFixture('gw-2', 'pcg-prod', 'Error')]) },
      'DELETE /v1/overlords/gw-2': {
        status: 200,
        body: { msg: 'Gateway pcg-prod deleted: delete its virtual machines from vSphere' },
      },
    })
    await userEvent.click((await card('pcg-prod')).getByRole('button', { name: 'Delete' }))
    const dialog = within(screen.getByRole('dialog', { name: 'Delete Private Cloud Gateway' }))
    await userEvent.click(dialog.getByRole('button', { name: 'Delete' }))
    expect(await screen.findByText('Gateway pcg-prod deleted: delete its virtual machines from vSphere')).toBeTruthy()
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })

  it('resizes a Running 1-node gateway to 3 nodes with its configuration as it is', async () => {
    const { requests } = renderPage({
      'GET /v1/overlords': { status: 200, body: list([gatewayFixture('gw-2', 'pcg-prod', 'Running')]) },
      'PUT /v1/overlords/vsphere/gw-2/cloudconfig': { status: 204 },
    })
    await userEvent.click((await card('pcg-prod')).getByRole('button', { name: 'Resize' }))
    const dialog = within(screen.getByRole('dialog', { name: 'Resize Private Cloud Gateway' }))
    await userEvent.click(dialog.getByRole('button', { name: 'Resize to 3 nodes' }))
    await waitFor(() => expect(requests.some((r) => r.method === 'PUT')).toBe(true))
    expect(requests.find((r) => r.method === 'PUT')?.body).toMatchObject({ size: 3, staticIp: false })
  })

  it('shows the events of a provisioning gateway as a timeline, and its IP pools', async () => {
    renderPage({
      'GET /v1/overlords': { status: 200, body: list([gatewayFixture('gw-2', 'pcg-prod', 'Provisioning')]) },
      'GET /v1/overlords/gw-2/events': {
        status: 200,
        body: {
          items: [
            {
              uid: 'e1',
              reason: 'Provisioning',
              message: 'Cloning 1 gateway node',
              severity: 'Normal',
              state: 'Provisioning',
              createdAt: '2026-12-01T10:06:00.000Z',
            },
            {
              message: 'Node pcg-prod-1 is up at 10.10.183.10',
              uid: 'e2',
              reason: 'NodeUp',
              severity: 'Normal',
              createdAt: '2026-12-01T10:08:00.000Z',
            },
          ],
        },
      },
      'GET /v1/overlords/vsphere/gw-2/pools': {
        status: 200,
        body: list([
          {
            metadata: {
              uid: 'p1',
              name: 'lab-pool',
              creationTimestamp: '2026-12-01T10:00:00.000Z',
              lastModifiedTimestamp: '2026-12-01T10:00:00.000Z',
            },
            spec: {
              pool: { start: '10.10.183.10', end: '10.10.183.20' },
              prefix: 24,
              gateway: '10.10.183.1',
              nameserver: { addresses: ['8.8.8.8'] },
              restrictToSingleCluster: false,
            },
            status: {
              allottedIps: ['10.10.183.10', '10.10.183.11'],
              availableIps: 9,
              inUse: true,
              associatedClusters: [{ uid: 'c1', name: 'vs-web' }],
            },
          },
        ]),
      },
    })
    await userEvent.click((await card('pcg-prod')).getByRole('button', { name: 'Details' }))
    const timeline = within(await screen.findByRole('list', { name: 'Event timeline' }))
    expect(await timeline.findByText('Cloning 1 gateway node')).toBeTruthy()
    expect(timeline.getAllByRole('listitem')).toHaveLength(2)
    const pools = within(await screen.findByRole('region', { name: 'IP pools' }))
    expect(await pools.findByText('lab-pool')).toBeTruthy()
    expect(pools.getByText('vs-web')).toBeTruthy()
  })

  it('offers no actions without gateways.manage', async () => {
    renderPage(
      { 'GET /v1/overlords': { status: 200, body: list([gatewayFixture('gw-1', 'pcg-new', 'Pending')]) } },
      'Project Viewer',
    )
    const pending = await card('pcg-new')
    expect(pending.queryByRole('button', { name: 'Configure' })).toBeNull()
    expect(pending.queryByRole('button', { name: 'Delete' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Add New Private Cloud Gateway' })).toBeNull()
  })
})
