/**
 * Reads Query-protocol requests and writes XML replies by walking the installed SDK's own
 * Smithy schemas (exported as `Foo$` by every @aws-sdk/client-*), so member names, list
 * wrappers (`item` for EC2, `member` for awsQuery) and scalar encodings are exactly what
 * the SDK serializes and expects, without a hand-written name table per shape.
 *
 * Schema encoding (from @smithy/core/schema): struct `[3|-3, ns, name, traits, names[], members[]]`,
 * list `[1, ns, name, traits, member]`, map `[2, ns, name, traits, key, value]`, operation
 * `[9, ns, name, traits, input, output]`; a member is `ref` or `[ref, traits]`; `ref` may be a
 * thunk; numeric refs are scalars (0 string, 1 number, 2 boolean, 4-7 timestamp, |64 list of, |128 map of).
 */

export type Dialect = 'ec2' | 'query'

type Traits = Record<string, unknown>
type Resolved =
  | { kind: 'scalar'; code: number; traits: Traits }
  | { kind: 'struct'; names: string[]; members: unknown[]; traits: Traits }
  | { kind: 'list'; member: unknown; traits: Traits }
  | { kind: 'map'; key: unknown; value: unknown; traits: Traits }

function resolve(ref: unknown, extra: Traits = {}): Resolved {
  let s = typeof ref === 'function' ? (ref as () => unknown)() : ref
  let traits: Traits = { ...extra }
  if (Array.isArray(s) && s.length === 2) {
    const t = s[1]
    if (typeof t === 'object' && t !== null) traits = { ...(t as Traits), ...traits }
    s = typeof s[0] === 'function' ? (s[0] as () => unknown)() : s[0]
  }
  if (typeof s === 'number') {
    if (s & 64) return { kind: 'list', member: s & ~64, traits }
    if (s & 128) return { kind: 'map', key: 0, value: s & ~128, traits }
    return { kind: 'scalar', code: s, traits }
  }
  if (!Array.isArray(s)) return { kind: 'scalar', code: 0, traits }
  const own = typeof s[3] === 'object' && s[3] !== null ? (s[3] as Traits) : {}
  const merged = { ...own, ...traits }
  switch (s[0]) {
    case 3:
    case -3:
      return { kind: 'struct', names: s[4] as string[], members: s[5] as unknown[], traits: merged }
    case 1:
      return { kind: 'list', member: s[4], traits: merged }
    case 2:
      return { kind: 'map', key: s[4], value: s[5], traits: merged }
    default:
      return { kind: 'scalar', code: 0, traits: merged }
  }
}

