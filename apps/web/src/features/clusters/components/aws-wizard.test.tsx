import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { awsInventoryRoutes, me, region } from '../../../test/aws-inventory.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { type AwsDraft, emptyAwsDraft } from '../utils/aws-draft.ts'
import { draftStorageKey } from '../utils/draft-storage.ts'
import type { TkeStepId } from '../utils/wizard-steps.ts'
import { AwsWizard } from './aws-wizard.tsx'

const validatePath = '/v1/spectroclusters/aws/validate'
const tagWarning = {
  path: 'spec.machinepoolconfig.0.cloudConfig.subnets.0.id',
  message: 'Subnet subnet-0a (private) lacks the tags load balancers discover it by: kubernetes.io/role/internal-elb=1',
}
const storageKey = draftStorageKey('aws', me.metadata.uid, 'p-1')

/** Starts the wizard on `step` with a draft that has its earlier steps filled, as after a reload. */
function renderAt(step: TkeStepId, change: Partial<AwsDraft> = {}, warnings: unknown[] = []) {
  const draft: AwsDraft = { ...emptyAwsDraft(), name: 'aws-prod', cloudAccountUid: 'acc-1', ...change }
  window.localStorage.setItem(storageKey, JSON.stringify({ step, draft }))
  return renderWithApp(<AwsWizard />, {
    me,
    scopeKey: 'p-1',
    routes: {
      ...awsInventoryRoutes(),
      [`POST ${validatePath}`]: { status: 200, body: { valid: true, errors: [], warnings } },
    },
  })
}

const validations = <R extends { path: string }>(requests: R[]) => requests.filter((r) => r.path === validatePath)
const next = () => userEvent.click(screen.getByRole('button', { name: 'Next' }))

describe('AwsWizard: Cluster Config', () => {
  beforeEach(() => window.localStorage.clear())

  it('maps Static Placement subnets to the pools, warns of missing load balancer tags, and sends the placement', async () => {
    const { requests } = renderAt('config', { region })
    const config = await screen.findByRole('region', { name: 'Cluster Config' })
    expect(within(config).queryByLabelText(/^Virtual Network/)).toBeNull()
    await userEvent.click(within(config).getByRole('checkbox', { name: 'Static Placement' }))
    await next()
    expect(await within(config).findByText('Choose a Virtual Network')).toBeTruthy()
    expect(validations(requests)).toHaveLength(0)

    const network = within(config).getByLabelText(/^Virtual Network/)
    await within(network).findByRole('option', { name: /vpc-0a1/ })
    await userEvent.selectOptions(network, 'vpc-0a1')
    expect(within(config).getByRole('note', { name: 'Subnet tags' }).textContent).toContain(
      'kubernetes.io/role/elb = 1',
    )
    await userEvent.selectOptions(within(config).getByLabelText(/^Control plane Subnet/), 'subnet-0a')
    await userEvent.selectOptions(within(config).getByLabelText(/^Worker Network/), 'subnet-0b')
    expect(within(config).getByText(/Subnet subnet-0a \(private\) lacks the tags/)).toBeTruthy()
    await userEvent.click(within(config).getByRole('checkbox', { name: 'Update Worker Pools in parallel' }))
    await next()
    expect(await screen.findByRole('heading', { name: 'Nodes Config' })).toBeTruthy()
    expect(validations(requests).at(-1)?.body).toMatchObject({
      spec: {
        cloudConfig: { region, vpcId: 'vpc-0a1' },
        clusterConfig: { updateWorkerPoolsInParallel: false },
        machinepoolconfig: [
          {
            cloudConfig: { azs: ['us-east-1a'], subnets: [{ id: 'subnet-0a', az: 'us-east-1a' }] },
            poolConfig: { isControlPlane: true },
          },
          {
            cloudConfig: { azs: ['us-east-1b'], subnets: [{ id: 'subnet-0b', az: 'us-east-1b' }] },
            poolConfig: { isControlPlane: false },
          },
        ],
      },
    })
    // The subnet chosen for the zone shows in Nodes Config too, with its warning.
    const nodes = screen.getByRole('region', { name: 'Nodes Config' })
    const master = within(nodes).getByRole('group', { name: 'Master pool' })
    expect((within(master).getByLabelText(/^Subnet for us-east-1a/) as HTMLSelectElement).value).toBe('subnet-0a')
    expect(within(master).getByText(/Subnet subnet-0a \(private\) lacks the tags/)).toBeTruthy()
  })
})

