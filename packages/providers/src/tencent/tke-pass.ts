import type { TencentCredentials } from '../cloud-provider.ts'
import type { ClusterWork, LedgerEntry, ResourceLedger } from '../cluster-driver.ts'
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

/** Reports `message` unless it is what this topic of this cluster reported last. */
export async function reportChange(
  pass: TkePass,
  topic: string,
  reason: string,
  message: string,
  severity: 'Normal' | 'Warning' = 'Normal',
): Promise<void> {
  const key = `${pass.work.clusterUid}/${topic}`
  if (pass.lastReported.get(key) === message) return
  pass.lastReported.set(key, message)
  await pass.work.report(reason, message, severity)
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

/**
 * Makes sure the ledger knows a resource found in the cloud (adopted after a lost `created` write,
 * or found by its ownership tag while deleting): `begin` when there is no row, then `created` with the id.
 */
export async function recordFound(
  ledger: ResourceLedger,
  key: string,
  init: { kind: string; region: string; name?: string; attrs?: Record<string, unknown> },
  cloudId: string,
  entry?: LedgerEntry,
): Promise<void> {
  const current = entry ?? (await ledger.get(key))
  if (!current) await ledger.begin(key, init)
  if (!current || current.cloudId !== cloudId || current.state === 'creating') {
    await ledger.created(key, { cloudId, attrs: init.attrs })
  }
}
