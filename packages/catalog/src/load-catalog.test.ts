import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { type CloudType, parseValues, tkeOsNames, validatePackValues } from '@console/contracts'
import { afterEach, describe, expect, it } from 'vitest'
import { CatalogFileError, findPack, loadCatalog, packsFor, readCatalog } from './load-catalog.ts'

const clouds: CloudType[] = ['tencent', 'aws', 'eks', 'vsphere']

describe('the shipped catalog', () => {
  const catalog = loadCatalog()

  it('loads every pack file once, in stack order', () => {
    expect(catalog.length).toBeGreaterThanOrEqual(25)
    expect(loadCatalog()[0]).toBe(catalog[0])
    const layers = catalog.map((pack) => pack.layer)
    expect(layers).toEqual([...layers].sort((a, b) => order(a) - order(b)))
  })

  it('has default values that validate on every cloud each pack runs on', () => {
    for (const pack of catalog) {
      const targets = pack.cloudTypes.includes('all') ? clouds : pack.cloudTypes
      for (const cloudType of targets) {
        expect(
          validatePackValues(pack, pack.values, { cloudType }),
          `${pack.name} ${pack.tag} on ${cloudType}`,
        ).toEqual([])
      }
    }
  })

  it('offers TKE exactly the four OsName images of the Tencent TKE page, as an enum', () => {
    const tkeOs = packsFor({ layer: 'os', cloudType: 'tencent' })
    expect(tkeOs.length).toBeGreaterThan(0)
    const images = new Set(tkeOs.flatMap((pack) => pack.schema?.properties?.OsName?.enum ?? []))
    expect([...images].sort()).toEqual([...tkeOsNames].sort())
    for (const pack of tkeOs) expect(tkeOsNames).toContain(parseValues(pack.values).data?.OsName)
  })

  it('has the OS images each cloud needs: Ubuntu and Amazon Linux on AWS/EKS, Ubuntu on vSphere', () => {
    const names = (cloudType: CloudType) => [...new Set(packsFor({ layer: 'os', cloudType }).map((pack) => pack.name))]
    expect(names('aws')).toContain('ubuntu-aws')
    expect(names('eks')).toEqual(expect.arrayContaining(['ubuntu-aws', 'amazon-linux-eks']))
    expect(names('vsphere')).toEqual(['ubuntu-vsphere'])
    expect(names('tencent')).toEqual(['tke-os'])
  })

  it('has Kubernetes versions, a CNI and a CSI for every cloud, managed versions for EKS and TKE', () => {
    for (const cloudType of clouds) {
      expect(packsFor({ layer: 'k8s', cloudType }).length, cloudType).toBeGreaterThanOrEqual(3)
      expect(packsFor({ layer: 'cni', cloudType }).map((pack) => pack.name)).toEqual(
        expect.arrayContaining(['cni-calico', 'cni-cilium-oss']),
      )
    }
    expect(packsFor({ layer: 'k8s', cloudType: 'eks' }).every((pack) => pack.name === 'kubernetes-eks')).toBe(true)
    expect(packsFor({ layer: 'k8s', cloudType: 'tencent' }).every((pack) => pack.name === 'kubernetes-tke')).toBe(true)
    expect(packsFor({ layer: 'csi', cloudType: 'tencent' }).map((pack) => pack.name)).toEqual(['csi-tencent-cbs'])
    expect(packsFor({ layer: 'csi', cloudType: 'aws' }).map((pack) => pack.name)).toContain('csi-aws-ebs')
    expect(packsFor({ layer: 'csi', cloudType: 'vsphere' }).map((pack) => pack.name)).toEqual(['csi-vsphere-csi'])
  })

  it('has add-ons whose defaults carry the persistent volume sizes the TKE rule reads', () => {
    const data = (name: string, tag: string) => parseValues(findPack(name, tag)!.values).data as any
    expect(data('postgresql', '16.2.1').primary.persistence.size).toBe('10Gi')
    const monitoring = data('kube-prometheus-stack', '65.1.1')
    expect(monitoring.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage).toBe(
      '50Gi',
    )
    expect(monitoring.grafana.persistence.size).toBe('10Gi')
    expect(data('keycloak', '24.4.1').postgresql.primary.persistence.size).toBe('10Gi')
    expect(data('ingress-nginx', '4.11.3').controller.service.type).toBe('LoadBalancer')
  })

  it('turns a TKE user edit of a catalog default into errors on the right lines', () => {
    const postgres = findPack('postgresql', '16.2.1')!
    const edited = postgres.values.replace('size: 10Gi', 'size: 25Gi')
    const issues = validatePackValues(postgres, edited, { cloudType: 'tencent' })
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ code: 'TkeVolumeSize', path: 'primary.persistence.size' })
    expect(edited.split('\n')[issues[0]!.line! - 1]?.trim()).toBe('size: 25Gi')
    expect(validatePackValues(postgres, edited, { cloudType: 'aws' })).toEqual([])
  })

  it('finds packs by name and tag, and nothing for an unknown tag', () => {
    expect(findPack('kubernetes-tke', '1.30.0')?.cloudTypes).toEqual(['tencent'])
    expect(findPack('kubernetes-tke', '1.99.0')).toBeUndefined()
    expect(packsFor().length).toBe(catalog.length)
  })
})

