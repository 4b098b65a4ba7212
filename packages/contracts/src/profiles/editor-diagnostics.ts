import type { ValidationIssue } from './validation-issue.ts'

/** A CodeMirror-style lint diagnostic (`@codemirror/lint`'s `Diagnostic` without the extras). */
export interface EditorDiagnostic {
  /** Character offset where the marker starts: the start of the offending line. */
  from: number
  /** Character offset where it ends: the end of that line, line break excluded. */
  to: number
  severity: 'error' | 'warning' | 'info'
  message: string
}

/** Start and end offsets of every line of `text` (`\n`, `\r\n` and `\r` line breaks). */
function lineRanges(text: string): { from: number; to: number }[] {
  const ranges: { from: number; to: number }[] = []
  const breaks = /\r\n|\r|\n/g
  let from = 0
  for (let match = breaks.exec(text); match !== null; match = breaks.exec(text)) {
    ranges.push({ from, to: match.index })
    from = match.index + match[0].length
  }
  ranges.push({ from, to: text.length })
  return ranges
}

/**
 * Turns the issues of `validatePackValues` (or one pack of `validateProfile`) into inline markers
 * for the YAML editor showing `text`: each marker spans the whole offending line. Issues without a
 * line (a missing required key at the top, a pack missing from the catalog) mark the first line;
 * a line past the end of the text marks the last one.
 */
export function toEditorDiagnostics(issues: readonly ValidationIssue[], text: string): EditorDiagnostic[] {
  const lines = lineRanges(text)
  return issues.map((issue) => {
    const lineIndex = Math.min(Math.max((issue.line ?? 1) - 1, 0), lines.length - 1)
    const range = lines[lineIndex]!
    return { from: range.from, to: range.to, severity: 'error', message: issue.message }
  })
}
