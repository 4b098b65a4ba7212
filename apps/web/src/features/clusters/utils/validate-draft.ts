import {
  type AwsClusterCreateInput,
  awsClusterCreateSchema,
  type CloudType,
  type EksClusterCreateInput,
  eksClusterCreateSchema,
  type Pack,
  type PackLayer,
  type TkeClusterCreateInput,
  tkeClusterCreateSchema,
  type VsphereClusterCreateInput,
  validatePackValues,
  vsphereClusterCreateSchema,
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

/** The schema's issues as problems at the server's dotted paths. */
function schemaProblems(result: {
  success: boolean
  error?: { issues: Array<{ path: PropertyKey[]; message: string }> }
}) {
  return (result.error?.issues ?? []).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }))
}

/** Each layer's values against its catalog schema and the cloud's rules, at `spec.profiles.0.packValues.{i}.values`. */
export function validateLayerValues(
  packValues: ReadonlyArray<{ name: string; values: string }>,
  layers: readonly WizardLayer[],
  cloudType: CloudType,
): Problem[] {
  const problems: Problem[] = []
  packValues.forEach((entry, i) => {
    const layer = layers.find((l) => l.name === entry.name)
    if (!layer) return
    for (const issue of validatePackValues({ layer: layer.layer, schema: layer.schema }, entry.values, { cloudType })) {
      const where = issue.line === undefined ? '' : ` line ${issue.line}`
      problems.push({
        path: `spec.profiles.0.packValues.${i}.values`,
        message: `${entry.name}${where}: ${issue.message}`,
      })
    }
  })
  return problems
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
  problems.push(...schemaProblems(tkeClusterCreateSchema.safeParse(body)))
  problems.push(...validateLayerValues(body.spec.profiles[0]?.packValues ?? [], layers, 'tencent'))
  return problems
}

/** A schema the browser runs as the server does (only its `safeParse` is used). */
interface BodySchema {
  safeParse: (body: unknown) => {
    success: boolean
    error?: { issues: Array<{ path: PropertyKey[]; message: string }> }
  }
}

/**
 * The check of a pooled cloud's body as the user types: `draftProblems` (what the draft could not
 * parse: tags, node labels, spot percentages), the contract schema with the cloud's rules, and each
 * layer's values.
 */
function bodyValidator<
  B extends { spec: { profiles: ReadonlyArray<{ packValues?: Array<{ name: string; values: string }> }> } },
>(schema: BodySchema, cloudType: CloudType) {
  return (body: B, draftProblems: readonly Problem[], layers: readonly WizardLayer[]): Problem[] => [
    ...draftProblems,
    ...schemaProblems(schema.safeParse(body)),
    ...validateLayerValues(body.spec.profiles[0]?.packValues ?? [], layers, cloudType),
  ]
}

/** The EKS body: endpoint access and CIDRs, pool sizes, spot bids, taints, zones and subnets. */
export const validateEksBody = bodyValidator<EksClusterCreateInput>(eksClusterCreateSchema, 'eks')

/**
 * The AWS IaaS body: one control plane of 1, 3 or 5 nodes, workers or worker capability, zones and
 * static subnets, spot bids, taints.
 */
export const validateAwsBody = bodyValidator<AwsClusterCreateInput>(awsClusterCreateSchema, 'aws')

/** The vSphere body: placement, SSH keys, CPU/memory/disk, the master pool, placement domains and their IP pools. */
export const validateVsphereBody = bodyValidator<VsphereClusterCreateInput>(vsphereClusterCreateSchema, 'vsphere')
