import { loadCatalog } from '@console/catalog'
import type { ClusterProfile } from '@console/contracts'
import {
  type ClusterValidation,
  type TkeClusterCreate,
  tkeClusterCreateSchema,
  validatePackValues,
} from '@console/contracts'
import type { Prisma, PrismaClient } from '@console/db'
import { CloudError, readProfileSettings, type TencentCredentials } from '@console/providers'
import type { RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError } from '../../lib/errors.ts'
import { getAccountCredentials } from '../cloud-accounts/service.ts'
import { getClusterProfile } from '../profiles/service.ts'

type Problem = { path: string; message: string }

/** The outcome of a validation, with what the create needs when it is valid. */
export interface TkeValidationResult {
  validation: ClusterValidation
  body?: TkeClusterCreate
  profile?: ClusterProfile
}

/** zod's path as the API's field paths: dotted, list indexes as numbers (`spec.machinepoolconfig.0.poolConfig.name`). */
const dotted = (path: ReadonlyArray<PropertyKey>) => path.map(String).join('.')

const obj = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)

const cloudProblem = (what: string, error: unknown): string =>
  error instanceof CloudError ? `Could not check ${what}: ${error.message}` : `Could not check ${what}`

/**
 * Every problem of a TKE create body at once (palette-api.md: "answers every problem at once, per field
 * and per machine pool"): the body's shape, the account and the profile as this scope sees them, each
 * layer's overridden values (the shared validator the wizard runs), the placement against the cloud's
 * inventory (through the account's credentials), and the name's uniqueness in the project. Even when
 * the shape is wrong, the parts that can be read are still checked.
 */
export async function validateTkeCluster(
  deps: Deps,
  ctx: RequestContext,
  input: unknown,
): Promise<TkeValidationResult> {
  const errors: Problem[] = []
  const warnings: Problem[] = []
  const parsed = tkeClusterCreateSchema.safeParse(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push({ path: dotted(issue.path), message: issue.message })
  }
  const raw = obj(input)
  const spec = obj(raw.spec)
  const cloudConfig = obj(spec.cloudConfig)
  if (!ctx.projectUid) {
    errors.push({ path: 'ProjectUid', message: 'Clusters are deployed in a project: choose a project scope' })
  }

  const [profile, credentials] = await Promise.all([
    checkProfile(deps, ctx, obj(arr(spec.profiles)[0]), errors),
    checkAccount(deps, ctx, str(spec.cloudAccountUid), errors),
  ])
  if (credentials) await checkInventory(deps, credentials, spec, effectiveLayers(profile, spec), errors)
  await checkNameFree(deps, ctx, str(obj(raw.metadata).name), errors)

  const cidrs = arr(obj(cloudConfig.endpointAccess).publicCIDRs)
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

async function checkProfile(
  deps: Deps,
  ctx: RequestContext,
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
  if (template.cloudType !== 'tencent')
    errors.push({
      path: 'spec.profiles.0.uid',
      message: `${label} is a ${template.cloudType} profile, not a Tencent one`,
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
      cloudType: 'tencent',
    })) {
      const where = issue.line === undefined ? '' : ` line ${issue.line}`
      errors.push({ path: `${path}.values`, message: `${name}${where}: ${issue.message}` })
    }
  })
  return profile
}

async function checkAccount(
  deps: Deps,
  ctx: RequestContext,
  uid: string | undefined,
  errors: Problem[],
): Promise<TencentCredentials | undefined> {
  if (!uid) return undefined
  try {
    const account = await getAccountCredentials(deps, ctx, uid)
    if (account.cloudType !== 'tencent') {
      errors.push({ path: 'spec.cloudAccountUid', message: `${account.name} is not a Tencent cloud account` })
      return undefined
    }
    return account.credentials
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      errors.push({ path: 'spec.cloudAccountUid', message: 'This cloud account does not exist in this project' })
      return undefined
    }
    throw error
  }
}

