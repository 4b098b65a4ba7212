import { describe, expect, it } from 'vitest'
import {
  checkTkeOsName,
  checkTkeVolumeSizes,
  isTkeVolumeSize,
  isVolumeSizePath,
  parseVolumeSize,
  tkeOsNames,
} from './tke-rules.ts'
import { parseValues } from './values-document.ts'

const sizesIn = (text: string) => checkTkeVolumeSizes(parseValues(text))

describe('parseVolumeSize', () => {
  it.each([
    ['10Gi', 10],
    ['10G', 10],
    ['10240Mi', 10],
    ['10000M', 10],
    ['1Ti', 1024],
    ['1T', 1000],
    ['0.5Gi', 0.5],
    ['10485760Ki', 10],
    [' 20Gi ', 20],
  ])('reads %s as %d CBS GB', (raw, gigabytes) => {
    expect(parseVolumeSize(raw)?.gigabytes).toBe(gigabytes)
  })

  it('reads a bare number as bytes counted in GiB', () => {
    expect(parseVolumeSize(10 * 2 ** 30)?.gigabytes).toBe(10)
    expect(parseVolumeSize('21474836480')?.gigabytes).toBe(20)
    expect(parseVolumeSize(20)?.gigabytes).toBeLessThan(1)
  })

  it.each(['10GB', '10gi', 'ten', '10 Gi', '1e10', '-10Gi', ''])('does not read %j', (raw) => {
    expect(parseVolumeSize(raw)).toBeUndefined()
  })
})

describe('isTkeVolumeSize', () => {
  it.each([
    ['9Gi', false],
    ['10Gi', true],
    ['15Gi', false],
    ['20Gi', true],
    ['25Gi', false],
    ['10240Mi', true],
    ['10G', true],
    ['9999M', false],
    ['10.5Gi', false],
    ['100Gi', true],
    ['1Ti', false],
    ['1T', true],
  ])('%s → %s', (raw, expected) => {
    const size = parseVolumeSize(raw)
    expect(size).toBeDefined()
    expect(isTkeVolumeSize(size!)).toBe(expected)
  })
})

describe('isVolumeSizePath', () => {
  it('finds storage keys and size keys under a persistence block, at any depth', () => {
    expect(isVolumeSizePath(['persistence', 'size'])).toBe(true)
    expect(isVolumeSizePath(['postgresql', 'primary', 'persistence', 'size'])).toBe(true)
    expect(isVolumeSizePath(['persistence', 'data', 'size'])).toBe(true)
    expect(isVolumeSizePath(['server', 'persistentVolume', 'size'])).toBe(true)
    expect(isVolumeSizePath(['volumeClaimTemplate', 'spec', 'resources', 'requests', 'storage'])).toBe(true)
    expect(isVolumeSizePath(['storage'])).toBe(true)
  })

  it('ignores size keys outside persistence blocks and look-alike keys', () => {
    expect(isVolumeSizePath(['size'])).toBe(false)
    expect(isVolumeSizePath(['controller', 'config', 'size'])).toBe(false)
    expect(isVolumeSizePath(['persistence', 'sizeLimit'])).toBe(false)
    expect(isVolumeSizePath(['resources', 'requests', 'ephemeral-storage'])).toBe(false)
    expect(isVolumeSizePath(['storageClass'])).toBe(false)
  })
})

