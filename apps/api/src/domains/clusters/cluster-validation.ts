import { loadCatalog } from '@console/catalog'
import type { CloudType, ClusterProfile, ClusterValidation } from '@console/contracts'
import { validatePackValues } from '@console/contracts'
import type { Prisma, PrismaClient } from '@console/db'
import { CloudError } from '@console/providers'
import type { z } from 'zod'
import type { RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError } from '../../lib/errors.ts'
import { getAccountCredentials } from '../cloud-accounts/service.ts'
import { getClusterProfile } from '../profiles/service.ts'

/** One problem of a create body: the field's dotted path and what is wrong. */
export interface Problem {
  path: string
  message: string
}

/** Where a cloud's checks write: errors make the body invalid, warnings do not. */
export interface Problems {
  errors: Problem[]
  warnings: Problem[]
}

/** The shape every cluster create body shares (Palette's frame; each cloud brings its own cloudConfig and pools). */
export interface ClusterBody {
  metadata: { name: string; description?: string; labels: Record<string, string> }
  spec: {
    cloudAccountUid: string
    profiles: Array<{ uid: string; packValues: Array<{ name: string; tag?: string; values: string }> }>
    /** Every cloud but vSphere places clusters in a region. */
    cloudConfig: { region?: string; [field: string]: unknown }
  }
}

/** One layer of the profile with the values the cluster will deploy (the override when given). */
export interface EffectiveLayer {
  name: string
  tag: string
  values: string
  /** Where its override sits in the body, when there is one. */
  overrideIndex?: number
}

/**
 * Everything that differs between clouds' cluster creates, so validation, creation and the routes
 * are written once: the body's schema, which accounts and profiles fit, and the checks against the
 * cloud's inventory.
 */
export interface ClusterKind<Body extends ClusterBody, Credentials> {
  /** The cluster's cloud type, as stored and as profiles name it. */
  cloudType: 'tencent' | 'eks' | 'aws' | 'vsphere'
  /** The URL segment: POST /v1/spectroclusters/{path} and …/{path}/validate. */
  path: string
  /** For messages and the API docs: "TKE", "EKS". */
  label: string
  /** The cloud type of the accounts that can run it. */
  accountCloudType: 'tencent' | 'aws' | 'vsphere'
  /** How messages name the cloud of its accounts and profiles, with the article: "a Tencent", "an AWS". */
  accountNoun: string
  profileNoun: string
  schema: z.ZodType<Body, unknown>
  /**
   * The placement against the account's inventory (through its credentials) and any cloud-specific
   * warnings. Reads the raw body defensively: it runs even when the body does not parse.
   */
  checkPlacement(input: {
    deps: Deps
    credentials: Credentials
    body: Record<string, unknown>
    layers: EffectiveLayer[]
    problems: Problems
  }): Promise<void>
}

/** The outcome of a validation, with what the create needs when it is valid. */
export interface ClusterValidationResult<Body> {
  validation: ClusterValidation
  body?: Body
  profile?: ClusterProfile
}

/** How messages name a profile's cloud type, with its article: "an EKS profile", "a vSphere profile". */
const profileCloudNouns: Record<CloudType, string> = {
  tencent: 'a Tencent',
  aws: 'an AWS',
  eks: 'an EKS',
  vsphere: 'a vSphere',
  all: 'a multi-cloud',
}

/** zod's path as the API's field paths: dotted, list indexes as numbers (`spec.machinepoolconfig.0.poolConfig.name`). */
export const dotted = (path: ReadonlyArray<PropertyKey>) => path.map(String).join('.')

export const obj = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
export const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
export const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined

export const cloudProblem = (what: string, error: unknown): string =>
  error instanceof CloudError ? `Could not check ${what}: ${error.message}` : `Could not check ${what}`

/**
 * Every problem of a create body at once (palette-api.md: "answers every problem at once, per field
 * and per machine pool"): the body's shape, the account and the profile as this scope sees them, each
 * layer's overridden values (the shared validator the wizard runs), the placement against the cloud's
 * inventory (the kind's checks), and the name's uniqueness in the project. Even when the shape is
 * wrong, the parts that can be read are still checked.
 */
export async function validateClusterBody<Body extends ClusterBody, Credentials>(
  deps: Deps,
  ctx: RequestContext,
  kind: ClusterKind<Body, Credentials>,
  input: unknown,
): Promise<ClusterValidationResult<Body>> {
  const problems: Problems = { errors: [], warnings: [] }
  const { errors, warnings } = problems
  const parsed = kind.schema.safeParse(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push({ path: dotted(issue.path), message: issue.message })
  }
  const raw = obj(input)
  const spec = obj(raw.spec)
  if (!ctx.projectUid) {
    errors.push({ path: 'ProjectUid', message: 'Clusters are deployed in a project: choose a project scope' })
  }

  const [profile, credentials] = await Promise.all([
    checkProfile(deps, ctx, kind, obj(arr(spec.profiles)[0]), errors),
    checkAccount(deps, ctx, kind, str(spec.cloudAccountUid), errors),
  ])
  if (credentials) {
    await kind.checkPlacement({ deps, credentials, body: raw, layers: effectiveLayers(profile, spec), problems })
  }
  await checkNameFree(deps, ctx, str(obj(raw.metadata).name), errors)

  const cidrs = arr(obj(obj(spec.cloudConfig).endpointAccess).publicCIDRs)
  if (cidrs.includes('0.0.0.0/0')) {
    warnings.push({
      path: 'spec.cloudConfig.endpointAccess.publicCIDRs',
      message: '0.0.0.0/0 opens the Kubernetes API endpoint to the whole internet',
    })
  }
  arr(spec.machinepoolconfig).forEach((pool, i) => {
    if (obj(obj(pool).poolConfig).size === 0)
      warnings.push({ path: `spec.machinepoolconfig.${i}.poolConfig.size`, message: 'This pool starts with no nodes' })
  })

  const valid = errors.length === 0
  return {
    validation: { valid, errors, warnings },
    body: valid && parsed.success ? parsed.data : undefined,
    profile: valid ? profile : undefined,
  }
}

