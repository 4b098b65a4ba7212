import { describe, expect, it } from 'vitest'
import { checkCidrList, cidrsOverlap, isNonPublicRange, parseIpv4Cidr } from './cidr.ts'
import { type EksClusterCreateInput, eksClusterCreateSchema } from './eks.ts'
import { checkEksInventory, type EksInventory, spotMaxPriceFor } from './eks-rules.ts'

type Pool = EksClusterCreateInput['spec']['machinepoolconfig'][number]

function pool(
  overrides: { cloudConfig?: Partial<Pool['cloudConfig']>; poolConfig?: Partial<Pool['poolConfig']> } = {},
) {
  return {
    cloudConfig: {
      instanceType: 'm5.large',
      rootDeviceSize: 60,
      azs: ['us-east-1a', 'us-east-1b'],
      ...overrides.cloudConfig,
    },
    poolConfig: { name: 'worker-pool', size: 2, minSize: 1, maxSize: 3, ...overrides.poolConfig },
  } satisfies Pool
}

function body(
  spec: { cloudConfig?: Partial<EksClusterCreateInput['spec']['cloudConfig']>; pools?: Pool[] } = {},
): EksClusterCreateInput {
  return {
    metadata: { name: 'eks-1', labels: { team: 'payments' } },
    spec: {
      cloudAccountUid: 'acct',
      profiles: [{ uid: 'profile' }],
      cloudConfig: {
        region: 'us-east-1',
        sshKeyName: 'console-dev',
        endpointAccess: { public: true, private: false, publicCIDRs: ['203.0.113.0/24'] },
        ...spec.cloudConfig,
      },
      machinepoolconfig: spec.pools ?? [pool()],
    },
  }
}

