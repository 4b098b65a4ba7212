import type { ValuesSchema, ValuesSchemaType } from './pack.ts'
import type { ValidationIssue } from './validation-issue.ts'
import { formatValuesPath, type ValuesPath, type ValuesPosition } from './values-document.ts'

function typeOf(value: unknown): ValuesSchemaType {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'boolean'
  return 'object'
}

function fitsType(value: unknown, type: ValuesSchemaType): boolean {
  const actual = typeOf(value)
  return actual === type || (type === 'number' && actual === 'integer')
}

function describe(value: unknown): string {
  const type = typeOf(value)
  if (type === 'object' || type === 'array') return `a ${type === 'object' ? 'map' : 'list'}`
  if (type === 'null') return 'nothing (null)'
  return `${type} ${JSON.stringify(value)}`
}

const typeNames: Record<ValuesSchemaType, string> = {
  object: 'a map',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  null: 'empty (null)',
}

function displayPath(path: ValuesPath): string {
  return path.length === 0 ? 'The values' : formatValuesPath(path)
}

/**
 * Checks parsed values against a pack's `schema` (the small language documented on `ValuesSchema`).
 * Every problem is reported, each with its key path and, through `locate`, the line of that key; a
 * missing required key is placed on its parent's line. A value of the wrong type is not looked into.
 */
export function checkValuesSchema(
  data: unknown,
  schema: ValuesSchema,
  locate: (path: ValuesPath) => ValuesPosition | undefined,
): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const report = (code: ValidationIssue['code'], path: ValuesPath, message: string, at: ValuesPath = path) => {
    const position = locate(at)
    issues.push({ code, message, path: formatValuesPath(path), ...position })
  }

  const visit = (value: unknown, node: ValuesSchema, path: ValuesPath): void => {
    if (node.type !== undefined) {
      const types = Array.isArray(node.type) ? node.type : [node.type]
      if (!types.some((type) => fitsType(value, type))) {
        const expected = types.map((type) => typeNames[type]).join(' or ')
        report('SchemaType', path, `${displayPath(path)} must be ${expected} (found ${describe(value)})`)
        return
      }
    }
    if (node.enum !== undefined && !node.enum.some((allowed) => allowed === value)) {
      const allowed = node.enum.map((item) => JSON.stringify(item)).join(', ')
      report('SchemaEnum', path, `${displayPath(path)} must be one of ${allowed} (found ${describe(value)})`)
    }
    if (typeof value === 'number') {
      if (node.minimum !== undefined && value < node.minimum)
        report('SchemaMinimum', path, `${displayPath(path)} must be at least ${node.minimum} (found ${value})`)
      if (node.maximum !== undefined && value > node.maximum)
        report('SchemaMaximum', path, `${displayPath(path)} must be at most ${node.maximum} (found ${value})`)
    }
    if (typeof value === 'string' && node.pattern !== undefined && !new RegExp(node.pattern, 'u').test(value)) {
      report(
        'SchemaPattern',
        path,
        `${displayPath(path)} must match /${node.pattern}/ (found ${JSON.stringify(value)})`,
      )
    }
    if (typeOf(value) === 'object') {
      const map = value as Record<string, unknown>
      for (const key of node.required ?? []) {
        if (map[key] === undefined)
          report('SchemaRequired', [...path, key], `${formatValuesPath([...path, key])} is required`, path)
      }
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (Object.hasOwn(map, key) && map[key] !== undefined) visit(map[key], child, [...path, key])
      }
    }
    if (Array.isArray(value) && node.items !== undefined) {
      for (const [index, item] of value.entries()) visit(item, node.items, [...path, index])
    }
  }

  visit(data, schema, [])
  return issues
}
