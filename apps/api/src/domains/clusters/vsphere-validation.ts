import {
  nodesPerIpPool,
  readVspherePool,
  type VcenterAccess,
  type VsphereAccountCredentials,
  type VsphereClusterCreate,
  vsphereClusterCreateSchema,
} from '@console/contracts'
import type { Deps } from '../../lib/deps.ts'
import { AppError } from '../../lib/errors.ts'
import { listVcenterProperty, type PlacementProperty } from '../gateways/provisioning.ts'
import { poolCapacityProblem } from '../ip-pools/allocation.ts'
import { arr, type ClusterKind, obj, type Problems, str } from './cluster-validation.ts'

/** VMware vSphere clusters on vSphere accounts, through the account's Private Cloud Gateway (decision 012). */
export const vsphereClusterKind: ClusterKind<VsphereClusterCreate, VsphereAccountCredentials> = {
  cloudType: 'vsphere',
  path: 'vsphere',
  label: 'vSphere',
  accountCloudType: 'vsphere',
  accountNoun: 'a vSphere',
  profileNoun: 'a vSphere',
  schema: vsphereClusterCreateSchema,
  checkPlacement: ({ deps, credentials, body, problems }) => checkPlacement(deps, credentials, body, problems),
}

/**
 * The account's gateway (it must exist; while it is not Running the cluster is accepted and waits for it),
 * the IP pools of the placement domains (the gateway's, with room for the nodes + 3) and, when the gateway
 * is Running, every name of the placement against vCenter as the agent sees it.
 */
async function checkPlacement(
  deps: Deps,
  credentials: VsphereAccountCredentials,
  body: Record<string, unknown>,
  { errors, warnings }: Problems,
) {
  const spec = obj(body.spec)
  const gateway = await deps.prisma.gateway.findUnique({ where: { id: credentials.gatewayUid } })
  if (!gateway || gateway.deletedAt) {
    errors.push({ path: 'spec.cloudAccountUid', message: "This account's Private Cloud Gateway was deleted" })
    return
  }
  const cloudConfig = obj(spec.cloudConfig)
  const rawPools = arr(spec.machinepoolconfig)
  const pools = rawPools.map(readVspherePool)
  if (cloudConfig.staticIp === true) {
    for (const [poolId, nodes] of nodesPerIpPool(pools)) {
      const path = poolPath(rawPools, poolId)
      const owned = /^[0-9a-f-]{36}$/i.test(poolId)
        ? await deps.prisma.ipPool.findFirst({
            where: { id: poolId, gatewayId: gateway.id },
            select: { name: true, restrictToSingleCluster: true },
          })
        : null
      if (!owned) {
        errors.push({ path, message: `This IP pool is not one of gateway ${gateway.name}'s` })
        continue
      }
      if (owned.restrictToSingleCluster) {
        const holder = await deps.prisma.ipAllocation.findFirst({
          where: { poolId, clusterId: { not: null } },
          select: { cluster: { select: { name: true } } },
        })
        if (holder) {
          errors.push({
            path,
            message: `IP pool ${owned.name} is restricted to a single cluster and serves ${holder.cluster?.name} already`,
          })
          continue
        }
      }
      const problem = await poolCapacityProblem(deps.prisma, { poolId, nodes })
      if (problem) errors.push({ path, message: problem.message })
    }
  }
  if (gateway.state !== 'Running') {
    warnings.push({
      path: 'spec.cloudAccountUid',
      message: `Private Cloud Gateway ${gateway.name} is ${gateway.state}: the cluster is provisioned once it is Running again`,
    })
    return
  }
  await checkInventory(deps, gateway.id, credentials.vcenter, cloudConfig, rawPools, { errors, warnings })
}

/** Where a pool uid is first used: its first placement domain's IP Pool field. */
function poolPath(rawPools: unknown[], poolId: string): string {
  for (const [i, pool] of rawPools.entries()) {
    const d = arr(obj(obj(pool).cloudConfig).placements).findIndex((p) => obj(obj(p).network).parentPoolUid === poolId)
    if (d >= 0) return `spec.machinepoolconfig.${i}.cloudConfig.placements.${d}.network.parentPoolUid`
  }
  return 'spec.machinepoolconfig'
}

/**
 * The placement's names against vCenter, asked of the gateway's agent (each distinct list once). A gateway
 * that does not answer in time is not a problem of the body: the check is skipped (the driver will say
 * what vCenter refuses).
 */
async function checkInventory(
  deps: Deps,
  gatewayId: string,
  vcenter: VcenterAccess,
  cloudConfig: Record<string, unknown>,
  rawPools: unknown[],
  { errors, warnings }: Problems,
) {
  const lists = new Map<string, Promise<Set<string>>>()
  const names = (what: PlacementProperty, datacenter?: string, computecluster?: string) => {
    const key = `${what}/${datacenter ?? ''}/${computecluster ?? ''}`
    let list = lists.get(key)
    if (!list) {
      list = listVcenterProperty(deps, gatewayId, vcenter, what, { datacenter, computecluster }).then(
        ({ items }) => new Set(items.map((i) => i.name)),
      )
      lists.set(key, list)
    }
    return list
  }
  const placement = obj(cloudConfig.placement)
  const datacenter = str(placement.datacenter)
  const folder = str(placement.folder)
  try {
    if (!datacenter) return
    if (!(await names('datacenters')).has(datacenter)) {
      errors.push({
        path: 'spec.cloudConfig.placement.datacenter',
        message: `Datacenter ${datacenter} is not in vCenter`,
      })
      return
    }
    // Folders are listed by path (`/Datacenter/vm/spectro`); a path below the datacenter's VM folder is as good.
    const folders = folder ? await names('folders', datacenter) : undefined
    if (folder && !folders?.has(folder) && !folders?.has(`/${datacenter}/vm/${folder.replace(/^\/+/, '')}`))
      errors.push({ path: 'spec.cloudConfig.placement.folder', message: `Folder ${folder} is not in ${datacenter}` })
    const clusters = await names('computeclusters', datacenter)
    for (const [i, pool] of rawPools.entries()) {
      for (const [d, raw] of arr(obj(obj(pool).cloudConfig).placements).entries()) {
        const domain = obj(raw)
        const at = `spec.machinepoolconfig.${i}.cloudConfig.placements.${d}`
        const cluster = str(domain.cluster)
        if (!cluster) continue
        if (!clusters.has(cluster)) {
          errors.push({ path: `${at}.cluster`, message: `Compute cluster ${cluster} is not in ${datacenter}` })
          continue
        }
        const checks: Array<[PlacementProperty, string | undefined, string, string]> = [
          ['datastores', str(domain.datastore), 'datastore', 'Datastore'],
          ['networks', str(obj(domain.network).networkName), 'network.networkName', 'Network'],
          ['resourcepools', str(domain.resourcePool), 'resourcePool', 'Resource pool'],
        ]
        for (const [what, value, field, label] of checks) {
          if (value && !(await names(what, datacenter, cluster)).has(value))
            errors.push({ path: `${at}.${field}`, message: `${label} ${value} is not available in ${cluster}` })
        }
      }
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    const problem = {
      path: 'spec.cloudAccountUid',
      message: `Could not check the placement in vCenter: ${error.message}`,
    }
    if (error.code === 'GatewayTimeout') warnings.push(problem)
    else errors.push(problem)
  }
}