describe('checkTkeVolumeSizes', () => {
  it.each(['9Gi', '15Gi'])('refuses persistence.size %s on its line', (size) => {
    const issues = sizesIn(`image: postgres\npersistence:\n  enabled: true\n  size: ${size}\n`)
    expect(issues).toEqual([
      expect.objectContaining({ code: 'TkeVolumeSize', path: 'persistence.size', line: 4, column: 3 }),
    ])
  })

  it.each(['10Gi', '20Gi', '10240Mi', '10G', '"20Gi"', "'30Gi'", '"10240Mi"'])(
    'accepts persistence.size %s',
    (size) => {
      expect(sizesIn(`persistence:\n  size: ${size}\n`)).toEqual([])
    },
  )

  it('says why 25Gi is refused and which sizes would do', () => {
    const [issue] = sizesIn('persistence:\n  size: 25Gi\n')
    expect(issue?.message).toBe(
      'persistence.size is 25Gi: Tencent CBS volumes must be at least 10 GB and a multiple of 10 GB (e.g. 20Gi or 30Gi)',
    )
  })

  it('suggests 10Gi under the minimum and decimal units when the size was decimal', () => {
    expect(sizesIn('persistence:\n  size: 9Gi\n')[0]?.message).toMatch(/\(e\.g\. 10Gi\)$/)
    expect(sizesIn('persistence:\n  size: 15G\n')[0]?.message).toMatch(/\(e\.g\. 10G or 20G\)$/)
  })

  it('refuses a quoted size like an unquoted one', () => {
    expect(sizesIn('persistence:\n  size: "15Gi"\n')).toEqual([
      expect.objectContaining({ code: 'TkeVolumeSize', path: 'persistence.size', line: 2 }),
    ])
  })

  it('finds sizes in nested sub-charts and reports each with its full path and line', () => {
    const text = [
      'postgresql:', //                 1
      '  enabled: true', //             2
      '  primary:', //                  3
      '    persistence:', //            4
      '      size: 15Gi', //            5
      '  readReplicas:', //             6
      '    persistence:', //            7
      '      size: 20Gi', //            8
      'redis:', //                      9
      '  master:', //                   10
      '    persistence:', //            11
      '      size: 8Gi', //             12
    ].join('\n')
    expect(sizesIn(text)).toEqual([
      expect.objectContaining({ path: 'postgresql.primary.persistence.size', line: 5 }),
      expect.objectContaining({ path: 'redis.master.persistence.size', line: 12 }),
    ])
  })

  it('checks storage keys such as a volume claim template request', () => {
    const text = [
      'prometheus:',
      '  prometheusSpec:',
      '    storageSpec:',
      '      volumeClaimTemplate:',
      '        spec:',
      '          resources:',
      '            requests:',
      '              storage: 45Gi',
      'loki:',
      '  storage: 50Gi',
    ].join('\n')
    expect(sizesIn(text)).toEqual([
      expect.objectContaining({
        code: 'TkeVolumeSize',
        path: 'prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage',
        line: 8,
      }),
    ])
  })

  it('ignores size keys that are not volumes, storage settings that are not sizes, and empty sizes', () => {
    const text = [
      'controller:',
      '  config:',
      '    size: 3', //                 not a persistence block
      '  resources:',
      '    requests:',
      '      ephemeral-storage: 1Gi',
      'cache:',
      '  size: 5Gi',
      'storage: filesystem', //         a storage backend name, not a size
      'alertmanager:',
      '  storage: {}',
      'persistence:',
      '  enabled: false',
      '  size: ""',
    ].join('\n')
    expect(sizesIn(text)).toEqual([])
  })

  it('skips the size of a persistence block that is switched off, not of one that is on', () => {
    const text = [
      'primary:',
      '  persistence:',
      '    enabled: false',
      '    size: 8Gi',
      'readReplicas:',
      '  persistence:',
      '    enabled: true',
      '    size: 8Gi',
    ].join('\n')
    expect(sizesIn(text)).toEqual([expect.objectContaining({ path: 'readReplicas.persistence.size', line: 8 })])
  })

  it('reports a persistence size that is not a quantity, and a bare number as the bytes it means', () => {
    expect(sizesIn('persistence:\n  size: 20GB\n')).toEqual([
      expect.objectContaining({ code: 'VolumeSizeUnreadable', path: 'persistence.size', line: 2 }),
    ])
    expect(sizesIn('persistence:\n  size: 20\n')).toEqual([
      expect.objectContaining({ code: 'TkeVolumeSize', path: 'persistence.size', line: 2 }),
    ])
  })

  it('reads volumes inside lists (volumeClaimTemplates) too', () => {
    const text =
      'volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      resources:\n        requests:\n          storage: 5Gi\n'
    expect(sizesIn(text)).toEqual([
      expect.objectContaining({ path: 'volumeClaimTemplates[0].spec.resources.requests.storage', line: 7 }),
    ])
  })
})

describe('checkTkeOsName', () => {
  it.each(tkeOsNames)('accepts %j', (osName) => {
    expect(checkTkeOsName(parseValues(`"OsName": "${osName}"\n`))).toEqual([])
  })

  it('refuses an image outside the four, quoting the allowed list, on its line', () => {
    const [issue, ...rest] = checkTkeOsName(parseValues('# TKE image\nOsName: centos8.0_x64\n'))
    expect(rest).toEqual([])
    expect(issue).toMatchObject({ code: 'TkeOsName', path: 'OsName', line: 2, column: 1 })
    expect(issue?.message).toBe(
      'OsName is "centos8.0_x64": Tencent TKE nodes use one of these images: "centos7.6.0_x64", "centos7.6.0_x64 GPU", "ubuntu18.04.1x86_64", "ubuntu18.04.1x86_64 GPU"',
    )
  })

  it('is exact: case and the GPU suffix matter', () => {
    expect(checkTkeOsName(parseValues('OsName: "ubuntu18.04.1x86_64 gpu"'))[0]?.code).toBe('TkeOsName')
    expect(checkTkeOsName(parseValues('OsName: "Ubuntu18.04.1x86_64"'))[0]?.code).toBe('TkeOsName')
  })

  it('refuses a missing OsName without a line', () => {
    const issues = checkTkeOsName(parseValues('image: ubuntu\n'))
    expect(issues).toEqual([expect.objectContaining({ code: 'TkeOsName', path: 'OsName' })])
    expect(issues[0]?.line).toBeUndefined()
    expect(issues[0]?.message).toMatch(/^OsName is missing: /)
  })
})
