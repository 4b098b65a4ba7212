import type { AddressInfo } from 'node:net'
import { awsModule } from './aws/index.ts'
import { ADMIN_PREFIX, handleAdmin } from './core/admin.ts'
import { createClock } from './core/clock.ts'
import { createFaults } from './core/faults.ts'
import { DEFAULT_FIXTURE_DIR, loadFixtures } from './core/fixtures.ts'
import { createConsoleLogger, silentLogger } from './core/logger.ts'
import { createFakeServer, orderModules } from './core/server.ts'
import { createStore } from './core/store.ts'
import type {
  Clock,
  CloudContext,
  CloudModule,
  FakeRequest,
  FakeResponse,
  Faults,
  Logger,
  SandboxAccount,
  Store,
} from './core/types.ts'
import { tencentModule } from './tencent/index.ts'
import { vcenterModule } from './vcenter/index.ts'

export type { AdminResourceView } from './core/admin.ts'
export { TIMEOUT_HOLD_MS } from './core/faults.ts'
export type * from './core/types.ts'

export interface StartFakeCloudsOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number
  /** Interface to listen on; default 127.0.0.1. */
  host?: string
  /** Initial time-scale factor (10 = ten times faster); default 1. POST /_admin/reset returns to it. */
  timeScale?: number
  /** Directory holding tencent.yaml, aws.yaml, vsphere.yaml; default the package's fixtures/. */
  fixtureDir?: string
  /** Print the request log to stdout; default false (quiet tests). */
  log?: boolean | Logger
  /** The cloud modules to serve; default all three. */
  modules?: CloudModule[]
}

/** A running fake-clouds server. */
export interface FakeClouds {
  /** e.g. http://127.0.0.1:4566 */
  baseUrl: string
  /** e.g. http://127.0.0.1:4566/_admin */
  adminUrl: string
  /** The single value each cloud's SDK needs to reach every emulated product of that cloud. */
  endpoints: {
    /** For tencentcloud-sdk-nodejs: profile.httpProfile.{endpoint, protocol}. */
    tencent: { endpoint: string; protocol: 'http://' }
    /** For @aws-sdk/client-*: the `endpoint` option. */
    aws: { endpoint: string }
    /** vCenter base URL (the REST API lives under /api and /rest). */
    vsphere: { endpoint: string }
  }
  /** The seeded credentials of every cloud. */
  accounts: SandboxAccount[]
  store: Store
  faults: Faults
  clock: Clock
  /** Stops listening and drops open connections (held requests included). */
  close(): Promise<void>
}

/** The answer of the console's GET /v1/sandbox (palette-api.md, "Sandbox"). */
export interface SandboxInfo {
  adminUrl: string
  tencent: {
    endpoint: string
    protocol: string
    accounts: Array<{ secretId: string; secretKey: string; note: string }>
  }
  aws: {
    endpoint: string
    accounts: Array<{ accessKey: string; secretKey: string; note: string }>
    /** Roles the console can assume for STS accounts (with the console's own identity, set up in sandbox mode). */
    roles: Array<{ arn: string; externalId?: string; note: string }>
  }
  vsphere: { endpoint: string; username: string; password: string }
}

