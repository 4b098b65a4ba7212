/** IPv4 CIDR helpers for TKE's network checks. */

export interface Cidr {
  start: number
  end: number
}

/** Parses a.b.c.d/n; undefined when malformed. */
export function parseCidr(text: unknown): Cidr | undefined {
  if (typeof text !== 'string') return undefined
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text)
  if (!m) return undefined
  const octets = m.slice(1, 5).map(Number)
  const bits = Number(m[5])
  if (octets.some((o) => o > 255) || bits > 32) return undefined
  const ip = octets.reduce((n, o) => n * 256 + o, 0)
  const size = 2 ** (32 - bits)
  const start = Math.floor(ip / size) * size
  return { start, end: start + size - 1 }
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.start <= b.end && b.start <= a.end
}

const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => parseCidr(c)!)

/** Inside one of the RFC 1918 ranges. */
export function isPrivate(c: Cidr): boolean {
  return PRIVATE.some((p) => c.start >= p.start && c.end <= p.end)
}
