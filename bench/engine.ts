// Benchmark: 200 TKE clusters created at once through the API, against the fake Tencent Cloud with zero
// simulated latency, until every one is Running (any Error fails the run). Prints clusters/minute and
// the engine's own time per step (ClusterEngine.observe: every pass, timed step by step).
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres pnpm bench:engine
//
// The API and the engine run as production runs them (startServer, engine in process, sandbox mode
// pointed at FAKE_CLOUDS_URL); the fake clouds run in a child process of their own, so their work does
// not count as the engine's. Fresh database (dropped afterwards), fixtures copied with the per-region
// cluster quota raised to fit, time-scale set to 1e9 through the admin API (a 7-minute TKE create takes
// well under a millisecond).
//
// Knobs: BENCH_CLUSTERS (200, at most 256), BENCH_TIMEOUT_SECONDS (1800), and the engine's own settings
// (ENGINE_CONCURRENCY, ENGINE_POLL_SECONDS, ENGINE_TIME_SCALE, …; production defaults unless set).
import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { loadConfig } from '../apps/api/src/config.ts'
import type { PassSample } from '../apps/api/src/jobs/pass-trace.ts'
import { startServer } from '../apps/api/src/server.ts'
import { startFakeClouds } from '../packages/fake-clouds/src/index.ts'

const here = path.dirname(fileURLToPath(import.meta.url))

if (process.argv[2] === '--serve-fake-clouds') {
  // Child mode: the fake clouds, on a port of their own, until SIGTERM.
  const fake = await startFakeClouds({ port: 0, fixtureDir: process.argv[3] })
  process.stdout.write(`${JSON.stringify({ baseUrl: fake.baseUrl })}\n`)
  process.once('SIGTERM', () => {
    fake.close().finally(() => process.exit(0))
  })
} else {
  await main()
}

async function main() {
  const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 200)
  const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 1800) * 1000
  if (!Number.isInteger(CLUSTERS) || CLUSTERS < 1 || CLUSTERS > 256)
    throw new Error('BENCH_CLUSTERS must be 1..256 (one pod network 10.<n>.0.0/16 each)')
  const base = process.env.DATABASE_URL
  if (!base) throw new Error('Set DATABASE_URL to a Postgres the benchmark may create a database in')
  const loadBefore = loadavg()

  const dbName = `console_bench_engine_${process.pid}`
  const dbUrl = new URL(base)
  dbUrl.pathname = `/${dbName}`
  const scratch = await mkdtemp(path.join(tmpdir(), 'bench-engine-'))
  let fakeClouds: ChildProcess | undefined
  let server: Awaited<ReturnType<typeof startServer>> | undefined
  let failed = false
  await adminQuery(base, `CREATE DATABASE ${dbName}`)
  try {
    // The fake clouds: the package's fixtures with room for every cluster in one region.
    const fixtures = path.join(scratch, 'fixtures')
    await prepareFixtures(fixtures, CLUSTERS)
    const fake = await serveFakeClouds(fixtures)
    fakeClouds = fake.child
    const scale = await fetch(`${fake.baseUrl}/_admin/time-scale`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ factor: 1e9 }),
    })
    if (!scale.ok) throw new Error(`time-scale: ${scale.status} ${await scale.text()}`)

    const password = `bench-${randomUUID()}`
    server = await startServer(
      loadConfig({
        ...process.env,
        DATABASE_URL: dbUrl.toString(),
        DATA_DIR: path.join(scratch, 'data'),
        PORT: '0',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        CLOUD_MODE: 'sandbox',
        FAKE_CLOUDS_URL: fake.baseUrl,
        ENGINE_IN_PROCESS: 'true',
        ADMIN_PASSWORD: password,
      }),
      { print: () => {} },
    )
    const { deps } = server
    const engine = deps.engine
    if (!engine) throw new Error('the engine did not start')
    const samples: PassSample[] = []
    engine.observe((sample) => samples.push(sample))

    const api = await apiClient(server.url, password)
    const bodies = await tkeBodies(api, deps, CLUSTERS)
    const engineConfig = deps.config.engine
    console.log(
      `engine benchmark: ${CLUSTERS} TKE clusters at once, fake Tencent Cloud at zero simulated latency (own process), ` +
        `engine in the API process: concurrency ${engineConfig.concurrency}, poll ${engineConfig.pollSeconds} s, ` +
        `time-scale ${engineConfig.timeScale} (TKE driver polls every ${2000 / engineConfig.timeScale} ms)`,
    )

    const started = performance.now()
    const uids = await Promise.all(
      bodies.map(async (body) => {
        const res = await api.post('/v1/spectroclusters/tke', body)
        if (res.status !== 201)
          throw new Error(`create ${body.metadata.name}: ${res.status} ${JSON.stringify(res.body)}`)
        return (res.body as { uid: string }).uid
      }),
    )
    const accepted = performance.now() - started

    // Every cluster Running, or stop at the first Error.
    const firstRunning = await waitForRunning(deps.sql.pool, uids, started, TIMEOUT_MS)
    const elapsed = performance.now() - started
    await new Promise((resolve) => setTimeout(resolve, 200)) // the last passes' samples

    const minutes = elapsed / 60_000
    const passes = samples.filter((s) => uids.includes(s.clusterUid))
    console.log(
      `created (201) in ${(accepted / 1000).toFixed(1)} s; all ${CLUSTERS} Running after ${(elapsed / 1000).toFixed(1)} s`,
    )
    console.log(`first Running after ${(firstRunning / 1000).toFixed(1)} s`)
    console.log(`THROUGHPUT: ${(CLUSTERS / minutes).toFixed(0)} clusters/minute`)
    printPasses(passes, CLUSTERS, elapsed, engineConfig.concurrency)
    console.log(
      `load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${cpus().length} CPUs`,
    )
  } catch (error) {
    failed = true
    console.error(error instanceof Error ? error.message : error)
  } finally {
    await server?.close().catch((error) => console.error('closing the server:', error))
    fakeClouds?.kill('SIGTERM')
    await adminQuery(base, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await rm(scratch, { recursive: true, force: true })
    process.exit(failed ? 1 : 0)
  }
}

