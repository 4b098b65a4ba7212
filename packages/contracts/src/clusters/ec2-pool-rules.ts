import type { ClusterProblem } from './ec2-pool.ts'

/**
 * Rules shared by the AWS IaaS and the EKS wizards, whose pools are both EC2 instances placed in
 * zones (and, with Static Placement, subnets of an existing VPC). Pure functions over structural
 * inputs, so they also run on a half-filled form.
 */

/** The part of a pool the shared rules read. */
export interface Ec2PoolInput {
  cloudConfig: {
    instanceType: string
    capacityType: 'on-demand' | 'spot'
    spotMarketOptions?: { maxPrice?: string | undefined }
    azs: readonly string[]
    subnets: ReadonlyArray<{ id: string; az: string }>
  }
  poolConfig: {
    name: string
    taints: ReadonlyArray<{ key: string; effect: string }>
  }
}

/** A pool's zones, spot bid and taints (paths relative to the pool). */
export function checkEc2Pool(pool: Ec2PoolInput): ClusterProblem[] {
  const problems: ClusterProblem[] = []
  const { cloudConfig, poolConfig } = pool
  cloudConfig.azs.forEach((az, i) => {
    if (cloudConfig.azs.indexOf(az) !== i)
      problems.push({ path: ['cloudConfig', 'azs', i], message: `${az} is chosen twice` })
  })
  if (cloudConfig.capacityType === 'spot' && !cloudConfig.spotMarketOptions?.maxPrice)
    problems.push({ path: ['cloudConfig', 'spotMarketOptions', 'maxPrice'], message: 'On-Spot pools need a max bid' })
  const taints = poolConfig.taints
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
 * console creates them).
 */
export function checkEc2Placement(
  pools: readonly Ec2PoolInput[],
  cloudConfig: { vpcId?: string | undefined },
): ClusterProblem[] {
  const problems: ClusterProblem[] = []
  const staticPlacement = Boolean(cloudConfig.vpcId)
  pools.forEach((pool, i) => {
    const at = (...rest: Array<string | number>) => ['machinepoolconfig', i, ...rest]
    if (pools.findIndex((p) => p.poolConfig.name === pool.poolConfig.name) !== i)
      problems.push({ path: at('poolConfig', 'name'), message: 'Node pool names must be unique' })
    const { azs, subnets } = pool.cloudConfig
    if (!staticPlacement) {
      if (subnets.length > 0)
        problems.push({
          path: at('cloudConfig', 'subnets'),
          message: 'Subnets are chosen with Static Placement only; otherwise the console creates them',
        })
      return
    }
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
      else if (subnets.findIndex((o) => o.az === s.az) !== j)
        problems.push({
          path: at('cloudConfig', 'subnets', j, 'az'),
          message: `Choose one subnet in ${s.az}, not several`,
        })
      if (subnets.findIndex((o) => o.id === s.id) !== j)
        problems.push({ path: at('cloudConfig', 'subnets', j, 'id'), message: `Subnet ${s.id} is chosen twice` })
    })
  })
  return problems
}

/** A subnet as the inventory reads it: `isPrivate` and `tags` are optional, for the warnings only. */
export interface Ec2InventorySubnet {
  subnetId: string
  az: string
  /** True unless the subnet gives instances public IPs. */
  isPrivate?: boolean
  tags?: Readonly<Record<string, string>>
}

/** What the account's AWS inventory holds in the chosen region; a list left undefined could not be read and is not checked. */
export interface Ec2Inventory {
  region: string
  zones?: readonly string[]
  vpcs?: ReadonlyArray<{ vpcId: string; subnets: ReadonlyArray<Ec2InventorySubnet> }>
  keyPairs?: readonly string[]
  instanceTypes?: ReadonlyArray<{ type: string; availabilityZones: readonly string[] }>
}

const obj = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)

/** Every chosen static subnet the inventory knows, with where it sits in the body (for warnings). */
export function chosenSubnets(
  body: unknown,
  inventory: Ec2Inventory,
): Array<{ path: Array<string | number>; subnet: Ec2InventorySubnet }> {
  const spec = obj(obj(body).spec)
  const vpcId = str(obj(spec.cloudConfig).vpcId)
  const vpc = vpcId ? inventory.vpcs?.find((v) => v.vpcId === vpcId) : undefined
  if (!vpc) return []
  return arr(spec.machinepoolconfig).flatMap((entry, i) =>
    arr(obj(obj(entry).cloudConfig).subnets).flatMap((choice, j) => {
      const subnet = vpc.subnets.find((s) => s.subnetId === obj(choice).id)
      return subnet ? [{ path: ['spec', 'machinepoolconfig', i, 'cloudConfig', 'subnets', j, 'id'], subnet }] : []
    }),
  )
}

/**
 * The placement against the inventory (paths from the body's root): the VPC and key pair exist, every
 * zone is in the region, every static subnet is in the chosen VPC and in the zone it is chosen for, and
 * the instance type is offered in every zone of its pool. Reads the body defensively, so it also checks
 * the readable parts of a body that does not parse.
 */
export function checkEc2Inventory(body: unknown, inventory: Ec2Inventory): ClusterProblem[] {
  const problems: ClusterProblem[] = []
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
