import { describe, expect, it } from 'vitest'
import { emptyEksDraft, newEksPool, parseNodeLabels, toEksCreateBody } from './eks-draft.ts'

const layers = [{ name: 'kubernetes-eks', tag: '1.30', values: 'a: 1' }]

describe('toEksCreateBody', () => {
  it('sends no VPC and no subnets with dynamic placement, and Palette’s endpoint access flags', () => {
    const draft = {
      ...emptyEksDraft(),
      name: ' eks-prod ',
      profileUid: 'prof-1',
      region: 'us-east-1',
      endpointAccess: 'private-public' as const,
      publicCidrs: '203.0.113.0/24, 198.51.100.0/24',
      pools: [{ ...newEksPool(0), azs: ['us-east-1a'], subnetIds: { 'us-east-1a': 'subnet-0a' } }],
    }
    const { body, problems } = toEksCreateBody(draft, layers)
    expect(problems).toEqual([])
    expect(body.metadata.name).toBe('eks-prod')
    expect(body.spec.profiles).toEqual([
      { uid: 'prof-1', packValues: [{ name: 'kubernetes-eks', tag: '1.30', values: 'a: 1' }] },
    ])
    expect(body.spec.cloudConfig).toEqual({
      region: 'us-east-1',
      sshKeyName: undefined,
      vpcId: undefined,
      endpointAccess: {
        public: true,
        private: true,
        publicCIDRs: ['203.0.113.0/24', '198.51.100.0/24'],
        privateCIDRs: [],
      },
    })
    expect(body.spec.machinepoolconfig[0]?.cloudConfig.subnets).toEqual([])
  })

  it('turns the spot percentage into a max bid in USD/h, and reports labels and percentages it cannot read', () => {
    const spot = { ...newEksPool(0), capacityType: 'spot' as const, onDemandPrice: 0.0832, spotPercent: '60' }
    const bad = {
      ...newEksPool(1),
      capacityType: 'spot' as const,
      onDemandPrice: 0.1,
      spotPercent: '150',
      labels: 'a: b\noops',
    }
    const { body, problems } = toEksCreateBody({ ...emptyEksDraft(), pools: [spot, bad] }, [])
    expect(body.spec.machinepoolconfig[0]?.cloudConfig.spotMarketOptions).toEqual({ maxPrice: '0.05' })
    expect(problems).toEqual([
      {
        path: 'spec.machinepoolconfig.1.poolConfig.additionalLabels',
        message: 'Write each label as key: value (oops)',
      },
      {
        path: 'spec.machinepoolconfig.1.cloudConfig.spotMarketOptions.maxPrice',
        message: 'The max bid is a percentage of the on-demand price, above 0 and at most 100',
      },
    ])
  })

  it('sends Private only without public CIDRs', () => {
    const { body } = toEksCreateBody({ ...emptyEksDraft(), endpointAccess: 'private' }, [])
    expect(body.spec.cloudConfig.endpointAccess).toMatchObject({ public: false, private: true, publicCIDRs: [] })
  })
})

describe('parseNodeLabels', () => {
  it('reads key: value lines and skips blank ones', () => {
    expect(parseNodeLabels('team: platform\n\n  tier:gpu ')).toEqual({ labels: { team: 'platform', tier: 'gpu' } })
  })
})
