import {
  checkIpPool,
  type IpPool,
  type IpPoolBody,
  type IpPoolSpec,
  ipPoolBodySchema,
  type OtherIpPool,
} from '@console/contracts'
import { flatResolver } from './flat-resolver.ts'

/**
 * The IP pool form over the shared contract (`packages/contracts/src/ip-pools.ts`): the body's shape
 * and `checkIpPool`, the rules the server runs again, including no overlap with the gateway's other pools.
 */
export type { IpPool, IpPoolBody }

/** What the IP pool form's inputs hold. */
export interface IpPoolFormValues {
  name: string
  networkType: 'range' | 'subnet'
  start: string
  end: string
  subnet: string
  prefix: string
  gateway: string
  nameservers: string
  restrictToSingleCluster: boolean
}

export function ipPoolFormDefaults(pool?: IpPool): IpPoolFormValues {
  return {
    name: pool?.metadata.name ?? '',
    networkType: pool?.spec.pool.subnet ? 'subnet' : 'range',
    start: pool?.spec.pool.start ?? '',
    end: pool?.spec.pool.end ?? '',
    subnet: pool?.spec.pool.subnet ?? '',
    prefix: pool ? String(pool.spec.prefix) : '',
    gateway: pool?.spec.gateway ?? '',
    nameservers: pool?.spec.nameserver.addresses.join(', ') ?? '',
    restrictToSingleCluster: pool?.spec.restrictToSingleCluster ?? false,
  }
}

export function toIpPoolBody(v: IpPoolFormValues) {
  const prefixText = v.prefix.trim().replace(/^\//, '')
  return {
    metadata: { name: v.name },
    spec: {
      pool: v.networkType === 'range' ? { start: v.start, end: v.end } : { subnet: v.subnet },
      prefix: prefixText === '' || !/^\d+$/.test(prefixText) ? Number.NaN : Number(prefixText),
      gateway: v.gateway,
      nameserver: {
        addresses: v.nameservers
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      },
      restrictToSingleCluster: v.restrictToSingleCluster,
    },
  }
}

/** A body path (a form error from the schema, or a 400 field error from the server) → its input. */
export function ipPoolFieldFor(path: readonly PropertyKey[]): keyof IpPoolFormValues | undefined {
  const [a, b, c] = path.map(String)
  if (a === 'metadata' && b === 'name') return 'name'
  if (a !== 'spec') return undefined
  if (b === 'pool') return c === 'start' || c === 'end' || c === 'subnet' ? c : undefined
  if (b === 'prefix') return 'prefix'
  if (b === 'gateway') return 'gateway'
  if (b === 'nameserver') return 'nameservers'
  if (b === 'restrictToSingleCluster') return 'restrictToSingleCluster'
  return undefined
}

/** The resolver for a pool of a gateway whose other pools are `otherPools()` (read on every check). */
export function ipPoolResolver(otherPools: () => readonly OtherIpPool[]) {
  return flatResolver<IpPoolFormValues, typeof ipPoolBodySchema>(ipPoolBodySchema, toIpPoolBody, ipPoolFieldFor, (v) =>
    checkIpPool(toIpPoolBody(v) as { metadata: { name: string }; spec: IpPoolSpec }, otherPools()),
  )
}

/** A stored pool as the overlap rule reads it. */
export function toOtherPool(pool: IpPool): OtherIpPool {
  const { start, end, subnet } = pool.spec.pool
  return { name: pool.metadata.name, spec: { pool: subnet ? { subnet } : { start: start ?? '', end: end ?? '' } } }
}

/** Shown in the list: the pool's addresses as the user entered them. */
export function describePoolAddresses(pool: IpPool): string {
  const { start, end, subnet } = pool.spec.pool
  return subnet ? subnet : `${start ?? '?'} – ${end ?? '?'}`
}

export function clusterNames(pool: IpPool): string[] {
  return pool.status.associatedClusters.map((c) => c.name)
}
