import { z } from 'zod'
import { packLayerSchema } from './pack.ts'

/**
 * The closed set of codes a profile or pack-values check can report.
 *
 * - `YamlSyntax`: the values do not parse as YAML; `ValuesNotMap`: they parse but are not a map of keys.
 * - `SchemaType`, `SchemaEnum`, `SchemaRequired`, `SchemaMinimum`, `SchemaMaximum`, `SchemaPattern`: the values break the pack's schema.
 * - `TkeOsName`: a TKE OS layer whose `OsName` is missing or not one of the four TKE images.
 * - `TkeVolumeSize`: a TKE add-on volume under 10 GB or not a multiple of 10 GB; `VolumeSizeUnreadable`: not a Kubernetes quantity.
 * - `LayerMissing`, `LayerDuplicate`, `LayerOrder`, `LayerNotAllowed`: the stack of layers breaks the profile type's rules.
 * - `PackNotFound`, `PackNotForCloud`, `PackTagNotFound`, `PackLayerMismatch`, `PackTypeMismatch`, `PackDuplicate`: the pack does not match the catalog.
 */
export const validationCodeSchema = z.enum([
  'YamlSyntax',
  'ValuesNotMap',
  'SchemaType',
  'SchemaEnum',
  'SchemaRequired',
  'SchemaMinimum',
  'SchemaMaximum',
  'SchemaPattern',
  'TkeOsName',
  'TkeVolumeSize',
  'VolumeSizeUnreadable',
  'LayerMissing',
  'LayerDuplicate',
  'LayerOrder',
  'LayerNotAllowed',
  'PackNotFound',
  'PackNotForCloud',
  'PackTagNotFound',
  'PackLayerMismatch',
  'PackTypeMismatch',
  'PackDuplicate',
])
export type ValidationCode = z.infer<typeof validationCodeSchema>

/**
 * One problem. `line` and `column` are 1-based positions in the pack's values YAML (absent for
 * problems that are not about a place in the values); `path` is the key path inside the values,
 * dotted with `[i]` for list items (`postgresql.primary.persistence.size`, `storageClasses[0].name`).
 */
export const validationIssueSchema = z.object({
  code: validationCodeSchema,
  message: z.string(),
  line: z.number().int().min(1).optional(),
  column: z.number().int().min(1).optional(),
  path: z.string().optional(),
})
export type ValidationIssue = z.infer<typeof validationIssueSchema>

/** The problems of one pack of a profile; `index` is its position in `spec.template.packs`. */
export const packValidationSchema = z.object({
  index: z.number().int().min(0),
  name: z.string(),
  tag: z.string(),
  layer: packLayerSchema,
  errors: z.array(validationIssueSchema),
})
export type PackValidation = z.infer<typeof packValidationSchema>

/**
 * Answer of `POST /v1/clusterprofiles/validate` (and the value `validateProfile` returns): every
 * problem at once, profile-level ones in `errors`, the others grouped per pack (every pack is
 * listed, with an empty `errors` when it is fine). `valid` is true when there is no problem at all.
 */
export const profileValidationSchema = z.object({
  valid: z.boolean(),
  errors: z.array(validationIssueSchema),
  packs: z.array(packValidationSchema),
})
export type ProfileValidation = z.infer<typeof profileValidationSchema>
