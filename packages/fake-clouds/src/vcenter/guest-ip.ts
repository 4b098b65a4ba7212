import type { CloudContext } from '../core/types.ts'
import { invalidArgument } from './errors.ts'
import { listRecords, T } from './repo.ts'
import { getConfig } from './session.ts'

export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`not an IPv4 address: ${ip}`)
  }
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

export function isIpv4(value: unknown): value is string {
  if (typeof value !== 'string') return false
  try {
    ipToInt(value)
    return true
  } catch {
    return false
  }
}

/**
 * The next free address of the fixture's DHCP range, or undefined when it is exhausted
 * (the VM then boots without an address, as a guest does when no lease is offered).
 * Addresses held by any VM, leased or static, are skipped.
 */
export function leaseDhcpAddress(ctx: CloudContext): string | undefined {
  const { rangeStart, rangeEnd } = getConfig(ctx).dhcp
  const used = new Set<string>()
  for (const vm of listRecords(ctx, T.vm)) {
    if (typeof vm.attrs.dhcpIp === 'string') used.add(vm.attrs.dhcpIp)
    const fixed = vm.attrs.staticIp as { ipAddress?: string } | undefined
    if (fixed?.ipAddress) used.add(fixed.ipAddress)
  }
  for (let n = ipToInt(rangeStart); n <= ipToInt(rangeEnd); n++) {
    const ip = intToIp(n)
    if (!used.has(ip)) return ip
  }
  return undefined
}

/** What a guest customization spec means for this fake: a host name and, optionally, a fixed IPv4 address. */
export interface GuestSettings {
  hostName?: string
  staticIp?: { ipAddress: string; prefix: number; gateways: string[] }
}

/**
 * Reads a vCenter `CustomizationSpec` (`configuration_spec.linux_config.hostname`, `interfaces[0].adapter.ipv4`).
 * Only the first adapter matters: the fake VMs have one NIC.
 */
export function readCustomizationSpec(spec: unknown): GuestSettings {
  if (!spec || typeof spec !== 'object') throw invalidArgument('The customization spec is missing or not an object.')
  const s = spec as Record<string, any>
  const out: GuestSettings = {}
  const hostname =
    s.configuration_spec?.linux_config?.hostname ??
    s.configuration_spec?.windows_config?.sysprep?.user_data?.computer_name
  if (hostname?.type === 'FIXED' && typeof hostname.fixed_name === 'string') out.hostName = hostname.fixed_name
  const ipv4 = s.interfaces?.[0]?.adapter?.ipv4
  if (ipv4 !== undefined) {
    if (ipv4.type === 'STATIC') {
      if (!isIpv4(ipv4.ip_address)) throw invalidArgument(`Invalid static IPv4 address '${String(ipv4.ip_address)}'.`)
      const prefix = Number(ipv4.prefix ?? 24)
      if (!Number.isInteger(prefix) || prefix < 1 || prefix > 32)
        throw invalidArgument(`Invalid IPv4 prefix '${ipv4.prefix}'.`)
      const gateways = Array.isArray(ipv4.gateways) ? ipv4.gateways : []
      for (const g of gateways) if (!isIpv4(g)) throw invalidArgument(`Invalid IPv4 gateway '${String(g)}'.`)
      out.staticIp = { ipAddress: ipv4.ip_address, prefix, gateways }
    } else if (ipv4.type !== 'DHCP') {
      throw invalidArgument(`Unsupported IPv4 configuration type '${String(ipv4.type)}'.`)
    }
  }
  return out
}
