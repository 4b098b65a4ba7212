import { z } from 'zod'

/** Layers of a cluster profile, in stack order: the OS at the bottom, add-ons on top. */
export const packLayers = ['os', 'k8s', 'cni', 'csi', 'addon'] as const
export const packLayerSchema = z.enum(packLayers)
export type PackLayer = z.infer<typeof packLayerSchema>

/** The four layers every cluster (and infra) profile carries exactly once, in this order. */
export const coreLayers = ['os', 'k8s', 'cni', 'csi'] as const satisfies readonly PackLayer[]

/** How a pack is delivered: a Spectro pack, a Helm chart or raw manifests. */
export const packTypeSchema = z.enum(['spectro', 'helm', 'manifest'])
export type PackType = z.infer<typeof packTypeSchema>

/**
 * Cloud types of packs and profiles, as Palette spells them. `all` on a pack means it runs on
 * every cloud; `all` on a profile means an add-on profile meant for any cloud.
 */
export const cloudTypeSchema = z.enum(['tencent', 'aws', 'eks', 'vsphere', 'all'])
export type CloudType = z.infer<typeof cloudTypeSchema>

/** The value types a pack's values schema can require. */
export const valuesSchemaTypes = ['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'] as const
export type ValuesSchemaType = (typeof valuesSchemaTypes)[number]

/**
 * The small, JSON-Schema-like language a pack uses to describe its values. Only these keywords exist:
 *
 * - `type`: one of `object | array | string | number | integer | boolean | null`, or a list of them
 *   (`[string, "null"]` for an optional string that defaults to `~`);
 * - `enum`: the allowed scalar values;
 * - `required`: keys an object must have;
 * - `properties`: schemas of an object's keys (keys not listed are allowed: Helm values are open);
 * - `items`: the schema of every element of an array;
 * - `minimum` / `maximum`: inclusive bounds of a number;
 * - `pattern`: a regular expression (JavaScript syntax, unanchored unless you anchor it) a string must match;
 * - `description`: free text for people, ignored by the checker.
 *
 * Any other keyword is refused when the pack is loaded, so a typo cannot silently disable a check.
 */
export interface ValuesSchema {
  type?: ValuesSchemaType | ValuesSchemaType[]
  enum?: (string | number | boolean | null)[]
  required?: string[]
  properties?: Record<string, ValuesSchema>
  items?: ValuesSchema
  minimum?: number
  maximum?: number
  pattern?: string
  description?: string
}

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u')
    return true
  } catch {
    return false
  }
}

const valuesSchemaTypeSchema = z.enum(valuesSchemaTypes)

/** Zod schema of `ValuesSchema`: unknown keywords and invalid patterns are refused. */
export const valuesSchemaSchema: z.ZodType<ValuesSchema> = z.lazy(() =>
  z
    .object({
      type: z.union([valuesSchemaTypeSchema, z.array(valuesSchemaTypeSchema).min(1)]).optional(),
      enum: z
        .array(z.union([z.string(), z.number(), z.boolean(), z.null()]))
        .min(1)
        .optional(),
      required: z.array(z.string()).optional(),
      properties: z.record(z.string(), valuesSchemaSchema).optional(),
      items: valuesSchemaSchema.optional(),
      minimum: z.number().optional(),
      maximum: z.number().optional(),
      pattern: z.string().refine(isValidRegExp, 'pattern must be a valid regular expression').optional(),
      description: z.string().optional(),
    })
    .strict(),
)

/** Pack names as Palette spells them: lowercase words joined by dashes (`cni-calico`, `kube-prometheus-stack`). */
export const packNameSchema = z
  .string()
  .min(1, 'Pack name is required')
  .max(63, 'Pack name must be at most 63 characters')
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, 'Use lowercase letters, digits and dashes in pack names')

