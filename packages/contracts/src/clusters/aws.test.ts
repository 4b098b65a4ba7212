import { describe, expect, it } from 'vitest'
import { type AwsClusterCreateInput, awsClusterCreateSchema } from './aws.ts'
import {
  type AwsInventory,
  checkAwsInventory,
  checkAwsLoadBalancerTags,
  checkAwsPool,
  checkAwsPools,
  missingLoadBalancerTags,
} from './aws-rules.ts'

type Pool = AwsClusterCreateInput['spec']['machinepoolconfig'][number]

function pool(
  overrides: { cloudConfig?: Partial<Pool['cloudConfig']>; poolConfig?: Partial<Pool['poolConfig']> } = {},
): Pool {
  return {
    cloudConfig: { instanceType: 'm5.large', rootDeviceSize: 60, azs: ['us-east-1a'], ...overrides.cloudConfig },
    poolConfig: { name: 'worker-pool', size: 2, ...overrides.poolConfig },
  }
}

const controlPlane = (overrides: Parameters<typeof pool>[0] = {}) =>
  pool({
    cloudConfig: overrides.cloudConfig,
    poolConfig: { name: 'control-plane', size: 1, isControlPlane: true, ...overrides.poolConfig },
  })

function body(
  spec: { cloudConfig?: Partial<AwsClusterCreateInput['spec']['cloudConfig']>; pools?: Pool[] } = {},
): AwsClusterCreateInput {
  return {
    metadata: { name: 'aws-1', labels: { team: 'payments' } },
    spec: {
      cloudAccountUid: 'acct',
      profiles: [{ uid: 'profile' }],
      cloudConfig: { region: 'us-east-1', sshKeyName: 'console-dev', ...spec.cloudConfig },
      machinepoolconfig: spec.pools ?? [controlPlane(), pool()],
    },
  }
}

