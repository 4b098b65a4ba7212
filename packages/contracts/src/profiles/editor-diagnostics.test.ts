import { describe, expect, it } from 'vitest'
import { toEditorDiagnostics } from './editor-diagnostics.ts'
import { validatePackValues } from './validate-pack-values.ts'

describe('toEditorDiagnostics', () => {
  it('marks the whole offending line by character offsets', () => {
    const text = 'persistence:\n  enabled: true\n  size: 25Gi\n'
    const issues = validatePackValues({ layer: 'addon' }, text, { cloudType: 'tencent' })
    const diagnostics = toEditorDiagnostics(issues, text)
    expect(diagnostics).toHaveLength(1)
    const [marker] = diagnostics
    expect(text.slice(marker!.from, marker!.to)).toBe('  size: 25Gi')
    expect(marker).toMatchObject({ severity: 'error', message: issues[0]!.message })
  })

  it('marks a syntax error on its line, with Windows line breaks too', () => {
    const text = 'a: 1\r\nb: [1, 2\r\nc: 3\r\n'
    const issues = validatePackValues({ layer: 'addon' }, text, { cloudType: 'aws' })
    const [marker] = toEditorDiagnostics(issues, text)
    expect(issues[0]?.line).toBe(3)
    expect(text.slice(marker!.from, marker!.to)).toBe('c: 3')
  })

  it('puts issues without a line on the first line and clamps lines past the end', () => {
    const text = 'image: ubuntu\nother: 1'
    const diagnostics = toEditorDiagnostics(
      [
        { code: 'TkeOsName', message: 'OsName is missing' },
        { code: 'YamlSyntax', message: 'late', line: 9 },
      ],
      text,
    )
    expect(diagnostics.map((d) => text.slice(d.from, d.to))).toEqual(['image: ubuntu', 'other: 1'])
    expect(toEditorDiagnostics([{ code: 'TkeOsName', message: 'x' }], '')).toEqual([
      { from: 0, to: 0, severity: 'error', message: 'x' },
    ])
  })
})
