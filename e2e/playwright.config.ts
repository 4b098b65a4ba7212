import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { defineConfig, devices } from '@playwright/test'

const port = Number(process.env.E2E_PORT ?? 3100)
export const baseURL = `http://127.0.0.1:${port}`
export const e2eAdmin = { email: 'admin@example.com', password: 'e2e-admin-password' }

// The console under test gets a fresh database: E2E_DATABASE_URL (set by `pnpm test` when DATABASE_URL is),
// otherwise a new embedded one. Set in the main process so the worker processes inherit the same value.
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'console-e2e-'))

export default defineConfig({
  testDir: './tests',
  // Per port, so concurrent runs (one per port) never delete each other's traces.
  outputDir: `test-results/port-${port}`,
  // One console and one browser on a 2-core machine: tests run one after another.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  // Generous: a full journey runs axe several times, and CI machines have 2 cores.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    // The same start path as the README's first command (the web app is built by `pnpm test` beforehand).
    command: 'pnpm --filter @console/api start',
    cwd: '..',
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_EMAIL: e2eAdmin.email,
      ADMIN_PASSWORD: e2eAdmin.password,
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      LOG_LEVEL: 'warn',
      // Force Delete opens after 30 s of Deleting instead of 15 minutes (support/force-delete.ts).
      FORCE_DELETE_GRACE_SECONDS: '30',
      ...(process.env.E2E_DATABASE_URL
        ? { DATABASE_URL: process.env.E2E_DATABASE_URL }
        : { DATA_DIR: process.env.E2E_DATA_DIR as string }),
    },
  },
})
