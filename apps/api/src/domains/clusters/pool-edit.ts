import {
  EDITABLE_POOLS,
  type MachinePoolEdit,
  ROLLING_UPDATE_LABELS,
  type StoredMachinePool,
  taintText,
} from '@console/contracts'
import type { Prisma } from '@console/db'
import { recordAudit } from '../../lib/audit.ts'
import type { RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError, notFound } from '../../lib/errors.ts'
import { appendClusterEvent } from './event-log.ts'
import { visibleClusters } from './mapping.ts'
import { enqueueClusterPass } from './service.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

type StoredPool = StoredMachinePool

const labelsText = (labels: Record<string, string> = {}) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ') || 'none'
const taintsText = (taints: StoredPool['poolConfig']['taints'] = []) => taints.map(taintText).join(', ') || 'none'

/** "size 1 → 2; taints none → dedicated=gpu:NoSchedule": what an edit changes, for events and audit. */
function changesText(before: StoredPool['poolConfig'], after: StoredPool['poolConfig']): string {
  const parts: string[] = []
  if (before.size !== after.size) parts.push(`size ${before.size} → ${after.size}`)
  if (before.minSize !== after.minSize) parts.push(`minimum size ${before.minSize} → ${after.minSize}`)
  if (before.maxSize !== after.maxSize) parts.push(`maximum size ${before.maxSize} → ${after.maxSize}`)
  const [labelsBefore, labelsAfter] = [labelsText(before.additionalLabels), labelsText(after.additionalLabels)]
  if (labelsBefore !== labelsAfter) parts.push(`labels ${labelsBefore} → ${labelsAfter}`)
  const [taintsBefore, taintsAfter] = [taintsText(before.taints), taintsText(after.taints)]
  if (taintsBefore !== taintsAfter) parts.push(`taints ${taintsBefore} → ${taintsAfter}`)
  return parts.join('; ')
}

/**
 * PUT /v1/spectroclusters/{uid}/machinepools/{name}: a day-2 edit of a Running cluster's worker pool
 * (size, labels, taints). The edited pool is checked by its cloud's pool rules (422 with each field's
 * path, nothing written); then, in one transaction, the cluster's spec takes the new pool and the
 * cluster goes Running → Provisioning (compare-and-set: a second edit racing this one answers 409),
 * with an event and an audit record saying what changes. The engine's passes then bring the cloud to
 * the spec (the driver updates the node group in place) and the cluster back to Running.
 */
export async function editMachinePool(
  deps: Deps,
  ctx: RequestContext,
  uid: string,
  poolName: string,
  edit: MachinePoolEdit,
): Promise<void> {
  const row = UUID.test(uid)
    ? await deps.prisma.cluster.findFirst({
        where: { ...visibleClusters(ctx), id: uid },
        select: { id: true, name: true, state: true, cloudType: true, spec: true, projectId: true },
      })
    : null
  if (!row || row.state === 'Deleted') throw notFound('Cluster', uid)
  const editable = EDITABLE_POOLS[row.cloudType]
  if (!editable) {
    throw new AppError('InvalidState', `Node pools of ${row.cloudType} clusters cannot be edited in place yet`)
  }
  if (row.state !== 'Running') {
    throw new AppError(
      'InvalidState',
      `Only a Running cluster's node pools can be edited; ${row.name} is ${row.state}`,
      {
        state: row.state,
      },
    )
  }
  const spec = row.spec as { machinepoolconfig?: StoredPool[] }
  const pools = spec.machinepoolconfig ?? []
  const index = pools.findIndex((p) => p.poolConfig.name === poolName)
  const pool = pools[index]
  if (!pool) throw new AppError('NotFound', `Cluster ${row.name} has no node pool named ${poolName}`)
  if (pool.poolConfig.isControlPlane) {
    throw new AppError(
      'UnprocessableEntity',
      `${poolName} is the control plane pool; only worker pools can be edited`,
      [{ path: 'name', message: 'The control plane pool cannot be edited in place' }],
    )
  }
  if (!editable.bounds && (edit.minSize !== undefined || edit.maxSize !== undefined)) {
    const path = edit.minSize !== undefined ? 'minSize' : 'maxSize'
    throw new AppError('UnprocessableEntity', `Node pool ${poolName} has a size, not a minimum and maximum size`, [
      { path, message: `${row.cloudType.toUpperCase()} node pools have no minimum or maximum size` },
    ])
  }
  const poolConfig = { ...pool.poolConfig, ...edit }
  const checked = editable.schema.safeParse({ ...pool, poolConfig })
  if (!checked.success) {
    const details = checked.error.issues.map((issue) => ({
      path: (issue.path[0] === 'poolConfig' ? issue.path.slice(1) : issue.path).join('.'),
      message: issue.message,
    }))
    throw new AppError(
      'UnprocessableEntity',
      `Node pool ${poolName} cannot take this edit: ${details[0]?.path}: ${details[0]?.message}`,
      details,
    )
  }
  const changed = changesText(pool.poolConfig, poolConfig)
  if (!changed) return
  const relabelled =
    labelsText(pool.poolConfig.additionalLabels) !== labelsText(poolConfig.additionalLabels) ||
    taintsText(pool.poolConfig.taints) !== taintsText(poolConfig.taints)
  const strategy = ROLLING_UPDATE_LABELS[pool.poolConfig.updateStrategy?.type ?? 'RollingUpdateScaleOut']
  const changes =
    editable.replacesNodes && relabelled
      ? `${changed}; its nodes are replaced one at a time (Rolling Update: ${strategy})`
      : changed
  const nextPools = pools.map((p, i) => (i === index ? (checked.data as StoredPool) : p))
  const applied = await deps.prisma.$transaction(async (tx) => {
    const updated = await tx.cluster.updateMany({
      where: { id: row.id, state: 'Running' },
      data: {
        state: 'Provisioning',
        spec: { ...spec, machinepoolconfig: nextPools } as unknown as Prisma.InputJsonValue,
      },
    })
    if (updated.count === 0) return false
    await appendClusterEvent(tx, row.id, {
      reason: 'NodePoolEdited',
      message: `Node pool ${poolName} edited by ${ctx.actor.email}: ${changes}`,
      component: 'api',
      state: 'Provisioning',
    })
    await recordAudit(tx, ctx, {
      actionType: 'update',
      resource: { kind: 'spectrocluster', uid: row.id, name: row.name },
      projectUid: row.projectId ?? undefined,
      message: `Cluster ${row.name}: node pool ${poolName} edited (${changes})`,
      details: { pool: poolName, changes },
    })
    return true
  })
  if (!applied) throw new AppError('InvalidState', `Cluster ${row.name} changed meanwhile; reload and try again`)
  await enqueueClusterPass(deps, row.id)
}
