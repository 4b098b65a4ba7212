import { z } from 'zod'
import { type FlatIssue, flatResolver } from './flat-resolver.ts'

/**
 * IP pools of a gateway, shaped as palette-api.md spells them:
 * `{metadata{name}, spec{pool{start, end} or {subnet}, prefix, gateway, nameserver{addresses[]},
 * restrictToSingleCluster}}`, `status{allottedIps, availableIps, associatedClusters, inUse}`.
 *
 * SHARED RULES PLUG-IN POINT: `packages/contracts/src/ip-pools.ts` (with its `checkIpPool` rules
 * function) did not exist when this was written. When it lands, replace `ipPoolBodySchema` and
 * `checkIpPoolRules` below with the contract's schema / `checkIpPool`, so the browser checks exactly
 * what the server checks. Until then these are the same rules written from the seed's field table.
 */

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

export function isIpv4(text: string): boolean {
  return ipv4.test(text)
}

export function ipv4ToNumber(text: string): number {
  return text.split('.').reduce((n, part) => n * 256 + Number(part), 0)
}

const address = (what: string) =>
  z.string().trim().min(1, `${what} is required`).refine(isIpv4, `${what} must be an IPv4 address, e.g. 10.10.183.1`)

const rangeSchema = z.object({ start: address('Start'), end: address('End') })
const subnetSchema = z.object({
  subnet: z
    .string()
    .trim()
    .min(1, 'Subnet is required')
    .refine((s) => {
      const [ip, bits, extra] = s.split('/')
      return extra === undefined && !!ip && isIpv4(ip) && /^\d{1,2}$/.test(bits ?? '') && Number(bits) <= 32
    }, 'Subnet must be a CIDR, e.g. 10.10.183.64/26'),
})

export const ipPoolBodySchema = z
  .object({
    metadata: z.object({
      name: z.string().trim().min(1, 'Name is required').max(63, 'Name is at most 63 characters'),
    }),
    spec: z.object({
      pool: z.union([rangeSchema, subnetSchema]),
      prefix: z
        .number({ error: 'Subnet Prefix is a number from 1 to 32, e.g. 18' })
        .int('Subnet Prefix is a whole number')
        .min(1, 'Subnet Prefix is a number from 1 to 32, e.g. 18')
        .max(32, 'Subnet Prefix is a number from 1 to 32, e.g. 18'),
      gateway: address('Gateway'),
      nameserver: z.object({
        addresses: z.array(z.string().refine(isIpv4, 'Name server addresses must be IPv4 addresses, e.g. 8.8.8.8')),
      }),
      restrictToSingleCluster: z.boolean(),
    }),
  })
  .superRefine((body, ctx) => {
    for (const issue of checkIpPoolRules(body))
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message })
  })
export type IpPoolBody = z.infer<typeof ipPoolBodySchema>

/** The rules across fields (the shared `checkIpPool` goes here). */
export function checkIpPoolRules(body: {
  spec: { pool: { start: string; end: string } | { subnet: string }; prefix: number; gateway: string }
}): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = []
  const { pool, prefix, gateway } = body.spec
  if ('start' in pool && isIpv4(pool.start) && isIpv4(pool.end)) {
    if (ipv4ToNumber(pool.end) < ipv4ToNumber(pool.start))
      issues.push({ path: ['spec', 'pool', 'end'], message: 'End must not come before Start' })
    else if (isIpv4(gateway) && prefix >= 1 && prefix <= 32) {
      const mask = prefix === 32 ? 0xffffffff : (0xffffffff << (32 - prefix)) >>> 0
      const net = (ip: string) => (ipv4ToNumber(ip) & mask) >>> 0
      if (net(pool.start) !== net(gateway) || net(pool.end) !== net(gateway))
        issues.push({
          path: ['spec', 'pool', 'end'],
          message: `Start and End must be in the Gateway's network (${gateway}/${prefix})`,
        })
    }
  }
  return issues
}

export const ipPoolSchema = z.object({
  metadata: z.object({ uid: z.string(), name: z.string() }),
  spec: z.object({
    pool: z.object({ start: z.string().optional(), end: z.string().optional(), subnet: z.string().optional() }),
    prefix: z.number(),
    gateway: z.string(),
    nameserver: z.object({ addresses: z.array(z.string()).default([]) }).default({ addresses: [] }),
    restrictToSingleCluster: z.boolean().default(false),
  }),
  status: z
    .object({
      allottedIps: z.array(z.string()).or(z.number()).optional(),
      availableIps: z.number().optional(),
      inUse: z.boolean().or(z.number()).optional(),
      associatedClusters: z
        .array(z.union([z.string(), z.object({ uid: z.string().optional(), name: z.string().optional() })]))
        .default([]),
    })
    .default({ associatedClusters: [] }),
})
export type IpPool = z.infer<typeof ipPoolSchema>
export const ipPoolListSchema = z.object({ items: z.array(ipPoolSchema) })

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

/** The union's issues say "invalid input"; check the chosen branch so errors land on Start/End or Subnet. */
function poolIssues(values: IpPoolFormValues): FlatIssue[] {
  const branch = values.networkType === 'range' ? rangeSchema : subnetSchema
  const pool = values.networkType === 'range' ? { start: values.start, end: values.end } : { subnet: values.subnet }
  const parsed = branch.safeParse(pool)
  const own = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: ['spec', 'pool', ...i.path], message: i.message }))
  // zod skips a superRefine while any field is invalid; the cross-field rules are run here regardless.
  return [...own, ...checkIpPoolRules(toIpPoolBody(values))]
}

export const ipPoolResolver = flatResolver<IpPoolFormValues, typeof ipPoolBodySchema>(
  ipPoolBodySchema,
  toIpPoolBody,
  ipPoolFieldFor,
  poolIssues,
)

/** Shown in the list: the pool's addresses as the user entered them. */
export function describePoolAddresses(pool: IpPool): string {
  const { start, end, subnet } = pool.spec.pool
  return subnet ? subnet : `${start ?? '?'} – ${end ?? '?'}`
}

export function clusterNames(pool: IpPool): string[] {
  return pool.status.associatedClusters.map((c) => (typeof c === 'string' ? c : (c.name ?? c.uid ?? '?')))
}
