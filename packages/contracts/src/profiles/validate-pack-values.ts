import type { CloudType, Pack } from './pack.ts'
import { checkTkeOsName, checkTkeVolumeSizes } from './tke-rules.ts'
import type { ValidationIssue } from './validation-issue.ts'
import { parseValues } from './values-document.ts'
import { checkValuesSchema } from './values-schema-check.ts'

/** Where the values will run: the cloud decides which cloud rules apply. */
export interface PackValuesContext {
  cloudType: CloudType
}

/**
 * Checks one layer's values, as the profile editor and the cluster wizard's Parameters step do on
 * every keystroke, and as the server does again: the YAML parses (else only the syntax errors are
 * answered), the values fit the pack's schema, and on `tencent` the TKE rules hold (OS layer:
 * `OsName` is one of the four images; add-ons: volume sizes ≥ 10 GB and multiples of 10 GB).
 * When a TKE rule and the schema complain about the same key, only the TKE message (which says why)
 * is kept. Issues come sorted by line.
 */
export function validatePackValues(
  pack: Pick<Pack, 'layer' | 'schema'>,
  values: string,
  context: PackValuesContext,
): ValidationIssue[] {
  const parsed = parseValues(values)
  if (!parsed.ok) return parsed.errors

  const cloudIssues: ValidationIssue[] = []
  if (context.cloudType === 'tencent') {
    if (pack.layer === 'os') cloudIssues.push(...checkTkeOsName(parsed))
    if (pack.layer === 'addon') cloudIssues.push(...checkTkeVolumeSizes(parsed))
  }
  const coveredPaths = new Set(cloudIssues.map((issue) => issue.path))
  const schemaIssues = pack.schema
    ? checkValuesSchema(parsed.data, pack.schema, parsed.locate).filter((issue) => !coveredPaths.has(issue.path))
    : []
  return [...cloudIssues, ...schemaIssues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
}
