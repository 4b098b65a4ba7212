import { z } from 'zod'
import { checkPoolCapacity } from '../ip-pools.ts'
import { clusterMetadataSchema, clusterProfilesSchema } from './common.ts'
import {
  alwaysRefine as always,
  type ClusterProblem,
  readCount as count,
  readList as list,
  poolNameSchema,
  readRecord as record,
  reportProblems as report,
  readText as text,
} from './ec2-pool.ts'

/**
 * VMware vSphere clusters (POST /v1/spectroclusters/vsphere), provisioned through the Private Cloud
 * Gateway of their cloud account (decision 012). Palette's field names: `cloudConfig.placement`
 * {datacenter, folder}, `sshKeys`, `ntpServers`, `staticIp`; each pool's `cloudConfig.instanceType`
 * {numCPUs, memoryMiB, diskGiB} and `placements[]` (placement domains: compute cluster, datastore,
 * resource pool, network and, with Static IP, the IP pool as `network.parentPoolUid`). The rules are pure
 * functions over the body as sent, so the wizard runs them as the user types and the server again.
 */

export const VSPHERE_CPU_MAX = 128
export const VSPHERE_MEMORY_MIN_MIB = 2048
export const VSPHERE_MEMORY_MAX_MIB = 1_048_576
export const VSPHERE_DISK_MIN_GIB = 20
export const VSPHERE_DISK_MAX_GIB = 8192
export const VSPHERE_MAX_POOL_SIZE = 100
export const CONTROL_PLANE_SIZES = [1, 3, 5] as const

/** An NTP server: a host name or an IPv4 address. */
const ntpServerSchema = z
  .string()
  .trim()
  .min(1, 'NTP Server is empty')
  .max(253)
  .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/, 'Enter an NTP server host name or IP address')

/** SSH Keys: OpenSSH public keys put on every node (at least one, to reach on-premises nodes). */
const sshKeySchema = z
  .string()
  .trim()
  .regex(
    /^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/,
    'Paste an OpenSSH public key (ssh-ed25519 …, ssh-rsa …)',
  )

export const vsphereCloudConfigSchema = z.object({
  placement: z.object({
    datacenter: z.string().min(1, 'Choose a Datacenter'),
    folder: z.string().min(1, 'Choose a Folder'),
  }),
  sshKeys: z.array(sshKeySchema).min(1, 'Add at least one SSH key'),
  ntpServers: z.array(ntpServerSchema).default([]),
  /** **IP Allocation strategy**: Static IP (addresses from IP pools) or DHCP. */
  staticIp: z.boolean().default(false),
})
export type VsphereCloudConfig = z.infer<typeof vsphereCloudConfigSchema>

/** A placement domain: where a share of the pool's VMs run (VMs are spread over the domains round-robin). */
export const vspherePlacementDomainSchema = z.object({
  cluster: z.string().min(1, 'Choose a Compute Cluster'),
  datastore: z.string().min(1, 'Choose a Datastore'),
  resourcePool: z.string().min(1, 'Choose a Resource Pool'),
  network: z.object({
    networkName: z.string().min(1, 'Choose a Network'),
    /** The IP pool (of the account's gateway) the domain's VMs take addresses from, with Static IP. */
    parentPoolUid: z.string().optional(),
    staticIp: z.boolean().optional(),
  }),
})
export type VspherePlacementDomain = z.infer<typeof vspherePlacementDomainSchema>

/** "1 core", "4 cores", "2048 MiB". */
const amount = (n: number, unit: string) => `${n} ${n === 1 ? unit.replace(/s$/, '') : unit}`
const wholeNumber = (what: string, unit: string, min: number, max: number) =>
  z
    .number({ error: `${what} is required` })
    .int(`${what} is whole ${unit}`)
    .min(min, `${what} must be at least ${amount(min, unit)}`)
    .max(max, `${what} must be at most ${amount(max, unit)}`)

