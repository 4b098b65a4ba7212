import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { FakeAnswer, RecordedRequest } from '../../../test/fake-fetch.ts'
import { list, userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { gatewayFixture } from '../test/gateway-fixtures.ts'
import { ConfigureGatewayDialog } from './configure-gateway-dialog.tsx'

const base = '/v1/overlords/vsphere/gw-1'
const items = (...names: string[]) => ({ status: 200, body: { items: names.map((n) => ({ id: `id-${n}`, name: n })) } })

/** vCenter inventory as the gateway answers it: what is inside depends on the parents asked for. */
const inventory: Record<string, FakeAnswer> = {
  [`GET ${base}/properties/datacenters`]: items('dc1', 'dc2'),
  [`GET ${base}/properties/computeclusters`]: (r: RecordedRequest) =>
    r.query.get('datacenter') === 'dc1' ? items('cc1', 'cc2') : items('cc-east'),
  [`GET ${base}/properties/folders`]: (r: RecordedRequest) => items(`${r.query.get('datacenter')}-folder`),
  [`GET ${base}/properties/datastores`]: (r: RecordedRequest) =>
    items(`${r.query.get('datacenter')}/${r.query.get('computecluster')}-ds`),
  [`GET ${base}/properties/networks`]: items('VM Network'),
  [`GET ${base}/properties/resourcepools`]: items('rp1'),
  [`GET ${base}/pools`]: { status: 200, body: list([]) },
}

async function type(input: HTMLElement, text: string) {
  await userEvent.click(input)
  await userEvent.paste(text)
}

function renderWizard(routes: Record<string, FakeAnswer>) {
  const onClose = vi.fn()
  const rendered = renderWithApp(
    <ConfigureGatewayDialog gateway={gatewayFixture('gw-1', 'pcg-lab', 'Pending')} onClose={onClose} />,
    { me: userMe([{ role: 'Tenant Admin' }]), routes: { ...inventory, ...routes } },
  )
  const ui = within(screen.getByRole('dialog', { name: 'Configure Private Cloud Gateway pcg-lab' }))
  return { ...rendered, onClose, ui }
}

async function passAccountStep(ui: ReturnType<typeof within>) {
  await type(ui.getByLabelText('vCenter Server'), 'vcenter.example.com')
  await type(ui.getByLabelText('Username'), 'admin@vsphere.local')
  await type(ui.getByLabelText('Password'), 'secret')
  await userEvent.click(ui.getByRole('button', { name: 'Validate and continue' }))
  await ui.findByRole('option', { name: 'dc1' })
}

async function fillPlacement(ui: ReturnType<typeof within>) {
  await userEvent.selectOptions(ui.getByRole('combobox', { name: 'Datacenter' }), 'dc1')
  await ui.findByRole('option', { name: 'cc1' })
  await userEvent.selectOptions(ui.getByRole('combobox', { name: 'Compute Cluster' }), 'cc1')
  await ui.findByRole('option', { name: 'dc1/cc1-ds' })
  await userEvent.selectOptions(ui.getByRole('combobox', { name: 'Datastore' }), 'dc1/cc1-ds')
  await userEvent.selectOptions(ui.getByRole('combobox', { name: 'Network' }), 'VM Network')
  await userEvent.selectOptions(ui.getByRole('combobox', { name: 'Resource Pool' }), 'rp1')
  await userEvent.selectOptions(ui.getByRole('combobox', { name: 'Folder' }), 'dc1-folder')
}

describe('ConfigureGatewayDialog', { timeout: 30_000 }, () => {
  it("checks the vCenter credentials as typed and shows the gateway's refusal", async () => {
    const { ui, requests } = renderWizard({
      [`POST ${base}/account`]: {
        status: 422,
        body: { code: 'InvalidCredentials', message: 'vCenter refused the user name or password', ref: 'r-1' },
      },
    })
    const server = ui.getByLabelText('vCenter Server')
    await type(server, 'x')
    await userEvent.clear(server)
    expect(server.getAttribute('aria-invalid')).toBe('true')

    await type(server, 'vcenter.example.com')
    await type(ui.getByLabelText('Username'), 'admin')
    await type(ui.getByLabelText('Password'), 'wrong')
    await userEvent.click(ui.getByLabelText('Use self-signed certificate'))
    await userEvent.click(ui.getByRole('button', { name: 'Validate and continue' }))

    expect(await ui.findByText('vCenter refused the user name or password')).toBeTruthy()
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      account: { vcenterServer: 'vcenter.example.com', username: 'admin', password: 'wrong', insecure: true },
    })
    expect(ui.queryByRole('combobox', { name: 'Datacenter' })).toBeNull()
  })

  it('feeds each drop-down from its parents and resets the dependent ones when a parent changes', async () => {
    const { ui, requests } = renderWizard({ [`POST ${base}/account`]: { status: 204 } })
    await passAccountStep(ui)

    const datacenter = ui.getByRole('combobox', { name: 'Datacenter' })
    const computeCluster = ui.getByRole('combobox', { name: 'Compute Cluster' }) as HTMLSelectElement
    const datastore = ui.getByRole('combobox', { name: 'Datastore' }) as HTMLSelectElement
    expect(computeCluster.disabled).toBe(true)
    expect(datastore.disabled).toBe(true)

    await userEvent.selectOptions(datacenter, 'dc1')
    await ui.findByRole('option', { name: 'cc1' })
    expect(ui.getByRole('option', { name: 'dc1-folder' })).toBeTruthy()
    await userEvent.selectOptions(computeCluster, 'cc1')
    await ui.findByRole('option', { name: 'dc1/cc1-ds' })
    await userEvent.selectOptions(datastore, 'dc1/cc1-ds')
    expect(datastore.value).toBe('dc1/cc1-ds')
    const dsCall = requests.find((r) => r.path.endsWith('/properties/datastores'))
    expect(dsCall?.query.get('datacenter')).toBe('dc1')
    expect(dsCall?.query.get('computecluster')).toBe('cc1')

    await userEvent.selectOptions(datacenter, 'dc2')
    expect(computeCluster.value).toBe('')
    expect(datastore.value).toBe('')
    expect(datastore.disabled).toBe(true)
    await ui.findByRole('option', { name: 'cc-east' })
    expect(ui.queryByRole('option', { name: 'cc1' })).toBeNull()
    expect(ui.queryByRole('option', { name: 'dc1-folder' })).toBeNull()
  })

  it('asks for an IP pool as soon as Static IP is chosen, creates one on the spot, and confirms', async () => {
    const { ui, requests, onClose } = renderWizard({
      [`POST ${base}/account`]: { status: 204 },
      [`POST ${base}/pools`]: { status: 201, body: { uid: 'pool-1' } },
      [`POST ${base}/cloudconfig`]: { status: 204 },
    })
    await passAccountStep(ui)
    await fillPlacement(ui)

    await userEvent.click(ui.getByRole('radio', { name: 'Static IP' }))
    expect(await ui.findByText('Static IP needs an IP pool: create or choose one')).toBeTruthy()
    await userEvent.click(ui.getByRole('button', { name: 'Next' }))
    expect(ui.queryByRole('button', { name: 'Confirm' })).toBeNull()

    await userEvent.click(ui.getByRole('button', { name: '+ Create IP Pool' }))
    const poolForm = within(ui.getByRole('form', { name: 'New IP pool' }))
    await type(poolForm.getByLabelText('Name'), 'lab-pool')
    await type(poolForm.getByLabelText('Start'), '10.10.183.10')
    await type(poolForm.getByLabelText('End'), '10.10.183.20')
    await type(poolForm.getByLabelText('Subnet Prefix'), '24')
    await type(poolForm.getByLabelText('Gateway'), '10.10.183.1')
    await userEvent.click(poolForm.getByRole('button', { name: 'Create IP pool' }))

    await waitFor(() => expect(ui.queryByText('Static IP needs an IP pool: create or choose one')).toBeNull())
    expect((ui.getByRole('combobox', { name: 'IP Pool' }) as HTMLSelectElement).value).toBe('pool-1')
    await userEvent.click(ui.getByRole('radio', { name: /^3 nodes/ }))
    await userEvent.click(ui.getByRole('button', { name: 'Next' }))
    await userEvent.click(await ui.findByRole('button', { name: 'Confirm' }))

    await waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(requests.find((r) => r.method === 'POST' && r.path.endsWith('/cloudconfig'))?.body).toEqual({
      placement: {
        datacenter: 'dc1',
        computecluster: 'cc1',
        datastore: 'dc1/cc1-ds',
        network: 'VM Network',
        resourcePool: 'rp1',
        folder: 'dc1-folder',
      },
      sshKeys: [],
      ntpServers: [],
      staticIp: true,
      ipPoolUid: 'pool-1',
      size: 3,
    })
  })

  it("puts the server's field errors of Confirm back on the placement inputs", async () => {
    const { ui, onClose } = renderWizard({
      [`POST ${base}/account`]: { status: 204 },
      [`POST ${base}/cloudconfig`]: {
        status: 400,
        body: {
          code: 'ValidationFailed',
          message: 'The configuration is not valid',
          details: [
            { path: 'placement.datastore', message: 'Datastore dc1/cc1-ds has no free space' },
            { path: 'ntpServers.0', message: 'NTP server ntp.invalid does not resolve' },
            { path: 'staticIp', message: 'Static IP is not available yet' },
          ],
          ref: 'r-4',
        },
      },
    })
    await passAccountStep(ui)
    await fillPlacement(ui)
    await type(ui.getByLabelText('NTP Servers'), 'ntp.invalid')
    await userEvent.click(ui.getByRole('button', { name: 'Next' }))
    await userEvent.click(await ui.findByRole('button', { name: 'Confirm' }))

    expect(await ui.findByText('Datastore dc1/cc1-ds has no free space')).toBeTruthy()
    expect(ui.getByRole('combobox', { name: 'Datastore' }).getAttribute('aria-invalid')).toBe('true')
    expect(ui.getByText('NTP server ntp.invalid does not resolve')).toBeTruthy()
    expect(ui.getByText('Static IP is not available yet')).toBeTruthy()
    expect(ui.queryByRole('button', { name: 'Confirm' })).toBeNull()
    expect(onClose).not.toHaveBeenCalled()
  })
})
