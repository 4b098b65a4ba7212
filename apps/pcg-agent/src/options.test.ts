import { describe, expect, it } from 'vitest'
import { checkOptions, readRawOptions } from './options.ts'

const context = { ipAddress: '192.168.10.5', networkCidr: '192.168.10.0/24', paired: false }
const base = { name: 'pcg-lab', consoleEndpoint: 'https://console.example.com', pairingCode: '4F7K2Q' }

function errorsOf(raw: Parameters<typeof checkOptions>[0], ctx = context) {
  const result = checkOptions(raw, ctx)
  return result.ok ? [] : result.errors
}

describe('installer properties', () => {
  it('accepts the minimal set and fills the defaults', () => {
    const result = checkOptions(base, context)
    expect(result).toEqual({
      ok: true,
      config: expect.objectContaining({
        name: 'pcg-lab',
        consoleEndpoint: 'https://console.example.com',
        pairingCode: '4F7K2Q',
        ipAddress: '192.168.10.5',
        stateDir: '/var/lib/pcg-agent',
        nodeTemplate: 'spectro-pcg-gateway-4.6',
        proxy: undefined,
      }),
    })
  })

  it('refuses a console endpoint with a trailing slash, in the words of the troubleshooting guide', () => {
    expect(errorsOf({ ...base, consoleEndpoint: 'https://console.example.com/' })).toEqual([
      'Console endpoint https://console.example.com/ ends with a slash. Ensure that the Tenant Portal console endpoint does not have a trailing slash.',
    ])
  })

  it('requires name, endpoint and pairing code, but no pairing code once paired', () => {
    expect(errorsOf({})).toEqual([
      'Installer Name is required (--name or PCG_NAME).',
      'Console endpoint is required (--console-endpoint or PCG_CONSOLE_ENDPOINT).',
      'Pairing Code is required (--pairing-code or PCG_PAIRING_CODE): the PIN shown in the Add New Private Cloud Gateway dialog.',
    ])
    expect(errorsOf({ ...base, pairingCode: undefined }, { ...context, paired: true })).toEqual([])
    expect(errorsOf({ ...base, consoleEndpoint: 'console.example.com' })).toEqual([
      'Console endpoint "console.example.com" is not a URL such as https://console.spectrocloud.com.',
    ])
  })

  it('requires all three proxy properties when any is given, quoting the seed', () => {
    const seed =
      'Additional properties that are required to be set only for a Proxy Environment. Each of the proxy properties may or may not have the same value but all the three properties are mandatory.'
    expect(errorsOf({ ...base, httpProxy: 'http://proxy:3128' })).toEqual([
      `Proxy settings are incomplete (missing HTTPS PROXY and NO Proxy). ${seed}`,
    ])
    expect(errorsOf({ ...base, httpProxy: 'http://proxy:3128', httpsProxy: 'http://proxy:3128' })).toEqual([
      `Proxy settings are incomplete (missing NO Proxy). ${seed}`,
    ])
    const ok = checkOptions(
      {
        ...base,
        httpProxy: 'http://proxy:3128',
        httpsProxy: 'http://proxy:3129',
        noProxy: 'vcenter.lab, 10.10.0.0/16',
      },
      context,
    )
    expect(ok.ok && ok.config.proxy).toEqual({
      httpProxy: 'http://proxy:3128',
      httpsProxy: 'http://proxy:3129',
      noProxy: 'vcenter.lab, 10.10.0.0/16',
    })
    expect(errorsOf({ ...base, httpProxy: 'proxy', httpsProxy: 'http://proxy:3128', noProxy: 'x' })).toEqual([
      'HTTP PROXY "proxy" is not a URL such as http://USERNAME:PASSWORD@PROXYIP:PROXYPORT.',
    ])
  })

  it('refuses overlapping pod, service and network ranges, in the words of the properties table', () => {
    expect(errorsOf({ ...base, podCidr: '10.96.0.0/12', serviceCidr: '10.100.0.0/16' })).toEqual([
      'Service cluster IP range 10.100.0.0/16 overlaps the Pod CIDR 10.96.0.0/12. This range also must not overlap with either the pod CIDR or your network CIDR.',
    ])
    expect(errorsOf({ ...base, podCidr: '192.168.0.0/16', serviceCidr: '192.168.10.128/25' })).toEqual([
      "Pod CIDR 192.168.0.0/16 overlaps this gateway's network 192.168.10.0/24. This range should be different to prevent an overlap with your network CIDR.",
      'Service cluster IP range 192.168.10.128/25 overlaps the Pod CIDR 192.168.0.0/16. This range also must not overlap with either the pod CIDR or your network CIDR.',
      "Service cluster IP range 192.168.10.128/25 overlaps this gateway's network 192.168.10.0/24. This range also must not overlap with either the pod CIDR or your network CIDR.",
    ])
    expect(errorsOf({ ...base, podCidr: '172.16.0.0/16', serviceCidr: '10.96.0.0/12' })).toEqual([])
  })

  it('refuses CIDRs that are not CIDRs', () => {
    expect(errorsOf({ ...base, podCidr: '10.0.0.0/33', serviceCidr: '10.96.0.1/12' })).toEqual([
      'Pod CIDR "10.0.0.0/33" is not an IPv4 CIDR such as 192.168.0.0/16.',
      'Service cluster IP range 10.96.0.1/12 has host bits set: did you mean 10.96.0.0/12?',
    ])
  })

  it('skips the `--` that `pnpm --filter @console/pcg-agent start -- …` (the README and the dialog) forwards', () => {
    const { options, errors } = readRawOptions(
      ['--', '--name', 'edge', '--console-endpoint', 'http://127.0.0.1:3000', '--pairing-code', 'ABC234'],
      {},
    )
    expect(errors).toEqual([])
    expect(options).toEqual({ name: 'edge', consoleEndpoint: 'http://127.0.0.1:3000', pairingCode: 'ABC234' })
  })

  it('reads flags before environment variables, lower-case proxy variables too', () => {
    const { options, errors } = readRawOptions(['--name', 'from-flag', '--pod-cidr=172.16.0.0/16', '--bogus'], {
      PCG_NAME: 'from-env',
      PCG_CONSOLE_ENDPOINT: 'https://c',
      https_proxy: 'http://p:1',
    })
    expect(options).toEqual({
      name: 'from-flag',
      podCidr: '172.16.0.0/16',
      consoleEndpoint: 'https://c',
      httpsProxy: 'http://p:1',
    })
    expect(errors).toEqual(['Unknown option --bogus'])
  })
})
