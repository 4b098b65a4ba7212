import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { clusterProfileBodySchema, validateProfile } from '@console/contracts'
import { describe, expect, it } from 'vitest'
import { loadCatalog } from './load-catalog.ts'
import { loadSeedProfiles, readSeedProfiles } from './seed-profiles.ts'

describe('seed profiles', () => {
  const catalog = loadCatalog()
  const profiles = loadSeedProfiles()

  it('has one full cluster profile per cloud', () => {
    expect(profiles.map((profile) => profile.spec.template.cloudType).sort()).toEqual([
      'aws',
      'eks',
      'tencent',
      'vsphere',
    ])
    for (const profile of profiles) {
      expect(profile.spec.template.type).toBe('cluster')
      expect(profile.spec.template.packs.slice(0, 4).map((pack) => pack.layer)).toEqual(['os', 'k8s', 'cni', 'csi'])
      expect(profile.spec.template.packs.length).toBeGreaterThan(4)
    }
  })

  it('are valid API bodies that pass every profile rule against the catalog', () => {
    for (const profile of profiles) {
      expect(clusterProfileBodySchema.safeParse(profile).success).toBe(true)
      const result = validateProfile(profile, catalog)
      expect(result, profile.metadata.name).toMatchObject({ valid: true, errors: [] })
      expect(result.packs.flatMap((pack) => pack.errors)).toEqual([])
    }
  })

  it('carry the values they deploy: the catalog defaults unless the file overrides them', () => {
    for (const profile of profiles) {
      for (const pack of profile.spec.template.packs) expect(typeof pack.values).toBe('string')
    }
    const tke = profiles.find((profile) => profile.spec.template.cloudType === 'tencent')!
    const [os, k8s, , , postgres] = tke.spec.template.packs
    expect(os?.values).toContain('"OsName": "ubuntu18.04.1x86_64"')
    expect(k8s?.values).toBe(catalog.find((p) => p.name === 'kubernetes-tke' && p.tag === '1.30.0')?.values)
    expect(postgres?.values).toContain('size: 20Gi')
  })

  it('breaks on the TKE rules when a user edits the TKE seed badly', () => {
    const tke = structuredClone(profiles.find((profile) => profile.spec.template.cloudType === 'tencent')!)
    const packs = tke.spec.template.packs
    packs[0]!.values = '"OsName": "centos8.2x86_64"\n'
    packs[4]!.values = packs[4]!.values!.replace('size: 20Gi', 'size: "15Gi"')
    const result = validateProfile(tke, catalog)
    expect(result.valid).toBe(false)
    expect(result.packs[0]?.errors.map((e) => e.code)).toEqual(['TkeOsName'])
    expect(result.packs[4]?.errors).toEqual([
      expect.objectContaining({
        code: 'TkeVolumeSize',
        path: 'primary.persistence.size',
        message:
          'primary.persistence.size is 15Gi: Tencent CBS volumes must be at least 10 GB and a multiple of 10 GB (e.g. 10Gi or 20Gi)',
      }),
    ])
  })

  it('refuses a profile file that does not validate, naming the file and the problem', () => {
    const directory = mkdtempSync(join(tmpdir(), 'profiles-test-'))
    try {
      writeFileSync(
        join(directory, 'broken.yaml'),
        [
          'metadata: {name: broken}',
          'spec:',
          '  version: "1.0.0"',
          '  template:',
          '    cloudType: tencent',
          '    type: cluster',
          '    packs:',
          '      - {name: tke-os, tag: "1.0.0", layer: os, type: spectro}',
        ].join('\n'),
      )
      expect(() => readSeedProfiles(directory, catalog)).toThrowError(
        /^profiles\/broken\.yaml: profile does not validate: A cluster profile needs one k8s layer/,
      )
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })
})
