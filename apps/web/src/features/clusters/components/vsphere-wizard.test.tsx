import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { RecordedRequest } from '../../../test/fake-fetch.ts'
import { list, metadata, userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { draftStorageKey } from '../utils/draft-storage.ts'
import { emptyVsphereDraft, newVsphereDomain, type VsphereDraft } from '../utils/vsphere-draft.ts'
import type { TkeStepId } from '../utils/wizard-steps.ts'
import { VsphereWizard } from './vsphere-wizard.tsx'

const me = userMe([{ role: 'Project Editor', projectUid: 'p-1', projectName: 'payments' }])
const account = {
  metadata: {
    ...metadata('acc-v', 'dc1-gateway'),
    annotations: { scope: 'tenant', overlordUid: 'gw-1', gatewayAccount: true },
  },
  spec: {
    vcenterServer: 'vcenter.lab.local',
    username: 'administrator@vsphere.local',
    password: '********',
    insecure: false,
  },
  status: {},
}
const ipPool = (uid: string, name: string, availableIps: number) => ({
  metadata: { ...metadata(uid, name) },
  spec: {
    pool: { start: '10.10.100.10', end: '10.10.100.29' },
    prefix: 24,
    gateway: '10.10.100.1',
    nameserver: { addresses: [] },
    restrictToSingleCluster: false,
  },
  status: { allottedIps: [], availableIps, associatedClusters: [], inUse: false },
})

/** vCenter as the gateway answers it: names depend on the datacenter and the compute cluster asked about. */
function property(req: RecordedRequest) {
  const what = req.path.split('/').pop()
  const names: Record<string, string[]> = {
    datacenters: ['Datacenter'],
    folders: ['/Datacenter/vm/spectro', '/Datacenter/vm/spectro/clusters'],
    computeclusters: ['Cluster1', 'Cluster2'],
    datastores: ['vsanDatastore'],
    networks: ['VM Network'],
    resourcepools: [`palette-${req.query.get('computecluster')}`],
  }
  return { status: 200, body: { items: (names[what ?? ''] ?? []).map((name) => ({ id: name, name })) } }
}

function routes() {
  return {
    'GET /v1/users/me': { status: 200, body: me },
    'GET /v1/cloudaccounts/vsphere': { status: 200, body: list([account]) },
    ...Object.fromEntries(
      ['datacenters', 'folders', 'computeclusters', 'datastores', 'networks', 'resourcepools'].map((what) => [
        `GET /v1/cloudaccounts/vsphere/acc-v/properties/${what}`,
        property,
      ]),
    ),
    'GET /v1/cloudaccounts/vsphere/acc-v/ippools': {
      status: 200,
      body: { items: [ipPool('pool-a', 'lab-range', 20), ipPool('pool-b', 'tiny', 3)] },
    },
    'POST /v1/spectroclusters/vsphere/validate': { status: 200, body: { valid: true, errors: [], warnings: [] } },
    'POST /v1/spectroclusters/vsphere': { status: 201, body: { uid: 'c-1' } },
  }
}

const sshKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBz3 ops@example.com'

function renderAt(step: TkeStepId, change: Partial<VsphereDraft> = {}) {
  const draft: VsphereDraft = {
    ...emptyVsphereDraft(),
    name: 'edge',
    cloudAccountUid: 'acc-v',
    profileUid: 'prof-1',
    ...change,
  }
  window.localStorage.setItem(draftStorageKey('vsphere', me.metadata.uid, 'p-1'), JSON.stringify({ step, draft }))
  return renderWithApp(<VsphereWizard />, { me, scopeKey: 'p-1', routes: routes() })
}

const validations = (requests: RecordedRequest[]) =>
  requests.filter((r) => r.path === '/v1/spectroclusters/vsphere/validate')

async function choose(scope: HTMLElement, label: RegExp, value: string) {
  const select = within(scope).getByLabelText(label)
  await within(select).findByRole('option', { name: value })
  await userEvent.selectOptions(select, value)
}

describe('VsphereWizard: Cluster Config', () => {
  beforeEach(() => window.localStorage.clear())

  it('lists the datacenter and its folders from vCenter, needs an SSH key, and sends the placement', async () => {
    const { requests } = renderAt('config')
    const config = await screen.findByRole('region', { name: 'Cluster Config' })
    expect(within(config).getByLabelText(/^Folder/).textContent).toContain('Choose a Datacenter first')
    await choose(config, /^Datacenter/, 'Datacenter')
    await choose(config, /^Folder/, '/Datacenter/vm/spectro/clusters')
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(within(config).getByText('Add at least one SSH key')).toBeTruthy()
    await userEvent.type(within(config).getByLabelText(/^SSH Keys/), 'not a key')
    expect(await within(config).findByText('Paste an OpenSSH public key (ssh-ed25519 …, ssh-rsa …)')).toBeTruthy()
    expect(validations(requests)).toHaveLength(0)
    await userEvent.clear(within(config).getByLabelText(/^SSH Keys/))
    await userEvent.type(within(config).getByLabelText(/^SSH Keys/), sshKey)
    await userEvent.click(within(config).getByRole('radio', { name: 'Static IP' }))
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(await screen.findByRole('heading', { name: 'Nodes Config' })).toBeTruthy()
    expect(validations(requests).at(-1)?.body).toMatchObject({
      spec: {
        cloudConfig: {
          placement: { datacenter: 'Datacenter', folder: '/Datacenter/vm/spectro/clusters' },
          sshKeys: [sshKey],
          ntpServers: [],
          staticIp: true,
        },
      },
    })
  })
})

describe('VsphereWizard: Nodes Config', () => {
  beforeEach(() => window.localStorage.clear())
  const placed = { datacenter: 'Datacenter', folder: '/Datacenter/vm/spectro', sshKeys: sshKey }

  it('asks an IP pool of every placement domain with Static IP, holds the master pool to 1, 3 or 5, and spreads workers over two domains', async () => {
    const { requests } = renderAt('nodes', { ...placed, staticIp: true })
    const nodes = await screen.findByRole('region', { name: 'Nodes Config' })
    const master = within(nodes).getByRole('group', { name: 'Master pool' })
    const workers = within(nodes).getByRole('group', { name: 'Worker pool 1' })
    expect(within(master).queryByRole('button', { name: '+ Add Placement Domain' })).toBeNull()

    const fill = async (domain: HTMLElement, cluster: string, pool: string) => {
      await choose(domain, /^Compute Cluster/, cluster)
      await choose(domain, /^Datastore/, 'vsanDatastore')
      await choose(domain, /^Network/, 'VM Network')
      await choose(domain, /^Resource Pool/, `palette-${cluster}`)
      if (pool) await choose(domain, /^IP Pool/, pool)
    }
    await fill(within(master).getByRole('group', { name: 'Placement domain 1' }), 'Cluster1', 'lab-range')
    await fill(within(workers).getByRole('group', { name: 'Placement domain 1' }), 'Cluster1', '')
    await userEvent.click(within(workers).getByRole('button', { name: '+ Add Placement Domain' }))
    await fill(within(workers).getByRole('group', { name: 'Placement domain 2' }), 'Cluster2', 'lab-range')
    await userEvent.clear(within(workers).getByLabelText(/^Size/))
    await userEvent.type(within(workers).getByLabelText(/^Size/), '3')
    expect(within(workers).getByText('Nodes are spread round-robin: domain 1: 2, domain 2: 1')).toBeTruthy()
    await userEvent.clear(within(master).getByLabelText(/^Size/))
    await userEvent.type(within(master).getByLabelText(/^Size/), '2')

    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(within(master).getByText('The master pool has 1, 3 or 5 nodes')).toBeTruthy()
    expect(within(workers).getByText('Static IP needs an IP Pool')).toBeTruthy()
    expect(validations(requests)).toHaveLength(0)

    // A pool with 3 free addresses is too small for 2 nodes (+ 3): said at the field, as the user chooses it.
    await choose(within(workers).getByRole('group', { name: 'Placement domain 1' }), /^IP Pool/, 'tiny')
    expect(
      await within(workers).findByText('IP pool tiny has 3 free addresses; 2 nodes need at least 5 (nodes + 3)'),
    ).toBeTruthy()
    await choose(within(workers).getByRole('group', { name: 'Placement domain 1' }), /^IP Pool/, 'lab-range')
    await userEvent.clear(within(master).getByLabelText(/^Size/))
    await userEvent.type(within(master).getByLabelText(/^Size/), '3')
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(await screen.findByRole('heading', { name: 'Review' })).toBeTruthy()

    const domain = (cluster: string) => ({
      cluster,
      datastore: 'vsanDatastore',
      resourcePool: `palette-${cluster}`,
      network: { networkName: 'VM Network', parentPoolUid: 'pool-a', staticIp: true },
    })
    expect(validations(requests)[0]?.body).toMatchObject({
      spec: {
        cloudAccountUid: 'acc-v',
        machinepoolconfig: [
          {
            cloudConfig: {
              instanceType: { numCPUs: 4, memoryMiB: 8192, diskGiB: 60 },
              placements: [domain('Cluster1')],
            },
            poolConfig: { name: 'master-pool', size: 3, isControlPlane: true, useControlPlaneAsWorker: false },
          },
          {
            cloudConfig: { placements: [domain('Cluster1'), domain('Cluster2')] },
            poolConfig: { name: 'worker-pool', size: 3, isControlPlane: false },
          },
        ],
      },
    })

    // Review shows the server's verdict; Deploy creates the cluster.
    const review = screen.getByRole('region', { name: 'Review' })
    expect(await within(review).findByText('The server accepts this cluster.')).toBeTruthy()
    expect(within(review).getByText('Static IP')).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Deploy' }))
    await vi.waitFor(() =>
      expect(requests.filter((r) => r.method === 'POST' && r.path === '/v1/spectroclusters/vsphere')).toHaveLength(1),
    )
  })

  it('sends no IP pool with DHCP and takes memory in GiB', async () => {
    const domain = { ...newVsphereDomain(), cluster: 'Cluster1', datastore: 'vsanDatastore', network: 'VM Network' }
    const pools = emptyVsphereDraft().pools.map((p) => ({
      ...p,
      domains: [{ ...domain, resourcePool: 'palette-Cluster1', ipPoolUid: 'pool-a' }],
    }))
    const { requests } = renderAt('nodes', { ...placed, pools })
    const nodes = await screen.findByRole('region', { name: 'Nodes Config' })
    expect(within(nodes).queryByLabelText(/^IP Pool/)).toBeNull()
    const workers = within(nodes).getByRole('group', { name: 'Worker pool 1' })
    await userEvent.clear(within(workers).getByLabelText(/^Memory/))
    await userEvent.type(within(workers).getByLabelText(/^Memory/), '1')
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(within(workers).getByText('Memory must be at least 2048 MiB')).toBeTruthy()
    await userEvent.clear(within(workers).getByLabelText(/^Memory/))
    await userEvent.type(within(workers).getByLabelText(/^Memory/), '16')
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(await screen.findByRole('heading', { name: 'Review' })).toBeTruthy()
    const sent = validations(requests)[0]?.body as {
      spec: {
        machinepoolconfig: Array<{ cloudConfig: { instanceType: unknown; placements: Array<{ network: unknown }> } }>
      }
    }
    expect(sent.spec.machinepoolconfig[1]?.cloudConfig.instanceType).toEqual({
      numCPUs: 4,
      memoryMiB: 16384,
      diskGiB: 60,
    })
    expect(sent.spec.machinepoolconfig[1]?.cloudConfig.placements[0]?.network).toEqual({ networkName: 'VM Network' })
  })
})