describe('AwsWizard: Nodes Config', () => {
  beforeEach(() => window.localStorage.clear())

  it('checks the master pool size and worker capability as the user types', async () => {
    const { requests } = renderAt('nodes', { region })
    const nodes = await screen.findByRole('region', { name: 'Nodes Config' })
    const master = within(nodes).getByRole('group', { name: 'Master pool' })
    expect(within(master).queryByRole('radio', { name: 'On-Spot' })).toBeNull()
    const size = within(master).getByLabelText(/^Size/)
    await userEvent.clear(size)
    await userEvent.type(size, '2')
    expect(await within(master).findByText('The control plane pool has 1, 3 or 5 nodes')).toBeTruthy()
    await userEvent.clear(size)
    await userEvent.type(size, '3')
    expect(within(master).queryByText('The control plane pool has 1, 3 or 5 nodes')).toBeNull()

    await userEvent.click(within(nodes).getByRole('button', { name: 'Remove worker pool 1' }))
    await next()
    expect(
      within(nodes).getByText('Add a worker pool, or allow worker capability on the control plane pool'),
    ).toBeTruthy()
    await userEvent.click(within(master).getByRole('checkbox', { name: 'Allow worker capability' }))
    expect(
      within(nodes).queryByText('Add a worker pool, or allow worker capability on the control plane pool'),
    ).toBeNull()
    expect(validations(requests)).toHaveLength(0)
  })

  it('sends both pools with Rolling Update, labels, taints and the spot bid in USD; Review shows them and the warnings; Back keeps them', async () => {
    const { requests } = renderAt('nodes', { region }, [tagWarning])
    const nodes = await screen.findByRole('region', { name: 'Nodes Config' })
    const master = within(nodes).getByRole('group', { name: 'Master pool' })
    await userEvent.click(await within(master).findByRole('checkbox', { name: 'us-east-1a' }))
    const masterTypes = within(master).getByLabelText(/^Instance Type/)
    await within(masterTypes).findByRole('option', { name: /m5\.large · 2 vCPU · 8 GiB · 0\.096 USD\/h/ })
    await userEvent.selectOptions(masterTypes, 'm5.large')
    const size = within(master).getByLabelText(/^Size/)
    await userEvent.clear(size)
    await userEvent.type(size, '3')

    const worker = within(nodes).getByRole('group', { name: 'Worker pool 1' })
    await userEvent.click(within(worker).getByRole('checkbox', { name: 'us-east-1a' }))
    await userEvent.click(within(worker).getByRole('checkbox', { name: 'us-east-1b' }))
    await userEvent.selectOptions(within(worker).getByLabelText(/^Instance Type/), 'm5.large')
    await userEvent.click(within(worker).getByRole('radio', { name: 'Contract First' }))
    await userEvent.type(within(worker).getByLabelText(/^Labels/), 'team: data')
    await userEvent.click(within(worker).getByRole('button', { name: '+ Add Taint' }))
    const taint = within(worker).getByRole('group', { name: 'Taint 1' })
    await userEvent.type(within(taint).getByLabelText(/^Key/), 'dedicated')
    await userEvent.type(within(taint).getByLabelText(/^Value/), 'batch')
    await userEvent.click(within(worker).getByRole('radio', { name: 'On-Spot' }))
    await next()
    expect(within(worker).getByText('On-Spot pools need a max bid')).toBeTruthy()
    expect(validations(requests)).toHaveLength(0)
    await userEvent.type(within(worker).getByLabelText(/^Maximum Bid/), '50')
    await next()

    expect(await screen.findByRole('heading', { name: 'Review' })).toBeTruthy()
    expect(validations(requests)[0]?.body).toMatchObject({
      metadata: { name: 'aws-prod' },
      spec: {
        cloudConfig: { region },
        clusterConfig: { updateWorkerPoolsInParallel: true },
        machinepoolconfig: [
          {
            cloudConfig: { instanceType: 'm5.large', azs: ['us-east-1a'], capacityType: 'on-demand', subnets: [] },
            poolConfig: {
              name: 'master-pool',
              size: 3,
              isControlPlane: true,
              useControlPlaneAsWorker: false,
              labels: ['master'],
              updateStrategy: { type: 'RollingUpdateScaleOut' },
            },
          },
          {
            cloudConfig: {
              instanceType: 'm5.large',
              azs: ['us-east-1a', 'us-east-1b'],
              capacityType: 'spot',
              spotMarketOptions: { maxPrice: '0.048' },
            },
            poolConfig: {
              name: 'worker-pool',
              size: 1,
              isControlPlane: false,
              additionalLabels: { team: 'data' },
              taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }],
              updateStrategy: { type: 'RollingUpdateScaleIn' },
            },
          },
        ],
      },
    })
    const review = screen.getByRole('region', { name: 'Review' })
    expect(within(review).getByRole('list', { name: 'Warnings' }).textContent).toContain(tagWarning.message)
    const workerReview = within(review).getByLabelText('Worker pool worker-pool')
    expect(workerReview.textContent).toContain('Contract First')
    expect(workerReview.textContent).toContain('On-Spot, max bid 0.048 USD/h')
    expect(within(review).getByLabelText('Master pool master-pool').textContent).toContain('Expand First')

    // Back keeps what was typed, and the draft is stored for a reload.
    await userEvent.click(screen.getByRole('button', { name: 'Back' }))
    const again = await screen.findByRole('region', { name: 'Nodes Config' })
    expect((within(again).getAllByLabelText(/^Size/)[0] as HTMLInputElement).value).toBe('3')
    const stored = JSON.parse(window.localStorage.getItem(storageKey) ?? '{}') as { step: string; draft: AwsDraft }
    expect(stored.step).toBe('nodes')
    expect(stored.draft.pools[1]?.updateStrategy).toBe('RollingUpdateScaleIn')
  })
})
