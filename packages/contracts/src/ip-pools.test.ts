import { describe, expect, it } from 'vitest'
import { checkIpPool, checkPoolCapacity, type IpPoolSpec, poolAddresses, poolSize } from './ip-pools.ts'

const range = (over: Partial<IpPoolSpec> = {}): { metadata: { name: string }; spec: IpPoolSpec } => ({
  metadata: { name: 'pool-a' },
  spec: {
    pool: { start: '10.10.183.10', end: '10.10.183.20' },
    prefix: 24,
    gateway: '10.10.183.1',
    nameserver: { addresses: ['8.8.8.8'] },
    restrictToSingleCluster: false,
    ...over,
  },
})
const messages = (problems: { path: unknown[]; message: string }[]) =>
  problems.map((p) => `${p.path.join('.')}: ${p.message}`)

describe('checkIpPool', () => {
  it('accepts a valid range and a valid subnet', () => {
    expect(checkIpPool(range())).toEqual([])
    expect(checkIpPool(range({ pool: { subnet: '10.10.183.64/26' } }))).toEqual([])
  })

  it('needs valid IPv4 addresses for Start, End and Gateway', () => {
    expect(messages(checkIpPool(range({ pool: { start: '10.10.183.300', end: '' }, gateway: 'router' })))).toEqual([
      'spec.gateway: Gateway router is not an IPv4 address, e.g. 10.10.183.1',
      'spec.pool.start: Start 10.10.183.300 is not an IPv4 address, e.g. 10.10.183.1',
      'spec.pool.end: End is required',
    ])
  })

  it('needs Start ≤ End', () => {
    expect(messages(checkIpPool(range({ pool: { start: '10.10.183.20', end: '10.10.183.10' } })))).toEqual([
      'spec.pool.end: End 10.10.183.10 comes before Start 10.10.183.20',
    ])
  })

  it('needs Start and End inside the network of Gateway/Subnet Prefix', () => {
    expect(messages(checkIpPool(range({ pool: { start: '10.10.182.250', end: '10.10.184.5' } })))).toEqual([
      "spec.pool.start: Start 10.10.182.250 is outside the Gateway's network 10.10.183.0/24",
      "spec.pool.end: End 10.10.184.5 is outside the Gateway's network 10.10.183.0/24",
      'spec.gateway: Gateway 10.10.183.1 is inside the range 10.10.182.250 – 10.10.184.5; leave it out of the pool',
    ])
  })

  it('keeps the Gateway address out of the range', () => {
    expect(messages(checkIpPool(range({ gateway: '10.10.183.15' })))).toEqual([
      'spec.gateway: Gateway 10.10.183.15 is inside the range 10.10.183.10 – 10.10.183.20; leave it out of the pool',
    ])
  })

  it("checks a Subnet's syntax, host bits, prefix and network", () => {
    const subnet = (s: string, over: Partial<IpPoolSpec> = {}) =>
      messages(checkIpPool(range({ pool: { subnet: s }, ...over })))
    expect(subnet('10.10.183.64')).toEqual([
      'spec.pool.subnet: Subnet 10.10.183.64 is not an IPv4 CIDR, e.g. 10.10.183.64/26',
    ])
    expect(subnet('10.10.183.65/26')).toEqual([
      'spec.pool.subnet: Subnet 10.10.183.65/26 has host bits set: did you mean 10.10.183.64/26?',
    ])
    expect(subnet('10.10.0.0/16')).toEqual([
      "spec.pool.subnet: Subnet 10.10.0.0/16 is larger than the network's Subnet Prefix /24",
    ])
    expect(subnet('10.10.184.0/26')).toEqual([
      "spec.pool.subnet: Subnet 10.10.184.0/26 is outside the Gateway's network 10.10.183.0/24",
    ])
  })

  it('needs a Subnet Prefix from 1 to 32', () => {
    expect(messages(checkIpPool(range({ prefix: 33 })))).toEqual([
      'spec.prefix: Subnet Prefix is a number from 1 to 32, e.g. 18',
    ])
    expect(messages(checkIpPool(range({ prefix: Number.NaN })))).toContain(
      'spec.prefix: Subnet Prefix is a number from 1 to 32, e.g. 18',
    )
  })

  it('needs name servers to be IPv4 addresses, each on its own index', () => {
    expect(messages(checkIpPool(range({ nameserver: { addresses: ['8.8.8.8', 'dns.google', ''] } })))).toEqual([
      'spec.nameserver.addresses.1: Name server dns.google is not an IPv4 address, e.g. 8.8.8.8',
      'spec.nameserver.addresses.2: Name server (empty) is not an IPv4 address, e.g. 8.8.8.8',
    ])
  })

  it("refuses an overlap with the gateway's other pools, range or subnet", () => {
    const others = [
      { name: 'first', spec: { pool: { start: '10.10.183.18', end: '10.10.183.30' } } },
      { name: 'second', spec: { pool: { subnet: '10.10.183.128/26' } } },
      { name: 'apart', spec: { pool: { start: '10.10.183.40', end: '10.10.183.50' } } },
    ]
    expect(messages(checkIpPool(range(), others))).toEqual([
      "spec.pool.start: Overlaps the gateway's IP pool first (10.10.183.18 – 10.10.183.30)",
    ])
    expect(messages(checkIpPool(range({ pool: { subnet: '10.10.183.128/25' } }), others))).toEqual([
      "spec.pool.subnet: Overlaps the gateway's IP pool second (10.10.183.128/26)",
    ])
    expect(checkIpPool(range({ pool: { start: '10.10.183.31', end: '10.10.183.39' } }), others)).toEqual([])
  })
})

describe('poolAddresses', () => {
  it('enumerates a range, leaving out the gateway', () => {
    expect(poolAddresses({ pool: { start: '10.0.0.254', end: '10.0.1.1' }, gateway: '10.0.0.255' })).toEqual([
      '10.0.0.254',
      '10.0.1.0',
      '10.0.1.1',
    ])
  })

  it('enumerates a subnet without its network, broadcast and gateway addresses', () => {
    const spec = { pool: { subnet: '10.10.183.64/29' }, gateway: '10.10.183.65' }
    expect(poolAddresses(spec)).toEqual([
      '10.10.183.66',
      '10.10.183.67',
      '10.10.183.68',
      '10.10.183.69',
      '10.10.183.70',
    ])
    expect(poolSize(spec)).toBe(5)
    expect(poolAddresses({ pool: { subnet: '10.10.183.64/26' }, gateway: '10.10.183.1' })).toHaveLength(62)
  })

  it('is empty for an invalid spec', () => {
    expect(poolAddresses({ pool: { start: '10.0.0.9', end: '10.0.0.1' }, gateway: '10.0.0.254' })).toEqual([])
  })
})

describe('checkPoolCapacity', () => {
  it('needs nodes + 3 free addresses', () => {
    expect(checkPoolCapacity({ name: 'p', availableIps: 6 }, 3)).toBeUndefined()
    expect(checkPoolCapacity({ name: 'p', availableIps: 5 }, 3)).toEqual({
      needed: 6,
      available: 5,
      message: 'IP pool p has 5 free addresses; 3 nodes need at least 6 (nodes + 3)',
    })
  })
})
