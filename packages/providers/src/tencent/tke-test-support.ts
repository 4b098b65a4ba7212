import { randomUUID } from 'node:crypto'
import type { AdminResourceView, FakeClouds } from '@console/fake-clouds'
import type { TencentCredentials } from '../cloud-provider.ts'
import type { ClusterDriver, ClusterWork, LedgerEntry, ReconcileResult, ResourceLedger } from '../cluster-driver.ts'
import type { Providers } from '../create-providers.ts'
import { isCloudError } from '../errors.ts'
import type { TkeSpec } from './tke-spec.ts'

/**
 * The ledger as the engine keeps it, in a Map: rows by key, the transitions the interface names.
 * `begin` on a known key keeps the row (the engine's is an upsert that never loses a cloud id), unless
 * it was deleted.
 */
export class MemoryLedger implements ResourceLedger {
  readonly rows = new Map<string, LedgerEntry>()

  async get(key: string) {
    const row = this.rows.get(key)
    return row && structuredClone(row)
  }
  async list() {
    return [...this.rows.values()].map((r) => structuredClone(r))
  }
  async begin(key: string, init: { kind: string; region: string; name?: string; attrs?: Record<string, unknown> }) {
    const existing = this.rows.get(key)
    // As the engine's: a deleted row begins again as a new resource, with a new token.
    if (existing && existing.state !== 'deleted') return structuredClone(existing)
    const row: LedgerEntry = {
      key,
      kind: init.kind,
      region: init.region,
      name: init.name,
      state: 'creating',
      // Unique across ledgers, as the engine's are: clusters of one test share an account and region.
      clientToken: `token-${randomUUID()}`,
      attrs: { ...init.attrs },
    }
    this.rows.set(key, row)
    return structuredClone(row)
  }
  async created(key: string, update: { cloudId: string; attrs?: Record<string, unknown> }) {
    const row = this.must(key)
    row.cloudId = update.cloudId
    row.state = 'created'
    row.attrs = { ...row.attrs, ...update.attrs }
  }
  async deleting(key: string) {
    this.must(key).state = 'deleting'
  }
  async deleted(key: string) {
    this.must(key).state = 'deleted'
  }
  async annotate(key: string, attrs: Record<string, unknown>) {
    const row = this.must(key)
    row.attrs = { ...row.attrs, ...attrs }
  }
  private must(key: string): LedgerEntry {
    const row = this.rows.get(key)
    if (!row) throw new Error(`ledger has no row ${key}`)
    return row
  }
}

/** A ledger whose write of `created` fails once per given key, after the cloud answered the create call. */
export class LosingLedger extends MemoryLedger {
  readonly lost = new Set<string>()
  constructor(private readonly losing: string[]) {
    super()
  }
  override async created(key: string, update: { cloudId: string; attrs?: Record<string, unknown> }) {
    if (this.losing.includes(key) && !this.lost.has(key)) {
      this.lost.add(key)
      throw new Error('database connection lost')
    }
    return super.created(key, update)
  }
}

/** A cluster's inputs in one fake region: network, security group and key from the seeded inventory. */
export interface RegionInventory {
  region: string
  vpcId: string
  subnets: Array<{ az: string; subnetId: string }>
  securityGroup: string
  keyId: string
}

export async function regionInventory(
  providers: Providers,
  credentials: TencentCredentials,
  region: string,
): Promise<RegionInventory> {
  const [vpc] = await providers.tencent.listVpcs(credentials, region)
  const groups = await providers.tencent.listSecurityGroups(credentials, region)
  const [key] = await providers.tencent.listKeyPairs(credentials, region)
  const sg = groups.find((g) => g.name === 'tke-https') ?? groups[0]
  if (!vpc || !sg || !key) throw new Error(`the fake has no seeded network in ${region}`)
  return {
    region,
    vpcId: vpc.vpcId,
    subnets: vpc.subnets.map((s) => ({ az: s.az, subnetId: s.subnetId })),
    securityGroup: sg.id,
    keyId: key.id,
  }
}

/** A worker pool in the given AZs (indexes into the region's subnets). */
export interface PoolInput {
  name: string
  size: number
  azs?: number[]
  instanceType?: string
  labels?: Record<string, string>
  taints?: Array<{ key: string; value: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }>
}

