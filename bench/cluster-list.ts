// Benchmark: GET /v1/spectroclusters (a page of 50) with 10,000 clusters in the database,
// 32 concurrent connections. Target (issue 6): ≥ 2,000 requests/s with p99 ≤ 50 ms on 2 cores.
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres pnpm bench:list
//
// The API runs the way production runs it — its own Node process on apps/api/src/main.ts, with the
// production default LOG_LEVEL=info — and autocannon is a third process, so the server has an event
// loop of its own. The benchmark seeds a fresh database (dropped afterwards), warms up, then runs
// autocannon BENCH_RUNS times and prints every run, the best and the median.
//
// Knobs: BENCH_CLUSTERS (10000), BENCH_SECONDS (10 per run), BENCH_RUNS (3), BENCH_CONNECTIONS (32),
// BENCH_LOG_LEVEL (info), BENCH_KEEP_DATABASE (set: keep the seeded database, for profiling its
// queries), BENCH_NODE_ARGS (extra flags for the API's node, e.g. "--cpu-prof").
import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { sealSecret } from '../apps/api/src/lib/secret-box.ts'
import { deriveKey, loadMasterKey } from '../apps/api/src/lib/secrets.ts'
import { createPrismaClient } from '../packages/db/src/index.ts'

const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 10_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info'
/**
 * The API's production Node flags (apps/api/package.json `start`): a 32 MB young generation, so the
 * per-request garbage of a busy API is collected in fewer, cheaper scavenges.
 */
const API_NODE_FLAGS = ['--max-semi-space-size=32']
const NODE_ARGS = [...API_NODE_FLAGS, ...(process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)]
const CPUS = cpus().length
const base = process.env.DATABASE_URL
if (!base) throw new Error('Set DATABASE_URL to a Postgres the benchmark may create a database in')

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dbName = `console_bench_${process.pid}`
const url = new URL(base)
url.pathname = `/${dbName}`
const password = 'bench-admin-password'
const secretKey = `bench-secret-key-${randomUUID()}`

async function adminQuery(sql: string) {
  const c = new pg.Client({ connectionString: base })
  await c.connect()
  try {
    await c.query(sql)
  } finally {
    await c.end()
  }
}

/** CPU seconds a process has used (user + system), from /proc (Linux); `children` adds its reaped children. */
function cpuSeconds(pid: number | 'self', children = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const f = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number)
    // Fields 14–17 of proc(5) (utime, stime, cutime, cstime) in clock ticks; f[0] is field 3.
    const ticks = (f[11] ?? 0) + (f[12] ?? 0) + (children ? (f[13] ?? 0) + (f[14] ?? 0) : 0)
    return ticks / 100
  } catch {
    return 0 // not Linux, or the process is gone
  }
}

/** CPU used so far by the Postgres backends serving the benchmark's database, by pid. */
async function backendCpu(): Promise<Map<number, number>> {
  const c = new pg.Client({ connectionString: base })
  await c.connect()
  try {
    const { rows } = await c.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [dbName])
    return new Map(rows.map((r: { pid: number }) => [r.pid, cpuSeconds(r.pid)]))
  } finally {
    await c.end()
  }
}

/** Start the API as production does (node + the tsx loader on main.ts); resolves with its URL. */
function startApi(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...NODE_ARGS, '--import', 'tsx', 'apps/api/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url.toString(),
      PORT: '0',
      LOG_LEVEL,
      SECRET_KEY: secretKey,
      CLOUD_MODE: 'real',
      ENGINE_IN_PROCESS: 'false',
      ADMIN_PASSWORD: password,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    let seen = ''
    const onData = (chunk: Buffer) => {
      // The request log goes to stdout too: only the start-up banner is looked at, then it is drained.
      seen += chunk
      const match = /running at (http:\/\/\S+)/.exec(seen)
      if (match?.[1]) {
        child.stdout?.off('data', onData)
        child.stdout?.resume()
        resolve({ child, url: match[1] })
      } else if (seen.length > 1_000_000) seen = seen.slice(-10_000)
    }
    child.stdout?.on('data', onData)
    child.on('exit', (code) => reject(new Error(`the API exited during start-up (${code})`)))
  })
}

