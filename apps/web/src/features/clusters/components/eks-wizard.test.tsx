import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { awsInventoryRoutes, me, region } from '../../../test/aws-inventory.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { draftStorageKey } from '../utils/draft-storage.ts'
import { type EksDraft, emptyEksDraft, newEksPool } from '../utils/eks-draft.ts'
import type { TkeStepId } from '../utils/wizard-steps.ts'
import { EksWizard } from './eks-wizard.tsx'

function routes() {
  return {
    ...awsInventoryRoutes(),
    'POST /v1/spectroclusters/eks/validate': { status: 200, body: { valid: true, errors: [], warnings: [] } },
  }
}

/** Starts the wizard on `step` with a draft that has its earlier steps filled, as after a reload. */
function renderAt(step: TkeStepId, change: Partial<EksDraft> = {}) {
  const draft: EksDraft = { ...emptyEksDraft(), name: 'eks-prod', cloudAccountUid: 'acc-1', ...change }
  window.localStorage.setItem(draftStorageKey('eks', me.metadata.uid, 'p-1'), JSON.stringify({ step, draft }))
  return renderWithApp(<EksWizard />, { me, scopeKey: 'p-1', routes: routes() })
}

const validations = <R extends { path: string }>(requests: R[]) =>
  requests.filter((r) => r.path === '/v1/spectroclusters/eks/validate')

describe('EksWizard: Cluster Config', () => {
  beforeEach(() => window.localStorage.clear())

  it('checks the Public Access CIDRs as the user types, and Private hides them', async () => {
    renderAt('config')
    const config = await screen.findByRole('region', { name: 'Cluster Config' })
    const regions = within(config).getByLabelText(/^Region/)
    await within(regions).findByRole('option', { name: region })
    await userEvent.selectOptions(regions, region)
    const cidrs = within(config).getByLabelText(/^Public Access CIDRs/)
    expect((cidrs as HTMLTextAreaElement).value).toBe('0.0.0.0/0')
    await userEvent.clear(cidrs)
    await userEvent.type(cidrs, '198.51.100.9/24')
    expect(
      await within(config).findByText('198.51.100.9/24 has host bits set: did you mean 198.51.100.0/24?'),
    ).toBeTruthy()
    await userEvent.click(within(config).getByRole('radio', { name: 'Private' }))
    expect(within(config).queryByLabelText(/^Public Access CIDRs/)).toBeNull()
    await userEvent.click(within(config).getByRole('radio', { name: 'Private & Public' }))
    expect(within(config).getByLabelText(/^Public Access CIDRs/)).toBeTruthy()
  })

  it('asks for a Virtual Network under Static Placement before asking the server', async () => {
    const { requests } = renderAt('config', { region })
    const config = await screen.findByRole('region', { name: 'Cluster Config' })
    expect(within(config).queryByLabelText(/^Virtual Network/)).toBeNull()
    await userEvent.click(within(config).getByRole('checkbox', { name: 'Static Placement' }))
    const network = within(config).getByLabelText(/^Virtual Network/)
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(await within(config).findByText('Choose a Virtual Network')).toBeTruthy()
    expect(validations(requests)).toHaveLength(0)
    await within(network).findByRole('option', { name: /vpc-0a1/ })
    await userEvent.selectOptions(network, 'vpc-0a1')
    expect(within(config).getByRole('list', { name: 'Subnets of vpc-0a1' }).textContent).toContain('subnet-0a')
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(await screen.findByRole('heading', { name: 'Nodes Config' })).toBeTruthy()
    expect(validations(requests).at(-1)?.body).toMatchObject({
      spec: { cloudConfig: { region, vpcId: 'vpc-0a1', endpointAccess: { public: true, publicCIDRs: ['0.0.0.0/0'] } } },
    })
  })
})

