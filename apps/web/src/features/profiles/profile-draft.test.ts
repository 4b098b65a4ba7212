import { describe, expect, it } from 'vitest'
import {
  type DraftLayer,
  emptyDraft,
  insertLayer,
  layersForType,
  metadataErrors,
  nextPatchVersion,
  toProfileBody,
} from './profile-draft.ts'

const layer = (name: string, kind: DraftLayer['layer']): DraftLayer => ({
  key: name,
  name,
  tag: '1.0.0',
  layer: kind,
  type: 'spectro',
  values: '',
})

describe('insertLayer', () => {
  it('keeps the stack order os, k8s, cni, csi, add-ons whatever order layers are added in', () => {
    let layers: DraftLayer[] = []
    for (const added of [
      layer('postgresql', 'addon'),
      layer('csi-tencent-cbs', 'csi'),
      layer('tke-os', 'os'),
      layer('ingress-nginx', 'addon'),
      layer('cni-calico', 'cni'),
      layer('kubernetes-tke', 'k8s'),
    ])
      layers = insertLayer(layers, added)
    expect(layers.map((l) => l.name)).toEqual([
      'tke-os',
      'kubernetes-tke',
      'cni-calico',
      'csi-tencent-cbs',
      'postgresql',
      'ingress-nginx',
    ])
  })
})

describe('metadataErrors', () => {
  it("answers the contract's messages by field", () => {
    const errors = metadataErrors({ ...emptyDraft(), name: 'Not A Name', version: '1.0' })
    expect(errors.name).toBe('Use lowercase letters, digits and dashes; start and end with a letter or digit')
    expect(errors.version).toBe('Use a semantic version such as 1.0.0')
    expect(metadataErrors({ ...emptyDraft(), name: 'tke-pg' })).toEqual({})
  })
})

describe('toProfileBody', () => {
  it('leaves an empty description out and sends the layers with their values', () => {
    const body = toProfileBody({ ...emptyDraft(), name: ' tke-pg ', layers: [layer('tke-os', 'os')] })
    expect(body).toEqual({
      metadata: { name: 'tke-pg' },
      spec: {
        version: '1.0.0',
        template: {
          cloudType: 'tencent',
          type: 'cluster',
          packs: [{ name: 'tke-os', tag: '1.0.0', layer: 'os', type: 'spectro', values: '' }],
        },
      },
    })
  })
})

describe('layersForType and nextPatchVersion', () => {
  it('offers the layers a profile type holds and bumps the patch like the server', () => {
    expect(layersForType('add-on')).toEqual(['addon'])
    expect(layersForType('infra')).toEqual(['os', 'k8s', 'cni', 'csi'])
    expect(nextPatchVersion('1.4.9')).toBe('1.4.10')
  })
})
