import { DescribeSubnetsCommand, DescribeVpcsCommand, type Instance, type Subnet } from '@aws-sdk/client-ec2'
import type { AwsMachinePool } from '@console/contracts'
import { createAwsCalls } from '../aws/aws-calls.ts'
import type { AwsEndpoint, AwsSession } from '../aws/aws-session.ts'
import { DYNAMIC_VPC_CIDR, ensureDynamicNetwork, placementZones, type Rows, readRows } from '../aws/network.ts'
import { deletePlacement } from '../aws/network-delete.ts'
import type { CallPolicy } from '../call-policy.ts'
import type { AwsCredentials } from '../cloud-provider.ts'
import type { ClusterDriver, ReconcileResult } from '../cluster-driver.ts'
import { forgetReports, inStep, reportChange } from '../driver-steps.ts'
import { CloudError } from '../errors.ts'
import {
  ensureInstance,
  ImageLookup,
  type InstanceSlot,
  ownedInstances,
  terminateInstances,
} from './aws-iaas-instances.ts'
import { deleteLoadBalancer, ensureLoadBalancer, registerControlPlane } from './aws-iaas-load-balancer.ts'
import { type ClusterGroups, ensureSecurityGroups } from './aws-iaas-security-groups.ts'
import {
  type AwsIaasClusterWork,
  type AwsIaasPass,
  type AwsIaasSpec,
  BASTION_INSTANCE_TYPE,
  controlPlanePool,
  IAAS_KEYS,
  parseInstanceKey,
  zoneOf,
} from './aws-iaas-spec.ts'

/** How the AWS IaaS driver reaches AWS. */
export interface AwsIaasClusterDriverOptions {
  endpoint: AwsEndpoint
  policy: CallPolicy
  /** Turns an account's credentials into keys (assuming its role for STS accounts). */
  session: AwsSession
  /** The `retryAfterMs` of a waiting pass; default 5000 (the engine may scale it). */
  pollIntervalMs?: number
}

/** Where the cluster's instances and its load balancer go. */
interface Placement {
  vpcId: string
  /** The subnet of a pool's zone (private subnets of a dynamic placement, the chosen ones of a static one). */
  subnetFor(pool: AwsMachinePool, az: string): string
  /** The load balancer's subnets: the public side of the control plane's zones. */
  loadBalancerSubnets: string[]
  /** Dynamic placement: the public subnet the bastion goes in. */
  bastionSubnet?: string
  vpcCidr(): Promise<string>
  /** False while a dynamic placement's NAT gateways are not yet available. */
  ready: boolean
}

/**
 * AWS IaaS clusters (Kubernetes on EC2 instances, seed 004): the placement (a dynamic VPC with a public
 * and a private subnet per zone, an internet gateway and a NAT gateway per zone; or the chosen VPC and
 * subnets), the control plane, node and bastion security groups, a bastion host in a public subnet
 * (dynamic placement), the control plane instances in the private subnets spread over the pool's zones,
 * an internet-facing network load balancer on TCP 6443 in front of them, then the worker pools'
 * instances; Running once every instance runs. Every resource carries the ownership tag
 * `console-cluster-uid=<clusterUid>` and its ledger key, so a pass that lost the ledger's `created`
 * write finds it again instead of creating a second one (RunInstances also gets the row's client token).
 */
export class AwsIaasClusterDriver implements ClusterDriver<AwsCredentials, AwsIaasSpec> {
  readonly cloudType = 'aws' as const
  private readonly pollIntervalMs: number
  private readonly lastReported = new Map<string, string>()

  constructor(private readonly options: AwsIaasClusterDriverOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 5000
  }

