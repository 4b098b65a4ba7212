import { describe, expect, it } from 'vitest'
import type { Pack } from './pack.ts'
import { validatePackValues } from './validate-pack-values.ts'

const tkeOs: Pick<Pack, 'layer' | 'schema'> = {
  layer: 'os',
  schema: {
    type: 'object',
    required: ['OsName'],
    properties: {
      OsName: {
        type: 'string',
        enum: ['centos7.6.0_x64', 'centos7.6.0_x64 GPU', 'ubuntu18.04.1x86_64', 'ubuntu18.04.1x86_64 GPU'],
      },
    },
  },
}
const postgres: Pick<Pack, 'layer' | 'schema'> = {
  layer: 'addon',
  schema: {
    type: 'object',
    properties: { primary: { type: 'object', properties: { replicaCount: { type: 'integer', minimum: 1 } } } },
  },
}

describe('validatePackValues', () => {
  it('answers only the syntax errors when the YAML does not parse', () => {
    const issues = validatePackValues(postgres, 'primary:\n  persistence:\n    size: [9Gi\n', { cloudType: 'tencent' })
    expect(issues.length).toBeGreaterThan(0)
    expect(issues.every((issue) => issue.code === 'YamlSyntax')).toBe(true)
  })

  it('applies the TKE OsName rule on tencent only, without a second schema message for the same key', () => {
    const values = 'OsName: "windows2019"\n'
    const onTke = validatePackValues(tkeOs, values, { cloudType: 'tencent' })
    expect(onTke.map((issue) => issue.code)).toEqual(['TkeOsName'])
    const elsewhere = validatePackValues(tkeOs, values, { cloudType: 'aws' })
    expect(elsewhere.map((issue) => issue.code)).toEqual(['SchemaEnum'])
  })

  it('applies the TKE volume rule to add-ons on tencent, next to schema errors, sorted by line', () => {
    const values = 'primary:\n  replicaCount: 0\n  persistence:\n    size: 15Gi\n'
    expect(validatePackValues(postgres, values, { cloudType: 'tencent' }).map((i) => [i.code, i.line])).toEqual([
      ['SchemaMinimum', 2],
      ['TkeVolumeSize', 4],
    ])
    expect(validatePackValues(postgres, values, { cloudType: 'vsphere' }).map((i) => i.code)).toEqual(['SchemaMinimum'])
  })

  it('does not apply the volume rule to the core layers', () => {
    const csi = { layer: 'csi' as const }
    expect(validatePackValues(csi, 'persistence:\n  size: 5Gi\n', { cloudType: 'tencent' })).toEqual([])
  })
})