async function adminQuery(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query(sql)
  } finally {
    await c.end()
  }
}

async function prepareFixtures(dir: string, clusters: number) {
  const source = path.resolve(here, '../packages/fake-clouds/fixtures')
  await mkdir(dir, { recursive: true })
  for (const file of ['tencent.yaml', 'aws.yaml', 'vsphere.yaml'])
    await copyFile(path.join(source, file), path.join(dir, file))
  const tencent = path.join(dir, 'tencent.yaml')
  const text = await readFile(tencent, 'utf8')
  const raised = text.replace(/maxClustersPerRegion: \d+/, `maxClustersPerRegion: ${clusters + 10}`)
  if (raised === text) throw new Error('fixtures: no maxClustersPerRegion in tencent.yaml to raise')
  await writeFile(tencent, raised)
}

function serveFakeClouds(fixtureDir: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve-fake-clouds', fixtureDir],
    {
      cwd: path.resolve(here, '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the fake clouds exited (${code})`)))
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      resolve({ child, baseUrl: (JSON.parse(line) as { baseUrl: string }).baseUrl })
    })
  })
}

interface Api {
  post(url: string, body: unknown): Promise<{ status: number; body: unknown }>
  headers: Record<string, string>
}

async function apiClient(baseUrl: string, password: string): Promise<Api> {
  const login = await fetch(`${baseUrl}/v1/auth/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ emailId: 'admin@example.com', password }),
  })
  const token = ((await login.json()) as { Authorization: string }).Authorization
  const api: Api = {
    headers: { authorization: token },
    async post(url, body) {
      const res = await fetch(`${baseUrl}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...api.headers },
        body: JSON.stringify(body),
      })
      return { status: res.status, body: await res.json().catch(() => undefined) }
    },
  }
  return api
}

type Deps = Awaited<ReturnType<typeof startServer>>['deps']