  async reconcileCreate(work: AwsIaasClusterWork): Promise<ReconcileResult> {
    return this.withPass(work, async (pass) => {
      const rows = await readRows(pass)
      const placement = await this.ensurePlacement(pass, rows)
      const groups = await ensureSecurityGroups(
        pass,
        rows,
        { id: placement.vpcId, cidr: placement.vpcCidr },
        !!placement.bastionSubnet,
      )
      if (!placement.ready) return this.waiting()
      const owned = await inStep('Looking up instances', () => ownedInstances(pass))
      const image = new ImageLookup(pass)
      let complete = true

      if (placement.bastionSubnet && groups.bastion) {
        const bastion = await ensureInstance(
          pass,
          rows,
          owned,
          {
            key: IAAS_KEYS.bastion,
            what: 'bastion host',
            role: 'bastion',
            instanceType: BASTION_INSTANCE_TYPE,
            subnetId: placement.bastionSubnet,
            securityGroupIds: [groups.bastion],
          },
          image,
        )
        if (bastion?.State?.Name !== 'running') complete = false
      }

      const cp = controlPlanePool(work.spec)
      const { instances: cpInstances } = await this.ensurePool(pass, rows, owned, image, placement, groups, cp)
      const lb = await ensureLoadBalancer(pass, rows, {
        vpcId: placement.vpcId,
        subnetIds: placement.loadBalancerSubnets,
      })
      const cpRunning = cpInstances.filter((i) => i?.State?.Name === 'running')
      if (cpRunning.length === cpInstances.length) {
        await registerControlPlane(
          pass,
          lb.targetGroupArn,
          cpRunning.map((i) => i?.InstanceId ?? ''),
        )
      } else {
        complete = false
      }
      if (!lb.active) complete = false

      for (const pool of work.spec.machinepoolconfig) {
        if (pool === cp) continue
        const { settled } = await this.ensurePool(pass, rows, owned, image, placement, groups, pool)
        if (!settled) {
          complete = false
          if (!work.spec.clusterConfig.updateWorkerPoolsInParallel) break
        }
      }
      if (!(await this.removeSurplus(pass, rows, owned))) complete = false
      if (!complete) return this.waiting()
      forgetReports(this.lastReported, work.clusterUid)
      return { status: 'done' }
    })
  }

  /**
   * The reverse: the nodes' instances (waiting until terminated), the load balancer and its target
   * group, the bastion, then the security groups and the dynamic network (see deletePlacement; a static
   * placement's VPC and subnets carry no ownership tag and are never touched).
   */
  async reconcileDelete(work: AwsIaasClusterWork): Promise<ReconcileResult> {
    return this.withPass(work, async (pass) => {
      const isBastion = (key: string) => key === IAAS_KEYS.bastion
      if ((await terminateInstances(pass, (key) => !isBastion(key), 'node instances')) > 0) return this.waiting()
      if (!(await deleteLoadBalancer(pass))) return this.waiting()
      if ((await terminateInstances(pass, isBastion, 'bastion host')) > 0) return this.waiting()
      if (!(await deletePlacement(pass))) return this.waiting()
      for (const row of await work.ledger.list()) if (row.state !== 'deleted') await work.ledger.deleted(row.key)
      forgetReports(this.lastReported, work.clusterUid)
      return { status: 'done' }
    })
  }

  private async withPass(work: AwsIaasClusterWork, run: (pass: AwsIaasPass) => Promise<ReconcileResult>) {
    const region = work.spec.cloudConfig.region
    const pass: AwsIaasPass = {
      work,
      region,
      name: work.clusterName,
      calls: createAwsCalls(this.options, work.credentials, region),
      lastReported: this.lastReported,
    }
    try {
      return await run(pass)
    } finally {
      pass.calls.close()
    }
  }

  private waiting(): ReconcileResult {
    return { status: 'waiting', retryAfterMs: this.pollIntervalMs }
  }

