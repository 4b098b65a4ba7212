import { type _InstanceType, DescribeSpotPriceHistoryCommand } from '@aws-sdk/client-ec2'
import {
  CreateNodegroupCommand,
  DeleteNodegroupCommand,
  DescribeNodegroupCommand,
  ListNodegroupsCommand,
  type Nodegroup,
  UpdateNodegroupConfigCommand,
} from '@aws-sdk/client-eks'
import type { EksMachinePool } from '@console/contracts'
import { awsCode, isAwsGone } from '../aws/aws-calls.ts'
import { inStep, recordFound, reportChange } from '../driver-steps.ts'
import { CloudError } from '../errors.ts'
import type { EksPlacement } from './eks-network.ts'
import { type EksPass, LEDGER_KEYS } from './eks-pass.ts'
import {
  createNodegroupRequest,
  describeNodegroupUpdate,
  EKS_NODE_ROLE,
  nodegroupConfigUpdate,
  roleArn,
} from './eks-spec.ts'

export async function describeNodegroup(pass: EksPass, name: string): Promise<Nodegroup | undefined> {
  try {
    const res = await pass.calls.eks(new DescribeNodegroupCommand({ clusterName: pass.name, nodegroupName: name }))
    return res.nodegroup
  } catch (err) {
    if (isAwsGone(err)) return undefined
    throw err
  }
}

/** Every node group of the cluster ([] once the cluster is gone). */
async function listNodegroups(pass: EksPass): Promise<string[]> {
  const names: string[] = []
  let nextToken: string | undefined
  try {
    do {
      const res = await pass.calls.eks(new ListNodegroupsCommand({ clusterName: pass.name, nextToken }))
      names.push(...(res.nodegroups ?? []))
      nextToken = res.nextToken
    } while (nextToken)
  } catch (err) {
    if (isAwsGone(err)) return []
    throw err
  }
  return names
}

function failed(pass: EksPass, ng: Nodegroup, step: string): CloudError {
  const issues = (ng.health?.issues ?? []).map((i) => `${i.code}: ${i.message}`).join('; ')
  return new CloudError({
    kind: 'InvalidRequest',
    cloud: 'aws',
    cloudCode: ng.health?.issues?.[0]?.code ?? ng.status,
    message: `${step}: node group ${ng.nodegroupName} of ${pass.name} is ${ng.status}${issues ? ` (${issues})` : ''}.`,
  })
}

/**
 * Creates the node groups and waits until each is ACTIVE. With `updateWorkerPoolsInParallel` false
 * a pool is created only once the pools before it are ACTIVE; otherwise all at once. Answers true
 * when every node group is ACTIVE.
 */
export async function reconcileNodegroups(pass: EksPass, placement: EksPlacement): Promise<boolean> {
  const { spec } = pass.work
  let complete = true
  for (const pool of spec.machinepoolconfig) {
    const name = pool.poolConfig.name
    const step = `Waiting for node group ${name}`
    const ng = await ensureNodegroup(pass, placement, pool)
    if (!ng) {
      complete = false
      if (!spec.clusterConfig.updateWorkerPoolsInParallel) break
      continue
    }
    if (ng.status === 'CREATE_FAILED' || ng.status === 'DEGRADED' || ng.status === 'DELETING')
      throw failed(pass, ng, step)
    if (ng.status === 'ACTIVE' && (await applyPoolEdit(pass, pool, ng))) {
      complete = false
      if (!spec.clusterConfig.updateWorkerPoolsInParallel) break
      continue
    }
    const scaling = ng.scalingConfig
    const progress =
      ng.status === 'ACTIVE'
        ? `Node group ${name} is ACTIVE (${scaling?.desiredSize ?? pool.poolConfig.size} of ${scaling?.minSize ?? 0}–${scaling?.maxSize ?? 0} nodes)`
        : `Waiting for node group ${name} to be ACTIVE (status: ${ng.status})`
    await reportChange(pass, `nodegroup/${name}`, 'NodeGroupProgress', progress)
    if (ng.status !== 'ACTIVE') {
      complete = false
      if (!spec.clusterConfig.updateWorkerPoolsInParallel) break
    }
  }
  return complete
}

/**
 * A day-2 edit (the pool's size, labels or taints changed in the spec): sends the node group the change
 * and answers true (the node group is UPDATING; a later pass sees it ACTIVE with the new config). An
 * update lost in a crash is simply sent again: it is declarative.
 */
async function applyPoolEdit(pass: EksPass, pool: EksMachinePool, ng: Nodegroup): Promise<boolean> {
  const update = nodegroupConfigUpdate(pass.name, pool, ng)
  if (!update) return false
  const name = pool.poolConfig.name
  const step = `Updating node group ${name}`
  await pass.work.report('UpdatingNodeGroup', `${step}: ${describeNodegroupUpdate(update)}`)
  await inStep(step, () => pass.calls.eks(new UpdateNodegroupConfigCommand(update)))
  return true
}

/**
 * Look-up-before-create of one pool's node group (by name in the cluster: EKS names are unique there;
 * the client request token makes a retried create the same create). Answers undefined while an On-Spot
 * pool waits for the spot price to fall to its max bid.
 */
