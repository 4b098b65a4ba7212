import type { ActionHandler } from './context.ts'
import { cvmActions } from './cvm.ts'
import { camActions, stsActions } from './identity.ts'
import { clusterActions } from './tke-clusters.ts'
import { endpointActions } from './tke-endpoints.ts'
import { nodePoolActions } from './tke-node-pools.ts'
import { vpcActions } from './vpc.ts'

/** One emulated action: its CAM product prefix, whether it is regional, and its handler. */
export interface ActionEntry {
  product: 'tke' | 'vpc' | 'cvm' | 'cam' | 'sts'
  regional: boolean
  handler: ActionHandler
}

function entries(
  product: ActionEntry['product'],
  handlers: Record<string, ActionHandler>,
  regional = true,
): Record<string, ActionEntry> {
  return Object.fromEntries(Object.entries(handlers).map(([name, handler]) => [name, { product, regional, handler }]))
}

const { DescribeRegions, ...regionalCvm } = cvmActions

/**
 * Actions by X-TC-Version. VPC and CVM share 2017-03-12; their action names do not overlap.
 * An action under any other version answers InvalidAction.
 */
export const ACTIONS: Record<string, Record<string, ActionEntry>> = {
  '2018-05-25': {
    ...entries('tke', clusterActions),
    ...entries('tke', nodePoolActions),
    ...entries('tke', endpointActions),
  },
  '2017-03-12': {
    ...entries('vpc', vpcActions),
    ...entries('cvm', regionalCvm),
    ...entries('cvm', { DescribeRegions: DescribeRegions! }, false),
  },
  '2019-01-16': entries('cam', camActions, false),
  '2018-08-13': entries('sts', stsActions, false),
}