export const vsphereInstanceTypeSchema = z.object({
  numCPUs: wholeNumber('CPU', 'cores', 1, VSPHERE_CPU_MAX),
  memoryMiB: wholeNumber('Memory', 'MiB', VSPHERE_MEMORY_MIN_MIB, VSPHERE_MEMORY_MAX_MIB),
  diskGiB: wholeNumber('Disk', 'GiB', VSPHERE_DISK_MIN_GIB, VSPHERE_DISK_MAX_GIB),
})

export const vsphereMachinePoolSchema = z.object({
  cloudConfig: z.object({
    instanceType: vsphereInstanceTypeSchema,
    placements: z.array(vspherePlacementDomainSchema).min(1, 'Add a placement domain'),
  }),
  poolConfig: z.object({
    name: poolNameSchema,
    size: z
      .number({ error: 'Size is required' })
      .int('Size is a whole number')
      .min(0, 'Size must be at least 0')
      .max(VSPHERE_MAX_POOL_SIZE, `Size must be at most ${VSPHERE_MAX_POOL_SIZE}`),
    isControlPlane: z.boolean().default(false),
    /** **Allow worker capability** (master pool only). */
    useControlPlaneAsWorker: z.boolean().default(false),
    labels: z.array(z.string()).default([]),
  }),
})
export type VsphereMachinePool = z.infer<typeof vsphereMachinePoolSchema>

// ---- rules ------------------------------------------------------------------------------

/** A pool as the rules read it (from the body as sent, or a half-filled wizard form). */
export interface VspherePoolInput {
  name: string
  size: number
  isControlPlane: boolean
  placements: Array<{ parentPoolUid: string }>
}

export function readVspherePool(raw: unknown): VspherePoolInput {
  const pool = record(raw)
  const poolConfig = record(pool.poolConfig)
  return {
    name: text(poolConfig.name),
    size: count(poolConfig.size),
    isControlPlane: poolConfig.isControlPlane === true,
    placements: list(record(pool.cloudConfig).placements).map((p) => ({
      parentPoolUid: text(record(record(p).network).parentPoolUid),
    })),
  }
}

/**
 * The pools' rules (paths relative to `spec.machinepoolconfig`): exactly one master pool of 1, 3 or 5
 * nodes in one placement domain, unique names, and with Static IP an IP pool on every placement domain.
 */
export function checkVspherePools(
  pools: readonly VspherePoolInput[],
  options: { staticIp: boolean },
): ClusterProblem[] {
  const problems: ClusterProblem[] = []
  const masters = pools.filter((p) => p.isControlPlane)
  if (masters.length === 0) problems.push({ path: [], message: 'Add a master pool' })
  if (masters.length > 1) problems.push({ path: [], message: 'A cluster has one master pool' })
  const seen = new Set<string>()
  pools.forEach((pool, i) => {
    if (pool.name && seen.has(pool.name))
      problems.push({ path: [i, 'poolConfig', 'name'], message: `Another pool is named ${pool.name}` })
    seen.add(pool.name)
    if (pool.isControlPlane) {
      if (!(CONTROL_PLANE_SIZES as readonly number[]).includes(pool.size))
        problems.push({ path: [i, 'poolConfig', 'size'], message: 'The master pool has 1, 3 or 5 nodes' })
      if (pool.placements.length > 1)
        problems.push({
          path: [i, 'cloudConfig', 'placements'],
          message: 'The master pool runs in one placement domain',
        })
    }
    if (options.staticIp) {
      pool.placements.forEach((p, d) => {
        if (!p.parentPoolUid)
          problems.push({
            path: [i, 'cloudConfig', 'placements', d, 'network', 'parentPoolUid'],
            message: 'Static IP needs an IP Pool',
          })
      })
    }
  })
  return problems
}

/** Which placement domain each node of a pool runs in: round-robin over the domains. */
export function placementOfNode(node: number, domains: number): number {
  return domains > 0 ? node % domains : 0
}

