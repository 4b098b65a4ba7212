import { describe, expect, it } from 'vitest'
import {
  clusterProfileBodySchema,
  clusterProfileCreateQuerySchema,
  clusterProfileListQuerySchema,
} from './cluster-profile.ts'
import { filterPacks, isPackForCloud, type Pack, packListQuerySchema, packSchema } from './pack.ts'

const base: Pack = {
  name: 'cni-calico',
  tag: '3.28.2',
  layer: 'cni',
  type: 'spectro',
  cloudTypes: ['all'],
  description: 'Calico',
  values: 'manifests: {}\n',
}

describe('packSchema', () => {
  it('accepts a pack with a schema in the documented language', () => {
    const parsed = packSchema.safeParse({
      ...base,
      schema: { type: 'object', required: ['a'], properties: { a: { type: ['string', 'null'], pattern: '^x' } } },
    })
    expect(parsed.success).toBe(true)
  })

  it('refuses unknown schema keywords, bad patterns and bad layers, naming the path', () => {
    const typo = packSchema.safeParse({ ...base, schema: { type: 'object', requried: ['a'] } })
    expect(typo.success).toBe(false)
    expect(typo.error?.issues[0]?.path).toEqual(['schema'])
    const pattern = packSchema.safeParse({ ...base, schema: { properties: { a: { pattern: '([' } } } })
    expect(pattern.error?.issues[0]?.path).toEqual(['schema', 'properties', 'a', 'pattern'])
    expect(packSchema.safeParse({ ...base, layer: 'network' }).success).toBe(false)
    expect(packSchema.safeParse({ ...base, cloudTypes: [] }).success).toBe(false)
  })
})

describe('isPackForCloud and filterPacks', () => {
  const catalog: Pack[] = [
    base,
    { ...base, name: 'csi-aws-ebs', tag: '1.35.0', layer: 'csi', cloudTypes: ['aws', 'eks'] },
    { ...base, name: 'csi-tencent-cbs', tag: '1.0.0', layer: 'csi', cloudTypes: ['tencent'] },
  ]

  it('treats `all` packs as running anywhere and `all` profiles as taking only `all` packs', () => {
    expect(isPackForCloud(base, 'tencent')).toBe(true)
    expect(isPackForCloud(catalog[1]!, 'eks')).toBe(true)
    expect(isPackForCloud(catalog[1]!, 'tencent')).toBe(false)
    expect(isPackForCloud(catalog[1]!, 'all')).toBe(false)
  })

  it('filters by layer, cloud type and name', () => {
    expect(filterPacks(catalog, { layer: 'csi', cloudType: 'tencent' }).map((p) => p.name)).toEqual(['csi-tencent-cbs'])
    expect(filterPacks(catalog, { cloudType: 'aws' }).map((p) => p.name)).toEqual(['cni-calico', 'csi-aws-ebs'])
    expect(filterPacks(catalog, { name: 'cni-calico' })).toHaveLength(1)
  })
})

describe('clusterProfileBodySchema', () => {
  const body = {
    metadata: { name: 'tke-standard', description: 'TKE with Postgres' },
    spec: {
      version: '1.0.0',
      template: {
        cloudType: 'tencent',
        type: 'cluster',
        packs: [{ name: 'tke-os', tag: '1.0.0', layer: 'os', type: 'spectro', values: 'OsName: x' }],
      },
    },
  }

  it('accepts the Palette body', () => {
    expect(clusterProfileBodySchema.parse(body)).toEqual(body)
  })

  it('refuses names that are not DNS labels and versions that are not semver', () => {
    const bad = clusterProfileBodySchema.safeParse({
      ...body,
      metadata: { name: 'TKE Standard' },
      spec: { ...body.spec, version: '1.0' },
    })
    expect(bad.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['metadata.name', 'spec.version'])
    expect(clusterProfileBodySchema.safeParse({ ...body, metadata: { name: '-x' } }).success).toBe(false)
    expect(clusterProfileBodySchema.safeParse({ ...body, spec: { ...body.spec, version: '1.2.3-rc.1' } }).success).toBe(
      true,
    )
  })

  it('reads ?publish=true as a boolean, false when absent', () => {
    expect(clusterProfileCreateQuerySchema.parse({ publish: 'true' })).toEqual({ publish: true })
    expect(clusterProfileCreateQuerySchema.parse({})).toEqual({ publish: false })
  })

  it('parses list filters', () => {
    expect(clusterProfileListQuerySchema.parse({ cloudType: 'eks', type: 'add-on', limit: '10' })).toMatchObject({
      cloudType: 'eks',
      type: 'add-on',
      limit: 10,
      offset: 0,
    })
    expect(clusterProfileListQuerySchema.safeParse({ cloudType: 'gcp' }).success).toBe(false)
  })
})

describe('packListQuerySchema', () => {
  it('takes separate parameters', () => {
    expect(packListQuerySchema.parse({ layer: 'os', cloudType: 'tencent' })).toEqual({
      layer: 'os',
      cloudType: 'tencent',
    })
  })

  it("reads Palette's filters text, separate parameters winning", () => {
    expect(packListQuerySchema.parse({ filters: 'spec.layer=csi AND spec.cloudTypes=eks' })).toEqual({
      layer: 'csi',
      cloudType: 'eks',
    })
    expect(packListQuerySchema.parse({ filters: 'layer=os,cloudType=aws', cloudType: 'vsphere' })).toEqual({
      layer: 'os',
      cloudType: 'vsphere',
    })
  })

  it('refuses unknown filters and unknown values, naming the field', () => {
    const unknown = packListQuerySchema.safeParse({ filters: 'region=ap-guangzhou' })
    expect(unknown.error?.issues[0]?.path).toEqual(['unknownFilters'])
    const badLayer = packListQuerySchema.safeParse({ filters: 'layer=network' })
    expect(badLayer.error?.issues[0]?.path).toEqual(['layer'])
  })
})
