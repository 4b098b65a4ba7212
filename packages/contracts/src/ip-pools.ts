import { z } from 'zod'
import { parseIpv4Cidr } from './clusters/cidr.ts'
import { displayNameSchema } from './common.ts'

/**
 * IP pools of a Private Cloud Gateway (palette-api.md "Private Cloud Gateways … and IP pools"; seed 003).
 * UI labels: Name, Network Type (Range: Start, End; Subnet: Subnet), Subnet Prefix, Gateway,
 * Name server addresses, Restrict to a Single Cluster. Everything here is pure so the browser runs
 * {@link checkIpPool} as the user types and the server runs it again.
 */

export const ipPoolRangeSchema = z.object({ start: z.string().trim(), end: z.string().trim() })
export const ipPoolSubnetSchema = z.object({ subnet: z.string().trim() })

export const ipPoolSpecSchema = z.object({
  pool: z.union([ipPoolRangeSchema, ipPoolSubnetSchema]),
  /** Subnet Prefix, e.g. 18 for /18. */
  prefix: z.number().int(),
  /** The network's gateway (router) address. */
  gateway: z.string().trim(),
  nameserver: z.object({ addresses: z.array(z.string().trim()).default([]) }).default({ addresses: [] }),
  restrictToSingleCluster: z.boolean().default(false),
})
export type IpPoolSpec = z.infer<typeof ipPoolSpecSchema>

/** The create / update body. Shape only: the rules are {@link checkIpPool} (the server answers 422 with them). */
export const ipPoolBodySchema = z.object({
  metadata: z.object({ name: displayNameSchema }),
  spec: ipPoolSpecSchema,
})
export type IpPoolBody = z.infer<typeof ipPoolBodySchema>

export const ipPoolStatusSchema = z.object({
  /** The addresses held by clusters or gateway nodes. */
  allottedIps: z.array(z.string()),
  /** How many addresses are still free. */
  availableIps: z.number().int(),
  associatedClusters: z.array(z.object({ uid: z.string(), name: z.string() })),
  /** True while any address is held. */
  inUse: z.boolean(),
})

export const ipPoolSchema = z.object({
  metadata: z.object({
    uid: z.string(),
    name: z.string(),
    creationTimestamp: z.string(),
    lastModifiedTimestamp: z.string(),
  }),
  spec: z.object({
    pool: z.object({ start: z.string().optional(), end: z.string().optional(), subnet: z.string().optional() }),
    prefix: z.number(),
    gateway: z.string(),
    nameserver: z.object({ addresses: z.array(z.string()) }),
    restrictToSingleCluster: z.boolean(),
  }),
  status: ipPoolStatusSchema,
})
export type IpPool = z.infer<typeof ipPoolSchema>
export const ipPoolListSchema = z.object({ items: z.array(ipPoolSchema) })

export const ipPoolParamsSchema = z.object({ uid: z.string(), poolUid: z.string() })

export interface IpPoolProblem {
  path: (string | number)[]
  message: string
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

export function isIpv4(text: string): boolean {
  return IPV4.test(text)
}

/** `a.b.c.d` → number (callers check {@link isIpv4} first). */
export function ipv4ToNumber(text: string): number {
  return text.split('.').reduce((n, o) => n * 256 + Number(o), 0)
}

export function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.')
}

/** The network (first, last) of `address/prefix`. */
function networkOf(address: number, prefix: number): { first: number; last: number } {
  const size = 2 ** (32 - prefix)
  const first = Math.floor(address / size) * size
  return { first, last: first + size - 1 }
}

/**
 * The addresses a pool hands out, as [first, last] numbers, or undefined when the spec is not valid
 * enough to tell. A Range is its Start..End without the gateway address; a Subnet is its block without
 * the network and broadcast addresses (for blocks of more than two) and without the gateway.
 */
function poolBounds(spec: Pick<IpPoolSpec, 'pool'>): { first: number; last: number } | undefined {
  if ('start' in spec.pool) {
    const { start, end } = spec.pool
    if (!isIpv4(start) || !isIpv4(end)) return undefined
    const first = ipv4ToNumber(start)
    const last = ipv4ToNumber(end)
    return first <= last ? { first, last } : undefined
  }
  const block = parseIpv4Cidr(spec.pool.subnet)
  if (!block) return undefined
  if (block.prefix >= 31) return { first: block.first, last: block.last }
  return { first: block.first + 1, last: block.last - 1 }
}

/** Every usable address of the pool, lowest first (empty when the spec is invalid). */
export function poolAddresses(spec: Pick<IpPoolSpec, 'pool' | 'gateway'>): string[] {
  const bounds = poolBounds(spec)
  if (!bounds) return []
  const gateway = isIpv4(spec.gateway) ? ipv4ToNumber(spec.gateway) : -1
  const out: string[] = []
  for (let n = bounds.first; n <= bounds.last; n++) if (n !== gateway) out.push(numberToIpv4(n))
  return out
}

/** How many usable addresses the pool has, without enumerating them. */
export function poolSize(spec: Pick<IpPoolSpec, 'pool' | 'gateway'>): number {
  const bounds = poolBounds(spec)
  if (!bounds) return 0
  const gateway = isIpv4(spec.gateway) ? ipv4ToNumber(spec.gateway) : -1
  const count = bounds.last - bounds.first + 1
  return gateway >= bounds.first && gateway <= bounds.last ? count - 1 : count
}

/** A pool larger than this is refused: the allocator enumerates addresses (a /16 is 65 534). */
export const MAX_POOL_ADDRESSES = 65_536

/** Another pool of the same gateway, for the overlap rule. */
export interface OtherIpPool {
  name: string
  spec: Pick<IpPoolSpec, 'pool'>
}

