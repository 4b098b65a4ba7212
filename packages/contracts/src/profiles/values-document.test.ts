import { describe, expect, it } from 'vitest'
import { formatValuesPath, parseValues } from './values-document.ts'

describe('parseValues', () => {
  it('answers the data and where every key is written (1-based line and column)', () => {
    const text = ['replicaCount: 2', 'service:', '  type: ClusterIP', '  ports:', '    - 80', '    - 443', ''].join(
      '\n',
    )
    const parsed = parseValues(text)
    expect(parsed.ok).toBe(true)
    expect(parsed.data).toEqual({ replicaCount: 2, service: { type: 'ClusterIP', ports: [80, 443] } })
    expect(parsed.locate(['replicaCount'])).toEqual({ line: 1, column: 1 })
    expect(parsed.locate(['service', 'type'])).toEqual({ line: 3, column: 3 })
    expect(parsed.locate(['service', 'ports', 1])).toEqual({ line: 6, column: 7 })
    expect(parsed.locate(['service', 'missing'])).toBeUndefined()
    expect(parsed.entries.map((entry) => formatValuesPath(entry.path))).toEqual([
      'replicaCount',
      'service',
      'service.type',
      'service.ports',
      'service.ports[0]',
      'service.ports[1]',
    ])
  })

  it('reports a YAML syntax error with the line and column the parser points at', () => {
    const parsed = parseValues(['a: 1', 'b:', '  c: [1, 2', 'd: 4'].join('\n'))
    expect(parsed.ok).toBe(false)
    expect(parsed.data).toBeUndefined()
    expect(parsed.errors.length).toBeGreaterThan(0)
    const [first] = parsed.errors
    expect(first).toMatchObject({ code: 'YamlSyntax', line: 4, column: 1 })
    expect(first?.message).toMatch(/^YAML syntax error at line 4, column 1: /)
  })

  it('points a bad indentation at its own line, not the first one', () => {
    const parsed = parseValues(['ok: true', 'persistence:', '  size: 10Gi', ' storageClass: cbs'].join('\n'))
    expect(parsed.ok).toBe(false)
    expect(parsed.errors[0]).toMatchObject({ code: 'YamlSyntax', line: 4 })
  })

  it('refuses duplicate keys, with the line of the second one', () => {
    const parsed = parseValues('size: 10Gi\nother: 1\nsize: 20Gi\n')
    expect(parsed.errors).toEqual([expect.objectContaining({ code: 'YamlSyntax', line: 3, column: 1 })])
    expect(parsed.errors[0]?.message).toContain('Map keys must be unique')
  })

  it('refuses values that are a list or a single value, accepts empty text and comments as no values', () => {
    expect(parseValues('- a\n- b\n').errors).toEqual([expect.objectContaining({ code: 'ValuesNotMap', line: 1 })])
    expect(parseValues('just text').errors[0]?.code).toBe('ValuesNotMap')
    expect(parseValues('').data).toEqual({})
    expect(parseValues('# nothing set\n').data).toEqual({})
  })

  it('follows anchors, aliases and merge keys, placing merged keys where they are written', () => {
    const text = [
      'defaults: &pvc',
      '  size: 20Gi',
      'primary:',
      '  persistence:',
      '    <<: *pvc',
      '    enabled: true',
    ].join('\n')
    const parsed = parseValues(text)
    expect(parsed.data).toEqual({
      defaults: { size: '20Gi' },
      primary: { persistence: { size: '20Gi', enabled: true } },
    })
    expect(parsed.locate(['primary', 'persistence', 'size'])).toEqual({ line: 2, column: 3 })
    expect(parsed.locate(['primary', 'persistence', 'enabled'])).toEqual({ line: 6, column: 5 })
  })

  it('refuses an alias bomb instead of expanding it', () => {
    const levels = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level)
      const name = String.fromCharCode(97 + level)
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`)
    }
    const parsed = parseValues(levels.join('\n'))
    expect(parsed.ok).toBe(false)
    expect(parsed.errors[0]).toMatchObject({ code: 'YamlSyntax', line: 1 })
    expect(parsed.errors[0]?.message).toMatch(/^YAML cannot be resolved: /)
  })

  it('counts lines the same with Windows line breaks', () => {
    const parsed = parseValues('a: 1\r\nb:\r\n  c: 2\r\n')
    expect(parsed.locate(['b', 'c'])).toEqual({ line: 3, column: 3 })
  })
})

describe('formatValuesPath', () => {
  it('dots plain keys, brackets indexes and quotes keys that are not identifiers', () => {
    expect(formatValuesPath(['postgresql', 'primary', 'persistence', 'size'])).toBe(
      'postgresql.primary.persistence.size',
    )
    expect(formatValuesPath(['storageClasses', 0, 'name'])).toBe('storageClasses[0].name')
    expect(formatValuesPath(['annotations', 'nginx.ingress.kubernetes.io/ssl-redirect'])).toBe(
      'annotations["nginx.ingress.kubernetes.io/ssl-redirect"]',
    )
    expect(formatValuesPath(['ephemeral-storage'])).toBe('ephemeral-storage')
  })
})
