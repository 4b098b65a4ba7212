/** IPv4 CIDR arithmetic for subnet placement and private address allocation. */
export interface Cidr {
  base: number
  prefix: number
}

export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return Number.NaN
  return (((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!) >>> 0
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** Parse "10.0.0.0/16"; undefined when malformed or when host bits are set. */
export function parseCidr(s: string | undefined): Cidr | undefined {
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d{1,2})$/.exec(s ?? '')
  if (!m) return undefined
  const base = ipToInt(m[1]!)
  const prefix = Number(m[2])
  if (Number.isNaN(base) || prefix > 32) return undefined
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0
  if ((base & mask) >>> 0 !== base) return undefined
  return { base, prefix }
}

export function size(c: Cidr): number {
  return 2 ** (32 - c.prefix)
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return (
    inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base + size(inner) <= outer.base + size(outer)
  )
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a)
}

/** AWS reserves the first four and the last address of every subnet. */
export function usableAddresses(c: Cidr): number {
  return Math.max(0, size(c) - 5)
}

/** The n-th assignable host address (n from 0), after AWS's four reserved ones. */
export function hostAddress(c: Cidr, n: number): string {
  return intToIp(c.base + 4 + n)
}