/**
 * Every problem of a pool body, each with the path of the field to show it on:
 * valid IPv4s; Start ≤ End; Start and End inside the network of Gateway/Subnet Prefix (or inside the
 * Subnet); the Gateway inside that network but outside the range; a Subnet's prefix equal to Subnet
 * Prefix (and without host bits); name servers valid IPv4s; no overlap with the gateway's other pools.
 */
export function checkIpPool(
  body: { metadata?: { name?: string }; spec: IpPoolSpec },
  otherPools: readonly OtherIpPool[] = [],
): IpPoolProblem[] {
  const problems: IpPoolProblem[] = []
  const add = (path: (string | number)[], message: string) => problems.push({ path: ['spec', ...path], message })
  const { pool, prefix, gateway } = body.spec
  const addresses = body.spec.nameserver?.addresses ?? []

  const prefixOk = Number.isInteger(prefix) && prefix >= 1 && prefix <= 32
  if (!prefixOk) add(['prefix'], 'Subnet Prefix is a number from 1 to 32, e.g. 18')

  const gatewayOk = isIpv4(gateway)
  if (!gatewayOk)
    add(['gateway'], gateway ? `Gateway ${gateway} is not an IPv4 address, e.g. 10.10.183.1` : 'Gateway is required')
  const network = gatewayOk && prefixOk ? networkOf(ipv4ToNumber(gateway), prefix) : undefined
  const networkText = network ? `${numberToIpv4(network.first)}/${prefix}` : ''

  let bounds: { first: number; last: number } | undefined
  if ('start' in pool) {
    const startOk = isIpv4(pool.start)
    const endOk = isIpv4(pool.end)
    if (!startOk)
      add(
        ['pool', 'start'],
        pool.start ? `Start ${pool.start} is not an IPv4 address, e.g. 10.10.183.1` : 'Start is required',
      )
    if (!endOk)
      add(['pool', 'end'], pool.end ? `End ${pool.end} is not an IPv4 address, e.g. 10.10.183.100` : 'End is required')
    if (startOk && endOk) {
      const first = ipv4ToNumber(pool.start)
      const last = ipv4ToNumber(pool.end)
      if (first > last) add(['pool', 'end'], `End ${pool.end} comes before Start ${pool.start}`)
      else bounds = { first, last }
      if (network) {
        if (first < network.first || first > network.last) {
          add(['pool', 'start'], `Start ${pool.start} is outside the Gateway's network ${networkText}`)
        }
        if (last < network.first || last > network.last) {
          add(['pool', 'end'], `End ${pool.end} is outside the Gateway's network ${networkText}`)
        }
      }
    }
  } else {
    const block = parseIpv4Cidr(pool.subnet)
    if (!block) {
      add(
        ['pool', 'subnet'],
        pool.subnet ? `Subnet ${pool.subnet} is not an IPv4 CIDR, e.g. 10.10.183.64/26` : 'Subnet is required',
      )
    } else if (!block.canonical) {
      add(['pool', 'subnet'], `Subnet ${pool.subnet} has host bits set: did you mean ${block.network}?`)
    } else {
      bounds = poolBounds(body.spec)
      if (prefixOk && block.prefix < prefix) {
        add(['pool', 'subnet'], `Subnet ${pool.subnet} is larger than the network's Subnet Prefix /${prefix}`)
      } else if (network && (block.first < network.first || block.last > network.last)) {
        add(['pool', 'subnet'], `Subnet ${pool.subnet} is outside the Gateway's network ${networkText}`)
      }
    }
  }

  if (bounds && gatewayOk) {
    const g = ipv4ToNumber(gateway)
    if ('start' in pool && g >= bounds.first && g <= bounds.last) {
      add(
        ['gateway'],
        `Gateway ${gateway} is inside the range ${pool.start} – ${'end' in pool ? pool.end : ''}; leave it out of the pool`,
      )
    }
  }
  if (bounds && bounds.last - bounds.first + 1 > MAX_POOL_ADDRESSES) {
    add(['pool'], `A pool holds at most ${MAX_POOL_ADDRESSES} addresses`)
  }

  addresses.forEach((address, index) => {
    if (!isIpv4(address))
      add(
        ['nameserver', 'addresses', index],
        `Name server ${address || '(empty)'} is not an IPv4 address, e.g. 8.8.8.8`,
      )
  })

  if (bounds) {
    for (const other of otherPools) {
      const theirs = poolBounds(other.spec)
      if (theirs && bounds.first <= theirs.last && theirs.first <= bounds.last) {
        const where = 'start' in pool ? ['pool', 'start'] : ['pool', 'subnet']
        const shown =
          'subnet' in other.spec.pool ? other.spec.pool.subnet : `${other.spec.pool.start} – ${other.spec.pool.end}`
        add(where, `Overlaps the gateway's IP pool ${other.name} (${shown})`)
      }
    }
  }
  return problems
}

/** A cluster that uses a pool needs at least its nodes + 3 addresses (rolling updates add nodes). */
export const POOL_HEADROOM = 3

/** The capacity rule the cluster validation calls: undefined when enough addresses are free, else why not. */
export function checkPoolCapacity(
  pool: { name: string; availableIps: number },
  nodes: number,
): { message: string; needed: number; available: number } | undefined {
  const needed = nodes + POOL_HEADROOM
  if (pool.availableIps >= needed) return undefined
  return {
    needed,
    available: pool.availableIps,
    message: `IP pool ${pool.name} has ${pool.availableIps} free address${pool.availableIps === 1 ? '' : 'es'}; ${nodes === 1 ? '1 node needs' : `${nodes} nodes need`} at least ${needed} (nodes + ${POOL_HEADROOM})`,
  }
}