/** How many nodes of a pool land in each of its placement domains (round-robin). */
export function nodesPerDomain(size: number, domains: number): number[] {
  return Array.from({ length: domains }, (_, d) => Math.max(0, Math.floor((size - d + domains - 1) / domains)))
}

/** Nodes that take an address from each IP pool (by pool uid), over every pool and placement domain. */
export function nodesPerIpPool(pools: readonly VspherePoolInput[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const pool of pools) {
    const size = Number.isFinite(pool.size) ? pool.size : 0
    nodesPerDomain(size, pool.placements.length).forEach((nodes, d) => {
      const uid = pool.placements[d]?.parentPoolUid
      if (uid) counts.set(uid, (counts.get(uid) ?? 0) + nodes)
    })
  }
  return counts
}

/**
 * The capacity rule over the IP pools the body uses (`pools` as the wizard or the server knows them):
 * each needs at least its nodes + 3 free addresses. Problems point at the first placement domain that uses
 * the pool.
 */
export function checkVsphereIpCapacity(
  pools: readonly VspherePoolInput[],
  ipPools: ReadonlyArray<{ uid: string; name: string; availableIps: number }>,
): ClusterProblem[] {
  const problems: ClusterProblem[] = []
  for (const [uid, nodes] of nodesPerIpPool(pools)) {
    const ipPool = ipPools.find((p) => p.uid === uid)
    const i = pools.findIndex((p) => p.placements.some((d) => d.parentPoolUid === uid))
    const d = pools[i]?.placements.findIndex((x) => x.parentPoolUid === uid) ?? 0
    const path = [i, 'cloudConfig', 'placements', d, 'network', 'parentPoolUid']
    if (!ipPool) {
      problems.push({ path, message: "This IP pool is not one of the cloud account's gateway" })
      continue
    }
    const problem = checkPoolCapacity(ipPool, nodes)
    if (problem) problems.push({ path, message: problem.message })
  }
  return problems
}

/** POST /v1/spectroclusters/vsphere (and …/vsphere/validate). */
export const vsphereClusterCreateSchema = z.object({
  metadata: clusterMetadataSchema,
  spec: z
    .object({
      cloudAccountUid: z.string().min(1, 'Choose a Cloud Account'),
      profiles: clusterProfilesSchema,
      cloudConfig: vsphereCloudConfigSchema,
      machinepoolconfig: z.array(vsphereMachinePoolSchema).min(1, 'Add a master pool'),
    })
    .superRefine((spec, ctx) => {
      const staticIp = record(spec.cloudConfig).staticIp === true
      const problems = checkVspherePools(list(spec.machinepoolconfig).map(readVspherePool), { staticIp })
      report(
        ctx,
        problems.map((p) => ({ ...p, path: ['machinepoolconfig', ...p.path] })),
      )
    }, always),
})
export type VsphereClusterCreate = z.infer<typeof vsphereClusterCreateSchema>
export type VsphereClusterCreateInput = z.input<typeof vsphereClusterCreateSchema>

/**
 * The node template a cluster's VMs are cloned from: the profile's OS and Kubernetes layers name it
 * (`ubuntu-22.04-k8s-1.30` for ubuntu-vsphere 22.04 and kubernetes 1.30.6), as the templates Palette
 * publishes in vCenter's content library are named.
 */
export function vsphereNodeTemplate(layers: ReadonlyArray<{ layer: string; name: string; tag: string }>): string {
  const os = layers.find((l) => l.layer === 'os')
  const k8s = layers.find((l) => l.layer === 'k8s')
  const osName = (os?.name ?? 'ubuntu').replace(/-vsphere$/, '')
  const minor = (k8s?.tag ?? '').split('.').slice(0, 2).join('.')
  return `${osName}-${os?.tag ?? ''}-k8s-${minor}`
}
