import { describe, expect, it } from 'vitest'
import type { ClusterProfileBody, ProfilePack, ProfileType } from './cluster-profile.ts'
import type { CloudType, Pack } from './pack.ts'
import { validateProfile } from './validate-profile.ts'

function pack(partial: Partial<Pack> & Pick<Pack, 'name' | 'tag' | 'layer'>): Pack {
  return { type: 'spectro', cloudTypes: ['all'], description: `${partial.name} ${partial.tag}`, values: '', ...partial }
}

/** A catalog small enough to read: one pack per layer per cloud, plus versions to miss. */
const catalog: Pack[] = [
  pack({
    name: 'tke-os',
    tag: '1.0.0',
    layer: 'os',
    cloudTypes: ['tencent'],
    values: 'OsName: "ubuntu18.04.1x86_64"\n',
    schema: { type: 'object', required: ['OsName'], properties: { OsName: { type: 'string' } } },
  }),
  pack({ name: 'ubuntu-aws', tag: '22.04', layer: 'os', cloudTypes: ['aws', 'eks'] }),
  pack({ name: 'kubernetes-tke', tag: '1.30.0', layer: 'k8s', cloudTypes: ['tencent'] }),
  pack({ name: 'kubernetes-tke', tag: '1.28.3', layer: 'k8s', cloudTypes: ['tencent'] }),
  pack({ name: 'kubernetes', tag: '1.30.6', layer: 'k8s', cloudTypes: ['aws', 'vsphere'] }),
  pack({ name: 'cni-calico', tag: '3.28.2', layer: 'cni' }),
  pack({ name: 'csi-tencent-cbs', tag: '1.0.0', layer: 'csi', cloudTypes: ['tencent'] }),
  pack({ name: 'csi-aws-ebs', tag: '1.35.0', layer: 'csi', cloudTypes: ['aws', 'eks'] }),
  pack({
    name: 'postgresql',
    tag: '16.2.1',
    layer: 'addon',
    type: 'helm',
    values: 'primary:\n  persistence:\n    size: 10Gi\n',
  }),
  pack({
    name: 'nginx-ingress',
    tag: '4.11.3',
    layer: 'addon',
    type: 'helm',
    values: 'controller:\n  replicaCount: 2\n',
  }),
]

const ref = (name: string, tag: string, values?: string): ProfilePack => {
  const found = catalog.find((candidate) => candidate.name === name && candidate.tag === tag)
  const layer = found?.layer ?? 'addon'
  return { name, tag, layer, type: found?.type ?? 'helm', ...(values === undefined ? {} : { values }) }
}

function profile(cloudType: CloudType, type: ProfileType, packs: ProfilePack[]): ClusterProfileBody {
  return { metadata: { name: 'p1' }, spec: { version: '1.0.0', template: { cloudType, type, packs } } }
}

const tkeCore = () => [
  ref('tke-os', '1.0.0'),
  ref('kubernetes-tke', '1.30.0'),
  ref('cni-calico', '3.28.2'),
  ref('csi-tencent-cbs', '1.0.0'),
]

