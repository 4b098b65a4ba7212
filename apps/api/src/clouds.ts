import type { SandboxAccount, SandboxInfo } from '@console/fake-clouds'
import { createProviders, type Providers } from '@console/providers'
import type { Config } from './config.ts'

export interface Clouds {
  providers: Providers
  sandbox?: SandboxInfo
  close(): Promise<void>
}

/**
 * The cloud side of the console. In sandbox mode the fake clouds start in this process (on
 * FAKE_CLOUDS_PORT, random by default) and every adapter is pointed at them; in real mode the fake
 * clouds are not even loaded. With FAKE_CLOUDS_URL (a separate `pnpm worker`, or several API
 * instances) the adapters use fake clouds that already run elsewhere, so every process sees one cloud.
 */
export async function startClouds(config: Config): Promise<Clouds> {
  const options = { timeoutMs: config.providerTimeoutMs }
  if (config.cloudMode === 'real')
    return { providers: createProviders({ mode: 'real' }, options), close: async () => {} }
  if (config.fakeCloudsUrl) return connectFakeClouds(config.fakeCloudsUrl, options)
  const { startFakeClouds, toSandboxInfo } = await import('@console/fake-clouds')
  const fake = await startFakeClouds({ port: config.fakeClouds.port, timeScale: config.fakeClouds.timeScale })
  return {
    providers: createProviders(
      { mode: 'sandbox', tencent: fake.endpoints.tencent, aws: fake.endpoints.aws },
      { ...options, awsBaseCredentials: consoleIdentity(fake.accounts) },
    ),
    sandbox: toSandboxInfo(fake),
    close: () => fake.close(),
  }
}

/** Fake clouds started by another process (e.g. the API): one port serves every cloud and `/_admin`. */
async function connectFakeClouds(baseUrl: string, options: { timeoutMs: number }): Promise<Clouds> {
  const url = new URL(baseUrl)
  const { toSandboxInfo } = await import('@console/fake-clouds')
  const adminUrl = `${url.origin}/_admin`
  const response = await fetch(`${adminUrl}/accounts`)
  if (!response.ok) throw new Error(`FAKE_CLOUDS_URL: ${adminUrl}/accounts answered ${response.status}`)
  const accounts = (await response.json()) as Parameters<typeof toSandboxInfo>[0]['accounts']
  const endpoints = {
    tencent: { endpoint: url.host, protocol: 'http://' as const },
    aws: { endpoint: url.origin },
    vsphere: { endpoint: url.origin },
  }
  return {
    providers: createProviders(
      { mode: 'sandbox', tencent: endpoints.tencent, aws: endpoints.aws },
      { ...options, awsBaseCredentials: consoleIdentity(accounts) },
    ),
    sandbox: toSandboxInfo({ adminUrl, endpoints, accounts }),
    close: async () => {},
  }
}

/** The fake AWS seeds an identity for the console itself: STS accounts (roles) are assumed with it. */
function consoleIdentity(accounts: SandboxAccount[]) {
  const base = accounts.find((a) => a.cloud === 'aws' && a.consoleIdentity)
  return base ? { accessKeyId: base.id, secretAccessKey: base.secret } : undefined
}
