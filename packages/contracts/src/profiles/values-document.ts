import { type Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml'
import type { ValidationIssue } from './validation-issue.ts'

/** A key path inside pack values: map keys as strings, list indexes as numbers. */
export type ValuesPath = readonly (string | number)[]

/** A 1-based position in the values text. */
export interface ValuesPosition {
  line: number
  column: number
}

/** One key or list item of the values, in document order, with where it is written. */
export interface ValuesEntry {
  path: ValuesPath
  /** The scalar value (string, number, boolean, null); `undefined` for a map or a list (read those from `data`). */
  value: unknown
  /** True when the YAML node is a scalar (string, number, boolean, null), not a map or list. */
  isScalar: boolean
  position: ValuesPosition
}

/** What `parseValues` answers. */
export interface ParsedValues {
  /** False when the text is not YAML or not a map; `errors` then says why and where. */
  ok: boolean
  /** The values as plain data (`{}` for an empty text); `undefined` when `ok` is false. */
  data: Record<string, unknown> | undefined
  errors: ValidationIssue[]
  /** Every key and list item, in document order (empty when `ok` is false). */
  entries: ValuesEntry[]
  /** Where a key path is written (its key's position); `undefined` when the path is not in the text. */
  locate(path: ValuesPath): ValuesPosition | undefined
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/

/** Formats a key path for messages: `a.b[0].c`, with odd keys quoted (`annotations["kubernetes.io/x"]`). */
export function formatValuesPath(path: ValuesPath): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`
    else out += `[${JSON.stringify(segment)}]`
  }
  return out
}

function pathKey(path: ValuesPath): string {
  return JSON.stringify(path)
}

/**
 * Parses a pack's values YAML (YAML 1.2 core schema, `<<` merge keys honoured, duplicate keys refused).
 * Syntax errors carry the 1-based `line` and `column` the `yaml` parser points at; a text that parses
 * to something other than a map (or nothing) is refused with `ValuesNotMap`. Pure: safe in the
 * browser as the user types and on the server.
 */
export function parseValues(text: string): ParsedValues {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true })
  const positionAt = (offset: number): ValuesPosition => {
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  const failed = (errors: ValidationIssue[]): ParsedValues => ({
    ok: false,
    data: undefined,
    errors,
    entries: [],
    locate: () => undefined,
  })

  if (doc.errors.length > 0) {
    return failed(
      doc.errors.map((error) => {
        const position = positionAt(error.pos[0])
        return {
          code: 'YamlSyntax',
          message: `YAML syntax error at line ${position.line}, column ${position.column}: ${error.message}`,
          ...position,
        }
      }),
    )
  }

  const root = doc.contents
  if (root !== null && !(isScalar(root) && root.value === null) && !isMap(root)) {
    const position = positionAt(root.range?.[0] ?? 0)
    return failed([
      {
        code: 'ValuesNotMap',
        message: 'Values must be a map of keys (key: value), not a single value or a list',
        ...position,
      },
    ])
  }

  const entries: ValuesEntry[] = []
  let data: Record<string, unknown>
  try {
    // toJS first: it refuses alias bombs (maxAliasCount) before the walk would expand them.
    data = (doc.toJS({ maxAliasCount: MAX_ALIASES }) ?? {}) as Record<string, unknown>
    if (isMap(root)) walk(doc, root, [], entries, positionAt, 0)
  } catch (error) {
    // The parser accepts a few things only resolution refuses: merging a scalar, alias bombs.
    const message = error instanceof Error ? error.message : String(error)
    return failed([{ code: 'YamlSyntax', message: `YAML cannot be resolved: ${message}`, line: 1, column: 1 }])
  }
  const index = new Map(entries.map((entry) => [pathKey(entry.path), entry.position]))
  return { ok: true, data, errors: [], entries, locate: (path) => index.get(pathKey(path)) }
}

/** A scalar node's JS value; `undefined` for maps and lists (cheap: no conversion of subtrees). */
function scalarValue(node: Node | null | undefined): unknown {
  if (node === null || node === undefined) return null
  return isScalar(node) ? node.value : undefined
}

const MAX_DEPTH = 200
const MAX_ALIASES = 100

function walk(
  doc: Document,
  node: Node | null | undefined,
  path: (string | number)[],
  out: ValuesEntry[],
  positionAt: (offset: number) => ValuesPosition,
  depth: number,
): void {
  if (depth > MAX_DEPTH || node === null || node === undefined) return
  if (isAlias(node)) {
    walk(doc, node.resolve(doc) as Node | undefined, path, out, positionAt, depth + 1)
    return
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue
      const key = pair.key as Node | null
      const keyValue = isScalar(key) ? key.value : key
      if (keyValue === '<<' || (typeof keyValue === 'symbol' && keyValue.description === '<<')) {
        // A merge key: the merged map's keys belong to this map.
        const sources = isSeq(pair.value) ? pair.value.items : [pair.value]
        for (const source of sources) walk(doc, source as Node, path, out, positionAt, depth + 1)
        continue
      }
      const childPath = [...path, String(keyValue)]
      const value = pair.value as Node | null
      const resolved = isAlias(value) ? (value.resolve(doc) as Node | undefined) : value
      out.push({
        path: childPath,
        value: scalarValue(resolved),
        isScalar: !resolved || isScalar(resolved),
        position: positionAt(key?.range?.[0] ?? value?.range?.[0] ?? 0),
      })
      walk(doc, resolved, childPath, out, positionAt, depth + 1)
    }
    return
  }
  if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const itemNode = item as Node | null
      const resolved = isAlias(itemNode) ? (itemNode.resolve(doc) as Node | undefined) : itemNode
      const childPath = [...path, index]
      out.push({
        path: childPath,
        value: scalarValue(resolved),
        isScalar: !resolved || isScalar(resolved),
        position: positionAt(itemNode?.range?.[0] ?? 0),
      })
      walk(doc, resolved, childPath, out, positionAt, depth + 1)
    })
  }
}
