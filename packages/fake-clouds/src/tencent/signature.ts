import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { FakeRequest } from '../core/types.ts'
import { TencentError } from './errors.ts'

/** Tencent rejects a request whose X-TC-Timestamp is more than five minutes off. */
export const MAX_CLOCK_SKEW_S = 300

export interface ParsedAuthorization {
  secretId: string
  date: string
  service: string
  signedHeaders: string[]
  signature: string
}

/** Parses `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=…, Signature=…`. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization {
  const invalid = () =>
    new TencentError(
      'AuthFailure.InvalidAuthorization',
      'Authorization header is not a valid TC3-HMAC-SHA256 signature.',
    )
  if (!header?.startsWith('TC3-HMAC-SHA256 ')) throw invalid()
  const parts = new Map<string, string>()
  for (const piece of header.slice('TC3-HMAC-SHA256 '.length).split(',')) {
    const eq = piece.indexOf('=')
    if (eq > 0) parts.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim())
  }
  const scope = parts.get('Credential')?.split('/')
  const signedHeaders = parts.get('SignedHeaders')
  const signature = parts.get('Signature')
  if (scope?.length !== 4 || scope[3] !== 'tc3_request' || !signedHeaders || !signature) throw invalid()
  return {
    secretId: scope[0]!,
    date: scope[1]!,
    service: scope[2]!,
    signedHeaders: signedHeaders.split(';'),
    signature,
  }
}

/**
 * Verifies a TC3-HMAC-SHA256 signature the way Tencent does, for a known secret key.
 * Throws AuthFailure.SignatureExpire or AuthFailure.SignatureFailure.
 *
 * The Node SDK signs `host:<hostname>` without the port while other SDKs sign the Host
 * header as sent; both are accepted.
 */
export function verifySignature(
  req: FakeRequest,
  auth: ParsedAuthorization,
  secretKey: string,
  nowS: number = Math.floor(Date.now() / 1000),
): void {
  const timestamp = Number(req.headers['x-tc-timestamp'])
  if (!Number.isInteger(timestamp)) {
    throw new TencentError('MissingParameter', 'The request is missing a required parameter `Timestamp`.')
  }
  if (Math.abs(nowS - timestamp) > MAX_CLOCK_SKEW_S) {
    throw new TencentError(
      'AuthFailure.SignatureExpire',
      `Signature expired. Timestamp ${timestamp} differs from the server time ${nowS} by more than ${MAX_CLOCK_SKEW_S} seconds.`,
    )
  }
  const failure = new TencentError(
    'AuthFailure.SignatureFailure',
    'The provided credentials could not be validated. Please check your signature is correct.',
  )
  if (auth.date !== utcDate(timestamp)) throw failure

  const host = req.headers.host ?? ''
  const hostCandidates = [...new Set([host, host.replace(/:\d+$/, '')])]
  const expected = Buffer.from(auth.signature, 'utf8')
  for (const hostValue of hostCandidates) {
    const computed = Buffer.from(sign(req, auth, secretKey, timestamp, hostValue), 'utf8')
    if (computed.length === expected.length && timingSafeEqual(computed, expected)) return
  }
  throw failure
}

/** Computes the hex signature for one choice of the host header value. */
export function sign(
  req: FakeRequest,
  auth: Pick<ParsedAuthorization, 'date' | 'service' | 'signedHeaders'>,
  secretKey: string,
  timestamp: number,
  hostValue: string,
): string {
  const canonicalHeaders = auth.signedHeaders
    .map((name) => `${name}:${(name === 'host' ? hostValue : (req.headers[name] ?? '')).trim()}\n`)
    .join('')
  const canonicalRequest = [
    req.method,
    req.path,
    req.rawQuery ?? req.query.toString(),
    canonicalHeaders,
    auth.signedHeaders.join(';'),
    sha256Hex(req.body),
  ].join('\n')
  const scope = `${auth.date}/${auth.service}/tc3_request`
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256Hex(canonicalRequest)}`
  const kDate = hmac(`TC3${secretKey}`, auth.date)
  const kService = hmac(kDate, auth.service)
  const kSigning = hmac(kService, 'tc3_request')
  return createHmac('sha256', kSigning).update(stringToSign).digest('hex')
}

function utcDate(timestampS: number): string {
  return new Date(timestampS * 1000).toISOString().slice(0, 10)
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest()
}
