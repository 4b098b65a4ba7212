export { recordFound, reportChange } from '../driver-steps.ts'

import type { TencentCredentials } from '../cloud-provider.ts'
import type { ClusterWork } from '../cluster-driver.ts'
import type { TkeCalls } from './tke-call.ts'
import type { TkeProfileSettings, TkeSpec } from './tke-spec.ts'

/** Everything one reconcile pass of a TKE cluster works with. */
export interface TkePass {
  work: ClusterWork<TencentCredentials, TkeSpec>
  calls: TkeCalls
  region: string
  settings: TkeProfileSettings
  /**
   * The last message reported per `<clusterUid>/<topic>` (a pool's progress, a warning), so a topic is
   * reported only when it changes, also when topics interleave (the engine drops only an exact repeat
   * of its previous message). In memory: after a restart a topic is reported once more, no harm.
   */
  lastReported: Map<string, string>
}

/** Ledger keys of the TKE driver. */
export const LEDGER_KEYS = {
  cluster: 'cluster',
  /** The public (extranet) API server endpoint. */
  endpoint: 'endpoint',
  /** The private (intranet) API server endpoint, when endpointAccess.private. */
  privateEndpoint: 'endpoint/private',
  nodePool: (name: string) => `nodepool/${name}`,
} as const
