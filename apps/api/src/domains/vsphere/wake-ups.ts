import type { Deps } from '../../lib/deps.ts'
import { enqueueClusterPass } from '../clusters/service.ts'
import { onGatewayTaskFinished } from '../gateways/provisioning.ts'
import type { TaskFinishedHook } from '../gateways/task-queue.ts'

/**
 * A vSphere cluster's pass waits for its gateway's tasks and for its gateway to be Running; these wake it
 * as soon as either happens instead of at its next scheduled look (the engine's sweep still covers a
 * wake-up that gets lost).
 */

/** Every finished task: a cluster's wakes the cluster's pass, the gateway's own moves the gateway on. */
export const onTaskFinished: TaskFinishedHook = async (deps, task, outcome) => {
  if (task.clusterId) await enqueueClusterPass(deps, task.clusterId)
  else await onGatewayTaskFinished(deps, task, outcome)
}

/** The gateway is Running again (upgraded, heartbeating again): the clusters queued behind it go on. */
export async function resumeGatewayClusters(deps: Deps, gatewayId: string): Promise<number> {
  const clusters = await deps.prisma.cluster.findMany({
    where: {
      cloudType: 'vsphere',
      state: { in: ['Pending', 'Provisioning', 'Deleting'] },
      cloudAccount: { gatewayId },
    },
    select: { id: true },
  })
  for (const cluster of clusters) await enqueueClusterPass(deps, cluster.id)
  return clusters.length
}