/** The placement against the account's inventory: region, VPC, security group, key pairs, and per pool zones, subnets, instance type. */
async function checkInventory(
  deps: Deps,
  credentials: TencentCredentials,
  spec: Record<string, unknown>,
  layers: EffectiveLayer[],
  errors: Problem[],
) {
  const tencent = deps.providers.tencent
  const cloudConfig = obj(spec.cloudConfig)
  const region = str(cloudConfig.region)
  if (!region) return
  try {
    const regions = await tencent.listRegions(credentials)
    if (!regions.some((r) => r.name === region)) {
      errors.push({ path: 'spec.cloudConfig.region', message: `Region ${region} is not available to this account` })
      return
    }
  } catch (error) {
    errors.push({ path: 'spec.cloudAccountUid', message: cloudProblem('the regions', error) })
    return
  }
  const settle = <T>(what: string, path: string, run: Promise<T>) =>
    run.catch((error) => {
      errors.push({ path, message: cloudProblem(what, error) })
      return undefined
    })
  const [vpcs, zones, groups, keyPairs] = await Promise.all([
    settle('the VPCs', 'spec.cloudConfig.vpcID', tencent.listVpcs(credentials, region)),
    settle('the zones', 'spec.cloudConfig.region', tencent.listZones(credentials, region)),
    settle(
      'the security groups',
      'spec.cloudConfig.endpointAccess.securityGroup',
      tencent.listSecurityGroups(credentials, region),
    ),
    settle('the key pairs', 'spec.cloudConfig.sshKeyIDs', tencent.listKeyPairs(credentials, region)),
  ])
  const vpcId = str(cloudConfig.vpcID)
  const vpc = vpcs?.find((v) => v.vpcId === vpcId)
  if (vpcs && vpcId && !vpc)
    errors.push({ path: 'spec.cloudConfig.vpcID', message: `VPC ${vpcId} is not in ${region}` })
  if (vpc) checkClusterCidr(vpc, layers, errors)
  const group = str(obj(cloudConfig.endpointAccess).securityGroup)
  if (groups && group && !groups.some((g) => g.id === group))
    errors.push({
      path: 'spec.cloudConfig.endpointAccess.securityGroup',
      message: `Security group ${group} does not exist in ${region}`,
    })
  arr(cloudConfig.sshKeyIDs).forEach((id, i) => {
    if (keyPairs && typeof id === 'string' && !keyPairs.some((k) => k.id === id))
      errors.push({ path: `spec.cloudConfig.sshKeyIDs.${i}`, message: `Key pair ${id} does not exist in ${region}` })
  })

  const pools = arr(spec.machinepoolconfig)
  await Promise.all(
    pools.map(async (entry, i) => {
      const pool = obj(obj(entry).cloudConfig)
      const base = `spec.machinepoolconfig.${i}.cloudConfig`
      const subnets = obj(pool.subnetIds)
      const instanceType = str(pool.instanceType)
      await Promise.all(
        arr(pool.azs).map(async (az, j) => {
          if (typeof az !== 'string') return
          if (zones && !zones.some((z) => z.name === az)) {
            errors.push({ path: `${base}.azs.${j}`, message: `Zone ${az} is not in ${region}` })
            return
          }
          const subnetId = str(subnets[az])
          if (subnetId && vpc) {
            const subnet = vpc.subnets.find((s) => s.subnetId === subnetId)
            if (!subnet)
              errors.push({ path: `${base}.subnetIds.${az}`, message: `Subnet ${subnetId} is not in VPC ${vpc.vpcId}` })
            else if (subnet.az !== az)
              errors.push({
                path: `${base}.subnetIds.${az}`,
                message: `Subnet ${subnetId} is in ${subnet.az}, not ${az}`,
              })
          }
          if (!instanceType) return
          const types = await settle(
            'the instance types',
            `${base}.instanceType`,
            tencent.listInstanceTypes(credentials, { region, zone: az }),
          )
          if (types && !types.some((t) => t.type === instanceType))
            errors.push({
              path: `${base}.instanceType`,
              message: `Instance type ${instanceType} is not offered in ${az}`,
            })
        }),
      )
    }),
  )
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

/** One layer of the profile with the values the cluster will deploy (the override when given). */
interface EffectiveLayer {
  name: string
  tag: string
  values: string
  /** Where its override sits in the body, when there is one. */
  overrideIndex?: number
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

function cidrRange(cidr: string): [number, number] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim())
  if (!match) return undefined
  const [a, b, c, d, bits] = match.slice(1).map(Number) as [number, number, number, number, number]
  if (bits > 32 || [a, b, c, d].some((o) => o > 255)) return undefined
  const start = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d
  const size = 2 ** (32 - bits)
  const first = start - (start % size)
  return [first, first + size - 1]
}

/** TKE refuses a pod network (the k8s layer's clusterCIDR) that overlaps the VPC: say so before deploying. */
function checkClusterCidr(vpc: { vpcId: string; cidrBlock: string }, layers: EffectiveLayer[], errors: Problem[]) {
  const settings = readProfileSettings({
    profiles: [{ uid: '', packValues: layers.map((l) => ({ name: l.name, tag: l.tag, values: l.values })) }],
  })
  const podCidr = settings.clusterCidr
  const pods = podCidr ? cidrRange(podCidr) : undefined
  const network = cidrRange(vpc.cidrBlock)
  if (!pods || !network || pods[0] > network[1] || network[0] > pods[1]) return
  const layer = layers.find((l) => /^kubernetes/.test(l.name))
  errors.push({
    path:
      layer?.overrideIndex === undefined
        ? 'spec.profiles.0.uid'
        : `spec.profiles.0.packValues.${layer.overrideIndex}.values`,
    message: `${layer?.name ?? 'The Kubernetes layer'}: the pod network clusterCIDR ${podCidr} overlaps ${vpc.vpcId} (${vpc.cidrBlock}); choose a range outside the VPC`,
  })
}
