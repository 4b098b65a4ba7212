import { checkCidrList } from './cidr.ts'

/**
 * The EKS wizard's rules as pure functions: the create schema runs the structural ones (so the browser
 * checks them as the user types), and the server runs them again plus `checkEksInventory` against what
 * the account's AWS inventory holds. Inputs are structural (not the schema's types), so each function
 * can also run on a half-filled form.
 */

/** One problem: where (a path like zod's) and what to do about it. */
export interface EksProblem {
  path: Array<string | number>
  message: string
}

/** EKS refuses more public access CIDR blocks than this per cluster. */
export const EKS_MAX_PUBLIC_CIDRS = 40
/** EKS's default quota of nodes per managed node group. */
export const EKS_MAX_POOL_SIZE = 450
/** EKS's limit of taints per managed node group. */
export const EKS_MAX_TAINTS = 50

export interface EksEndpointAccessInput {
  public: boolean
  private: boolean
  publicCIDRs: readonly string[]
  privateCIDRs: readonly string[]
}

/** Cluster Endpoint Access: Public, Private, or Private & Public, with their CIDR lists (paths relative to endpointAccess). */
export function checkEksEndpointAccess(access: EksEndpointAccessInput): EksProblem[] {
  const problems: EksProblem[] = []
  if (!access.public && !access.private) {
    problems.push({ path: ['public'], message: 'Choose Public, Private, or Private & Public endpoint access' })
  }
  if (access.public && access.publicCIDRs.length === 0) {
    problems.push({ path: ['publicCIDRs'], message: 'Add at least one Public Access CIDR' })
  }
  if (access.publicCIDRs.length > EKS_MAX_PUBLIC_CIDRS) {
    problems.push({
      path: ['publicCIDRs'],
      message: `EKS takes at most ${EKS_MAX_PUBLIC_CIDRS} Public Access CIDRs`,
    })
  }
  for (const p of checkCidrList(access.publicCIDRs, 'Public Access CIDRs'))
    problems.push({ path: ['publicCIDRs', p.index], message: p.message })
  if (!access.private && access.privateCIDRs.length > 0) {
    problems.push({ path: ['privateCIDRs'], message: 'Private Access CIDRs apply only with private endpoint access' })
  }
  for (const p of checkCidrList(access.privateCIDRs, 'Private Access CIDRs'))
    problems.push({ path: ['privateCIDRs', p.index], message: p.message })
  return problems
}

export interface EksPoolInput {
  cloudConfig: {
    instanceType: string
    capacityType: 'on-demand' | 'spot'
    spotMarketOptions?: { maxPrice?: string }
    azs: readonly string[]
    subnets: ReadonlyArray<{ id: string; az: string }>
  }
  poolConfig: {
    name: string
    size: number
    minSize: number
    maxSize: number
    taints: ReadonlyArray<{ key: string; effect: string }>
  }
}

/** One node pool's own rules: sizes, zones, spot, taints (paths relative to the pool). */
export function checkEksPool(pool: EksPoolInput): EksProblem[] {
  const problems: EksProblem[] = []
  const { cloudConfig, poolConfig } = pool
  const { size, minSize, maxSize } = poolConfig
  if (minSize > maxSize) {
    problems.push({ path: ['poolConfig', 'minSize'], message: 'Minimum size must not exceed the maximum size' })
  } else if (size < minSize || size > maxSize) {
    problems.push({
      path: ['poolConfig', 'size'],
      message: 'Desired size must be between the minimum and the maximum size',
    })
  }
  cloudConfig.azs.forEach((az, i) => {
    if (cloudConfig.azs.indexOf(az) !== i)
      problems.push({ path: ['cloudConfig', 'azs', i], message: `${az} is chosen twice` })
  })
  if (cloudConfig.capacityType === 'spot') {
    if (!cloudConfig.instanceType)
      problems.push({ path: ['cloudConfig', 'instanceType'], message: 'On-Spot pools need at least one instance type' })
    if (!cloudConfig.spotMarketOptions?.maxPrice)
      problems.push({
        path: ['cloudConfig', 'spotMarketOptions', 'maxPrice'],
        message: 'On-Spot pools need a max bid',
      })
  }
  const taints = poolConfig.taints
  if (taints.length > EKS_MAX_TAINTS)
    problems.push({ path: ['poolConfig', 'taints'], message: `EKS takes at most ${EKS_MAX_TAINTS} taints per pool` })
  taints.forEach((t, i) => {
    if (taints.findIndex((o) => o.key === t.key && o.effect === t.effect) !== i)
      problems.push({
        path: ['poolConfig', 'taints', i, 'key'],
        message: `The taint ${t.key} with effect ${t.effect} is given twice`,
      })
  })
  return problems
}

/**
 * Rules across pools and placement (paths relative to spec): unique names; with Static Placement
 * (`cloudConfig.vpcId`) one subnet per chosen zone and none elsewhere; without it no subnets (the
 * console creates them); and the control plane spread over at least two zones, as EKS requires (its
 * subnets are the pools' subnets, or the private subnets the console creates in the pools' zones).
 */