function isTimestamp(code: number): boolean {
  return code >= 4 && code <= 7
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** The query key of a struct member: EC2 prefers ec2QueryName, then the capitalized xmlName. */
function queryKey(name: string, traits: Traits, dialect: Dialect): string {
  if (dialect === 'ec2') {
    if (typeof traits.ec2QueryName === 'string') return traits.ec2QueryName
    if (typeof traits.xmlName === 'string') return capitalize(traits.xmlName)
    return capitalize(name)
  }
  return typeof traits.xmlName === 'string' ? traits.xmlName : name
}

function indices(params: URLSearchParams, prefix: string): number[] {
  const found = new Set<number>()
  for (const key of params.keys()) {
    if (!key.startsWith(prefix)) continue
    const n = Number.parseInt(key.slice(prefix.length).split('.')[0] ?? '', 10)
    if (Number.isInteger(n) && n > 0) found.add(n)
  }
  return [...found].sort((a, b) => a - b)
}

function hasPrefix(params: URLSearchParams, prefix: string): boolean {
  for (const key of params.keys()) if (key === prefix || key.startsWith(`${prefix}.`)) return true
  return false
}

function readValue(params: URLSearchParams, key: string, r: Resolved, dialect: Dialect): unknown {
  if (r.kind === 'scalar') {
    const raw = params.get(key)
    if (raw === null) return undefined
    if (r.code === 1) return Number(raw)
    if (r.code === 2) return raw === 'true'
    if (isTimestamp(r.code)) return new Date(raw)
    return raw
  }
  if (r.kind === 'struct') {
    if (!hasPrefix(params, key)) return undefined
    return readStruct(params, `${key}.`, r, dialect)
  }
  if (r.kind === 'list') {
    const flat = dialect === 'ec2' || r.traits.xmlFlattened === 1 || r.traits.xmlFlattened === true
    const base = flat ? `${key}.` : `${key}.member.`
    const idx = indices(params, base)
    if (idx.length === 0) return params.has(key) && dialect === 'query' ? [] : undefined
    const member = resolve(r.member)
    return idx.map((i) => readValue(params, `${base}${i}`, member, dialect))
  }
  const base = `${key}.entry.`
  const idx = indices(params, base)
  if (idx.length === 0) return undefined
  const out: Record<string, unknown> = {}
  const value = resolve(r.value)
  for (const i of idx) {
    const k = params.get(`${base}${i}.key`)
    if (k !== null) out[k] = readValue(params, `${base}${i}.value`, value, dialect)
  }
  return out
}

function readStruct(params: URLSearchParams, prefix: string, r: Resolved & { kind: 'struct' }, dialect: Dialect) {
  const out: Record<string, unknown> = {}
  r.names.forEach((name, i) => {
    const member = resolve(r.members[i])
    const v = readValue(params, prefix + queryKey(name, member.traits, dialect), member, dialect)
    if (v !== undefined) out[name] = v
  })
  return out
}

/** Decode a form body into the SDK's input shape (`RunInstancesRequest`, `CreateLoadBalancerInput`, …). */
export function readQueryInput<T>(inputSchema: unknown, params: URLSearchParams, dialect: Dialect): T {
  const r = resolve(inputSchema)
  if (r.kind !== 'struct') return {} as T
  return readStruct(params, '', r, dialect) as T
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function scalarText(v: unknown, code: number): string {
  if (isTimestamp(code)) {
    const d = v instanceof Date ? v : new Date(v as string | number)
    return d.toISOString()
  }
  return escapeXml(String(v))
}

function writeValue(name: string, v: unknown, r: Resolved, dialect: Dialect): string {
  if (v === undefined || v === null) return ''
  if (r.kind === 'scalar') return `<${name}>${scalarText(v, r.code)}</${name}>`
  if (r.kind === 'struct') return `<${name}>${writeStruct(v as Record<string, unknown>, r, dialect)}</${name}>`
  if (r.kind === 'list') {
    const member = resolve(r.member)
    const flat = r.traits.xmlFlattened === 1 || r.traits.xmlFlattened === true
    const memberName =
      typeof member.traits.xmlName === 'string' ? member.traits.xmlName : dialect === 'ec2' ? 'item' : 'member'
    const items = (v as unknown[]).map((x) => writeValue(flat ? name : memberName, x, member, dialect)).join('')
    return flat ? items : `<${name}>${items}</${name}>`
  }
  const value = resolve(r.value)
  const entries = Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `<entry><key>${escapeXml(k)}</key>${writeValue('value', x, value, dialect)}</entry>`)
    .join('')
  return `<${name}>${entries}</${name}>`
}

function writeStruct(obj: Record<string, unknown>, r: Resolved & { kind: 'struct' }, dialect: Dialect): string {
  let out = ''
  r.names.forEach((name, i) => {
    const member = resolve(r.members[i])
    const tag = typeof member.traits.xmlName === 'string' ? member.traits.xmlName : name
    out += writeValue(tag, obj[name], member, dialect)
  })
  return out
}

/** The XML members of an output shape (no root element), rendered from the SDK-typed object. */
export function writeXmlMembers(outputSchema: unknown, value: object, dialect: Dialect): string {
  const r = resolve(outputSchema)
  if (r.kind !== 'struct') return ''
  return writeStruct(value as Record<string, unknown>, r, dialect)
}

/** The input and output schema of an operation schema `[9, ns, name, traits, input, output]`. */
export function operationShapes(op: unknown): { input: unknown; output: unknown } {
  const a = op as unknown[]
  return { input: a[4], output: a[5] }
}