/** Every problem as `path: message`. */
function problems(input: unknown): string[] {
  const parsed = eksClusterCreateSchema.safeParse(input)
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

const STATIC = { vpcId: 'vpc-0a1b2c3d' }

describe('eksClusterCreateSchema', () => {
  it('accepts a dynamic placement and fills the defaults', () => {
    const parsed = eksClusterCreateSchema.parse(body())
    expect(parsed.spec.cloudConfig.vpcId).toBeUndefined()
    expect(parsed.spec.clusterConfig).toEqual({ updateWorkerPoolsInParallel: true })
    expect(parsed.spec.machinepoolconfig[0]?.cloudConfig).toMatchObject({ capacityType: 'on-demand', subnets: [] })
    expect(parsed.spec.machinepoolconfig[0]?.poolConfig).toMatchObject({ additionalLabels: {}, taints: [] })
    expect(parsed.spec.cloudConfig.endpointAccess.privateCIDRs).toEqual([])
  })

  it('defaults endpoint access to public from anywhere when not given', () => {
    const input = body()
    delete (input.spec.cloudConfig as { endpointAccess?: unknown }).endpointAccess
    expect(eksClusterCreateSchema.parse(input).spec.cloudConfig.endpointAccess).toEqual({
      public: true,
      private: false,
      publicCIDRs: ['0.0.0.0/0'],
      privateCIDRs: [],
    })
  })

  it('accepts a static placement with one subnet per zone', () => {
    const pools = [
      pool({
        cloudConfig: {
          subnets: [
            { id: 'subnet-0a', az: 'us-east-1a' },
            { id: 'subnet-0b', az: 'us-east-1b' },
          ],
        },
      }),
    ]
    expect(problems(body({ cloudConfig: STATIC, pools }))).toEqual([])
  })

  it('checks pool sizes', () => {
    expect(problems(body({ pools: [pool({ poolConfig: { minSize: 4, maxSize: 3, size: 3 } })] }))).toEqual([
      'spec.machinepoolconfig.0.poolConfig.minSize: Minimum size must not exceed the maximum size',
    ])
    expect(problems(body({ pools: [pool({ poolConfig: { size: 5 } })] }))).toEqual([
      'spec.machinepoolconfig.0.poolConfig.size: Desired size must be between the minimum and the maximum size',
    ])
    expect(problems(body({ pools: [pool({ poolConfig: { maxSize: 451, size: 1 } })] }))).toEqual([
      'spec.machinepoolconfig.0.poolConfig.maxSize: Maximum size must be at most 450',
    ])
    expect(problems(body({ pools: [pool({ poolConfig: { maxSize: 0, minSize: 0, size: 0 } })] }))).toEqual([
      'spec.machinepoolconfig.0.poolConfig.maxSize: Maximum size must be at least 1',
    ])
  })

  it('checks endpoint access and the CIDR lists (syntax, host bits, overlap)', () => {
    const access = (endpointAccess: object) => problems(body({ cloudConfig: { endpointAccess } as never }))
    expect(access({ public: false, private: false, publicCIDRs: [] })).toEqual([
      'spec.cloudConfig.endpointAccess.public: Choose Public, Private, or Private & Public endpoint access',
    ])
    expect(access({ public: true, private: false, publicCIDRs: [] })).toEqual([
      'spec.cloudConfig.endpointAccess.publicCIDRs: Add at least one Public Access CIDR',
    ])
    expect(
      access({
        public: true,
        private: true,
        publicCIDRs: ['203.0.113.0/24', '203.0.113.128/25', '198.51.100.7/24', '1.2.3/8'],
      }),
    ).toEqual([
      'spec.cloudConfig.endpointAccess.publicCIDRs.1: 203.0.113.128/25 overlaps 203.0.113.0/24, already in the Public Access CIDRs',
      'spec.cloudConfig.endpointAccess.publicCIDRs.2: 198.51.100.7/24 has host bits set: did you mean 198.51.100.0/24?',
      'spec.cloudConfig.endpointAccess.publicCIDRs.3: 1.2.3/8 is not an IPv4 CIDR such as 203.0.113.0/24',
    ])
    expect(access({ public: false, private: false, privateCIDRs: ['10.1.0.0/16'] })).toContain(
      'spec.cloudConfig.endpointAccess.privateCIDRs: Private Access CIDRs apply only with private endpoint access',
    )
    expect(access({ public: false, private: true, privateCIDRs: ['10.1.0.0/16', '10.1.0.0/16'] })).toEqual([
      'spec.cloudConfig.endpointAccess.privateCIDRs.1: 10.1.0.0/16 is already in the Private Access CIDRs',
    ])
    expect(access({ public: false, private: true, privateCIDRs: ['10.1.0.0/16'] })).toEqual([])
    expect(access({ public: true, private: true, publicCIDRs: ['0.0.0.0/0'], extra: 1 })).toHaveLength(1)
  })

  it('requires a max bid (and an instance type) for On-Spot pools', () => {
    expect(problems(body({ pools: [pool({ cloudConfig: { capacityType: 'spot' } })] }))).toEqual([
      'spec.machinepoolconfig.0.cloudConfig.spotMarketOptions.maxPrice: On-Spot pools need a max bid',
    ])
    expect(
      problems(
        body({ pools: [pool({ cloudConfig: { capacityType: 'spot', spotMarketOptions: { maxPrice: '0.05' } } })] }),
      ),
    ).toEqual([])
    expect(
      problems(
        body({ pools: [pool({ cloudConfig: { capacityType: 'spot', spotMarketOptions: { maxPrice: '0' } } })] }),
      ),
    ).toEqual(['spec.machinepoolconfig.0.cloudConfig.spotMarketOptions.maxPrice: The max bid must be above 0'])
    expect(
      problems(
        body({ pools: [pool({ cloudConfig: { capacityType: 'spot', spotMarketOptions: { maxPrice: '5%' } } })] }),
      ),
    ).toEqual([
      'spec.machinepoolconfig.0.cloudConfig.spotMarketOptions.maxPrice: Enter the max bid in USD per hour, such as 0.05',
    ])
  })

  it('checks taint and label syntax, and repeated taints', () => {
    const taints = [
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const },
      { key: 'dedicated', value: 'other', effect: 'NoSchedule' as const },
    ]
    expect(problems(body({ pools: [pool({ poolConfig: { taints } })] }))).toEqual([
      'spec.machinepoolconfig.0.poolConfig.taints.1.key: The taint dedicated with effect NoSchedule is given twice',
    ])
    expect(
      problems(
        body({ pools: [pool({ poolConfig: { taints: [{ key: '-bad', value: 'x', effect: 'NoSchedule' }] } })] }),
      ),
    ).toEqual(['spec.machinepoolconfig.0.poolConfig.taints.0.key: Invalid taint key'])
    expect(
      problems(
        body({ pools: [pool({ poolConfig: { taints: [{ key: 'k', value: 'v', effect: 'Sometimes' as never }] } })] }),
      ),
    ).toHaveLength(1)
    const labels = (additionalLabels: Record<string, string>) =>
      problems(body({ pools: [pool({ poolConfig: { additionalLabels } })] }))
    expect(labels({ 'example.com/tier': 'web', tier: '', 'a_b.c-d': 'v1.2_3' })).toEqual([])
    expect(labels({ 'bad key': 'x' })).toHaveLength(1)
    expect(labels({ 'Example.com/tier': 'x' })).toHaveLength(1)
    expect(labels({ tier: 'web!' })).toEqual([
      'spec.machinepoolconfig.0.poolConfig.additionalLabels.tier: Label values use letters, digits and - _ . (start and end with a letter or digit)',
    ])
    expect(labels({ tier: 'x'.repeat(64) })).toHaveLength(1)
  })

  it('needs two zones for the control plane, unique pool names and no repeated zones', () => {
    expect(problems(body({ pools: [pool({ cloudConfig: { azs: ['us-east-1a'] } })] }))).toEqual([
      'spec.machinepoolconfig: EKS runs its control plane in at least two Availability Zones: spread the node pools over two or more',
    ])
    const twoPools = [
      pool({ cloudConfig: { azs: ['us-east-1a'] } }),
      pool({ cloudConfig: { azs: ['us-east-1b'] }, poolConfig: { name: 'batch' } }),
    ]
    expect(problems(body({ pools: twoPools }))).toEqual([])
    expect(problems(body({ pools: [pool(), pool()] }))).toEqual([
      'spec.machinepoolconfig.1.poolConfig.name: Node pool names must be unique',
    ])
    expect(
      problems(body({ pools: [pool({ cloudConfig: { azs: ['us-east-1a', 'us-east-1b', 'us-east-1a'] } })] })),
    ).toEqual(['spec.machinepoolconfig.0.cloudConfig.azs.2: us-east-1a is chosen twice'])
  })

  it('ties subnets to Static Placement and to the pool zones', () => {
    const withSubnets = pool({ cloudConfig: { subnets: [{ id: 'subnet-0a', az: 'us-east-1a' }] } })
    expect(problems(body({ pools: [withSubnets] }))).toEqual([
      'spec.machinepoolconfig.0.cloudConfig.subnets: Subnets are chosen with Static Placement only; otherwise the console creates them',
    ])
    expect(problems(body({ cloudConfig: STATIC, pools: [withSubnets] }))).toEqual([
      'spec.machinepoolconfig.0.cloudConfig.subnets: Choose a subnet in us-east-1b',
      'spec.machinepoolconfig: EKS runs its control plane in at least two Availability Zones: spread the node pools over two or more',
    ])
    const stray = pool({
      cloudConfig: {
        azs: ['us-east-1a'],
        subnets: [
          { id: 'subnet-0a', az: 'us-east-1a' },
          { id: 'subnet-0c', az: 'us-east-1c' },
        ],
      },
    })
    expect(problems(body({ cloudConfig: STATIC, pools: [stray] }))).toEqual([
      "spec.machinepoolconfig.0.cloudConfig.subnets.1.az: us-east-1c is not one of this pool's Availability Zones",
    ])
    expect(problems(body({ cloudConfig: { vpcId: 'my-vpc' } }))).toContain(
      'spec.cloudConfig.vpcId: Choose a Virtual Network',
    )
  })

  it('runs every rule even when a field inside fails, so the wizard sees every problem at once', () => {
    const broken = pool({
      cloudConfig: { capacityType: 'spot', azs: ['us-east-1a'], rootDeviceSize: 'big' as never },
      poolConfig: { size: 9, taints: [{ key: 'dedicated', value: 'has space', effect: 'NoSchedule' }] },
    })
    expect(problems(body({ pools: [broken, { ...broken, cloudConfig: 'nope' } as never] }))).toEqual([
      'spec.machinepoolconfig.0.cloudConfig.rootDeviceSize: Disk Size is required',
      'spec.machinepoolconfig.0.poolConfig.taints.0.value: Invalid taint value',
      'spec.machinepoolconfig.0.poolConfig.size: Desired size must be between the minimum and the maximum size',
      'spec.machinepoolconfig.0.cloudConfig.spotMarketOptions.maxPrice: On-Spot pools need a max bid',
      'spec.machinepoolconfig.1.cloudConfig: Invalid input: expected object, received string',
      'spec.machinepoolconfig.1.poolConfig.taints.0.value: Invalid taint value',
      'spec.machinepoolconfig.1.poolConfig.size: Desired size must be between the minimum and the maximum size',
      'spec.machinepoolconfig.1.poolConfig.name: Node pool names must be unique',
      'spec.machinepoolconfig: EKS runs its control plane in at least two Availability Zones: spread the node pools over two or more',
    ])
  })

  it('refuses control plane pools and bad disk sizes', () => {
    expect(problems(body({ pools: [pool({ poolConfig: { isControlPlane: true as never } })] }))).toEqual([
      'spec.machinepoolconfig.0.poolConfig.isControlPlane: EKS manages the control plane: node pools are workers',
    ])
    expect(problems(body({ pools: [pool({ cloudConfig: { rootDeviceSize: 10 } })] }))).toEqual([
      'spec.machinepoolconfig.0.cloudConfig.rootDeviceSize: Disk Size must be at least 20 GiB',
    ])
  })
})