describe('validateProfile', () => {
  it('accepts a full TKE cluster profile and lists every pack with no errors', () => {
    const result = validateProfile(profile('tencent', 'cluster', [...tkeCore(), ref('postgresql', '16.2.1')]), catalog)
    expect(result).toEqual({
      valid: true,
      errors: [],
      packs: [
        { index: 0, name: 'tke-os', tag: '1.0.0', layer: 'os', errors: [] },
        { index: 1, name: 'kubernetes-tke', tag: '1.30.0', layer: 'k8s', errors: [] },
        { index: 2, name: 'cni-calico', tag: '3.28.2', layer: 'cni', errors: [] },
        { index: 3, name: 'csi-tencent-cbs', tag: '1.0.0', layer: 'csi', errors: [] },
        { index: 4, name: 'postgresql', tag: '16.2.1', layer: 'addon', errors: [] },
      ],
    })
  })

  it('reports a missing core layer at profile level', () => {
    const packs = tkeCore().filter((p) => p.layer !== 'csi')
    const result = validateProfile(profile('tencent', 'cluster', packs), catalog)
    expect(result.valid).toBe(false)
    expect(result.errors).toEqual([
      { code: 'LayerMissing', message: 'A cluster profile needs one csi layer; there is none' },
    ])
  })

  it('reports a second layer of the same kind on that pack', () => {
    const packs = [...tkeCore(), ref('kubernetes-tke', '1.28.3')]
    const result = validateProfile(profile('tencent', 'cluster', packs), catalog)
    expect(result.packs[4]?.errors.map((e) => e.code)).toEqual(['LayerDuplicate', 'PackDuplicate'])
    expect(result.packs[4]?.errors[0]?.message).toBe(
      'A cluster profile has one k8s layer: pack 2 (kubernetes-tke 1.30.0) already is',
    )
  })

  it('reports layers out of stack order on the pack that is out of place', () => {
    const [os, k8s, cni, csi] = tkeCore()
    const result = validateProfile(profile('tencent', 'cluster', [os!, cni!, k8s!, csi!]), catalog)
    expect(result.errors).toEqual([])
    expect(result.packs.map((p) => p.errors.map((e) => e.code))).toEqual([[], [], ['LayerOrder'], []])
    expect(result.packs[2]?.errors[0]?.message).toBe(
      'The k8s layer must come before the cni layer of pack 2 (cni-calico 3.28.2): order the stack os, k8s, cni, csi, then add-ons',
    )
    const addonFirst = validateProfile(
      profile('tencent', 'cluster', [ref('postgresql', '16.2.1'), ...tkeCore()]),
      catalog,
    )
    expect(addonFirst.packs.slice(1).every((p) => p.errors[0]?.code === 'LayerOrder')).toBe(true)
  })

  it('keeps add-ons out of infra profiles and core layers out of add-on profiles', () => {
    const infra = validateProfile(profile('tencent', 'infra', [...tkeCore(), ref('postgresql', '16.2.1')]), catalog)
    expect(infra.packs[4]?.errors.map((e) => e.code)).toEqual(['LayerNotAllowed'])
    expect(validateProfile(profile('tencent', 'infra', tkeCore()), catalog).valid).toBe(true)

    const addOn = validateProfile(
      profile('all', 'add-on', [ref('cni-calico', '3.28.2'), ref('nginx-ingress', '4.11.3')]),
      catalog,
    )
    expect(addOn.packs[0]?.errors.map((e) => e.code)).toEqual(['LayerNotAllowed'])
    expect(addOn.packs[1]?.errors).toEqual([])
    const empty = validateProfile(profile('all', 'add-on', []), catalog)
    expect(empty.errors.map((e) => e.code)).toEqual(['LayerMissing'])
  })

  it('requires every pack in the catalog, for the cloud, at that tag, with its layer and type', () => {
    const packs = [
      ref('tke-os', '1.0.0'),
      { name: 'kubernetes-tke', tag: '1.99.0', layer: 'k8s', type: 'spectro' } as const,
      ref('cni-calico', '3.28.2'),
      ref('csi-aws-ebs', '1.35.0'),
      { name: 'mystery-chart', tag: '1.0.0', layer: 'addon', type: 'helm', values: 'a: [1' } as const,
      { name: 'nginx-ingress', tag: '4.11.3', layer: 'addon', type: 'manifest' } as const,
    ]
    const result = validateProfile(profile('tencent', 'cluster', packs), catalog)
    const codes = result.packs.map((p) => p.errors.map((e) => e.code))
    expect(codes).toEqual([
      [],
      ['PackTagNotFound'],
      [],
      ['PackNotForCloud'],
      ['PackNotFound', 'YamlSyntax'],
      ['PackTypeMismatch'],
    ])
    expect(result.packs[1]?.errors[0]?.message).toBe(
      'Pack kubernetes-tke has no version 1.99.0 for tencent; available: 1.30.0, 1.28.3',
    )
    expect(result.packs[3]?.errors[0]?.message).toBe(
      'Pack csi-aws-ebs is not available for tencent (it runs on aws, eks)',
    )
    expect(result.packs[4]?.errors[0]?.message).toBe('Pack mystery-chart is not in the pack catalog')
  })

  it('reports a pack whose layer differs from the catalog', () => {
    const packs = tkeCore()
    packs[2] = { ...packs[2]!, layer: 'csi' }
    const result = validateProfile(profile('tencent', 'cluster', packs), catalog)
    expect(result.packs[2]?.errors.map((e) => e.code)).toContain('PackLayerMismatch')
  })

  it('checks each pack’s values with the profile’s cloud rules, grouped by pack, with lines', () => {
    const packs = tkeCore()
    packs[0] = { ...packs[0]!, values: '# image\nOsName: "centos8"\n' }
    packs.push(ref('postgresql', '16.2.1', 'primary:\n  persistence:\n    size: 25Gi\n'))
    const result = validateProfile(profile('tencent', 'cluster', packs), catalog)
    expect(result.valid).toBe(false)
    expect(result.errors).toEqual([])
    expect(result.packs[0]?.errors).toEqual([expect.objectContaining({ code: 'TkeOsName', line: 2, path: 'OsName' })])
    expect(result.packs[4]?.errors).toEqual([
      expect.objectContaining({ code: 'TkeVolumeSize', line: 3, path: 'primary.persistence.size' }),
    ])
  })

  it('uses the catalog defaults when a pack has no values, and takes an empty text as no values', () => {
    const packs = tkeCore()
    expect(validateProfile(profile('tencent', 'cluster', packs), catalog).valid).toBe(true)
    packs[0] = { ...packs[0]!, values: '' }
    const result = validateProfile(profile('tencent', 'cluster', packs), catalog)
    expect(result.packs[0]?.errors.map((e) => e.code)).toEqual(['TkeOsName'])
  })

  it('does not apply TKE rules to other clouds', () => {
    const packs = [
      ref('ubuntu-aws', '22.04'),
      ref('kubernetes', '1.30.6'),
      ref('cni-calico', '3.28.2'),
      ref('csi-aws-ebs', '1.35.0'),
      ref('postgresql', '16.2.1', 'primary:\n  persistence:\n    size: 8Gi\n'),
    ]
    expect(validateProfile(profile('aws', 'cluster', packs), catalog).valid).toBe(true)
  })
})
