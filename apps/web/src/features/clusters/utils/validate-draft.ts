import {
  type Pack,
  type PackLayer,
  type TkeClusterCreateInput,
  tkeClusterCreateSchema,
  validatePackValues,
} from '@console/contracts'
import type { Problem } from './wizard-steps.ts'

/** A layer of the chosen profile with the catalog schema its values must fit (when the catalog has one). */
export interface WizardLayer {
  name: string
  tag: string
  layer: PackLayer
  values: string
  schema?: Pack['schema']
}

/**
 * Everything the browser can check, as the user types: the contract schema (the same one the server
 * runs), the tag syntax, and each layer's values (`validatePackValues`, TKE rules included). Paths are
 * the server's, so one map from path to field serves both.
 */
export function validateTkeBody(
  body: TkeClusterCreateInput,
  tagError: string | undefined,
  layers: readonly WizardLayer[],
): Problem[] {
  const problems: Problem[] = []
  if (tagError) problems.push({ path: 'metadata.labels', message: tagError })
  const parsed = tkeClusterCreateSchema.safeParse(body)
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push({ path: issue.path.map(String).join('.'), message: issue.message })
  }
  const packValues = body.spec.profiles[0]?.packValues ?? []
  packValues.forEach((entry, i) => {
    const layer = layers.find((l) => l.name === entry.name)
    if (!layer) return
    for (const issue of validatePackValues({ layer: layer.layer, schema: layer.schema }, entry.values, {
      cloudType: 'tencent',
    })) {
      const where = issue.line === undefined ? '' : ` line ${issue.line}`
      problems.push({
        path: `spec.profiles.0.packValues.${i}.values`,
        message: `${entry.name}${where}: ${issue.message}`,
      })
    }
  })
  return problems
}
