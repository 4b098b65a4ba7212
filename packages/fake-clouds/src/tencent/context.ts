import { createHash, randomBytes } from 'node:crypto'
import type { CloudContext, ResourceRecord } from '../core/types.ts'
import { TencentError } from './errors.ts'
import type { TencentAccountFixture, TencentFixture } from './fixture.ts'

/** One authenticated, authorised call, as the action handlers see it. */
export interface TencentCall {
  ctx: CloudContext
  fixture: TencentFixture
  account: TencentAccountFixture
  /** X-TC-Region, checked against the fixture's regions when the action needs one. */
  region: string
  action: string
  params: Record<string, any>
}

export type ActionHandler = (call: TencentCall) => Record<string, unknown>

/** Default simulated durations (ms); fixtures/tencent.yaml `durations` overrides them. */
export const DEFAULT_DURATIONS: Record<string, number> = {
  'tke.cluster.create': 420_000,
  'tke.cluster.delete': 180_000,
  'tke.nodepool.create': 60_000,
  'tke.nodepool.delete': 120_000,
  'tke.instance.create': 240_000,
  'tke.instance.delete': 90_000,
  'tke.endpoint.create': 90_000,
  'tke.endpoint.delete': 30_000,
}

export function duration(call: TencentCall, key: string): number {
  return call.ctx.durations[key] ?? DEFAULT_DURATIONS[key] ?? 60_000
}

/** Resource types this module keeps in the store. */
export const T = {
  cluster: 'tke.cluster',
  nodePool: 'tke.nodepool',
  endpoint: 'tke.endpoint',
  instance: 'cvm.instance',
  vpc: 'vpc.vpc',
  subnet: 'vpc.subnet',
  securityGroup: 'vpc.securitygroup',
  natGateway: 'vpc.natgateway',
  routeTable: 'vpc.routetable',
  keyPair: 'cvm.keypair',
} as const

/** A random Tencent-style id: prefix-xxxxxxxx (8 lower-case alphanumerics). */
export function newId(prefix: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  const bytes = randomBytes(8)
  return `${prefix}-${[...bytes].map((b) => alphabet[b % alphabet.length]).join('')}`
}

/** A deterministic id for seeded resources, so ids survive /_admin/reset and restarts. */
export function stableId(prefix: string, ...parts: string[]): string {
  const hash = BigInt(`0x${createHash('sha256').update(parts.join('/')).digest('hex').slice(0, 16)}`)
  return `${prefix}-${hash.toString(36).padStart(8, '0').slice(-8)}`
}

export function getResource(call: TencentCall, type: string, id: string): ResourceRecord | undefined {
  return call.ctx.store.get({ cloud: 'tencent', account: call.account.uin, region: call.region, type, id })
}

export function listResources(call: TencentCall, type: string, parentId?: string): ResourceRecord[] {
  return call.ctx.store.list({ cloud: 'tencent', account: call.account.uin, region: call.region, type, parentId })
}

/** TKE's time format, e.g. 2026-11-23T18:31:21Z. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`
}

/** VPC/CVM's time format, e.g. 2026-11-23 18:31:21. */
export function spaceSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

export function tagsToList(tags: Record<string, string>): Array<{ Key: string; Value: string }> {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))
}

export interface Filter {
  Name: string
  Values: string[]
}

/**
 * Applies Tencent `Filters` (OR within one filter's values, AND across filters).
 * `tag-key` and `tag:<key>` work on every resource; other names need a getter. Unknown names
 * are rejected the way Tencent does.
 */
export function applyFilters(
  records: ResourceRecord[],
  filters: unknown,
  getters: Record<string, (r: ResourceRecord) => string | string[] | undefined>,
): ResourceRecord[] {
  if (filters === undefined || filters === null) return records
  if (!Array.isArray(filters)) throw new TencentError('InvalidParameter', 'Filters must be an array.')
  let out = records
  for (const f of filters as Filter[]) {
    const values = (f.Values ?? []).map(String)
    if (f.Name === 'tag-key') {
      out = out.filter((r) => values.some((v) => v in r.tags))
    } else if (f.Name?.startsWith('tag:')) {
      const key = f.Name.slice(4)
      out = out.filter((r) => r.tags[key] !== undefined && values.includes(r.tags[key]!))
    } else {
      const get = getters[f.Name]
      if (!get) throw new TencentError('InvalidParameterValue', `The filter \`${f.Name}\` is not supported.`)
      out = out.filter((r) => {
        const v = get(r)
        const have = Array.isArray(v) ? v : v === undefined ? [] : [v]
        return have.some((h) => values.includes(String(h)))
      })
    }
  }
  return out
}

/** Offset/Limit paging; VPC sends them as strings, TKE and CVM as numbers. */
export function page<X>(items: X[], offset: unknown, limit: unknown, defaultLimit = 20): X[] {
  const o = offset === undefined || offset === null || offset === '' ? 0 : Number(offset)
  const l = limit === undefined || limit === null || limit === '' ? defaultLimit : Number(limit)
  if (!Number.isInteger(o) || o < 0 || !Number.isInteger(l) || l < 0) {
    throw new TencentError('InvalidParameterValue', 'Offset and Limit must be non-negative integers.')
  }
  return items.slice(o, o + l)
}

/** Throws MissingParameter unless `name` is present. */
export function required<V>(params: Record<string, unknown>, name: string): V {
  const v = params[name]
  if (v === undefined || v === null || v === '') {
    throw new TencentError('MissingParameter', `The request is missing a required parameter \`${name}\`.`)
  }
  return v as V
}

/** Parses a JSON string parameter (RunInstancesPara, AutoScalingGroupPara, …). */
export function jsonParam(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'string') throw new TencentError('InvalidParameter.Param', `${name} must be a JSON string.`)
  try {
    const parsed: unknown = JSON.parse(value)
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object')
    return parsed as Record<string, unknown>
  } catch {
    throw new TencentError('InvalidParameter.Param', `${name} is not a valid JSON object.`)
  }
}
