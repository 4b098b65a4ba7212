// Benchmark: GET /v1/spectroclusters (a page of 50) with 10,000 clusters in the database,
// 32 concurrent connections. Target (issue 6): ≥ 2,000 requests/s with p99 ≤ 50 ms on 2 cores.
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres pnpm bench:list
// The API runs in this process; the load comes from autocannon in a separate process.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { loadConfig } from '../apps/api/src/config.ts'
import { sealSecret } from '../apps/api/src/lib/secret-box.ts'
import { startServer } from '../apps/api/src/server.ts'

const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 10_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)
const base = process.env.DATABASE_URL
if (!base) throw new Error('Set DATABASE_URL to a Postgres the benchmark may create a database in')

const dbName = `console_bench_${process.pid}`
const admin = new pg.Client({ connectionString: base })
await admin.connect()
await admin.query(`CREATE DATABASE ${dbName}`)
await admin.end()
const url = new URL(base)
url.pathname = `/${dbName}`

const password = 'bench-admin-password'
const server = await startServer(
  loadConfig({
    ...process.env,
    DATABASE_URL: url.toString(),
    PORT: '0',
    LOG_LEVEL: 'warn',
    CLOUD_MODE: 'real',
    ENGINE_IN_PROCESS: 'false',
    ADMIN_PASSWORD: password,
  }),
  { print: () => {} },
)
try {
  const { prisma } = server.deps
  const tenant = await prisma.tenant.findFirstOrThrow()
  const project = await prisma.project.create({ data: { tenantId: tenant.id, name: 'bench' } })
  const accountId = randomUUID()
  await prisma.cloudAccount.create({
    data: {
      id: accountId,
      tenantId: tenant.id,
      projectId: project.id,
      cloudType: 'tencent',
      name: 'bench',
      spec: { secretId: 'AKIDbench' },
      secretCiphertext: sealSecret(server.deps.keys.encryption, JSON.stringify({ secretKey: 'x' }), accountId),
    },
  })
  const profile = await prisma.clusterProfile.findFirstOrThrow({ where: { cloudType: 'tencent' } })
  const states = [
    'Running',
    'Running',
    'Running',
    'Running',
    'Running',
    'Running',
    'Provisioning',
    'Error',
    'Deleting',
    'Deleted',
  ]
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
  const login = await fetch(`${server.url}/v1/auth/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ emailId: 'admin@example.com', password }),
  })
  const token = ((await login.json()) as { Authorization: string }).Authorization
  const target = `${server.url}/v1/spectroclusters?limit=50`
  const check = await fetch(target, { headers: { authorization: token, projectuid: project.id } })
  const page = (await check.json()) as { items: unknown[] }
  if (check.status !== 200 || page.items.length !== 50)
    throw new Error(`list answered ${check.status} with ${page.items.length} items`)

  const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/.bin/autocannon')
  // Asynchronously: the API under test runs on this process's event loop.
  const child = spawn(bin, [
    '-c',
    String(CONNECTIONS),
    '-d',
    String(SECONDS),
    '-j',
    '-H',
    `authorization=${token}`,
    '-H',
    `projectuid=${project.id}`,
    target,
  ])
  let stdout = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
  })
  await new Promise((resolve) => child.on('close', resolve))
  const result = JSON.parse(stdout)
  const rps = result.requests.average as number
  const p99 = result.latency.p99 as number
  console.log(
    `clusters in database: ${CLUSTERS} (${CLUSTERS - CLUSTERS / 10} listed), page size 50, ${CONNECTIONS} connections, ${SECONDS} s`,
  )
  console.log(`requests/s: ${rps.toFixed(0)} (target ≥ 2000)`)
  console.log(
    `latency ms: p50 ${result.latency.p50} · p90 ${result.latency.p90} · p99 ${p99} (target ≤ 50) · max ${result.latency.max}`,
  )
  console.log(`non-2xx: ${result.non2xx}, errors: ${result.errors}, timeouts: ${result.timeouts}`)
  console.log(rps >= 2000 && p99 <= 50 ? 'RESULT: target met' : 'RESULT: target NOT met')
} finally {
  await server.close()
  const c = new pg.Client({ connectionString: base })
  await c.connect()
  await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  await c.end()
  process.exit(0)
}