/** Starts every fake cloud on one port, seeded from the fixtures. */
export async function startFakeClouds(options: StartFakeCloudsOptions = {}): Promise<FakeClouds> {
  const host = options.host ?? '127.0.0.1'
  const initialFactor = options.timeScale ?? 1
  const clock = createClock(initialFactor)
  const store = createStore(clock)
  const faults = createFaults()
  const log: Logger =
    typeof options.log === 'object' ? options.log : options.log === true ? createConsoleLogger() : silentLogger
  const modules = orderModules(options.modules ?? [vcenterModule, tencentModule, awsModule])
  const fixtures = await loadFixtures(options.fixtureDir ?? DEFAULT_FIXTURE_DIR)

  const ctx: CloudContext = { store, clock, faults, log, durations: { ...fixtures.durations }, baseUrl: '' }
  const accounts = modules.flatMap((m) => m.accounts(fixtures.byCloud[m.cloud]))
  const seed = () =>
    store.seedWith(() => {
      for (const m of modules) m.seed(ctx, fixtures.byCloud[m.cloud])
    })

  const endpoints = {
    tencent: { endpoint: '', protocol: 'http://' as const },
    aws: { endpoint: '' },
    vsphere: { endpoint: '' },
  }
  const summary = () => ({
    baseUrl: ctx.baseUrl,
    adminUrl: `${ctx.baseUrl}${ADMIN_PREFIX}`,
    endpoints,
    clouds: modules.map((m) => m.cloud),
    timeScale: clock.factor(),
    admin: [
      'GET /_admin/resources?cloud=&account=&region=&type=&includeSeeded=false',
      'GET /_admin/accounts',
      'GET|POST|DELETE /_admin/faults',
      'GET|POST /_admin/time-scale',
      'POST /_admin/reset',
      ...modules.flatMap((m) =>
        Object.entries(m.adminRoutes ?? {}).map(([path, r]) => `${Object.keys(r).join('|')} /_admin${path}`),
      ),
    ],
  })
  const server = createFakeServer({
    modules,
    ctx,
    log,
    admin: (req) =>
      handleAdmin(req, {
        store,
        faults,
        clock,
        accounts: () => accounts,
        summary,
        moduleRoutes: Object.fromEntries(
          modules.flatMap((m) =>
            Object.entries(m.adminRoutes ?? {}).map(([path, byMethod]) => [
              path,
              Object.fromEntries(
                Object.entries(byMethod).map(([method, h]) => [
                  method,
                  (req: FakeRequest) => (h as (r: FakeRequest, c: CloudContext) => FakeResponse)(req, ctx),
                ]),
              ),
            ]),
          ),
        ),
        reset() {
          store.clear()
          faults.clear()
          clock.setFactor(initialFactor)
          seed()
        },
      }),
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  // An SDK cannot call a wildcard address: advertise loopback instead.
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  ctx.baseUrl = `http://${publicHost}:${port}`
  endpoints.tencent.endpoint = `${publicHost}:${port}`
  endpoints.aws.endpoint = ctx.baseUrl
  endpoints.vsphere.endpoint = ctx.baseUrl
  try {
    seed()
  } catch (err) {
    server.close()
    throw err
  }

  return {
    baseUrl: ctx.baseUrl,
    adminUrl: `${ctx.baseUrl}${ADMIN_PREFIX}`,
    endpoints,
    accounts,
    store,
    faults,
    clock,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      }),
  }
}

/** Derives the console's GET /v1/sandbox answer from a running fake. */
export function toSandboxInfo(fake: Pick<FakeClouds, 'adminUrl' | 'endpoints' | 'accounts'>): SandboxInfo {
  const of = (cloud: SandboxAccount['cloud']) => fake.accounts.filter((a) => a.cloud === cloud)
  const vsphere = of('vsphere')[0]
  return {
    adminUrl: fake.adminUrl,
    tencent: {
      ...fake.endpoints.tencent,
      accounts: of('tencent').map((a) => ({ secretId: a.id, secretKey: a.secret, note: a.note })),
    },
    aws: {
      endpoint: fake.endpoints.aws.endpoint,
      accounts: of('aws')
        .filter((a) => !a.consoleIdentity)
        .map((a) => ({ accessKey: a.id, secretKey: a.secret, note: a.note })),
      roles: of('aws').flatMap((a) =>
        (a.roles ?? []).map((r) => ({
          arn: r.arn,
          externalId: r.externalId,
          note: `role in the account with ${a.note}`,
        })),
      ),
    },
    vsphere: {
      endpoint: fake.endpoints.vsphere.endpoint,
      username: vsphere?.id ?? '',
      password: vsphere?.secret ?? '',
    },
  }
}
