import { parseIpv4Cidr, rangesOverlap } from '@console/contracts'

/**
 * The installer's properties (seed 003, "Customize Template"): what the user gives the agent, as flags or
 * environment variables, and the checks that refuse to start with the seed's own explanation. Pure: no I/O.
 */
export interface RawOptions {
  name?: string
  consoleEndpoint?: string
  pairingCode?: string
  sshPublicKey?: string
  podCidr?: string
  serviceCidr?: string
  httpProxy?: string
  httpsProxy?: string
  noProxy?: string
  stateDir?: string
  ipAddress?: string
  nodeTemplate?: string
}

export interface ProxySettings {
  httpProxy: string
  httpsProxy: string
  /** The NO Proxy list as given (comma-separated hosts, `.domains`, IPs and CIDRs). */
  noProxy: string
}

export interface AgentConfig {
  name: string
  consoleEndpoint: string
  pairingCode?: string
  sshPublicKey?: string
  podCidr?: string
  serviceCidr?: string
  proxy?: ProxySettings
  stateDir: string
  ipAddress: string
  nodeTemplate: string
}

export const DEFAULT_NODE_TEMPLATE = 'spectro-pcg-gateway-4.6'
export const DEFAULT_STATE_DIR = '/var/lib/pcg-agent'

/** `--flag` (or `--flag=value`) and the environment variable each option is read from. */
export const OPTION_SOURCES: Array<{ key: keyof RawOptions; flag: string; env: string; label: string }> = [
  { key: 'name', flag: '--name', env: 'PCG_NAME', label: 'Installer Name' },
  { key: 'consoleEndpoint', flag: '--console-endpoint', env: 'PCG_CONSOLE_ENDPOINT', label: 'Console endpoint' },
  { key: 'pairingCode', flag: '--pairing-code', env: 'PCG_PAIRING_CODE', label: 'Pairing Code' },
  { key: 'sshPublicKey', flag: '--ssh-public-key', env: 'PCG_SSH_PUBLIC_KEY', label: 'SSH Public Key' },
  { key: 'podCidr', flag: '--pod-cidr', env: 'PCG_POD_CIDR', label: 'Pod CIDR' },
  { key: 'serviceCidr', flag: '--service-cidr', env: 'PCG_SERVICE_CIDR', label: 'Service cluster IP range' },
  { key: 'httpProxy', flag: '--http-proxy', env: 'HTTP_PROXY', label: 'HTTP PROXY' },
  { key: 'httpsProxy', flag: '--https-proxy', env: 'HTTPS_PROXY', label: 'HTTPS PROXY' },
  { key: 'noProxy', flag: '--no-proxy', env: 'NO_PROXY', label: 'NO Proxy' },
  { key: 'stateDir', flag: '--state-dir', env: 'PCG_STATE_DIR', label: 'State directory' },
  { key: 'ipAddress', flag: '--ip-address', env: 'PCG_IP_ADDRESS', label: 'IP address' },
  { key: 'nodeTemplate', flag: '--node-template', env: 'PCG_NODE_TEMPLATE', label: 'Node template' },
]

/**
 * Reads flags first, then the environment (lower-case proxy variables count too). Unknown flags are errors;
 * a bare `--` (as package managers forward it) is skipped.
 */
export function readRawOptions(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): { options: RawOptions; errors: string[] } {
  const options: RawOptions = {}
  const errors: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    // `pnpm … start -- --name x` forwards the `--` separator; the agent takes no positional arguments.
    if (arg === '--') continue
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg]
    const source = OPTION_SOURCES.find((s) => s.flag === flag)
    if (!source) {
      errors.push(`Unknown option ${flag}`)
      continue
    }
    const value = inline ?? argv[++i]
    if (value === undefined) errors.push(`${flag} needs a value (${source.label})`)
    else options[source.key] = value
  }
  for (const source of OPTION_SOURCES) {
    if (options[source.key] !== undefined) continue
    const value = env[source.env] ?? env[source.env.toLowerCase()]
    if (value !== undefined && value !== '') options[source.key] = value
  }
  return { options, errors }
}

const TRAILING_SLASH = 'Ensure that the Tenant Portal console endpoint does not have a trailing slash.'
const PROXY_ALL_THREE =
  'Additional properties that are required to be set only for a Proxy Environment. Each of the proxy properties may or may not have the same value but all the three properties are mandatory.'
const POD_OVERLAP = 'This range should be different to prevent an overlap with your network CIDR.'
const SERVICE_OVERLAP = 'This range also must not overlap with either the pod CIDR or your network CIDR.'

function cidrProblem(label: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const range = parseIpv4Cidr(value)
  if (!range) return `${label} ${JSON.stringify(value)} is not an IPv4 CIDR such as 192.168.0.0/16.`
  if (!range.canonical) return `${label} ${value} has host bits set: did you mean ${range.network}?`
  return undefined
}

