import { describe, expect, it } from 'vitest'
import {
  checkVsphereIpCapacity,
  nodesPerDomain,
  nodesPerIpPool,
  placementOfNode,
  readVspherePool,
  type VsphereClusterCreateInput,
  vsphereClusterCreateSchema,
  vsphereNodeTemplate,
} from './vsphere.ts'

const domain = (cluster: string, parentPoolUid?: string) => ({
  cluster,
  datastore: 'vsanDatastore',
  resourcePool: 'palette',
  network: { networkName: 'VM Network', parentPoolUid },
})
const instanceType = { numCPUs: 4, memoryMiB: 8192, diskGiB: 60 }

function body(
  overrides: { staticIp?: boolean; masterSize?: number; workers?: unknown[] } = {},
): VsphereClusterCreateInput {
  const pool = overrides.staticIp ? 'pool-a' : undefined
  return {
    metadata: { name: 'edge', labels: {} },
    spec: {
      cloudAccountUid: 'acc',
      profiles: [{ uid: 'prof', packValues: [] }],
      cloudConfig: {
        placement: { datacenter: 'Datacenter', folder: 'spectro' },
        sshKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBz3 ops@example.com'],
        staticIp: overrides.staticIp ?? false,
      },
      machinepoolconfig: [
        {
          cloudConfig: { instanceType, placements: [domain('Cluster1', pool)] },
          poolConfig: { name: 'master-pool', size: overrides.masterSize ?? 1, isControlPlane: true },
        },
        ...((overrides.workers as VsphereClusterCreateInput['spec']['machinepoolconfig']) ?? [
          {
            cloudConfig: { instanceType, placements: [domain('Cluster1', pool), domain('Cluster2', pool)] },
            poolConfig: { name: 'worker-pool', size: 3 },
          },
        ]),
      ],
    },
  }
}

const problems = (input: unknown) => {
  const parsed = vsphereClusterCreateSchema.safeParse(input)
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
}

describe('vSphere cluster create body', () => {
  it('accepts a master pool and a worker pool over two placement domains', () => {
    expect(problems(body())).toEqual([])
    expect(problems(body({ staticIp: true }))).toEqual([])
  })

  it('holds the master pool to 1, 3 or 5 nodes in one placement domain, and names unique', () => {
    const twoDomains = body({ masterSize: 2 })
    twoDomains.spec.machinepoolconfig[0]!.cloudConfig.placements.push(domain('Cluster2'))
    twoDomains.spec.machinepoolconfig[1]!.poolConfig.name = 'master-pool'
    expect(problems(twoDomains)).toEqual([
      { path: 'spec.machinepoolconfig.0.poolConfig.size', message: 'The master pool has 1, 3 or 5 nodes' },
      {
        path: 'spec.machinepoolconfig.0.cloudConfig.placements',
        message: 'The master pool runs in one placement domain',
      },
      { path: 'spec.machinepoolconfig.1.poolConfig.name', message: 'Another pool is named master-pool' },
    ])
    expect(problems(body({ workers: [] }))).toEqual([])
    const noMaster = body()
    noMaster.spec.machinepoolconfig[0]!.poolConfig.isControlPlane = false
    expect(problems(noMaster)).toEqual([{ path: 'spec.machinepoolconfig', message: 'Add a master pool' }])
  })

  it('needs an IP pool on every placement domain with Static IP, and none with DHCP', () => {
    const input = body({ staticIp: true })
    input.spec.machinepoolconfig[1]!.cloudConfig.placements[1]!.network.parentPoolUid = undefined
    expect(problems(input)).toEqual([
      {
        path: 'spec.machinepoolconfig.1.cloudConfig.placements.1.network.parentPoolUid',
        message: 'Static IP needs an IP Pool',
      },
    ])
  })

  it('checks sizes, SSH keys and the placement fields', () => {
    const input = body()
    input.spec.machinepoolconfig[1]!.cloudConfig.instanceType = { numCPUs: 0, memoryMiB: 1024, diskGiB: 10 }
    input.spec.machinepoolconfig[1]!.cloudConfig.placements[0]!.datastore = ''
    input.spec.cloudConfig.sshKeys = ['not a key']
    expect(problems(input).map((p) => p.message)).toEqual([
      'Paste an OpenSSH public key (ssh-ed25519 …, ssh-rsa …)',
      'CPU must be at least 1 core',
      'Memory must be at least 2048 MiB',
      'Disk must be at least 20 GiB',
      'Choose a Datastore',
    ])
  })
})

describe('placement domains and IP pools', () => {
  it('spreads nodes round-robin over the domains', () => {
    expect([0, 1, 2, 3, 4].map((n) => placementOfNode(n, 2))).toEqual([0, 1, 0, 1, 0])
    expect(nodesPerDomain(5, 2)).toEqual([3, 2])
    expect(nodesPerDomain(1, 3)).toEqual([1, 0, 0])
    expect(nodesPerDomain(0, 1)).toEqual([0])
    for (let size = 0; size < 12; size++)
      for (let domains = 1; domains < 5; domains++)
        expect(nodesPerDomain(size, domains).reduce((a, b) => a + b, 0)).toBe(size)
  })

  it('counts the nodes each IP pool serves and asks nodes + 3 free addresses of it', () => {
    const input = body({ staticIp: true })
    input.spec.machinepoolconfig[1]!.cloudConfig.placements[1]!.network.parentPoolUid = 'pool-b'
    const pools = input.spec.machinepoolconfig.map(readVspherePool)
    // Master 1 + workers 2 of 3 in pool-a; 1 worker in pool-b.
    expect(Object.fromEntries(nodesPerIpPool(pools))).toEqual({ 'pool-a': 3, 'pool-b': 1 })
    expect(
      checkVsphereIpCapacity(pools, [
        { uid: 'pool-a', name: 'a', availableIps: 6 },
        { uid: 'pool-b', name: 'b', availableIps: 3 },
      ]),
    ).toEqual([
      {
        path: [1, 'cloudConfig', 'placements', 1, 'network', 'parentPoolUid'],
        message: 'IP pool b has 3 free addresses; 1 node needs at least 4 (nodes + 3)',
      },
    ])
  })

  it('names the node template after the profile OS and Kubernetes layers', () => {
    expect(
      vsphereNodeTemplate([
        { layer: 'os', name: 'ubuntu-vsphere', tag: '22.04' },
        { layer: 'k8s', name: 'kubernetes', tag: '1.30.6' },
      ]),
    ).toBe('ubuntu-22.04-k8s-1.30')
  })
})