  /**
   * Static: the chosen VPC and subnets as they are (the load balancer in the VPC's public subnet of each
   * control plane zone: the one tagged for load balancers, else one that gives public addresses).
   * Dynamic: the shared dynamic network, nodes in its private subnets, the bastion in a public one.
   */
  private async ensurePlacement(pass: AwsIaasPass, rows: Rows): Promise<Placement> {
    const { spec } = pass.work
    const cpZones = controlPlanePool(spec).cloudConfig.azs
    const staticVpc = spec.cloudConfig.vpcId
    if (staticVpc) {
      const subnetFor = (pool: AwsMachinePool, az: string) =>
        pool.cloudConfig.subnets.find((s) => s.az === az)?.id ?? pool.cloudConfig.subnets[0]?.id ?? ''
      const res = await inStep('Looking up the VPC subnets', () =>
        pass.calls.ec2(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [staticVpc] }] })),
      )
      const cp = controlPlanePool(spec)
      const loadBalancerSubnets = cpZones.map((az) => publicSubnetIn(res.Subnets ?? [], az) ?? subnetFor(cp, az))
      return {
        vpcId: staticVpc,
        subnetFor,
        loadBalancerSubnets: [...new Set(loadBalancerSubnets)],
        vpcCidr: async () =>
          (await pass.calls.ec2(new DescribeVpcsCommand({ VpcIds: [staticVpc] }))).Vpcs?.[0]?.CidrBlock ?? '',
        ready: true,
      }
    }
    const zones = placementZones(spec)
    const network = await ensureDynamicNetwork(pass, rows, zones, [IAAS_KEYS.securityGroup('controlplane')])
    return {
      vpcId: network.vpcId,
      subnetFor: (_pool, az) => network.privateSubnets.get(az) ?? '',
      loadBalancerSubnets: cpZones.map((az) => network.publicSubnets.get(az) ?? ''),
      bastionSubnet: network.publicSubnets.get(zones[0] ?? ''),
      vpcCidr: async () => DYNAMIC_VPC_CIDR,
      ready: network.ready,
    }
  }

  /**
   * A day-2 edit that shrank a pool or removed one: the instances of nodes the spec no longer has (a
   * pool's index beyond its size, a pool that is gone) are terminated, waiting until they are. Old
   * generations of nodes the pool still has are the rolling update's (see rollNode). Answers true when
   * there are none.
   */
  private async removeSurplus(pass: AwsIaasPass, rows: Rows, owned: Map<string, Instance>): Promise<boolean> {
    const sizes = new Map(pass.work.spec.machinepoolconfig.map((p) => [p.poolConfig.name, p.poolConfig.size]))
    const surplus = (key: string) => {
      const node = parseInstanceKey(key)
      return !!node && node.index >= (sizes.get(node.pool) ?? 0)
    }
    const pending =
      [...owned.keys()].some(surplus) ||
      [...rows.values()].some((r) => r.kind === 'ec2.instance' && r.state !== 'deleted' && surplus(r.key))
    if (!pending) return true
    return (await terminateInstances(pass, surplus, 'instances no longer in their pool')) === 0
  }

  /**
   * A pool's instances, one per node, spread over its zones in turn. A node whose instance is of an
   * older generation (the pool was edited: labels, taints) is replaced by a rolling update, one node at
   * a time and only once every node before it runs, with the pool's **Rolling Update** strategy: Expand
   * First launches the new instance and terminates the old one once the new one runs; Contract First
   * terminates the old one first and launches the new one once it is gone. Settled when every node has
   * a running instance of the current generation and no old one is left.
   */
  private async ensurePool(
    pass: AwsIaasPass,
    rows: Rows,
    owned: Map<string, Instance>,
    image: ImageLookup,
    placement: Placement,
    groups: ClusterGroups,
    pool: AwsMachinePool,
  ): Promise<{ instances: Array<Instance | undefined>; settled: boolean }> {
    const { poolConfig, cloudConfig } = pool
    const controlPlane = poolConfig.isControlPlane
    const instances: Array<Instance | undefined> = []
    let settled = true
    for (let index = 0; index < poolConfig.size; index++) {
      const az = zoneOf(pool, index)
      const slot: InstanceSlot = {
        key: IAAS_KEYS.instance(pool, index),
        what: controlPlane ? `control plane node ${index + 1}` : `node ${index + 1} of worker pool ${poolConfig.name}`,
        role: controlPlane ? 'control-plane' : 'node',
        pool,
        instanceType: cloudConfig.instanceType,
        subnetId: placement.subnetFor(pool, az),
        securityGroupIds: controlPlane ? [groups.controlplane] : [groups.node],
        rootDeviceSize: cloudConfig.rootDeviceSize,
      }
      if (!slot.subnetId) {
        throw new CloudError({
          kind: 'InvalidRequest',
          cloud: 'aws',
          message: `Creating ${slot.what}: pool ${poolConfig.name} has no subnet in ${az}.`,
        })
      }
      const old = oldGenerations(pool, index, slot.key, owned, rows)
      if (old.size === 0) {
        const instance = await ensureInstance(pass, rows, owned, slot, image)
        instances.push(instance)
        if (instance?.State?.Name !== 'running') settled = false
      } else if (!settled) {
        // One node at a time: this one waits until every node before it runs.
        instances.push(undefined)
      } else {
        const instance = await this.rollNode(pass, rows, owned, image, slot, old)
        instances.push(instance)
        settled = false
      }
    }
    const running = instances.filter((i) => i?.State?.Name === 'running').length
    const message = controlPlane
      ? `Control plane ${running}/${poolConfig.size} instances running`
      : `Worker pool ${poolConfig.name}: ${running}/${poolConfig.size} instances running`
    await reportChange(pass, `pool/${poolConfig.name}`, 'NodePoolProgress', message)
    return { instances, settled }
  }

  /**
   * One step of replacing a node's old instance (see ensurePool): answers the new instance, if launched.
   * Waits (the caller's pool is not settled) until the old instance is gone.
   */
  private async rollNode(
    pass: AwsIaasPass,
    rows: Rows,
    owned: Map<string, Instance>,
    image: ImageLookup,
    slot: InstanceSlot,
    old: Set<string>,
  ): Promise<Instance | undefined> {
    const pool = slot.pool as AwsMachinePool
    const expandFirst = pool.poolConfig.updateStrategy.type === 'RollingUpdateScaleOut'
    const strategy = expandFirst ? 'Expand First' : 'Contract First'
    const oldIds = [...old].map((key) => owned.get(key)?.InstanceId ?? rows.get(key)?.cloudId).filter(Boolean)
    const roll = `Rolling update of worker pool ${pool.poolConfig.name} (${strategy}): ${slot.what}`
    const removeOld = async () => {
      await reportChange(
        pass,
        `roll/${slot.key}`,
        'RollingUpdate',
        `${roll}: terminating its old instance ${oldIds.join(', ')}`,
      )
      return (await terminateInstances(pass, (key) => old.has(key), `the old instance of ${slot.what}`)) === 0
    }
    if (expandFirst) {
      await reportChange(pass, `roll/${slot.key}/new`, 'RollingUpdate', `${roll}: launching its new instance`)
      const instance = await ensureInstance(pass, rows, owned, slot, image)
      if (instance?.State?.Name === 'running') await removeOld()
      return instance
    }
    if (!(await removeOld())) return undefined
    await reportChange(pass, `roll/${slot.key}/new`, 'RollingUpdate', `${roll}: launching its new instance`)
    return ensureInstance(pass, rows, owned, slot, image)
  }
}