/** A project with a Tencent sandbox account, and one valid create body per cluster (own pod network each). */
async function tkeBodies(api: Api, deps: Deps, count: number) {
  const project = await api.post('/v1/projects', { metadata: { name: 'bench' } })
  if (project.status !== 201) throw new Error(`project: ${project.status} ${JSON.stringify(project.body)}`)
  api.headers.projectuid = (project.body as { uid: string }).uid
  const full = deps.sandbox?.tencent.accounts.find((a) => /full permissions/i.test(a.note))
  if (!full) throw new Error('no full-permission Tencent sandbox account')
  const credentials = { secretId: full.secretId, secretKey: full.secretKey }
  const account = await api.post('/v1/cloudaccounts/tencent', { metadata: { name: 'bench' }, spec: credentials })
  if (account.status !== 201) throw new Error(`account: ${account.status} ${JSON.stringify(account.body)}`)
  const accountUid = (account.body as { uid: string }).uid
  const profile = await deps.prisma.clusterProfile.findFirstOrThrow({
    where: { cloudType: 'tencent', type: 'cluster', publishedAt: { not: null } },
    orderBy: { name: 'asc' },
  })
  const layers = profile.packs as Array<{ name: string; tag: string; values?: string }>
  const k8s = layers.find((l) => /^kubernetes/.test(l.name))
  if (!k8s?.values?.includes('clusterCIDR')) throw new Error('the seeded TKE profile has no k8s clusterCIDR')

  const region = 'ap-guangzhou'
  const tencent = deps.providers.tencent
  const [vpcs, groups, keyPairs] = await Promise.all([
    tencent.listVpcs(credentials, region),
    tencent.listSecurityGroups(credentials, region),
    tencent.listKeyPairs(credentials, region),
  ])
  const vpc = vpcs.find((v) => v.subnets.length > 0)
  const subnet = vpc?.subnets[0]
  if (!vpc || !subnet || !groups[0] || !keyPairs[0]) throw new Error('the fake cloud has no usable placement')
  const instanceType = (await tencent.listInstanceTypes(credentials, { region, zone: subnet.az }))[0]?.type
  if (!instanceType) throw new Error(`no instance type in ${subnet.az}`)

  return Array.from({ length: count }, (_, i) => ({
    metadata: { name: `bench-${String(i).padStart(3, '0')}`, labels: { bench: 'engine' } },
    spec: {
      cloudAccountUid: accountUid,
      profiles: [
        {
          uid: profile.id,
          // TKE refuses pod networks that overlap within a VPC: one /16 per cluster, outside 172.16.0.0/16.
          packValues: [
            {
              name: k8s.name,
              tag: k8s.tag,
              values: (k8s.values as string).replace(/(#\s*)?clusterCIDR: .*/, `clusterCIDR: "10.${i}.0.0/16"`),
            },
          ],
        },
      ],
      cloudConfig: {
        region,
        vpcID: vpc.vpcId,
        sshKeyIDs: [keyPairs[0]?.id],
        endpointAccess: { public: true, private: false, securityGroup: groups[0]?.id, publicCIDRs: ['203.0.113.0/24'] },
      },
      clusterConfig: {},
      machinepoolconfig: [
        {
          cloudConfig: {
            instanceType,
            rootDeviceSize: 60,
            azs: [subnet.az],
            subnetIds: { [subnet.az]: subnet.subnetId },
          },
          poolConfig: { name: 'worker-pool', size: 1, minSize: 1, maxSize: 1 },
        },
      ],
    },
  }))
}

/** Polls the clusters' states until all are Running; throws at the first Error (with why) or on timeout. */
async function waitForRunning(pool: pg.Pool, uids: string[], started: number, timeoutMs: number) {
  let firstRunning: number | undefined
  for (;;) {
    const { rows } = await pool.query<{ state: string; n: number }>(
      'SELECT state, count(*)::int AS n FROM "Cluster" WHERE id = ANY($1::uuid[]) GROUP BY state',
      [uids],
    )
    const by = Object.fromEntries(rows.map((r) => [r.state, r.n]))
    if ((by.Running ?? 0) > 0) firstRunning ??= performance.now() - started
    if (by.Error) {
      const { rows: broken } = await pool.query(
        `SELECT c.name, c.conditions, (SELECT json_agg(e.message ORDER BY e.seq) FROM "ClusterEvent" e WHERE e."clusterId" = c.id) AS events
         FROM "Cluster" c WHERE c.id = ANY($1::uuid[]) AND c.state = 'Error' LIMIT 3`,
        [uids],
      )
      throw new Error(`FAILED: ${by.Error} cluster(s) in Error, e.g.\n${JSON.stringify(broken, null, 2)}`)
    }
    if ((by.Running ?? 0) === uids.length) return firstRunning ?? 0
    if (performance.now() - started > timeoutMs) throw new Error(`FAILED: timed out; states ${JSON.stringify(by)}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
}

/** The engine's own time: per step over every pass, and per cluster. */
function printPasses(passes: PassSample[], clusters: number, elapsedMs: number, concurrency: number) {
  const results: Record<string, number> = {}
  for (const p of passes) results[p.result] = (results[p.result] ?? 0) + 1
  const busyMs = passes.reduce((sum, p) => sum + p.ms, 0)
  console.log(
    `passes: ${passes.length} (${(passes.length / clusters).toFixed(1)} per cluster: ${Object.entries(results)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')})`,
  )
  console.log(
    `engine time: ${(busyMs / clusters).toFixed(0)} ms per cluster, ${(busyMs / passes.length).toFixed(1)} ms per pass; ` +
      `workers busy ${((100 * busyMs) / (elapsedMs * concurrency)).toFixed(0)} % of the run`,
  )
  const bySteps = new Map<string, number[]>()
  for (const p of passes) for (const s of p.steps) bySteps.set(s.step, [...(bySteps.get(s.step) ?? []), s.ms])
  const rows = [...bySteps].map(([step, ms]) => {
    const sorted = [...ms].sort((a, b) => a - b)
    const total = ms.reduce((a, b) => a + b, 0)
    return {
      step,
      n: ms.length,
      total,
      mean: total / ms.length,
      p50: quantile(sorted, 0.5),
      p95: quantile(sorted, 0.95),
      max: sorted.at(-1) ?? 0,
    }
  })
  rows.sort((a, b) => b.total - a.total)
  const f = (n: number) => n.toFixed(1).padStart(8)
  console.log(`engine time per step (ms)       count     mean      p50      p95      max   total s`)
  for (const r of rows) {
    console.log(
      `  ${r.step.padEnd(28)} ${String(r.n).padStart(6)} ${f(r.mean)} ${f(r.p50)} ${f(r.p95)} ${f(r.max)} ${(r.total / 1000).toFixed(1).padStart(9)}`,
    )
  }
}