describe('checkEksInventory', () => {
  const inventory: EksInventory = {
    region: 'us-east-1',
    zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    vpcs: [
      {
        vpcId: 'vpc-0a1b2c3d',
        subnets: [
          { subnetId: 'subnet-0a', az: 'us-east-1a' },
          { subnetId: 'subnet-0b', az: 'us-east-1b' },
        ],
      },
    ],
    keyPairs: ['console-dev'],
    instanceTypes: [
      { type: 'm5.large', availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] },
      { type: 'r5.large', availabilityZones: ['us-east-1a'] },
    ],
  }
  const at = (problemList: ReturnType<typeof checkEksInventory>) =>
    problemList.map((p) => `${p.path.join('.')}: ${p.message}`)

  it('passes a placement the inventory holds', () => {
    const pools = [
      pool({
        cloudConfig: {
          subnets: [
            { id: 'subnet-0a', az: 'us-east-1a' },
            { id: 'subnet-0b', az: 'us-east-1b' },
          ],
        },
      }),
    ]
    expect(checkEksInventory(body({ cloudConfig: STATIC, pools }), inventory)).toEqual([])
    expect(checkEksInventory(body(), inventory)).toEqual([])
  })

  it('names every missing piece: VPC, key pair, zone, subnet outside the VPC or in another zone, instance type', () => {
    expect(at(checkEksInventory(body({ cloudConfig: { vpcId: 'vpc-0ffff', sshKeyName: 'nope' } }), inventory))).toEqual(
      [
        'spec.cloudConfig.vpcId: VPC vpc-0ffff is not in us-east-1',
        'spec.cloudConfig.sshKeyName: Key pair nope does not exist in us-east-1',
      ],
    )
    const pools = [
      pool({
        cloudConfig: {
          instanceType: 'r5.large',
          azs: ['us-east-1a', 'us-east-1b', 'eu-west-1a'],
          subnets: [
            { id: 'subnet-0a', az: 'us-east-1b' },
            { id: 'subnet-0e', az: 'us-east-1a' },
          ],
        },
      }),
      pool({ cloudConfig: { instanceType: 'x9.huge' }, poolConfig: { name: 'other' } }),
    ]
    expect(at(checkEksInventory(body({ cloudConfig: STATIC, pools }), inventory))).toEqual([
      'spec.machinepoolconfig.0.cloudConfig.azs.2: eu-west-1a is not an Availability Zone of us-east-1',
      'spec.machinepoolconfig.0.cloudConfig.subnets.0.az: Subnet subnet-0a is in us-east-1a, not us-east-1b',
      'spec.machinepoolconfig.0.cloudConfig.subnets.1.id: Subnet subnet-0e is not in VPC vpc-0a1b2c3d',
      'spec.machinepoolconfig.0.cloudConfig.instanceType: Instance type r5.large is not offered in us-east-1b',
      'spec.machinepoolconfig.1.cloudConfig.instanceType: Instance type x9.huge is not offered in us-east-1',
    ])
  })

  it('checks only what it could read, and survives a malformed body', () => {
    expect(checkEksInventory(body({ cloudConfig: { sshKeyName: 'nope' } }), { region: 'us-east-1' })).toEqual([])
    expect(checkEksInventory({ spec: { machinepoolconfig: [null, { cloudConfig: 'x' }] } }, inventory)).toEqual([])
  })
})

