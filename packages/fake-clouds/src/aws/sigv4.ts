import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { FakeRequest } from '../core/types.ts'

/** The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header. */
export interface SigV4Authorization {
  accessKeyId: string
  date: string
  region: string
  service: string
  signedHeaders: string[]
  signature: string
}

const ALGORITHM = 'AWS4-HMAC-SHA256'

/** Parse the header; undefined when it is not a well-formed SigV4 header. */
export function parseAuthorization(header: string | undefined): SigV4Authorization | undefined {
  if (!header?.startsWith(`${ALGORITHM} `)) return undefined
  const fields: Record<string, string> = {}
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=')
    if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim()
  }
  const scope = (fields.Credential ?? '').split('/')
  const [accessKeyId, date, region, service, terminator] = scope
  if (scope.length !== 5 || terminator !== 'aws4_request' || !accessKeyId || !date || !region || !service)
    return undefined
  if (!fields.SignedHeaders || !fields.Signature) return undefined
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: fields.SignedHeaders.split(';'),
    signature: fields.Signature,
  }
}

/**
 * The same parts from a presigned URL (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-SignedHeaders`,
 * `X-Amz-Signature` in the query), as the SDK's presigner and EKS token generators produce.
 */
export function parsePresigned(query: URLSearchParams): SigV4Authorization | undefined {
  if (query.get('X-Amz-Algorithm') !== ALGORITHM) return undefined
  const credential = query.get('X-Amz-Credential') ?? ''
  const signedHeaders = query.get('X-Amz-SignedHeaders') ?? ''
  const signature = query.get('X-Amz-Signature') ?? ''
  return parseAuthorization(
    `${ALGORITHM} Credential=${credential}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  )
}

/** RFC 3986 escaping as the SDK's escapeUri does it (encodeURIComponent plus !'()*). */
function escapeUri(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** Non-S3 services double-encode the path: the wire path is percent-encoded once, the canonical one twice. */
function canonicalPath(path: string): string {
  const segments: string[] = []
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') segments.pop()
    else segments.push(seg)
  }
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`
  return escapeUri(normalized).replace(/%2F/g, '/')
}

function canonicalQuery(query: URLSearchParams): string {
  const pairs: string[] = []
  for (const [k, v] of query) {
    if (k.toLowerCase() === 'x-amz-signature') continue
    pairs.push(`${escapeUri(k)}=${escapeUri(v)}`)
  }
  return pairs.sort().join('&')
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest()
}

/** The signature the SDK would have computed for this request with the given secret. */
export function expectedSignature(req: FakeRequest, auth: SigV4Authorization, secretKey: string): string {
  const amzDate = requestDate(req) ?? ''
  const headers = auth.signedHeaders
    .map(
      (name) =>
        `${name}:${(req.headers[name] ?? '')
          .replace(/[\r\n]/g, ' ')
          .replace(/[ \t]+/g, ' ')
          .trim()}`,
    )
    .join('\n')
  const payloadHash = req.headers['x-amz-content-sha256'] ?? createHash('sha256').update(req.body).digest('hex')
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalPath(req.path),
    canonicalQuery(req.query),
    `${headers}\n`,
    auth.signedHeaders.join(';'),
    payloadHash,
  ].join('\n')
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`
  const stringToSign = [
    ALGORITHM,
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
  ].join('\n')
  const kDate = hmac(`AWS4${secretKey}`, auth.date)
  const kSigning = hmac(hmac(hmac(kDate, auth.region), auth.service), 'aws4_request')
  return hmac(kSigning, stringToSign).toString('hex')
}

/** X-Amz-Date from the header, or from the query of a presigned URL. */
export function requestDate(req: FakeRequest): string | undefined {
  return req.headers['x-amz-date'] ?? req.query.get('X-Amz-Date') ?? undefined
}

/** Whether a presigned URL is past its X-Amz-Expires (seconds after X-Amz-Date). */
export function isPresignExpired(req: FakeRequest, now = Date.now()): boolean {
  const expires = Number(req.query.get('X-Amz-Expires') ?? 900)
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(req.query.get('X-Amz-Date') ?? '')
  if (!m) return true
  const signedAt = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)
  return now > signedAt + expires * 1000
}

/** Constant-time comparison of the presented signature with the expected one. */
export function signatureMatches(req: FakeRequest, auth: SigV4Authorization, secretKey: string): boolean {
  const expected = Buffer.from(expectedSignature(req, auth, secretKey), 'utf8')
  const given = Buffer.from(auth.signature, 'utf8')
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/** Whether x-amz-date is within AWS's 15-minute window of now. */
export function isDateFresh(amzDate: string | undefined, now = Date.now()): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate ?? '')
  if (!m) return false
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)
  return Math.abs(now - t) <= 15 * 60_000
}