/** A spec as the API accepts it (defaults applied), for the given region and pools. */
export function tkeSpec(
  inv: RegionInventory,
  pools: PoolInput[],
  options: { parallel?: boolean; private?: boolean; packValues?: TkeSpec['profiles'][number]['packValues'] } = {},
): TkeSpec {
  return {
    cloudAccountUid: 'acct-1',
    profiles: [{ uid: 'profile-1', packValues: options.packValues ?? [] }],
    cloudConfig: {
      region: inv.region,
      vpcID: inv.vpcId,
      sshKeyIDs: [inv.keyId],
      endpointAccess: {
        public: true,
        private: options.private ?? false,
        securityGroup: inv.securityGroup,
        publicCIDRs: ['203.0.113.0/24'],
      },
    },
    clusterConfig: { updateWorkerPoolsInParallel: options.parallel ?? false },
    machinepoolconfig: pools.map((p) => {
      const subnets = (p.azs ?? [0]).map((i) => inv.subnets[i]!)
      return {
        cloudConfig: {
          instanceType: p.instanceType ?? 'S5.MEDIUM4',
          rootDeviceSize: 60,
          azs: subnets.map((s) => s.az),
          subnetIds: Object.fromEntries(subnets.map((s) => [s.az, s.subnetId])),
        },
        poolConfig: {
          name: p.name,
          size: p.size,
          minSize: p.size,
          maxSize: p.size + 2,
          isControlPlane: false as const,
          labels: ['worker'],
          additionalLabels: p.labels ?? {},
          taints: p.taints ?? [],
        },
      }
    }),
  }
}

/** A ClusterWork of any cloud whose reports are collected in `events` (and the warnings in `warnings`). */
export function recordingWork<TCredentials, TSpec>(input: {
  clusterUid: string
  clusterName: string
  credentials: TCredentials
  spec: TSpec
  labels?: Record<string, string>
  ledger?: ResourceLedger
}): ClusterWork<TCredentials, TSpec> & { events: string[]; warnings: string[] } {
  const events: string[] = []
  const warnings: string[] = []
  return {
    clusterUid: input.clusterUid,
    clusterName: input.clusterName,
    credentials: input.credentials,
    spec: input.spec,
    labels: input.labels ?? {},
    ledger: input.ledger ?? new MemoryLedger(),
    events,
    warnings,
    report: async (_reason, message, severity) => {
      events.push(message)
      if (severity === 'Warning') warnings.push(message)
    },
  }
}

/** A TKE ClusterWork whose reports are collected in `events`. */
export const clusterWork = recordingWork<TencentCredentials, TkeSpec>

/**
 * Calls a reconcile method until it answers done, as the engine would: waits (shortened: the fake
 * runs at a high time-scale) and retries retryable CloudErrors. Answers the number of passes and retries.
 */
export async function untilDone(
  pass: () => Promise<ReconcileResult>,
  limits: { maxPasses?: number; waitMs?: number } = {},
): Promise<{ passes: number; retries: number }> {
  const maxPasses = limits.maxPasses ?? 400
  let retries = 0
  for (let passes = 1; passes <= maxPasses; passes++) {
    try {
      const result = await pass()
      if (result.status === 'done') return { passes, retries }
      if (result.retryAfterMs <= 0) throw new Error('a waiting pass must ask for a positive delay')
    } catch (err) {
      if (!isCloudError(err) || !err.retryable) throw err
      retries++
    }
    await new Promise((resolve) => setTimeout(resolve, limits.waitMs ?? 10))
  }
  throw new Error(`not done after ${maxPasses} passes`)
}

export type Driver = ClusterDriver<TencentCredentials, TkeSpec>

/** The resources the test created in one region (seeded ones left out). */
export async function createdResources(fake: FakeClouds, region: string): Promise<AdminResourceView[]> {
  const res = await fetch(`${fake.adminUrl}/resources?cloud=tencent&region=${region}&includeSeeded=false`)
  if (!res.ok) throw new Error(`admin resources: ${res.status}`)
  return (await res.json()) as AdminResourceView[]
}

export async function injectFault(fake: FakeClouds, spec: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${fake.adminUrl}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  })
  if (!res.ok) throw new Error(`fault not accepted: ${await res.text()}`)
}

export function ofType(resources: AdminResourceView[], type: string): AdminResourceView[] {
  return resources.filter((r) => r.type === type)
}