/** Every problem as `path: message`. */
function problems(input: unknown): string[] {
  const parsed = awsClusterCreateSchema.safeParse(input)
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

const STATIC = { vpcId: 'vpc-0a1b2c3d' }
const subnetsA = [{ id: 'subnet-0a', az: 'us-east-1a' }]

describe('awsClusterCreateSchema', () => {
  it('accepts a dynamic placement and fills the defaults', () => {
    const parsed = awsClusterCreateSchema.parse(body())
    expect(parsed.spec.cloudConfig.vpcId).toBeUndefined()
    expect(parsed.spec.clusterConfig).toEqual({ updateWorkerPoolsInParallel: true })
    const [cp, worker] = parsed.spec.machinepoolconfig
    expect(cp?.cloudConfig).toMatchObject({ capacityType: 'on-demand', subnets: [] })
    expect(cp?.poolConfig).toEqual({
      name: 'control-plane',
      size: 1,
      isControlPlane: true,
      useControlPlaneAsWorker: false,
      labels: ['master'],
      additionalLabels: {},
      taints: [],
      updateStrategy: { type: 'RollingUpdateScaleOut' },
    })
    expect(worker?.poolConfig).toMatchObject({ isControlPlane: false, labels: ['worker'] })
  })

  it('keeps the labels, update strategy and parallel updates given', () => {
    const parsed = awsClusterCreateSchema.parse({
      ...body({
        pools: [
          controlPlane(),
          pool({ poolConfig: { labels: ['worker', 'gpu'], updateStrategy: { type: 'RollingUpdateScaleIn' } } }),
        ],
      }),
    })
    expect(parsed.spec.machinepoolconfig[1]?.poolConfig).toMatchObject({
      labels: ['worker', 'gpu'],
      updateStrategy: { type: 'RollingUpdateScaleIn' },
    })
  })

  it('accepts a static placement with one subnet per zone in every pool', () => {
    const pools = [controlPlane({ cloudConfig: { subnets: subnetsA } }), pool({ cloudConfig: { subnets: subnetsA } })]
    expect(problems(body({ cloudConfig: STATIC, pools }))).toEqual([])
    expect(problems(body({ cloudConfig: { vpcId: 'vpc-XYZ' }, pools }))).toEqual([
      'spec.cloudConfig.vpcId: Choose a Virtual Network',
    ])
  })

  it('sizes the control plane 1, 3 or 5 and workers from 0 to the maximum', () => {
    for (const size of [1, 3, 5])
      expect(problems(body({ pools: [controlPlane({ poolConfig: { size } }), pool()] }))).toEqual([])
    for (const size of [0, 2, 4, 7])
      expect(problems(body({ pools: [controlPlane({ poolConfig: { size } }), pool()] }))).toEqual([
        'spec.machinepoolconfig.0.poolConfig.size: The control plane pool has 1, 3 or 5 nodes',
      ])
    expect(problems(body({ pools: [controlPlane(), pool({ poolConfig: { size: 0 } })] }))).toEqual([])
    expect(problems(body({ pools: [controlPlane(), pool({ poolConfig: { size: -1 } })] }))).toEqual([
      'spec.machinepoolconfig.1.poolConfig.size: Size must be at least 0',
    ])
    expect(problems(body({ pools: [controlPlane(), pool({ poolConfig: { size: 501 } })] }))).toEqual([
      'spec.machinepoolconfig.1.poolConfig.size: Size must be at most 500',
    ])
    expect(problems(body({ pools: [controlPlane(), pool({ poolConfig: { size: 1.5 } })] }))).toEqual([
      'spec.machinepoolconfig.1.poolConfig.size: Size is a whole number',
    ])
  })

  it('needs exactly one control plane pool', () => {
    expect(problems(body({ pools: [pool()] }))).toEqual([
      'spec.machinepoolconfig: Add a control plane pool (isControlPlane)',
    ])
    expect(problems(body({ pools: [controlPlane(), controlPlane({ poolConfig: { name: 'cp-2' } }), pool()] }))).toEqual(
      ['spec.machinepoolconfig.1.poolConfig.isControlPlane: A cluster has one control plane pool'],
    )
    expect(problems(body({ pools: [] }))).toEqual([
      'spec.machinepoolconfig: Add a control plane pool and a worker pool',
    ])
  })

  it('needs a worker pool unless the control plane is allowed worker capability', () => {
    expect(problems(body({ pools: [controlPlane()] }))).toEqual([
      'spec.machinepoolconfig: Add a worker pool, or allow worker capability on the control plane pool',
    ])
    expect(problems(body({ pools: [controlPlane({ poolConfig: { useControlPlaneAsWorker: true } })] }))).toEqual([])
    expect(
      problems(body({ pools: [controlPlane(), pool({ poolConfig: { useControlPlaneAsWorker: true } })] })),
    ).toEqual([
      'spec.machinepoolconfig.1.poolConfig.useControlPlaneAsWorker: Allow worker capability applies to the control plane pool only',
    ])
  })

  it('checks pool names: DNS-1123 and unique', () => {
    expect(problems(body({ pools: [controlPlane(), pool({ poolConfig: { name: 'Worker_1' } })] }))).toEqual([
      'spec.machinepoolconfig.1.poolConfig.name: Use lower-case letters, digits and dashes',
    ])
    expect(problems(body({ pools: [controlPlane(), pool({ poolConfig: { name: 'control-plane' } })] }))).toEqual([
      'spec.machinepoolconfig.1.poolConfig.name: Node pool names must be unique',
    ])
  })

  it('refuses a zone chosen twice', () => {
    expect(
      problems(
        body({ pools: [controlPlane(), pool({ cloudConfig: { azs: ['us-east-1a', 'us-east-1b', 'us-east-1a'] } })] }),
      ),
    ).toEqual(['spec.machinepoolconfig.1.cloudConfig.azs.2: us-east-1a is chosen twice'])
    expect(problems(body({ pools: [controlPlane(), pool({ cloudConfig: { azs: [] } })] }))).toEqual([
      'spec.machinepoolconfig.1.cloudConfig.azs: Choose at least one Availability Zone',
    ])
  })

  it('needs a max bid above 0 for On-Spot pools, and keeps the control plane On-Demand', () => {
    expect(problems(body({ pools: [controlPlane(), pool({ cloudConfig: { capacityType: 'spot' } })] }))).toEqual([
      'spec.machinepoolconfig.1.cloudConfig.spotMarketOptions.maxPrice: On-Spot pools need a max bid',
    ])
    expect(
      problems(
        body({
          pools: [
            controlPlane(),
            pool({ cloudConfig: { capacityType: 'spot', spotMarketOptions: { maxPrice: '0' } } }),
          ],
        }),
      ),
    ).toEqual(['spec.machinepoolconfig.1.cloudConfig.spotMarketOptions.maxPrice: The max bid must be above 0'])
    expect(
      problems(
        body({
          pools: [
            controlPlane(),
            pool({ cloudConfig: { capacityType: 'spot', spotMarketOptions: { maxPrice: '0.0425' } } }),
          ],
        }),
      ),
    ).toEqual([])
    expect(
      problems(
        body({
          pools: [
            controlPlane({ cloudConfig: { capacityType: 'spot', spotMarketOptions: { maxPrice: '0.05' } } }),
            pool(),
          ],
        }),
      ),
    ).toEqual([
      'spec.machinepoolconfig.0.cloudConfig.capacityType: The control plane runs on On-Demand instances: a reclaimed spot node would take etcd down',
    ])
  })

  it('refuses a taint key and effect given twice, but not the same key with another effect', () => {
    const taints = [
      { key: 'gpu', value: 'true', effect: 'NoSchedule' as const },
      { key: 'gpu', value: 'false', effect: 'NoExecute' as const },
      { key: 'gpu', value: 'x', effect: 'NoSchedule' as const },
    ]
    expect(problems(body({ pools: [controlPlane(), pool({ poolConfig: { taints } })] }))).toEqual([
      'spec.machinepoolconfig.1.poolConfig.taints.2.key: The taint gpu with effect NoSchedule is given twice',
    ])
  })

  it('ties subnets to Static Placement: one per chosen zone, none outside the zones, none without a VPC', () => {
    expect(problems(body({ pools: [controlPlane({ cloudConfig: { subnets: subnetsA } }), pool()] }))).toEqual([
      'spec.machinepoolconfig.0.cloudConfig.subnets: Subnets are chosen with Static Placement only; otherwise the console creates them',
    ])
    const pools = [
      controlPlane({ cloudConfig: { subnets: subnetsA } }),
      pool({
        cloudConfig: {
          azs: ['us-east-1a', 'us-east-1b'],
          subnets: [
            { id: 'subnet-0a', az: 'us-east-1a' },
            { id: 'subnet-0c', az: 'us-east-1a' },
            { id: 'subnet-0d', az: 'us-east-1d' },
          ],
        },
      }),
    ]
    expect(problems(body({ cloudConfig: STATIC, pools }))).toEqual([
      'spec.machinepoolconfig.1.cloudConfig.subnets: Choose a subnet in us-east-1b',
      'spec.machinepoolconfig.1.cloudConfig.subnets.1.az: Choose one subnet in us-east-1a, not several',
      "spec.machinepoolconfig.1.cloudConfig.subnets.2.az: us-east-1d is not one of this pool's Availability Zones",
    ])
    expect(problems(body({ cloudConfig: STATIC }))).toEqual([
      'spec.machinepoolconfig.0.cloudConfig.subnets: Choose a subnet in us-east-1a',
      'spec.machinepoolconfig.1.cloudConfig.subnets: Choose a subnet in us-east-1a',
    ])
  })

  it('runs every rule even when a field inside fails, so the wizard sees every problem at once', () => {
    const pools = [
      controlPlane({ poolConfig: { size: 2 }, cloudConfig: { rootDeviceSize: 10 } }),
      pool({ poolConfig: { name: 'control-plane' }, cloudConfig: { capacityType: 'spot', instanceType: '' } }),
    ]
    expect(problems({ ...body({ pools }), metadata: { name: 'Bad Name' } })).toEqual([
      'metadata.name: Use lower-case letters, digits and dashes; start and end with a letter or digit',
      'spec.machinepoolconfig.0.cloudConfig.rootDeviceSize: Disk Size must be at least 20 GiB',
      'spec.machinepoolconfig.0.poolConfig.size: The control plane pool has 1, 3 or 5 nodes',
      'spec.machinepoolconfig.1.cloudConfig.instanceType: Choose an Instance Type',
      'spec.machinepoolconfig.1.cloudConfig.spotMarketOptions.maxPrice: On-Spot pools need a max bid',
      'spec.machinepoolconfig.1.poolConfig.name: Node pool names must be unique',
    ])
  })

  it('rules run on a half-filled form without throwing', () => {
    expect(
      checkAwsPool({
        cloudConfig: { instanceType: '', capacityType: 'on-demand', azs: [], subnets: [] },
        poolConfig: { name: '', size: Number.NaN, isControlPlane: true, useControlPlaneAsWorker: false, taints: [] },
      }),
    ).toEqual([])
    expect(checkAwsPools([], {})).toEqual([])
  })
})

describe('checkAwsInventory', () => {
  const inventory: AwsInventory = {
    region: 'us-east-1',
    zones: ['us-east-1a', 'us-east-1b'],
    vpcs: [
      {
        vpcId: 'vpc-0a1b2c3d',
        subnets: [
          { subnetId: 'subnet-0a', az: 'us-east-1a', isPrivate: true, tags: {} },
          { subnetId: 'subnet-0b', az: 'us-east-1b', isPrivate: false, tags: {} },
        ],
      },
    ],
    keyPairs: ['console-dev'],
    instanceTypes: [
      { type: 'm5.large', availabilityZones: ['us-east-1a', 'us-east-1b'] },
      { type: 'r5.large', availabilityZones: ['us-east-1b'] },
    ],
  }
  const at = (list: Array<{ path: Array<string | number>; message: string }>) =>
    list.map((p) => `${p.path.join('.')}: ${p.message}`)

  it('passes a placement the inventory holds', () => {
    const pools = [controlPlane({ cloudConfig: { subnets: subnetsA } }), pool({ cloudConfig: { subnets: subnetsA } })]
    expect(checkAwsInventory(body({ cloudConfig: STATIC, pools }), inventory)).toEqual([])
    expect(checkAwsInventory(body(), inventory)).toEqual([])
  })

  it('names the VPC, key pair, zone, subnet and instance type the region lacks', () => {
    const pools = [
      controlPlane({ cloudConfig: { instanceType: 'r5.large', subnets: [{ id: 'subnet-0b', az: 'us-east-1a' }] } }),
      pool({ cloudConfig: { azs: ['us-west-2a'], subnets: [{ id: 'subnet-0f', az: 'us-west-2a' }] } }),
    ]
    expect(at(checkAwsInventory(body({ cloudConfig: { ...STATIC, sshKeyName: 'nope' }, pools }), inventory))).toEqual([
      'spec.cloudConfig.sshKeyName: Key pair nope does not exist in us-east-1',
      'spec.machinepoolconfig.0.cloudConfig.subnets.0.az: Subnet subnet-0b is in us-east-1b, not us-east-1a',
      'spec.machinepoolconfig.0.cloudConfig.instanceType: Instance type r5.large is not offered in us-east-1a',
      'spec.machinepoolconfig.1.cloudConfig.azs.0: us-west-2a is not an Availability Zone of us-east-1',
      'spec.machinepoolconfig.1.cloudConfig.subnets.0.id: Subnet subnet-0f is not in VPC vpc-0a1b2c3d',
    ])
    expect(at(checkAwsInventory(body({ cloudConfig: { vpcId: 'vpc-0fff' } }), inventory))).toEqual([
      'spec.cloudConfig.vpcId: VPC vpc-0fff is not in us-east-1',
    ])
  })
})

describe('load balancer discovery tags', () => {
  it("asks public subnets for the seed's four tags and private subnets for internal-elb and the cluster tag", () => {
    expect(missingLoadBalancerTags({ isPrivate: false, tags: {} }, 'aws-1')).toEqual([
      'kubernetes.io/role/elb=1',
      'sigs.k8s.io/cluster-api-provider-aws/role=public',
      'kubernetes.io/cluster/aws-1=shared',
      'sigs.k8s.io/cluster-api-provider-aws/cluster/aws-1=owned',
    ])
    expect(missingLoadBalancerTags({ isPrivate: true, tags: { 'kubernetes.io/role/elb': '1' } }, 'aws-1')).toEqual([
      'kubernetes.io/role/internal-elb=1',
      'kubernetes.io/cluster/aws-1=shared',
    ])
    expect(
      missingLoadBalancerTags(
        { isPrivate: true, tags: { 'kubernetes.io/role/internal-elb': '1', 'kubernetes.io/cluster/aws-1': 'owned' } },
        'aws-1',
      ),
    ).toEqual([])
    // Tagged for another cluster, or with a wrong value: still missing.
    expect(
      missingLoadBalancerTags(
        { isPrivate: true, tags: { 'kubernetes.io/role/internal-elb': '0', 'kubernetes.io/cluster/other': 'shared' } },
        'aws-1',
      ),
    ).toEqual(['kubernetes.io/role/internal-elb=1', 'kubernetes.io/cluster/aws-1=shared'])
  })

  it('warns at each chosen static subnet lacking them, and not for dynamic placement', () => {
    const tagged: AwsInventory = {
      region: 'us-east-1',
      vpcs: [
        {
          vpcId: 'vpc-0a1b2c3d',
          subnets: [
            { subnetId: 'subnet-0a', az: 'us-east-1a', isPrivate: true, tags: {} },
            {
              subnetId: 'subnet-0b',
              az: 'us-east-1a',
              isPrivate: true,
              tags: { 'kubernetes.io/role/internal-elb': '1', 'kubernetes.io/cluster/aws-1': 'shared' },
            },
          ],
        },
      ],
    }
    const pools = [
      controlPlane({ cloudConfig: { subnets: [{ id: 'subnet-0b', az: 'us-east-1a' }] } }),
      pool({ cloudConfig: { subnets: subnetsA } }),
    ]
    expect(at(checkAwsLoadBalancerTags(body({ cloudConfig: STATIC, pools }), tagged))).toEqual([
      'spec.machinepoolconfig.1.cloudConfig.subnets.0.id: Subnet subnet-0a (private) lacks the tags load balancers discover it by: kubernetes.io/role/internal-elb=1, kubernetes.io/cluster/aws-1=shared',
    ])
    expect(checkAwsLoadBalancerTags(body(), tagged)).toEqual([])
    expect(checkAwsLoadBalancerTags({ spec: null }, tagged)).toEqual([])
  })

  const at = (list: Array<{ path: Array<string | number>; message: string }>) =>
    list.map((p) => `${p.path.join('.')}: ${p.message}`)
})
