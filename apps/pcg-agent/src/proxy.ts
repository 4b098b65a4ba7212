import { parseIpv4Cidr } from '@console/contracts'
import { Agent, type Dispatcher, ProxyAgent, fetch as undiciFetch } from 'undici'
import type { ProxySettings } from './options.ts'

/** True when `host` (no port) matches an entry of a NO Proxy list: `*`, a host, `.domain`/`domain` suffix, an IP or a CIDR. */
export function matchesNoProxy(host: string, noProxy: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '')
  const ip = parseIpv4Cidr(`${h}/32`)
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase().replace(/:\d+$/, '')
    if (!entry) continue
    if (entry === '*') return true
    if (entry.includes('/')) {
      const range = parseIpv4Cidr(entry)
      if (range && ip && ip.first >= range.first && ip.first <= range.last) return true
      continue
    }
    const domain = entry.replace(/^\*?\./, '')
    if (h === domain || h.endsWith(`.${domain}`)) return true
  }
  return false
}

export type AgentFetch = typeof globalThis.fetch

/**
 * The fetch every outbound call of the agent goes through: undici's, with a dispatcher per request: the
 * configured proxy (HTTP PROXY for http:, HTTPS PROXY for https:) unless the host matches NO Proxy, else
 * direct. `insecure` accepts a self-signed certificate (vCenter's, when the account says so).
 */
export class OutboundHttp {
  private readonly direct: Dispatcher
  private readonly directInsecure: Dispatcher
  private readonly proxied = new Map<string, Dispatcher>()

  constructor(private readonly proxy: ProxySettings | undefined) {
    this.direct = new Agent()
    this.directInsecure = new Agent({ connect: { rejectUnauthorized: false } })
  }

  dispatcherFor(url: string | URL, insecure = false): Dispatcher {
    const target = new URL(url)
    if (!this.proxy || matchesNoProxy(target.hostname, this.proxy.noProxy)) {
      return insecure ? this.directInsecure : this.direct
    }
    const uri = target.protocol === 'https:' ? this.proxy.httpsProxy : this.proxy.httpProxy
    const key = `${uri}|${insecure}`
    let dispatcher = this.proxied.get(key)
    if (!dispatcher) {
      dispatcher = new ProxyAgent({ uri, ...(insecure ? { requestTls: { rejectUnauthorized: false } } : {}) })
      this.proxied.set(key, dispatcher)
    }
    return dispatcher
  }

  /** A fetch (as vsphere-client and the console client take it) routed as above. */
  fetch(options: { insecure?: boolean } = {}): AgentFetch {
    return ((input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === 'string' || input instanceof URL ? input : input.url
      return undiciFetch(url, {
        ...(init as Parameters<typeof undiciFetch>[1]),
        dispatcher: this.dispatcherFor(url, options.insecure ?? false),
      })
    }) as unknown as AgentFetch
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.direct, this.directInsecure, ...this.proxied.values()].map((d) => d.close()))
  }
}

/**
 * A proxy URL without its `user:password@` (what may leave the agent, e.g. in the pairing request); the rest is
 * kept exactly as given.
 */
export function withoutCredentials(proxyUrl: string): string {
  return proxyUrl.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1')
}