/** A pack version tag (`1.30.6`, `22.04`, `2023.0.0`). */
export const packTagSchema = z
  .string()
  .min(1, 'Pack tag is required')
  .max(64, 'Pack tag must be at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/, 'Use letters, digits, dots, dashes and plus signs in pack tags')

/**
 * One version of a pack in the catalog (`GET /v1/packs`): what it is, where it runs, its default
 * values (a YAML string, shown in the profile editor) and, optionally, the schema those values must fit.
 */
export const packSchema = z
  .object({
    name: packNameSchema,
    tag: packTagSchema,
    layer: packLayerSchema,
    type: packTypeSchema,
    cloudTypes: z.array(cloudTypeSchema).min(1, 'A pack runs on at least one cloud type'),
    description: z.string().min(1, 'Describe the pack'),
    values: z.string(),
    schema: valuesSchemaSchema.optional(),
  })
  .strict()
export type Pack = z.infer<typeof packSchema>

const filterFields: Record<string, 'layer' | 'cloudType' | 'name'> = {
  layer: 'layer',
  'spec.layer': 'layer',
  cloudType: 'cloudType',
  cloudTypes: 'cloudType',
  'spec.cloudTypes': 'cloudType',
  name: 'name',
  'spec.name': 'name',
}

/**
 * Reads Palette's `filters` query text (`layer=os AND cloudType=tencent`, or terms joined by commas;
 * `spec.layer`, `spec.cloudTypes` and `spec.name` are accepted too) into the separate fields.
 * Terms that are not `key=value` with a known key are returned in `unknown`.
 */
export function parsePackFilters(filters: string): {
  fields: Partial<Record<'layer' | 'cloudType' | 'name', string>>
  unknown: string[]
} {
  const fields: Partial<Record<'layer' | 'cloudType' | 'name', string>> = {}
  const unknown: string[] = []
  for (const term of filters.split(/\s+AND\s+|,/i)) {
    const trimmed = term.trim()
    if (trimmed === '') continue
    const match = /^([\w.]+)\s*=\s*(.+)$/.exec(trimmed)
    const field = match ? filterFields[match[1]!] : undefined
    if (match && field) fields[field] = match[2]!.trim()
    else unknown.push(trimmed)
  }
  return { fields, unknown }
}

/**
 * `GET /v1/packs` query: filter by `layer`, by `cloudType` (packs for `all` clouds included) and by
 * `name`, given as separate parameters or in Palette's `filters` text (see `parsePackFilters`);
 * a separate parameter wins over the same key in `filters`.
 */
export const packListQuerySchema = z.preprocess(
  (input) => {
    if (typeof input !== 'object' || input === null) return input
    const { filters, ...rest } = input as Record<string, unknown>
    if (typeof filters !== 'string') return rest
    const { fields, unknown } = parsePackFilters(filters)
    return { ...fields, ...rest, ...(unknown.length > 0 ? { unknownFilters: unknown.join(', ') } : {}) }
  },
  z.object({
    layer: packLayerSchema.optional(),
    cloudType: cloudTypeSchema.optional(),
    name: packNameSchema.optional(),
    unknownFilters: z.never({ error: 'Filter by layer, cloudType or name, as key=value' }).optional(),
  }),
)
export type PackListQuery = z.infer<typeof packListQuerySchema>

/**
 * Whether a pack may be used in a profile (or cluster) of `cloudType`. A pack for `all` clouds runs
 * anywhere; a profile for `all` clouds only takes packs that run anywhere.
 */
export function isPackForCloud(pack: Pick<Pack, 'cloudTypes'>, cloudType: CloudType): boolean {
  if (pack.cloudTypes.includes('all')) return true
  return cloudType !== 'all' && pack.cloudTypes.includes(cloudType)
}

/** The packs of `catalog` that match the filters, in catalog order. Pure: the caller owns the catalog. */
export function filterPacks(catalog: readonly Pack[], filters: PackListQuery): Pack[] {
  return catalog.filter(
    (pack) =>
      (filters.layer === undefined || pack.layer === filters.layer) &&
      (filters.cloudType === undefined || isPackForCloud(pack, filters.cloudType)) &&
      (filters.name === undefined || pack.name === filters.name),
  )
}
