import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { parseValues } from '@console/contracts'
import { createProviders, type Providers } from '@console/providers'
import { expect } from 'vitest'
import type { TestApp } from '../../test/harness.ts'

/** Test support shared by the cloud-account, inventory and SSH key suites. */

/** A fake cloud's fixture file, parsed: tests derive their expectations from it, never from copies. */
export function readFixture(file: 'tencent.yaml' | 'aws.yaml'): any {
  const url = new URL(`../../../../../packages/fake-clouds/fixtures/${file}`, import.meta.url)
  const parsed = parseValues(readFileSync(url, 'utf8'))
  if (!parsed.ok) throw new Error(`fixture ${file} does not parse`)
  return parsed.data
}

/** The sandbox's seeded accounts of each cloud: the full one and the one the note says lacks permissions. */
export function sandboxAccounts(t: TestApp) {
  const sandbox = t.deps.sandbox
  if (!sandbox) throw new Error('start the test app with { clouds: true }')
  const pick = <T extends { note: string }>(list: T[], re: RegExp) => {
    const found = list.find((a) => re.test(a.note))
    if (!found) throw new Error(`no sandbox account matching ${re}`)
    return found
  }
  const tencentRestricted = pick(sandbox.tencent.accounts, /lacks/i)
  const awsRestricted = pick(sandbox.aws.accounts, /lacks/i)
  return {
    tencent: {
      full: pick(sandbox.tencent.accounts, /full permissions/i),
      restricted: tencentRestricted,
      /** Permissions the note names, e.g. "lacks tke:CreateCluster". */
      missing: tencentRestricted.note.match(/[a-z0-9-]+:[A-Za-z0-9]+/g) ?? [],
    },
    aws: {
      full: pick(sandbox.aws.accounts, /full permissions/i),
      restricted: awsRestricted,
      missing: awsRestricted.note.match(/[a-z0-9-]+:[A-Za-z0-9]+/g) ?? [],
    },
    adminUrl: sandbox.adminUrl,
  }
}

/** Every seeded secret key: none may appear in a response, a log line or a row's spec. */
export function seededSecrets(t: TestApp): string[] {
  const sandbox = t.deps.sandbox!
  return [...sandbox.tencent.accounts.map((a) => a.secretKey), ...sandbox.aws.accounts.map((a) => a.secretKey)]
}

export function expectNoSecret(text: string, secrets: string[]) {
  for (const secret of secrets) expect(text).not.toContain(secret)
}

/** A loopback port nobody listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/**
 * Points the running app's providers elsewhere for one test (the routes read `deps.providers` on
 * every call); answers a function that puts the original back.
 */
export function swapProviders(t: TestApp, providers: Providers): () => void {
  const original = t.deps.providers
  t.deps.providers = providers
  return () => {
    t.deps.providers = original
  }
}

/** Providers aimed at a port where nothing listens: every call is Unreachable. */
export async function unreachableProviders(): Promise<Providers> {
  const port = await closedPort()
  return createProviders(
    {
      mode: 'sandbox',
      tencent: { endpoint: `127.0.0.1:${port}`, protocol: 'http://' },
      aws: { endpoint: `http://127.0.0.1:${port}` },
    },
    { sleep: async () => {} },
  )
}

/** Providers on the sandbox's fake clouds with a hook on the wait between retries (and no cache). */
export function sandboxProviders(t: TestApp, onRetryWait: (ms: number) => Promise<void>): Providers {
  const sandbox = t.deps.sandbox!
  return createProviders(
    {
      mode: 'sandbox',
      tencent: { endpoint: sandbox.tencent.endpoint, protocol: sandbox.tencent.protocol },
      aws: { endpoint: sandbox.aws.endpoint },
    },
    { sleep: onRetryWait, cacheTtlMs: 0 },
  )
}

export async function injectFault(t: TestApp, fault: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${t.deps.sandbox!.adminUrl}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  })
  if (!res.ok) throw new Error(`fault not accepted: ${await res.text()}`)
}

export async function clearFaults(t: TestApp): Promise<void> {
  await fetch(`${t.deps.sandbox!.adminUrl}/faults`, { method: 'DELETE' })
}