async function checkProfile<Body extends ClusterBody, Credentials>(
  deps: Deps,
  ctx: RequestContext,
  kind: ClusterKind<Body, Credentials>,
  ref: Record<string, unknown>,
  errors: Problem[],
): Promise<ClusterProfile | undefined> {
  const uid = str(ref.uid)
  if (!uid) return undefined
  let profile: ClusterProfile
  try {
    profile = await getClusterProfile(deps, ctx, uid)
  } catch (error) {
    if (error instanceof AppError && error.status === 404) {
      errors.push({ path: 'spec.profiles.0.uid', message: 'This cluster profile does not exist in this project' })
      return undefined
    }
    throw error
  }
  const { template, published } = profile.spec
  const label = `${profile.metadata.name} ${profile.spec.version}`
  if (template.cloudType !== kind.cloudType)
    errors.push({
      path: 'spec.profiles.0.uid',
      message: `${label} is ${profileCloudNouns[template.cloudType]} profile, not ${kind.profileNoun} one`,
    })
  if (template.type !== 'cluster')
    errors.push({
      path: 'spec.profiles.0.uid',
      message: `${label} is an ${template.type} profile: choose a cluster profile`,
    })
  if (!published)
    errors.push({ path: 'spec.profiles.0.uid', message: `${label} is a draft: publish it before deploying it` })

  const catalog = loadCatalog()
  arr(ref.packValues).forEach((entry, i) => {
    const override = obj(entry)
    const name = str(override.name)
    const values = typeof override.values === 'string' ? override.values : undefined
    const path = `spec.profiles.0.packValues.${i}`
    if (!name || values === undefined) return
    const layer = template.packs.find((p) => p.name === name && (!override.tag || p.tag === override.tag))
    if (!layer) {
      errors.push({ path: `${path}.name`, message: `${name} is not a layer of ${label}` })
      return
    }
    const pack = catalog.find((c) => c.name === layer.name && c.tag === layer.tag)
    for (const issue of validatePackValues({ layer: layer.layer, schema: pack?.schema }, values, {
      cloudType: kind.cloudType,
    })) {
      const where = issue.line === undefined ? '' : ` line ${issue.line}`
      errors.push({ path: `${path}.values`, message: `${name}${where}: ${issue.message}` })
    }
  })
  return profile
}

async function checkAccount<Body extends ClusterBody, Credentials>(
  deps: Deps,
  ctx: RequestContext,
  kind: ClusterKind<Body, Credentials>,
  uid: string | undefined,
  errors: Problem[],
): Promise<Credentials | undefined> {
  if (!uid) return undefined
  try {
    const account = await getAccountCredentials(deps, ctx, uid)
    if (account.cloudType !== kind.accountCloudType) {
      errors.push({ path: 'spec.cloudAccountUid', message: `${account.name} is not ${kind.accountNoun} cloud account` })
      return undefined
    }
    return account.credentials as Credentials
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      errors.push({ path: 'spec.cloudAccountUid', message: 'This cloud account does not exist in this project' })
      return undefined
    }
    throw error
  }
}

async function checkNameFree(deps: Deps, ctx: RequestContext, name: string | undefined, errors: Problem[]) {
  if (!name || !ctx.projectUid) return
  if (await isNameTaken(deps.prisma, ctx.actor.tenantId, ctx.projectUid, name))
    errors.push({ path: 'metadata.name', message: `A cluster named ${name} already exists in this project` })
}

/** A live (not Deleted) cluster of the project holds the name. */
export async function isNameTaken(
  db: PrismaClient | Prisma.TransactionClient,
  tenantId: string,
  projectId: string,
  name: string,
): Promise<boolean> {
  const clash = await db.cluster.findFirst({
    where: { tenantId, projectId, name, state: { not: 'Deleted' } },
    select: { id: true },
  })
  return clash !== null
}

function effectiveLayers(profile: ClusterProfile | undefined, spec: Record<string, unknown>): EffectiveLayer[] {
  if (!profile) return []
  const overrides = arr(obj(arr(spec.profiles)[0]).packValues).map(obj)
  return profile.spec.template.packs.map((pack) => {
    const index = overrides.findIndex((o) => o.name === pack.name && (!o.tag || o.tag === pack.tag))
    const override =
      index >= 0 && typeof overrides[index]?.values === 'string' ? (overrides[index]?.values as string) : undefined
    return {
      name: pack.name,
      tag: pack.tag,
      values: override ?? pack.values ?? '',
      overrideIndex: override === undefined ? undefined : index,
    }
  })
}