function order(layer: string): number {
  return ['os', 'k8s', 'cni', 'csi', 'addon'].indexOf(layer)
}

describe('readCatalog on broken files', () => {
  let directory: string | undefined
  afterEach(() => {
    if (directory) rmSync(directory, { recursive: true, force: true })
    directory = undefined
  })

  function catalogWith(files: Record<string, string>): string {
    directory = mkdtempSync(join(tmpdir(), 'catalog-test-'))
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(directory, path)), { recursive: true })
      writeFileSync(join(directory, path), text)
    }
    return directory
  }

  const pack = (fields: string) =>
    `name: redis\ntag: "20.1.0"\nlayer: addon\ntype: helm\ncloudTypes: [all]\ndescription: Redis\n${fields}`

  it('reads a good file', () => {
    const dir = catalogWith({
      'addon/redis-20.1.0.yaml': pack('values: |\n  master:\n    persistence:\n      size: 10Gi\n'),
    })
    expect(readCatalog(dir).map((p) => p.name)).toEqual(['redis'])
  })

  it('names a file that breaks the pack schema, and the field', () => {
    const dir = catalogWith({ 'addon/redis-20.1.0.yaml': pack('values: ""\nschema:\n  type: map\n') })
    expect(() => readCatalog(dir)).toThrowError(CatalogFileError)
    expect(() => readCatalog(dir)).toThrowError(/^addon\/redis-20\.1\.0\.yaml: not a valid pack: schema\.type: /)
  })

  it('names a file that is not YAML', () => {
    const dir = catalogWith({ 'addon/redis-20.1.0.yaml': 'name: [redis\n' })
    expect(() => readCatalog(dir)).toThrowError(/^addon\/redis-20\.1\.0\.yaml: not valid YAML/)
  })

  it('refuses a file in the wrong place and a second file for the same version', () => {
    expect(() => readCatalog(catalogWith({ 'os/redis.yaml': pack('values: ""\n') }))).toThrowError(
      'os/redis.yaml: a addon pack redis 20.1.0 belongs in addon/redis-20.1.0.yaml',
    )
  })

  it('refuses default values that break a rule of a cloud the pack runs on, with the line', () => {
    const dir = catalogWith({
      'addon/redis-20.1.0.yaml': pack('values: |\n  master:\n    persistence:\n      size: 8Gi\n'),
    })
    expect(() => readCatalog(dir)).toThrowError(
      /^addon\/redis-20\.1\.0\.yaml: default values are not valid on tencent: line 3: master\.persistence\.size is 8Gi/,
    )
  })
})
