/**
 * Contracts shared by the fake-clouds core (server, store, clock, faults, admin API)
 * and the per-cloud modules (tencent/, aws/, vcenter/).
 *
 * One HTTP server on one port serves every cloud. The core decides which cloud a
 * request belongs to by asking each module's `matches()`, in this order:
 * `/_admin/*` (core) → vcenter (`/api/*`, `/rest/*` paths) → tencent (`X-TC-Action`
 * header) → aws (SigV4 `Authorization` header or `X-Amz-*` query).
 */

export type CloudName = 'tencent' | 'aws' | 'vsphere'

/** A live resource in a fake cloud. Every module keeps all of its state in the Store. */
export interface ResourceRecord {
  cloud: CloudName
  /** Tencent: the account's AppId/uin; AWS: the 12-digit account id; vSphere: the vCenter user's account key. */
  account: string
  /** Tencent/AWS region; vSphere: 'global'. */
  region: string
  /** Dotted product.type, e.g. 'tke.cluster', 'vpc.vpc', 'ec2.instance', 'eks.nodegroup', 'vcenter.vm'. */
  type: string
  id: string
  name?: string
  /** The cloud's own state string ('Creating', 'Running', 'pending', 'ACTIVE', 'POWERED_ON', …). */
  state: string
  tags: Record<string, string>
  /** Cloud-specific fields, stored as the module likes (it renders replies from them). */
  attrs: Record<string, unknown>
  /** Id of the resource this one lives in (subnet → vpc, nodegroup → eks cluster), for dependency rules. */
  parentId?: string
  /** Real-time ms (Date.now()) when created. */
  createdAt: number
  /**
   * A pending transition: once `Date.now() >= at`, the state becomes `next`,
   * or the resource disappears when `next` is null. Applied lazily by the store on every read.
   * `then` chains further transitions (durations in simulated ms, scaled when the previous one fires).
   */
  pending?: { at: number; next: string | null; then?: Array<{ afterMs: number; next: string | null }> }
  /** Set by the store when the resource was seeded from the fixture (not created through an API call). */
  seeded?: boolean
}

export interface ResourceFilter {
  cloud?: CloudName
  account?: string
  region?: string
  type?: string
  parentId?: string
}

export interface Store {
  /** Insert or replace a resource (keyed by cloud+account+region+type+id). createdAt defaults to now. */
  put(resource: Omit<ResourceRecord, 'createdAt'> & { createdAt?: number }): ResourceRecord
  /** The resource after applying due transitions, or undefined when absent or gone. */
  get(key: { cloud: CloudName; account: string; region: string; type: string; id: string }): ResourceRecord | undefined
  /** Resources matching every given field, due transitions applied. */
  list(filter: ResourceFilter): ResourceRecord[]
  /** Remove immediately. */
  remove(key: { cloud: CloudName; account: string; region: string; type: string; id: string }): boolean
  /**
   * Schedule a lifecycle: set `state` now, then each step after its simulated duration
   * (divided by the clock's time-scale factor). `next: null` removes the resource.
   * Example: transition(r, 'Creating', [{ afterMs: 60_000, next: 'Running' }]).
   * A step whose `afterMs` is Infinity never fires (used for "stuck" faults).
   */
  transition(
    resource: ResourceRecord,
    state: string,
    steps: Array<{ afterMs: number; next: string | null }>,
  ): ResourceRecord
  /** Drop everything (admin reset re-seeds afterwards). */
  clear(): void
  /** Log of state changes, for the request log. */
  onChange?: (event: { kind: 'put' | 'state' | 'remove'; resource: ResourceRecord }) => void
}

export interface Clock {
  /** Current time-scale factor (10 = every simulated duration is ten times shorter). */
  factor(): number
  setFactor(factor: number): void
  /** Real ms from now after which a simulated duration has elapsed. */
  scaled(simulatedMs: number): number
}

