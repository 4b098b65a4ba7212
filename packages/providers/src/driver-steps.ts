import type { ClusterWork, LedgerEntry, ResourceLedger } from './cluster-driver.ts'
import { CloudError } from './errors.ts'

/**
 * Building blocks every cluster driver shares: steps that name themselves in errors, reports that say
 * a thing once, and adoption of resources found in the cloud into the ledger.
 */

/**
 * Runs one provisioning step; a CloudError leaves it with the step in front of its message
 * ("Creating TKE cluster: …") and everything else (kind, retryable, code) unchanged, so the
 * engine's Error condition says which step failed.
 */
export async function inStep<T>(step: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (!(err instanceof CloudError) || err.message.startsWith(`${step}: `)) throw err
    throw new CloudError({
      kind: err.kind,
      cloud: err.cloud,
      message: `${step}: ${err.message}`,
      retryable: err.retryable,
      cloudCode: err.cloudCode,
      action: err.action,
      permission: err.permission,
      missingPermissions: err.missingPermissions,
      requestId: err.requestId,
      cause: err,
    })
  }
}

/** What `reportChange` needs of a pass: the work, and the last message per topic. */
export interface ReportingPass {
  work: Pick<ClusterWork<unknown, unknown>, 'clusterUid' | 'report'>
  /**
   * The last message reported per `<clusterUid>/<topic>` (a pool's progress, a warning), so a topic is
   * reported only when it changes, also when topics interleave (the engine drops only an exact repeat
   * of its previous message). In memory: after a restart a topic is reported once more, no harm.
   */
  lastReported: Map<string, string>
}

/** Reports `message` unless it is what this topic of this cluster reported last. */
export async function reportChange(
  pass: ReportingPass,
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

/** Forgets what a cluster reported (its passes are over). */
export function forgetReports(lastReported: Map<string, string>, clusterUid: string): void {
  for (const key of lastReported.keys()) {
    if (key.startsWith(`${clusterUid}/`)) lastReported.delete(key)
  }
}

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