export function checkEksPools(
  pools: readonly EksPoolInput[],
  cloudConfig: { vpcId?: string | undefined },
): EksProblem[] {
  const problems: EksProblem[] = []
  const staticPlacement = Boolean(cloudConfig.vpcId)
  const zones = new Set<string>()
  pools.forEach((pool, i) => {
    const at = (...rest: Array<string | number>) => ['machinepoolconfig', i, ...rest]
    if (pools.findIndex((p) => p.poolConfig.name === pool.poolConfig.name) !== i)
      problems.push({ path: at('poolConfig', 'name'), message: 'Node pool names must be unique' })
    const { azs, subnets } = pool.cloudConfig
    if (!staticPlacement) {
      for (const az of azs) zones.add(az)
      if (subnets.length > 0)
        problems.push({
          path: at('cloudConfig', 'subnets'),
          message: 'Subnets are chosen with Static Placement only; otherwise the console creates them',
        })
      return
    }
    for (const s of subnets) zones.add(s.az)
    for (const az of azs) {
      if (!subnets.some((s) => s.az === az))
        problems.push({ path: at('cloudConfig', 'subnets'), message: `Choose a subnet in ${az}` })
    }
    subnets.forEach((s, j) => {
      if (!azs.includes(s.az))
        problems.push({
          path: at('cloudConfig', 'subnets', j, 'az'),
          message: `${s.az} is not one of this pool's Availability Zones`,
        })
      if (subnets.findIndex((o) => o.id === s.id) !== j)
        problems.push({ path: at('cloudConfig', 'subnets', j, 'id'), message: `Subnet ${s.id} is chosen twice` })
    })
  })
  if (pools.length > 0 && zones.size < 2) {
    problems.push({
      path: ['machinepoolconfig'],
      message: 'EKS runs its control plane in at least two Availability Zones: spread the node pools over two or more',
    })
  }
  return problems
}

/** What the account's AWS inventory holds in the chosen region; a list left undefined could not be read and is not checked. */
export interface EksInventory {
  region: string
  zones?: readonly string[]
  vpcs?: ReadonlyArray<{ vpcId: string; subnets: ReadonlyArray<{ subnetId: string; az: string }> }>
  keyPairs?: readonly string[]
  instanceTypes?: ReadonlyArray<{ type: string; availabilityZones: readonly string[] }>
}

const obj = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)

/**
 * The placement against the inventory (paths from the body's root): the VPC and key pair exist, every
 * zone is in the region, every static subnet is in the chosen VPC and in the zone it is chosen for, and
 * the instance type is offered in every zone of its pool. Reads the body defensively, so it also checks
 * the readable parts of a body that does not parse.
 */
export function checkEksInventory(body: unknown, inventory: EksInventory): EksProblem[] {
  const problems: EksProblem[] = []
  const { region } = inventory
  const spec = obj(obj(body).spec)
  const cloudConfig = obj(spec.cloudConfig)
  const vpcId = str(cloudConfig.vpcId)
  const vpc = vpcId ? inventory.vpcs?.find((v) => v.vpcId === vpcId) : undefined
  if (vpcId && inventory.vpcs && !vpc)
    problems.push({ path: ['spec', 'cloudConfig', 'vpcId'], message: `VPC ${vpcId} is not in ${region}` })
  const keyName = str(cloudConfig.sshKeyName)
  if (keyName && inventory.keyPairs && !inventory.keyPairs.includes(keyName))
    problems.push({
      path: ['spec', 'cloudConfig', 'sshKeyName'],
      message: `Key pair ${keyName} does not exist in ${region}`,
    })
  arr(spec.machinepoolconfig).forEach((entry, i) => {
    const pool = obj(obj(entry).cloudConfig)
    const at = (...rest: Array<string | number>) => ['spec', 'machinepoolconfig', i, 'cloudConfig', ...rest]
    const azs = arr(pool.azs).filter((az): az is string => typeof az === 'string')
    azs.forEach((az, j) => {
      if (inventory.zones && !inventory.zones.includes(az))
        problems.push({ path: at('azs', j), message: `${az} is not an Availability Zone of ${region}` })
    })
    if (vpc) {
      arr(pool.subnets).forEach((raw, j) => {
        const choice = obj(raw)
        const id = str(choice.id)
        if (!id) return
        const subnet = vpc.subnets.find((s) => s.subnetId === id)
        if (!subnet) problems.push({ path: at('subnets', j, 'id'), message: `Subnet ${id} is not in VPC ${vpc.vpcId}` })
        else if (str(choice.az) && subnet.az !== choice.az)
          problems.push({ path: at('subnets', j, 'az'), message: `Subnet ${id} is in ${subnet.az}, not ${choice.az}` })
      })
    }
    const instanceType = str(pool.instanceType)
    if (!instanceType || !inventory.instanceTypes) return
    const offered = inventory.instanceTypes.find((t) => t.type === instanceType)
    if (!offered) {
      problems.push({ path: at('instanceType'), message: `Instance type ${instanceType} is not offered in ${region}` })
      return
    }
    const missing = azs.filter(
      (az) => (!inventory.zones || inventory.zones.includes(az)) && !offered.availabilityZones.includes(az),
    )
    if (missing.length > 0)
      problems.push({
        path: at('instanceType'),
        message: `Instance type ${instanceType} is not offered in ${missing.join(', ')}`,
      })
  })
  return problems
}

/**
 * The max bid the wizard sends for "a percentage of the on-demand price" (USD per hour, as
 * `spotMarketOptions.maxPrice` carries it): at most 4 decimals, rounded up so the bid is never below the
 * percentage asked for.
 */
export function spotMaxPriceFor(onDemandPrice: number, percent: number): string {
  const price = Math.ceil(((onDemandPrice * percent) / 100) * 10_000 - 1e-9) / 10_000
  return String(Number(price.toFixed(4)))
}
