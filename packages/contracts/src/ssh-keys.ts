import { z } from 'zod'
import { displayNameSchema, listOf, metadataSchema } from './common.ts'

/**
 * SSH keys (palette-api.md "SSH keys"). The parser is pure (no Node or DOM APIs) so the browser
 * checks a pasted key as the user types; the server runs the same check, then computes the
 * SHA256 fingerprint with node:crypto.
 */

export const sshKeyTypes = [
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
] as const
export type SshKeyType = (typeof sshKeyTypes)[number]

/** RSA keys shorter than this are refused (NIST SP 800-131A). */
export const MIN_RSA_BITS = 2048

export interface ParsedSshPublicKey {
  type: SshKeyType
  /** Key size in bits (RSA modulus, EC curve, 256 for Ed25519). */
  bits: number
  comment?: string
  /** The decoded key blob: what `ssh-keygen -l` hashes for the fingerprint. */
  blob: Uint8Array
  /** `<type> <base64> [comment]` with single spaces. */
  normalized: string
}

export type SshKeyParseResult = { ok: true; key: ParsedSshPublicKey } | { ok: false; message: string }

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Strict base64 (with padding) to bytes; undefined when the text is not canonical base64. */
function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const out = new Uint8Array((text.length / 4) * 3 - padding)
  let o = 0
  for (let i = 0; i < text.length; i += 4) {
    const n = [0, 1, 2, 3].map((k) => (text[i + k] === '=' ? 0 : B64.indexOf(text[i + k] ?? '')))
    const v = ((n[0] ?? 0) << 18) | ((n[1] ?? 0) << 12) | ((n[2] ?? 0) << 6) | (n[3] ?? 0)
    for (const byte of [(v >> 16) & 255, (v >> 8) & 255, v & 255]) if (o < out.length) out[o++] = byte
  }
  return out
}

/** Reads the SSH wire format's length-prefixed strings (RFC 4251 §5). */
class WireReader {
  private offset = 0
  constructor(private readonly bytes: Uint8Array) {}

  /** The next string's bytes, or undefined when the blob ends before it does. */
  next(): Uint8Array | undefined {
    if (this.offset + 4 > this.bytes.length) return undefined
    const b = this.bytes
    const o = this.offset
    const length = (b[o] ?? 0) * 2 ** 24 + (((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0))
    if (o + 4 + length > b.length) return undefined
    this.offset = o + 4 + length
    return b.subarray(o + 4, o + 4 + length)
  }

  get done(): boolean {
    return this.offset === this.bytes.length
  }
}

const text = (bytes: Uint8Array) => String.fromCharCode(...bytes)

/** Bits of an unsigned big-endian integer (an mpint without its sign byte). */
function bitLength(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length && bytes[i] === 0) i++
  if (i === bytes.length) return 0
  return (bytes.length - i - 1) * 8 + Math.floor(Math.log2(bytes[i] ?? 1)) + 1
}

const EC_POINT_BYTES: Record<string, number> = { nistp256: 65, nistp384: 97, nistp521: 133 }

/** Checks the key material behind the type string; answers the key size or an error message. */
function checkKeyMaterial(type: SshKeyType, reader: WireReader): number | string {
  const truncated = 'The key data is truncated'
  if (type === 'ssh-ed25519') {
    const key = reader.next()
    if (!key) return truncated
    if (key.length !== 32) return `An ssh-ed25519 key has 32 bytes, this one has ${key.length}`
    return 256
  }
  if (type === 'ssh-rsa') {
    const e = reader.next()
    const n = reader.next()
    if (!e || !n) return truncated
    if (bitLength(e) < 2 || ((e[e.length - 1] ?? 0) & 1) === 0) return 'The RSA public exponent is invalid'
    const bits = bitLength(n)
    if (bits < MIN_RSA_BITS) return `RSA keys need at least ${MIN_RSA_BITS} bits; this one has ${bits}`
    if (bits > 16384) return `RSA keys of more than 16384 bits are not supported; this one has ${bits}`
    return bits
  }
  const curve = type.slice('ecdsa-sha2-'.length)
  const named = reader.next()
  const point = reader.next()
  if (!named || !point) return truncated
  if (text(named) !== curve) return `The key names the curve ${text(named)}, but its type is ${type}`
  if (point.length !== EC_POINT_BYTES[curve] || point[0] !== 4) {
    return `The ${curve} public point must be ${EC_POINT_BYTES[curve]} bytes, uncompressed`
  }
  return Number(curve.slice('nistp'.length))
}

/**
 * Parses one OpenSSH public key line: `<type> <base64> [comment]`, as in `id_ed25519.pub`.
 * Accepts ssh-ed25519, ssh-rsa (at least 2048 bits) and ecdsa-sha2-nistp256/384/521. The base64 must
 * decode, the type inside the blob must equal the prefix, and every length must match the key type.
 */
export function parseSshPublicKey(input: string): SshKeyParseResult {
  const line = input.trim()
  if (!line) return { ok: false, message: 'Paste a public key' }
  if (line.startsWith('-----BEGIN')) {
    return { ok: false, message: 'This is a PEM key; paste the OpenSSH public key (the .pub file)' }
  }
  if (/[\r\n]/.test(line)) return { ok: false, message: 'Paste one key on a single line' }
  const [prefix = '', data, ...rest] = line.split(/[ \t]+/)
  if (!(sshKeyTypes as readonly string[]).includes(prefix)) {
    return { ok: false, message: `Unsupported key type "${prefix.slice(0, 40)}"; use ${sshKeyTypes.join(', ')}` }
  }
  const type = prefix as SshKeyType
  if (!data) return { ok: false, message: 'The key data is missing after the key type' }
  const blob = decodeBase64(data)
  if (!blob) return { ok: false, message: 'The key data is not valid base64' }
  const reader = new WireReader(blob)
  const embedded = reader.next()
  if (!embedded) return { ok: false, message: 'The key data is truncated' }
  if (text(embedded) !== type) {
    return { ok: false, message: `The key data is of type ${text(embedded).slice(0, 40)}, but the line says ${type}` }
  }
  const bits = checkKeyMaterial(type, reader)
  if (typeof bits === 'string') return { ok: false, message: bits }
  if (!reader.done) return { ok: false, message: 'The key data has trailing bytes' }
  const comment = rest.join(' ') || undefined
  return {
    ok: true,
    key: { type, bits, comment, blob, normalized: [type, data, ...(comment ? [comment] : [])].join(' ') },
  }
}

/** A public key field: valid when {@link parseSshPublicKey} accepts it, with its message otherwise. */
export const sshPublicKeySchema = z
  .string()
  .max(16_384, 'The key is too long')
  .superRefine((value, ctx) => {
    const result = parseSshPublicKey(value)
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message })
  })

export const sshKeyBodySchema = z.object({
  metadata: z.object({ name: displayNameSchema }),
  spec: z.object({ publicKey: sshPublicKeySchema }),
})
export type SshKeyBody = z.infer<typeof sshKeyBodySchema>

export const sshKeySchema = z.object({
  metadata: metadataSchema.extend({
    annotations: z.object({ scope: z.enum(['tenant', 'project']), projectUid: z.string().optional() }),
  }),
  spec: z.object({
    publicKey: z.string(),
    /** `SHA256:…`, as `ssh-keygen -l` prints it. */
    fingerprint: z.string(),
  }),
})
export type SshKey = z.infer<typeof sshKeySchema>
export const sshKeyListSchema = listOf(sshKeySchema)