async function ensureNodegroup(
  pass: EksPass,
  placement: EksPlacement,
  pool: EksMachinePool,
): Promise<Nodegroup | undefined> {
  const { ledger, report } = pass.work
  const name = pool.poolConfig.name
  const key = LEDGER_KEYS.nodegroup(name)
  const entry = await ledger.get(key)
  const init = { kind: 'eks.nodegroup', region: pass.region, name, attrs: { clusterName: pass.name } }
  const existing = await inStep(`Waiting for node group ${name}`, () => describeNodegroup(pass, name))
  if (existing) {
    if (entry?.state !== 'created') await recordFound(ledger, key, init, name, entry)
    return existing
  }
  if (entry?.state === 'created') {
    throw new CloudError({
      kind: 'NotFound',
      cloud: 'aws',
      message: `Waiting for node group ${name}: it no longer exists in cluster ${pass.name}.`,
    })
  }
  if (pool.cloudConfig.capacityType === 'spot' && !(await spotPriceWithinBid(pass, pool))) return undefined
  const row = entry ?? (await ledger.begin(key, init))
  const step = `Creating node group ${name}`
  await report('CreatingNodeGroup', step)
  const created = await inStep(step, async () => {
    const accountId = await pass.calls.accountId()
    const res = await pass.calls.eks(
      new CreateNodegroupCommand(
        createNodegroupRequest({
          clusterName: pass.name,
          clusterUid: pass.work.clusterUid,
          labels: pass.work.labels,
          pool,
          spec: pass.work.spec,
          settings: pass.settings,
          nodeRoleArn: roleArn(pass.work.credentials.partition, accountId, pass.settings.nodeRoleName ?? EKS_NODE_ROLE),
          subnetIds: placement.poolSubnetIds(pool),
          securityGroupId: placement.securityGroupId,
          clientToken: row.clientToken,
        }),
      ),
    )
    return res.nodegroup
  })
  await ledger.created(key, { cloudId: name, attrs: { clusterName: pass.name, arn: created?.nodegroupArn } })
  return created ?? { nodegroupName: name, status: 'CREATING' }
}

/**
 * On-Spot pools start when the spot price allows (seed 004: "launches nodes when the spot price falls
 * in the specified range"): true when the Linux spot price of the pool's instance type is at or below
 * the max bid in at least one of its zones; otherwise a warning and false (the pass waits).
 */
async function spotPriceWithinBid(pass: EksPass, pool: EksMachinePool): Promise<boolean> {
  const { instanceType, azs, spotMarketOptions } = pool.cloudConfig
  const maxPrice = Number(spotMarketOptions?.maxPrice)
  if (!Number.isFinite(maxPrice) || maxPrice <= 0) return true
  const name = pool.poolConfig.name
  const res = await inStep(`Reading spot prices for node group ${name}`, () =>
    pass.calls.ec2(
      new DescribeSpotPriceHistoryCommand({
        InstanceTypes: [instanceType as _InstanceType],
        ProductDescriptions: ['Linux/UNIX'],
        StartTime: new Date(),
        Filters: [{ Name: 'availability-zone', Values: azs }],
      }),
    ),
  )
  const latest = new Map<string, { price: number; at: number }>()
  for (const point of res.SpotPriceHistory ?? []) {
    const az = point.AvailabilityZone ?? ''
    const at = point.Timestamp?.getTime() ?? 0
    const seen = latest.get(az)
    if (!seen || at > seen.at) latest.set(az, { price: Number(point.SpotPrice), at })
  }
  if (latest.size === 0 || [...latest.values()].some((p) => p.price <= maxPrice)) return true
  const lowest = Math.min(...[...latest.values()].map((p) => p.price))
  await reportChange(
    pass,
    `spot/${name}`,
    'SpotPriceAboveBid',
    `Node group ${name}: the spot price of ${instanceType} is ${lowest} USD/h at best (${[...latest.keys()].sort().join(', ')}), above the max bid of ${maxPrice} USD/h; waiting for it to fall`,
    'Warning',
  )
  return false
}

/**
 * Deletes every node group of the cluster (the console owns the cluster, so all of them) and marks the
 * ledger's node groups deleted once EKS no longer lists them. Answers true when none is left.
 */
export async function deleteNodegroups(pass: EksPass): Promise<boolean> {
  const { ledger, report } = pass.work
  const names = await inStep('Reading node groups', () => listNodegroups(pass))
  for (const name of names) {
    const key = LEDGER_KEYS.nodegroup(name)
    const entry = await ledger.get(key)
    if (entry?.state !== 'deleting') {
      await recordFound(ledger, key, { kind: 'eks.nodegroup', region: pass.region, name }, name, entry)
      await ledger.deleting(key)
    }
    const ng = await inStep(`Deleting node group ${name}`, () => describeNodegroup(pass, name))
    if (!ng || ng.status === 'DELETING') continue
    await report('DeletingNodeGroup', `Deleting node group ${name}`)
    await inStep(`Deleting node group ${name}`, async () => {
      try {
        await pass.calls.eks(new DeleteNodegroupCommand({ clusterName: pass.name, nodegroupName: name }))
      } catch (err) {
        // Still CREATING or UPDATING: EKS refuses until it settles; the next pass tries again.
        if (!isAwsGone(err) && awsCode(err) !== 'ResourceInUseException') throw err
      }
    })
  }
  for (const entry of await ledger.list()) {
    if (entry.kind !== 'eks.nodegroup' || entry.state === 'deleted') continue
    if (names.includes(entry.name ?? entry.key.slice('nodegroup/'.length))) continue
    await ledger.deleted(entry.key)
  }
  return names.length === 0
}
