/** An IPv4 CIDR block as a range of addresses (numbers, so ranges compare without bit tricks on signed ints). */
export interface Ipv4Range {
  /** First address of the block (the network address). */
  first: number
  /** Last address of the block. */
  last: number
  prefix: number
  /** True when the address has no host bits set (`10.0.0.0/16`, not `10.0.0.1/16`). */
  canonical: boolean
  /** The block written canonically (`10.0.0.0/16` for `10.0.0.1/16`). */
  network: string
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/

/** Reads `a.b.c.d/n`; undefined for anything else (octets over 255, a prefix over 32, spaces, IPv6). */
export function parseIpv4Cidr(text: string): Ipv4Range | undefined {
  const match = CIDR.exec(text)
  if (!match) return undefined
  const octets = match.slice(1, 5).map(Number)
  const prefix = Number(match[5])
  if (octets.some((o) => o > 255) || prefix > 32) return undefined
  if (match.slice(1, 5).some((o) => o.length > 1 && o.startsWith('0'))) return undefined
  const address = octets.reduce((n, o) => n * 256 + o, 0)
  const size = 2 ** (32 - prefix)
  const first = Math.floor(address / size) * size
  const network = [24, 16, 8, 0].map((shift) => Math.floor(first / 2 ** shift) % 256).join('.')
  return { first, last: first + size - 1, prefix, canonical: first === address, network: `${network}/${prefix}` }
}

export function rangesOverlap(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last
}

/** True when both parse and share at least one address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseIpv4Cidr(a)
  const y = parseIpv4Cidr(b)
  return x !== undefined && y !== undefined && rangesOverlap(x, y)
}

const NON_PUBLIC = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '100.64.0.0/10', '169.254.0.0/16']
  .map(parseIpv4Cidr)
  .filter((r): r is Ipv4Range => r !== undefined)

/** True when the whole block lies in a private, shared, loopback or link-local range (never a public source address). */
export function isNonPublicRange(cidr: string): boolean {
  const range = parseIpv4Cidr(cidr)
  return range !== undefined && NON_PUBLIC.some((n) => n.first <= range.first && range.last <= n.last)
}

/** Problems of a list of CIDR blocks: syntax, host bits, repeats and overlaps, by index. */
export function checkCidrList(cidrs: readonly string[], what: string): Array<{ index: number; message: string }> {
  const problems: Array<{ index: number; message: string }> = []
  const seen: Array<{ index: number; text: string; range: Ipv4Range }> = []
  cidrs.forEach((text, index) => {
    const range = parseIpv4Cidr(text)
    if (!range) {
      problems.push({ index, message: `${text || '(empty)'} is not an IPv4 CIDR such as 203.0.113.0/24` })
      return
    }
    if (!range.canonical) {
      problems.push({ index, message: `${text} has host bits set: did you mean ${range.network}?` })
      return
    }
    const clash = seen.find((s) => rangesOverlap(s.range, range))
    if (clash) {
      problems.push({
        index,
        message:
          clash.text === text
            ? `${text} is already in the ${what}`
            : `${text} overlaps ${clash.text}, already in the ${what}`,
      })
      return
    }
    seen.push({ index, text, range })
  })
  return problems
}
