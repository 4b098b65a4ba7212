import type { TkeClusterCreate } from '@console/contracts'
import { tkeClusterCreateSchema } from '@console/contracts'
import { readProfileSettings, type TencentCredentials } from '@console/providers'
import type { RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import {
  arr,
  type ClusterKind,
  type ClusterValidationResult,
  cloudProblem,
  type EffectiveLayer,
  obj,
  type Problem,
  str,
  validateClusterBody,
} from './cluster-validation.ts'

export { isNameTaken } from './cluster-validation.ts'

/** The outcome of a TKE validation, with what the create needs when it is valid. */
export type TkeValidationResult = ClusterValidationResult<TkeClusterCreate>

/** TKE clusters (cloud type `tencent`) on Tencent accounts, from Tencent profiles. */
export const tkeClusterKind: ClusterKind<TkeClusterCreate, TencentCredentials> = {
  cloudType: 'tencent',
  path: 'tke',
  label: 'TKE',
  accountCloudType: 'tencent',
  accountNoun: 'a Tencent',
  profileNoun: 'a Tencent',
  schema: tkeClusterCreateSchema,
  checkPlacement: ({ deps, credentials, body, layers, problems }) =>
    checkInventory(deps, credentials, obj(body.spec), layers, problems.errors),
}

/** Every problem of a TKE create body at once (see validateClusterBody). */
export function validateTkeCluster(deps: Deps, ctx: RequestContext, input: unknown): Promise<TkeValidationResult> {
  return validateClusterBody(deps, ctx, tkeClusterKind, input)
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