describe('CIDR helpers', () => {
  it('parses, normalises and compares blocks', () => {
    expect(parseIpv4Cidr('10.0.0.0/16')).toMatchObject({ prefix: 16, canonical: true, network: '10.0.0.0/16' })
    expect(parseIpv4Cidr('10.0.3.7/16')).toMatchObject({ canonical: false, network: '10.0.0.0/16' })
    for (const bad of ['10.0.0.0', '10.0.0.256/16', '10.0.0.0/33', '010.0.0.0/8', ' 10.0.0.0/8', '::/0'])
      expect(parseIpv4Cidr(bad)).toBeUndefined()
    expect(cidrsOverlap('10.0.0.0/16', '10.0.128.0/17')).toBe(true)
    expect(cidrsOverlap('10.0.0.0/16', '10.1.0.0/16')).toBe(false)
    expect(cidrsOverlap('0.0.0.0/0', '192.0.2.1/32')).toBe(true)
    expect(isNonPublicRange('10.20.0.0/16')).toBe(true)
    expect(isNonPublicRange('172.31.0.0/16')).toBe(true)
    expect(isNonPublicRange('203.0.113.0/24')).toBe(false)
    expect(isNonPublicRange('0.0.0.0/0')).toBe(false)
    expect(checkCidrList(['0.0.0.0/0', '203.0.113.0/24'], 'list')).toEqual([
      { index: 1, message: '203.0.113.0/24 overlaps 0.0.0.0/0, already in the list' },
    ])
  })

  it('turns a percentage of the on-demand price into a max bid, never below it', () => {
    expect(spotMaxPriceFor(0.096, 50)).toBe('0.048')
    expect(spotMaxPriceFor(0.0416, 33)).toBe('0.0138')
    expect(spotMaxPriceFor(0.384, 100)).toBe('0.384')
  })
})