describe('EksWizard: Nodes Config', () => {
  beforeEach(() => window.localStorage.clear())

  it('refuses a spot pool without a bid, a bad taint and a single zone; sends the fixed pool with its bid in USD', async () => {
    const { requests } = renderAt('nodes', { region })
    const nodes = await screen.findByRole('region', { name: 'Nodes Config' })
    const zoneA = await within(nodes).findByRole('checkbox', { name: 'us-east-1a' })
    await userEvent.click(zoneA)
    const types = within(nodes).getByLabelText(/^Instance Type/)
    await within(types).findByRole('option', { name: /m5\.large/ })
    await userEvent.selectOptions(types, 'm5.large')
    await userEvent.click(within(nodes).getByRole('radio', { name: 'On-Spot' }))
    await userEvent.click(within(nodes).getByRole('button', { name: '+ Add Taint' }))
    const taint = within(nodes).getByRole('group', { name: 'Taint 1' })
    await userEvent.type(within(taint).getByLabelText(/^Key/), 'dedicated')
    await userEvent.type(within(taint).getByLabelText(/^Value/), 'no spaces')
    expect(await within(taint).findByText('Invalid taint value')).toBeTruthy()

    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(within(nodes).getByText('On-Spot pools need a max bid')).toBeTruthy()
    expect(within(nodes).getByText(/EKS runs its control plane in at least two Availability Zones/)).toBeTruthy()
    expect(validations(requests)).toHaveLength(0)

    await userEvent.clear(within(taint).getByLabelText(/^Value/))
    await userEvent.type(within(taint).getByLabelText(/^Value/), 'gpu')
    await userEvent.selectOptions(within(taint).getByLabelText(/^Effect/), 'NoExecute')
    await userEvent.click(within(nodes).getByRole('checkbox', { name: 'us-east-1b' }))
    await userEvent.type(within(nodes).getByLabelText(/^Maximum Bid/), '50')
    expect(within(nodes).getByText(/at most 0\.048 USD\/h/)).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(await screen.findByRole('heading', { name: 'Review' })).toBeTruthy()
    expect(validations(requests)[0]?.body).toMatchObject({
      spec: {
        machinepoolconfig: [
          {
            cloudConfig: {
              instanceType: 'm5.large',
              capacityType: 'spot',
              spotMarketOptions: { maxPrice: '0.048' },
              azs: ['us-east-1a', 'us-east-1b'],
              subnets: [],
            },
            poolConfig: { name: 'worker-pool', taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] },
          },
        ],
      },
    })
  })

  it('asks for a subnet in every chosen zone under Static Placement, and checks the node labels', async () => {
    const pool = { ...newEksPool(0), instanceType: 'm5.large', onDemandPrice: 0.096 }
    renderAt('nodes', { region, staticPlacement: true, vpcId: 'vpc-0a1', pools: [pool] })
    const nodes = await screen.findByRole('region', { name: 'Nodes Config' })
    await userEvent.click(await within(nodes).findByRole('checkbox', { name: 'us-east-1a' }))
    // The zone's only private subnet is picked for the user.
    expect((within(nodes).getByLabelText(/^Subnet for us-east-1a/) as HTMLSelectElement).value).toBe('subnet-0a')
    await userEvent.click(within(nodes).getByRole('checkbox', { name: 'us-east-1b' }))
    await userEvent.selectOptions(within(nodes).getByLabelText(/^Subnet for us-east-1b/), '')
    await userEvent.type(within(nodes).getByLabelText(/^Labels/), 'team platform')
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(within(nodes).getByText('Choose a subnet in us-east-1b')).toBeTruthy()
    expect(within(nodes).getByText('Write each label as key: value (team platform)')).toBeTruthy()
  })

  it('checks the pool against the AWS inventory as the user types: an instance type not offered in a zone', async () => {
    const { requests } = renderAt('nodes', { region })
    const nodes = await screen.findByRole('region', { name: 'Nodes Config' })
    await userEvent.click(await within(nodes).findByRole('checkbox', { name: 'us-east-1a' }))
    const types = within(nodes).getByLabelText(/^Instance Type/)
    await within(types).findByRole('option', { name: /r5\.large/ })
    await userEvent.selectOptions(types, 'r5.large')
    await userEvent.click(within(nodes).getByRole('checkbox', { name: 'us-east-1b' }))
    expect(await within(nodes).findByText('Instance type r5.large is not offered in us-east-1b')).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(screen.getByRole('heading', { name: 'Nodes Config' })).toBeTruthy()
    expect(validations(requests)).toHaveLength(0)
  })
})
