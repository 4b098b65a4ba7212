import type { ClusterCloudType } from '@console/contracts'

/** One cloud resource the engine created (or started creating) for a cluster: a row of the resource ledger. */
export interface LedgerEntry {
  /** The driver's stable name for it within the cluster: "cluster", "endpoint", "nodepool/worker-pool", … */
  key: string
  /** Dotted product.type: tke.cluster, tke.nodepool, ec2.vpc, eks.nodegroup, vcenter.vm, … */
  kind: string
  region: string
  /** The cloud's id, once the cloud answered the create call. */
  cloudId?: string
  name?: string
  state: 'creating' | 'created' | 'deleting' | 'deleted'
  /** Stable idempotency token for the create call (client token / ownership tag). */
  clientToken: string
  attrs: Record<string, unknown>
}

/**
 * The durable record the engine keeps in Postgres. Drivers write to it before and after every cloud call:
 * `begin` before creating (so a crash between the call and its answer leaves a trace that
 * look-up-before-create resolves, using the client token or the ownership tags), `created` with the cloud's id,
 * `deleting`/`deleted` around deletion.
 */
export interface ResourceLedger {
  get(key: string): Promise<LedgerEntry | undefined>
  list(): Promise<LedgerEntry[]>
  begin(
    key: string,
    init: { kind: string; region: string; name?: string; attrs?: Record<string, unknown> },
  ): Promise<LedgerEntry>
  created(key: string, update: { cloudId: string; attrs?: Record<string, unknown> }): Promise<void>
  deleting(key: string): Promise<void>
  deleted(key: string): Promise<void>
  /** Merges `attrs` into an entry's (what a pass must find again: the task working on it, say). */
  annotate(key: string, attrs: Record<string, unknown>): Promise<void>
}

/** What a driver knows about the cluster it works on. */
export interface ClusterWork<TCredentials, TSpec> {
  clusterUid: string
  clusterName: string
  credentials: TCredentials
  /** The accepted create body's spec (cloudConfig, clusterConfig, machinepoolconfig, profiles). */
  spec: TSpec
  /** Tags (metadata.labels), propagated to cloud resources where the cloud supports tags. */
  labels: Record<string, string>
  ledger: ResourceLedger
  /**
   * Report a provisioning task ("Creating TKE cluster", "Node pool worker-pool: 2/3 instances running").
   * The engine stores it, pushes it to live streams, and drops an exact repeat of the previous message.
   */
  report(reason: string, message: string, severity?: 'Normal' | 'Warning'): Promise<void>
}

/** The outcome of one reconcile pass: finished, or come back later (the engine schedules it durably). */
export type ReconcileResult = { status: 'done' } | { status: 'waiting'; retryAfterMs: number }

/**
 * Everything cloud-specific about a cluster's life, one implementation per cloud type. The engine calls
 * `reconcileCreate` until it answers done (then the cluster is Running) and `reconcileDelete` until done
 * (then Deleted). A pass may be interrupted at any point and run again: every step is idempotent
 * (look-up-before-create, client tokens, ownership tags carrying the cluster uid). Failures are CloudErrors;
 * the engine retries retryable ones with backoff and turns permanent ones into the Error state.
 */
export interface ClusterDriver<TCredentials = unknown, TSpec = unknown> {
  readonly cloudType: ClusterCloudType
  reconcileCreate(work: ClusterWork<TCredentials, TSpec>): Promise<ReconcileResult>
  /** Deletes what the ledger holds (and what carries the cluster's ownership tags), in reverse dependency order. */
  reconcileDelete(work: ClusterWork<TCredentials, TSpec>): Promise<ReconcileResult>
}