/**
 * The keys of a node's instances of another generation than `current` that are still there or still in
 * the ledger (a row not yet marked deleted: terminateInstances marks it once AWS no longer lists it).
 */
function oldGenerations(
  pool: AwsMachinePool,
  index: number,
  current: string,
  owned: Map<string, Instance>,
  rows: Rows,
): Set<string> {
  const isOld = (key: string) => {
    const node = parseInstanceKey(key)
    return !!node && node.pool === pool.poolConfig.name && node.index === index && key !== current
  }
  const live = [...owned.keys()].filter(isOld)
  const recorded = [...rows.values()].filter((r) => r.kind === 'ec2.instance' && r.state !== 'deleted' && isOld(r.key))
  return new Set([...live, ...recorded.map((r) => r.key)])
}

/** The VPC's public subnet in a zone: tagged for internet-facing load balancers, else one that gives public addresses. */
function publicSubnetIn(subnets: Subnet[], az: string): string | undefined {
  const inZone = subnets.filter((s) => s.AvailabilityZone === az)
  const tagged = inZone.find((s) => s.Tags?.some((t) => t.Key === 'kubernetes.io/role/elb' && t.Value === '1'))
  return (tagged ?? inZone.find((s) => s.MapPublicIpOnLaunch))?.SubnetId
}