/** A fault registered through POST {adminUrl}/faults. */
export interface FaultSpec {
  cloud: CloudName
  /** The cloud's action name: Tencent X-TC-Action, EC2/STS/ELB `Action`, EKS operation name (CreateCluster, DeleteNodegroup, …), vCenter operation (see vcenter module). */
  action: string
  /** 0..1 probability that a call fails with errorCode. */
  errorRate?: number
  /** The cloud's error code (e.g. 'RequestLimitExceeded', 'InternalError', 'RequestLimitExceeded', 'Timeout'). 'Timeout' means: hold the request past the client's patience (never answer within 30 s). */
  errorCode?: string
  /** Added latency for every call of this action. */
  latencyMs?: number
  /** The resource this action acts on never reaches its final state (a delete that never finishes, an instance that never starts). */
  stuck?: boolean
}

export interface Faults {
  add(spec: FaultSpec): void
  clear(): void
  list(): FaultSpec[]
  /**
   * Called by a module once it knows the action (after authentication, before doing anything).
   * Waits for any injected latency; returns an error code to answer with (the module renders it
   * in the cloud's error format with a fitting HTTP status), or undefined to proceed.
   * For errorCode 'Timeout' the core itself holds the call (~35 s, or until the client disconnects)
   * before returning it, so a module renders 'Timeout' like any other code. A fault with
   * `action: '*'` applies to every action of its cloud. Also records cloud+action for the request log.
   */
  intercept(cloud: CloudName, action: string): Promise<{ errorCode: string } | undefined>
  /** Whether a stuck switch is set for this action. */
  isStuck(cloud: CloudName, action: string): boolean
}

export interface FakeRequest {
  method: string
  /** Path without the query string. */
  path: string
  query: URLSearchParams
  /** The query string exactly as sent, without '?' (signatures are computed over it). Set by the core server. */
  rawQuery?: string
  /** Header names lower-cased. */
  headers: Record<string, string>
  /** Raw body (signatures are computed over it). */
  body: Buffer
}

export interface FakeResponse {
  status: number
  headers?: Record<string, string>
  body?: string | Buffer
}

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void
  warn(msg: string, data?: Record<string, unknown>): void
}

export interface CloudContext {
  store: Store
  clock: Clock
  faults: Faults
  log: Logger
  /** Simulated durations in ms by key ('tke.cluster.create', 'ec2.instance.start', …), from the fixture; modules supply defaults. */
  durations: Record<string, number>
  /** Base URL of this server, e.g. http://127.0.0.1:4566 (for links a cloud returns). */
  baseUrl: string
}

/** Credentials of a seeded account, as shown by GET /_admin/accounts and the console's GET /v1/sandbox. */
export interface SandboxAccount {
  cloud: CloudName
  /** Tencent: secretId; AWS: accessKey; vSphere: username. */
  id: string
  /** Tencent: secretKey; AWS: secretKey; vSphere: password. */
  secret: string
  /** What this identity can do, e.g. 'full permissions' or 'lacks tke:CreateCluster'. */
  note: string
  /** AWS: roles of this account that STS may assume, with their external ids (for the STS wizard). */
  roles?: Array<{ arn: string; externalId?: string }>
  /** AWS: the console's own base identity for assuming roles; not an account to register. */
  consoleIdentity?: boolean
}

export interface CloudModule {
  cloud: CloudName
  matches(req: FakeRequest): boolean
  handle(req: FakeRequest, ctx: CloudContext): Promise<FakeResponse>
  /** Load this cloud's part of the fixture into the store (called at start and on /_admin/reset). */
  seed(ctx: CloudContext, fixture: unknown): void
  /** The seeded accounts' credentials. */
  accounts(fixture: unknown): SandboxAccount[]
  /**
   * The cloud's own admin routes, by path below /_admin (e.g. `/aws/spot-interruptions`): events the
   * cloud causes by itself, which tests need to trigger.
   */
  adminRoutes?: Record<string, Partial<Record<string, (req: FakeRequest, ctx: CloudContext) => FakeResponse>>>
}
