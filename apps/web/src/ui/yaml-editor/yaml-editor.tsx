import { yaml } from '@codemirror/lang-yaml'
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint'
import { Annotation, Compartment, EditorState, type Extension } from '@codemirror/state'
import { basicSetup, EditorView } from 'codemirror'
import { useEffect, useRef } from 'react'
import './yaml-editor.css'

/** An inline marker: character offsets into the text, like `@codemirror/lint`'s `Diagnostic`. */
export interface YamlDiagnostic {
  from: number
  to: number
  severity: 'error' | 'warning' | 'info'
  message: string
}

export interface YamlEditorProps {
  /** The text shown; the editor follows it when it changes from outside (controlled). */
  value: string
  onChange?: (value: string) => void
  /** Accessible name of the editing area, e.g. "postgresql values". */
  label: string
  /** Inline markers for the current text; offsets past the end are clamped. */
  diagnostics?: readonly YamlDiagnostic[]
  readOnly?: boolean
  /** Id of an element that describes the text, e.g. the list of its problems. */
  describedBy?: string
}

const noDiagnostics: readonly YamlDiagnostic[] = []

/** Marks the transactions that bring the `value` prop in, so they are not echoed back through onChange. */
const fromProps = Annotation.define<boolean>()

/** Gutter and marker colours with enough contrast on white (the default gutter grey does not pass WCAG AA). */
const theme = EditorView.theme({
  '.cm-gutters': { backgroundColor: '#f6f7f9', color: '#475467', borderRight: '1px solid #e4e7ec' },
  '.cm-activeLineGutter': { backgroundColor: '#e4e7ec', color: '#101828' },
  '.cm-activeLine': { backgroundColor: '#f0f5ff' },
  '.cm-content': { padding: '6px 0' },
})

function editability(readOnly: boolean): Extension {
  return [EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]
}

function contentAttributes(label: string, describedBy: string | undefined, isInvalid: boolean): Extension {
  // tabindex: a read-only editor (not contenteditable) stays reachable by keyboard for reading and scrolling.
  const attributes: Record<string, string> = { 'aria-label': label, tabindex: '0' }
  if (describedBy) attributes['aria-describedby'] = describedBy
  if (isInvalid) attributes['aria-invalid'] = 'true'
  return EditorView.contentAttributes.of(attributes)
}

function clamp(diagnostics: readonly YamlDiagnostic[], length: number): Diagnostic[] {
  return diagnostics.map((d) => {
    const from = Math.min(Math.max(d.from, 0), length)
    return { from, to: Math.min(Math.max(d.to, from), length), severity: d.severity, message: d.message }
  })
}

/**
 * A CodeMirror 6 editor for YAML values: highlighting, line numbers, a lint gutter and inline error
 * markers fed by the parent through `diagnostics` (the parent owns validation; this widget knows no rule).
 */
export function YamlEditor({
  value,
  onChange,
  label,
  diagnostics = noDiagnostics,
  readOnly = false,
  describedBy,
}: YamlEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null)
  const viewRef = useRef<EditorView | null>(null)
  const onChangeRef = useRef(onChange)
  onChangeRef.current = onChange
  const compartments = useRef({ editable: new Compartment(), attributes: new Compartment() }).current
  const isInvalid = diagnostics.some((d) => d.severity === 'error')

  // Created once; later prop changes reach the view through the effects below.
  useEffect(() => {
    if (!hostRef.current) return
    const view = new EditorView({
      parent: hostRef.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          yaml(),
          lintGutter(),
          theme,
          compartments.editable.of(editability(readOnly)),
          compartments.attributes.of(contentAttributes(label, describedBy, isInvalid)),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return
            if (update.transactions.some((tr) => tr.annotation(fromProps))) return
            onChangeRef.current?.(update.state.doc.toString())
          }),
        ],
      }),
    })
    viewRef.current = view
    return () => {
      view.destroy()
      viewRef.current = null
    }
  }, [])

  useEffect(() => {
    const view = viewRef.current
    if (!view) return
    const current = view.state.doc.toString()
    if (current === value) return
    view.dispatch({ changes: { from: 0, to: current.length, insert: value }, annotations: fromProps.of(true) })
  }, [value])

  useEffect(() => {
    const view = viewRef.current
    if (!view) return
    view.dispatch(setDiagnostics(view.state, clamp(diagnostics, view.state.doc.length)))
  }, [diagnostics])

  useEffect(() => {
    viewRef.current?.dispatch({ effects: compartments.editable.reconfigure(editability(readOnly)) })
  }, [readOnly, compartments])

  useEffect(() => {
    viewRef.current?.dispatch({
      effects: compartments.attributes.reconfigure(contentAttributes(label, describedBy, isInvalid)),
    })
  }, [label, describedBy, isInvalid, compartments])

  return <div ref={hostRef} className="yaml-editor" data-invalid={isInvalid || undefined} />
}
