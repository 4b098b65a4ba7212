import { act, render, screen } from '@testing-library/react'
import { EditorView } from 'codemirror'
import { useState } from 'react'
import { beforeAll, describe, expect, it } from 'vitest'
import { type YamlDiagnostic, YamlEditor } from './yaml-editor.tsx'

// jsdom has no layout: CodeMirror measures text ranges, which jsdom's Range cannot do.
beforeAll(() => {
  const range = Range.prototype as Partial<Range>
  range.getClientRects ??= () => [] as unknown as DOMRectList
  range.getBoundingClientRect ??= () => new DOMRect()
})

function Harness({ diagnostics }: { diagnostics?: YamlDiagnostic[] }) {
  const [value, setValue] = useState('a: 1\nb: 2\n')
  return (
    <>
      <YamlEditor label="demo values" value={value} onChange={setValue} diagnostics={diagnostics} />
      <button type="button" onClick={() => setValue('c: 3\n')}>
        Replace
      </button>
      <output aria-label="value">{value}</output>
    </>
  )
}

describe('YamlEditor', () => {
  it('is a labelled textbox showing the controlled value, with line numbers', () => {
    render(<Harness />)
    const editor = screen.getByRole('textbox', { name: 'demo values' })
    expect(editor.textContent).toBe('a: 1b: 2')
    expect(document.querySelector('.cm-lineNumbers')?.textContent).toContain('2')
  })

  it('reports edits through onChange and follows a value changed from outside', async () => {
    render(<Harness />)
    const view = EditorView.findFromDOM(document.querySelector('.cm-editor') as HTMLElement)
    act(() => view?.dispatch({ changes: { from: 0, insert: 'z: 0\n' } }))
    expect(screen.getByRole('status', { name: 'value' }).textContent).toBe('z: 0\na: 1\nb: 2\n')

    act(() => screen.getByRole('button', { name: 'Replace' }).click())
    await screen.findByText('c: 3')
    expect(screen.getByRole('textbox', { name: 'demo values' }).textContent).toBe('c: 3')
  })

  it('marks the diagnostics it is given and says the text is invalid', () => {
    render(<Harness diagnostics={[{ from: 5, to: 9, severity: 'error', message: 'b must be a string' }]} />)
    const editor = screen.getByRole('textbox', { name: 'demo values' })
    expect(editor.getAttribute('aria-invalid')).toBe('true')
    const marked = editor.querySelectorAll('.cm-lintRange-error')
    expect([...marked].map((node) => node.textContent)).toEqual(['b: 2'])
  })
})