async function seed(apiUrl: string) {
  const prisma = createPrismaClient({ url: url.toString(), poolSize: 2 })
  try {
    const tenant = await prisma.tenant.findFirstOrThrow()
    const project = await prisma.project.create({ data: { tenantId: tenant.id, name: 'bench' } })
    const accountId = randomUUID()
    const encryption = deriveKey(await loadMasterKey({ secretKey, dataDir: root }), 'encryption')
    await prisma.cloudAccount.create({
      data: {
        id: accountId,
        tenantId: tenant.id,
        projectId: project.id,
        cloudType: 'tencent',
        name: 'bench',
        spec: { secretId: 'AKIDbench' },
        secretCiphertext: sealSecret(encryption, JSON.stringify({ secretKey: 'x' }), accountId),
      },
    })
    const profile = await prisma.clusterProfile.findFirstOrThrow({ where: { cloudType: 'tencent' } })
    const states = ['Running', 'Running', 'Running', 'Running', 'Running', 'Running']
    states.push('Provisioning', 'Error', 'Deleting', 'Deleted')
    const started = Date.now()
    for (let offset = 0; offset < CLUSTERS; offset += 1000) {
      await prisma.cluster.createMany({
        data: Array.from({ length: Math.min(1000, CLUSTERS - offset) }, (_, i) => {
          const n = offset + i
          return {
            tenantId: tenant.id,
            projectId: project.id,
            name: `cluster-${n}`,
            cloudType: 'tencent',
            cloudAccountId: accountId,
            profileId: profile.id,
            labels: { team: `t${n % 7}`, env: n % 2 ? 'prod' : 'dev' },
            spec: { cloudConfig: { region: 'ap-guangzhou' }, machinepoolconfig: [], clusterConfig: {} },
            state: states[n % states.length] as string,
            createdAt: new Date(started - n * 1000),
          }
        }),
      })
    }
    await prisma.$executeRawUnsafe('ANALYZE "Cluster"')
  } finally {
    await prisma.$disconnect()
  }
  const login = await fetch(`${apiUrl}/v1/auth/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ emailId: 'admin@example.com', password }),
  })
  const token = ((await login.json()) as { Authorization: string }).Authorization
  const c = new pg.Client({ connectionString: url.toString() })
  await c.connect()
  const projectId = (await c.query('SELECT id FROM "Project" WHERE name = $1', ['bench'])).rows[0].id as string
  await c.end()
  return { token, projectId }
}

interface Run {
  rps: number
  requests: number
  p50: number
  p90: number
  p99: number
  max: number
  non2xx: number
  errors: number
  timeouts: number
}

function autocannon(target: string, headers: Record<string, string>, seconds: number): Promise<Run> {
  const bin = path.join(root, 'node_modules/.bin/autocannon')
  const args = ['-c', String(CONNECTIONS), '-d', String(seconds), '-j']
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`)
  const child = spawn(bin, [...args, target], { stdio: ['ignore', 'pipe', 'inherit'] })
  let stdout = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
  })
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`))
      const r = JSON.parse(stdout)
      resolve({
        rps: r.requests.average,
        requests: r.requests.total,
        p50: r.latency.p50,
        p90: r.latency.p90,
        p99: r.latency.p99,
        max: r.latency.max,
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
      })
    })
  })
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
const line = (r: Run) =>
  `${r.rps.toFixed(0).padStart(5)} req/s · p50 ${r.p50} · p90 ${r.p90} · p99 ${r.p99} · max ${r.max} ms` +
  (r.non2xx || r.errors || r.timeouts ? ` · non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}` : '')

await adminQuery(`CREATE DATABASE ${dbName}`)
let api: ChildProcess | undefined
let failed = false
try {
  const started = await startApi()
  api = started.child
  const apiPid = started.child.pid as number
  const { token, projectId } = await seed(started.url)
  const target = `${started.url}/v1/spectroclusters?limit=50`
  const headers = { authorization: token, projectuid: projectId }
  const check = await fetch(target, { headers })
  const page = (await check.json()) as { items: unknown[]; listmeta: { continue?: string } }
  if (check.status !== 200 || page.items.length !== 50 || !page.listmeta.continue)
    throw new Error(`list answered ${check.status} with ${page.items?.length} items`)

  console.log(
    `list benchmark: ${CLUSTERS} clusters (${CLUSTERS - CLUSTERS / 10} listed), page of 50, ${CONNECTIONS} connections, ` +
      `${RUNS} × ${SECONDS} s, API in its own process (LOG_LEVEL=${LOG_LEVEL})`,
  )
  await autocannon(target, headers, 3) // warm-up: JIT, pool connections, caches of Postgres
  const runs: Run[] = []
  for (let i = 0; i < RUNS; i++) {
    const before = load()
    const cpu0 = { api: cpuSeconds(apiPid), bench: cpuSeconds('self', true), pg: await backendCpu() }
    const run = await autocannon(target, headers, SECONDS)
    const pgAfter = await backendCpu()
    let pgCpu = 0
    for (const [pid, cpu] of pgAfter) pgCpu += cpu - (cpu0.pg.get(pid) ?? 0)
    // The bench process itself is idle; its reaped children (autocannon) show up in cutime/cstime.
    const perRequest = (s: number) => ((s * 1000) / Math.max(1, run.requests)).toFixed(3)
    const apiCpu = cpuSeconds(apiPid) - cpu0.api
    const loadCpu = cpuSeconds('self', true) - cpu0.bench
    runs.push(run)
    failed ||= run.non2xx + run.errors + run.timeouts > 0
    console.log(`run ${i + 1}: ${line(run)}   (load average before: ${before})`)
    console.log(
      `       CPU per request: API ${perRequest(apiCpu)} ms · Postgres ${perRequest(pgCpu)} ms · autocannon ${perRequest(loadCpu)} ms` +
        ` → ${CPUS} cores could serve ≈ ${((CPUS * run.requests) / (apiCpu + pgCpu + loadCpu)).toFixed(0)} req/s if nothing else ran`,
    )
  }
  const byRps = [...runs].sort((a, b) => b.rps - a.rps)
  const best = byRps[0] as Run
  const median = byRps[Math.floor(byRps.length / 2)] as Run
  console.log(`best:   ${line(best)}`)
  console.log(`median: ${line(median)}`)
  const met = (r: Run) => r.rps >= 2000 && r.p99 <= 50
  console.log(
    `target (≥ 2000 req/s, p99 ≤ 50 ms): best ${met(best) ? 'met' : 'NOT met'}, median ${met(median) ? 'met' : 'NOT met'}` +
      ` · load average now ${load()} on ${CPUS} CPUs`,
  )
} catch (error) {
  failed = true
  console.error(error)
} finally {
  if (api && api.exitCode === null) {
    const exited = new Promise((resolve) => api?.on('exit', resolve))
    api.kill('SIGTERM')
    await exited
  }
  if (process.env.BENCH_KEEP_DATABASE) console.log(`kept database ${dbName}`)
  else await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  process.exit(failed ? 1 : 0)
}