/**
 * Checks the options and answers the agent's configuration, or every problem found (the agent prints them
 * and exits with code 2). `networkCidr` is the agent's own network (its interface's block); `paired` says a
 * credential is already stored, so the Pairing Code is no longer needed.
 */
export function checkOptions(
  raw: RawOptions,
  context: { ipAddress: string | undefined; networkCidr: string | undefined; paired: boolean },
): { ok: true; config: AgentConfig } | { ok: false; errors: string[] } {
  const errors: string[] = []
  const name = raw.name?.trim()
  if (!name) errors.push('Installer Name is required (--name or PCG_NAME).')
  else if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(name)) {
    errors.push(
      `Installer Name ${JSON.stringify(name)} must be 1-63 lower-case letters, digits or dashes, starting and ending with a letter or digit.`,
    )
  }

  const endpoint = raw.consoleEndpoint?.trim()
  if (!endpoint) errors.push('Console endpoint is required (--console-endpoint or PCG_CONSOLE_ENDPOINT).')
  else if (endpoint.endsWith('/')) errors.push(`Console endpoint ${endpoint} ends with a slash. ${TRAILING_SLASH}`)
  else if (!/^https?:\/\/[^/\s]+(\/[^\s]*)?$/.test(endpoint) || !URL.canParse(endpoint)) {
    errors.push(`Console endpoint ${JSON.stringify(endpoint)} is not a URL such as https://console.spectrocloud.com.`)
  }

  const pairingCode = raw.pairingCode?.trim()
  if (!pairingCode && !context.paired) {
    errors.push(
      'Pairing Code is required (--pairing-code or PCG_PAIRING_CODE): the PIN shown in the Add New Private Cloud Gateway dialog.',
    )
  }

  const proxies = { 'HTTP PROXY': raw.httpProxy, 'HTTPS PROXY': raw.httpsProxy, 'NO Proxy': raw.noProxy }
  const given = Object.entries(proxies).filter(([, v]) => v !== undefined && v.trim() !== '')
  let proxy: ProxySettings | undefined
  if (given.length > 0 && given.length < 3) {
    const missing = Object.keys(proxies).filter((k) => !given.some(([g]) => g === k))
    errors.push(`Proxy settings are incomplete (missing ${missing.join(' and ')}). ${PROXY_ALL_THREE}`)
  } else if (given.length === 3) {
    for (const [label, value] of given.slice(0, 2)) {
      if (!URL.canParse(value!) || !/^https?:$/.test(new URL(value!).protocol)) {
        errors.push(
          `${label} ${JSON.stringify(value)} is not a URL such as http://USERNAME:PASSWORD@PROXYIP:PROXYPORT.`,
        )
      }
    }
    proxy = { httpProxy: raw.httpProxy!.trim(), httpsProxy: raw.httpsProxy!.trim(), noProxy: raw.noProxy!.trim() }
  }

  const podProblem = cidrProblem('Pod CIDR', raw.podCidr)
  const serviceProblem = cidrProblem('Service cluster IP range', raw.serviceCidr)
  for (const p of [podProblem, serviceProblem]) if (p) errors.push(p)
  const network = context.networkCidr ? parseIpv4Cidr(context.networkCidr) : undefined
  const pod = !podProblem && raw.podCidr ? parseIpv4Cidr(raw.podCidr) : undefined
  const service = !serviceProblem && raw.serviceCidr ? parseIpv4Cidr(raw.serviceCidr) : undefined
  if (pod && network && rangesOverlap(pod, network)) {
    errors.push(`Pod CIDR ${raw.podCidr} overlaps this gateway's network ${network.network}. ${POD_OVERLAP}`)
  }
  if (pod && service && rangesOverlap(pod, service)) {
    errors.push(`Service cluster IP range ${raw.serviceCidr} overlaps the Pod CIDR ${raw.podCidr}. ${SERVICE_OVERLAP}`)
  }
  if (service && network && rangesOverlap(service, network)) {
    errors.push(
      `Service cluster IP range ${raw.serviceCidr} overlaps this gateway's network ${network.network}. ${SERVICE_OVERLAP}`,
    )
  }

  if (!context.ipAddress) errors.push('No IPv4 address found on this machine: give one with --ip-address.')
  else if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(context.ipAddress) || !parseIpv4Cidr(`${context.ipAddress}/32`)) {
    errors.push(`IP address ${JSON.stringify(context.ipAddress)} is not an IPv4 address.`)
  }

  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    config: {
      name: name!,
      consoleEndpoint: endpoint!,
      pairingCode,
      sshPublicKey: raw.sshPublicKey?.trim() || undefined,
      podCidr: raw.podCidr,
      serviceCidr: raw.serviceCidr,
      proxy,
      stateDir: raw.stateDir?.trim() || DEFAULT_STATE_DIR,
      ipAddress: context.ipAddress!,
      nodeTemplate: raw.nodeTemplate?.trim() || DEFAULT_NODE_TEMPLATE,
    },
  }
}
