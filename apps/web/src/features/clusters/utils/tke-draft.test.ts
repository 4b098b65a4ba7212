import { describe, expect, it } from 'vitest'
import { isRevealed } from './reveal.ts'
import { emptyTkeDraft, toTkeCreateBody } from './tke-draft.ts'
import { validateTkeBody } from './validate-draft.ts'

const layers = [{ name: 'ubuntu-tke', tag: '18.04', layer: 'os' as const, values: 'OsName: ubuntu18.04.1x86_64\n' }]

function filled() {
  return {
    ...emptyTkeDraft(),
    name: 'tke-prod',
    tags: 'env:prod\nteam:platform',
    cloudAccountUid: 'acc-1',
    profileUid: 'prof-1',
    region: 'ap-guangzhou',
    sshKeyId: 'skey-abc123',
    vpcId: 'vpc-abc123',
    securityGroup: 'sg-abc123',
    publicCidrs: '203.0.113.0/24',
    pools: [
      {
        name: 'worker-pool',
        minSize: '1',
        maxSize: '3',
        size: '2',
        instanceType: 'S5.MEDIUM4',
        azs: ['ap-guangzhou-3'],
        subnetIds: { 'ap-guangzhou-3': 'subnet-abc123' },
        diskSize: '50',
      },
    ],
  }
}

describe('toTkeCreateBody', () => {
  it('builds the contract body with Palette field names from a complete draft', () => {
    const { body, tagError } = toTkeCreateBody(filled(), layers)
    expect(tagError).toBeUndefined()
    expect(body.metadata.labels).toEqual({ env: 'prod', team: 'platform' })
    expect(body.spec.profiles).toEqual([
      { uid: 'prof-1', packValues: [{ name: 'ubuntu-tke', tag: '18.04', values: 'OsName: ubuntu18.04.1x86_64\n' }] },
    ])
    expect(body.spec.cloudConfig.endpointAccess).toEqual({
      public: true,
      private: false,
      securityGroup: 'sg-abc123',
      publicCIDRs: ['203.0.113.0/24'],
    })
    expect(body.spec.machinepoolconfig[0]?.poolConfig).toMatchObject({ size: 2, minSize: 1, maxSize: 3 })
    expect(validateTkeBody(body, tagError, layers)).toEqual([])
  })

  it('sends edited layer values instead of the profile’s and checks them with the TKE rules', () => {
    const draft = { ...filled(), packValues: { 'ubuntu-tke': { tag: '18.04', values: 'OsName: windows\n' } } }
    const { body, tagError } = toTkeCreateBody(draft, layers)
    expect(body.spec.profiles[0]?.packValues?.[0]?.values).toBe('OsName: windows\n')
    const problems = validateTkeBody(body, tagError, layers)
    expect(problems.map((p) => p.path)).toEqual(['spec.profiles.0.packValues.0.values'])
    expect(problems[0]?.message).toMatch(/^ubuntu-tke line 1: /)
  })

  it('reports a desired size above the maximum at the desired size', () => {
    const draft = filled()
    draft.pools[0] = { ...draft.pools[0]!, size: '5' }
    const { body, tagError } = toTkeCreateBody(draft, layers)
    expect(validateTkeBody(body, tagError, layers)).toEqual([
      {
        path: 'spec.machinepoolconfig.0.poolConfig.size',
        message: 'Desired size must be between the minimum and the maximum size',
      },
    ])
  })

  it('reports a bad tag at metadata.labels and a cleared disk size as required', () => {
    const draft = { ...filled(), tags: 'env:prod\nnocolon' }
    draft.pools[0] = { ...draft.pools[0]!, diskSize: '' }
    const { body, tagError } = toTkeCreateBody(draft, layers)
    expect(tagError).toBe('"nocolon" is not key:value')
    const paths = validateTkeBody(body, tagError, layers).map((p) => p.path)
    expect(paths).toContain('metadata.labels')
    expect(paths).toContain('spec.machinepoolconfig.0.cloudConfig.rootDeviceSize')
  })
})

describe('isRevealed', () => {
  it('shows a problem once its field, or a size of the same pool, was touched', () => {
    const size = 'spec.machinepoolconfig.0.poolConfig.size'
    expect(isRevealed(size, [])).toBe(false)
    expect(isRevealed(size, ['spec.machinepoolconfig.0.poolConfig.maxSize'])).toBe(true)
    expect(isRevealed(size, ['spec.machinepoolconfig.1.poolConfig.maxSize'])).toBe(false)
    expect(isRevealed('spec.cloudConfig.sshKeyIDs.0', ['spec.cloudConfig.sshKeyIDs'])).toBe(true)
    expect(isRevealed('metadata.name', ['metadata.labels'])).toBe(false)
  })
})
