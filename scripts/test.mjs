#!/usr/bin/env node
// `pnpm test`: the whole suite. Typecheck and lint, unit and API integration tests (vitest), then the browser
// tests (Playwright in Chromium against the console and the fake clouds). Every step runs even when an
// earlier one failed, so one run shows everything; the exit code is non-zero when anything failed.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const results = path.join(root, '.test-results')
rmSync(results, { recursive: true, force: true })
mkdirSync(results, { recursive: true })
const failures = []
const counts = { passed: 0, failed: 0, skipped: 0 }

function run(name, command, args, env = {}) {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`)
  const started = Date.now()
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const ok = r.status === 0
  console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  if (!ok) failures.push(name)
  return ok
}

/** A Chromium to drive: CHROMIUM_PATH, a system Chromium/Chrome, or Playwright's own (installed on first use where the network allows). */
function findBrowser() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ]
  const found = candidates.find((p) => p && existsSync(p))
  if (found) return found
  const bundled = () => {
    try {
      const out = execFileSync('node', ['-e', "console.log(require('playwright-core').chromium.executablePath())"], {
        cwd: path.join(root, 'e2e'),
        encoding: 'utf8',
      }).trim()
      return existsSync(out) ? out : undefined
    } catch {
      return undefined
    }
  }
  if (bundled()) return bundled()
  console.log('No Chromium found; trying `playwright install chromium`…')
  spawnSync('pnpm', ['--filter', '@console/e2e', 'exec', 'playwright', 'install', 'chromium'], {
    cwd: root,
    stdio: 'inherit',
  })
  return bundled()
}

/** A fresh database for the browser run: a new Postgres database when DATABASE_URL is set, else the embedded default. */
function e2eDatabase() {
  const base = process.env.DATABASE_URL
  if (!base) return {}
  const name = `console_e2e_${process.pid}`
  execFileSync('node', ['scripts/create-database.mjs', name], { cwd: root, stdio: 'inherit' })
  const url = new URL(base)
  url.pathname = `/${name}`
  return { E2E_DATABASE_URL: url.toString() }
}

function vitestCounts(file) {
  if (!existsSync(file)) return
  const report = JSON.parse(readFileSync(file, 'utf8'))
  counts.passed += report.numPassedTests ?? 0
  counts.failed += report.numFailedTests ?? 0
  counts.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
}

function playwrightCounts(file) {
  if (!existsSync(file)) return
  const { stats } = JSON.parse(readFileSync(file, 'utf8'))
  counts.passed += (stats?.expected ?? 0) + (stats?.flaky ?? 0)
  counts.failed += stats?.unexpected ?? 0
  counts.skipped += stats?.skipped ?? 0
}

run('typecheck', 'pnpm', ['-r', '--workspace-concurrency=1', 'typecheck'])
run('lint', 'pnpm', ['exec', 'biome', 'check', '.'])
const vitestJson = path.join(results, 'vitest.json')
run('unit and API tests', 'pnpm', [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
])
vitestCounts(vitestJson)

if (run('web build', 'pnpm', ['--filter', '@console/web', 'build'])) {
  const browser = findBrowser()
  if (!browser) {
    console.error('✘ No Chromium available: install one (Debian: apt-get install chromium) or set CHROMIUM_PATH.')
    failures.push('browser tests (no Chromium)')
  } else {
    const e2eJson = path.join(results, 'e2e.json')
    run('browser tests', 'pnpm', ['--filter', '@console/e2e', 'test'], {
      CHROMIUM_PATH: browser,
      PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
      ...e2eDatabase(),
    })
    playwrightCounts(e2eJson)
  }
}

console.log(`\n${failures.length ? `Failed steps: ${failures.join(', ')}` : 'All steps passed.'}`)
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`)
process.exit(failures.length ? 1 : 0)
