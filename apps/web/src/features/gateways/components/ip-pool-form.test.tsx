import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { FakeAnswer } from '../../../test/fake-fetch.ts'
import { userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { IpPoolForm } from './ip-pool-form.tsx'

async function type(input: HTMLElement, text: string) {
  await userEvent.click(input)
  await userEvent.paste(text)
}

function renderForm(routes: Record<string, FakeAnswer> = {}) {
  const onSaved = vi.fn()
  const rendered = renderWithApp(<IpPoolForm gatewayUid="gw-1" onSaved={onSaved} onCancel={() => {}} />, {
    me: userMe([{ role: 'Tenant Admin' }]),
    routes,
  })
  return { ...rendered, onSaved, ui: within(screen.getByRole('form', { name: 'New IP pool' })) }
}

describe('IpPoolForm', { timeout: 30_000 }, () => {
  it('checks every field as the user types', async () => {
    const { ui, requests } = renderForm()
    await type(ui.getByLabelText('Start'), '10.10.183.300')
    expect(await ui.findByText('Start 10.10.183.300 is not an IPv4 address, e.g. 10.10.183.1')).toBeTruthy()
    await userEvent.clear(ui.getByLabelText('Start'))
    await type(ui.getByLabelText('Start'), '10.10.183.50')
    await waitFor(() => expect(ui.queryByText(/is not an IPv4 address/)).toBeNull())

    await type(ui.getByLabelText('End'), '10.10.183.20')
    expect(await ui.findByText('End 10.10.183.20 comes before Start 10.10.183.50')).toBeTruthy()
    await userEvent.clear(ui.getByLabelText('End'))
    await type(ui.getByLabelText('End'), '10.10.183.100')
    await waitFor(() => expect(ui.queryByText(/comes before Start/)).toBeNull())

    await type(ui.getByLabelText('Subnet Prefix'), '40')
    expect(await ui.findByText('Subnet Prefix is a number from 1 to 32, e.g. 18')).toBeTruthy()
    await userEvent.clear(ui.getByLabelText('Subnet Prefix'))
    await type(ui.getByLabelText('Subnet Prefix'), '24')

    await type(ui.getByLabelText('Gateway'), '10.20.0.1')
    expect(await ui.findByText("Start 10.10.183.50 is outside the Gateway's network 10.20.0.0/24")).toBeTruthy()
    await userEvent.clear(ui.getByLabelText('Gateway'))
    await type(ui.getByLabelText('Gateway'), '10.10.183.1')
    await waitFor(() => expect(ui.queryByText(/outside the Gateway's network/)).toBeNull())

    await type(ui.getByLabelText('Name server addresses'), '8.8.8.8, dns.example')
    expect(await ui.findByText('Name server dns.example is not an IPv4 address, e.g. 8.8.8.8')).toBeTruthy()

    await userEvent.click(ui.getByRole('radio', { name: 'Subnet' }))
    expect(ui.queryByLabelText('Start')).toBeNull()
    await type(ui.getByRole('textbox', { name: 'Subnet' }), '10.10.183.64/40')
    expect(await ui.findByText('Subnet 10.10.183.64/40 is not an IPv4 CIDR, e.g. 10.10.183.64/26')).toBeTruthy()

    await userEvent.click(ui.getByRole('button', { name: 'Create IP pool' }))
    expect(ui.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true')
    expect(ui.getByText('Name is required')).toBeTruthy()
    expect(requests.filter((r) => r.method === 'POST')).toEqual([])
  })

  it('creates a subnet pool restricted to a single cluster, and puts server field errors on the inputs', async () => {
    let calls = 0
    const { ui, requests, onSaved } = renderForm({
      'POST /v1/overlords/vsphere/gw-1/pools': () => {
        calls++
        return calls === 1
          ? {
              status: 400,
              body: {
                code: 'ValidationFailed',
                message: 'The IP pool is not valid',
                details: [{ path: 'metadata.name', message: 'An IP pool named lab already exists' }],
                ref: 'r-9',
              },
            }
          : { status: 201, body: { uid: 'pool-9' } }
      },
    })
    await type(ui.getByLabelText('Name'), 'lab')
    await userEvent.click(ui.getByRole('radio', { name: 'Subnet' }))
    await type(ui.getByRole('textbox', { name: 'Subnet' }), '10.10.183.64/26')
    await type(ui.getByLabelText('Subnet Prefix'), '/18')
    await type(ui.getByLabelText('Gateway'), '10.10.128.1')
    await type(ui.getByLabelText('Name server addresses'), '8.8.8.8, 8.8.4.4')
    await userEvent.click(ui.getByLabelText('Restrict to a Single Cluster'))
    await userEvent.click(ui.getByRole('button', { name: 'Create IP pool' }))

    expect(await ui.findByText('An IP pool named lab already exists')).toBeTruthy()
    await userEvent.clear(ui.getByLabelText('Name'))
    await type(ui.getByLabelText('Name'), 'lab-2')
    await userEvent.click(ui.getByRole('button', { name: 'Create IP pool' }))
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('pool-9', 'lab-2'))
    expect(requests.filter((r) => r.method === 'POST').at(-1)?.body).toEqual({
      metadata: { name: 'lab-2' },
      spec: {
        pool: { subnet: '10.10.183.64/26' },
        prefix: 18,
        gateway: '10.10.128.1',
        nameserver: { addresses: ['8.8.8.8', '8.8.4.4'] },
        restrictToSingleCluster: true,
      },
    })
  })

  it('refuses a range overlapping another pool of the gateway, with the shared checkIpPool rules', async () => {
    const { ui } = renderForm({
      'GET /v1/overlords/vsphere/gw-1/pools': {
        status: 200,
        body: {
          items: [
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
                nameserver: { addresses: [] },
                restrictToSingleCluster: false,
              },
              status: { allottedIps: [], availableIps: 11, inUse: false, associatedClusters: [] },
            },
          ],
        },
      },
    })
    await type(ui.getByLabelText('End'), '10.10.183.30')
    await type(ui.getByLabelText('Start'), '10.10.183.15')
    expect(await ui.findByText("Overlaps the gateway's IP pool lab-pool (10.10.183.10 – 10.10.183.20)")).toBeTruthy()
  })
})
