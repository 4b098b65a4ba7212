import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import type { GatewayPair, GatewayPaired, PairingCode } from '@console/contracts'
import type { Prisma } from '@console/db'
import { recordAudit } from '../../lib/audit.ts'
import type { RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError } from '../../lib/errors.ts'
import { appendGatewayEvent } from './events.ts'

export type GatewayRow = Prisma.GatewayGetPayload<object>

/** No 0/O, 1/I/L: a PIN is read off a screen and typed into an installer. */
const PIN_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const PIN_LENGTH = 6
const CREDENTIAL = /^pcg_([0-9a-f-]{36})_([A-Za-z0-9_-]{20,100})$/

export const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex')

/** PINs are typed by people: case and surrounding spaces do not matter. */
const normalizePin = (pin: string) => pin.trim().toUpperCase()

/** GET /v1/overlords/pairing/code: a fresh single-use PIN, stored only as its hash. */
export async function issuePairingCode(deps: Deps, ctx: RequestContext): Promise<PairingCode> {
  let pin = ''
  for (let i = 0; i < PIN_LENGTH; i++) pin += PIN_ALPHABET[randomInt(PIN_ALPHABET.length)]
  const expiresAt = new Date(Date.now() + deps.config.gateways.pairingCodeTtlSeconds * 1000)
  await deps.prisma.gatewayPairingCode.create({
    data: { tenantId: ctx.actor.tenantId, codeHash: sha256Hex(pin), issuedBy: ctx.actor.userId, expiresAt },
  })
  return { pairingCode: pin, expiresAt: expiresAt.toISOString() }
}

/** One answer for an unknown, expired or used PIN: the caller learns nothing about which. */
const pinRefused = () =>
  new AppError('InvalidCredentials', 'The pairing code is not valid: get a new one from the console and retry')

/**
 * POST /v1/overlords/pair: the agent's registration. The PIN is consumed by a conditional update (unused,
 * unexpired) in the same transaction that creates the gateway, so two agents racing with one PIN get
 * exactly one gateway.
 */
export async function pairGateway(deps: Deps, body: GatewayPair, requestId: string): Promise<GatewayPaired> {
  const codeHash = sha256Hex(normalizePin(body.pairingCode))
  const id = randomUUID()
  const secret = randomBytes(32).toString('base64url')
  return deps.prisma.$transaction(async (tx) => {
    const now = new Date()
    const claimed = await tx.gatewayPairingCode.updateManyAndReturn({
      where: { codeHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now, gatewayId: id },
    })
    const code = claimed[0]
    if (!code) throw pinRefused()
    await tx.gateway.create({
      data: {
        id,
        tenantId: code.tenantId,
        name: body.name,
        state: 'Pending',
        ipAddress: body.ipAddress,
        agentVersion: body.agentVersion,
        lastHeartbeatAt: now,
        credentialHash: sha256Hex(secret),
        spec: { installer: installerSettings(body) },
      },
    })
    await appendGatewayEvent(tx, id, {
      reason: 'Paired',
      message: `Gateway ${body.name} paired from ${body.ipAddress} (agent ${body.agentVersion})`,
      state: 'Pending',
    })
    await tx.auditEvent.create({
      data: {
        tenantId: code.tenantId,
        actionType: 'create',
        actorType: 'agent',
        actorName: body.name,
        resourceKind: 'gateway',
        resourceUid: id,
        resourceName: body.name,
        message: `Private Cloud Gateway ${body.name} paired from ${body.ipAddress}`,
        details: { ipAddress: body.ipAddress, agentVersion: body.agentVersion, issuedBy: code.issuedBy },
        requestId,
      },
    })
    return { uid: id, credential: `pcg_${id}_${secret}` }
  })
}

const agentRefused = () => new AppError('Unauthorized', 'Invalid or revoked gateway credential')

/**
 * The agent's own authentication (not a user session or API key): `Authorization: Bearer pcg_<uid>_<secret>`,
 * checked against the stored hash in constant time. Answers the gateway it acts for, and only that one.
 */
export async function authenticateAgent(deps: Deps, header: string | undefined): Promise<GatewayRow> {
  const match = header?.replace(/^Bearer\s+/i, '').match(CREDENTIAL)
  if (!match) throw agentRefused()
  const [, uid, secret] = match as unknown as [string, string, string]
  const row = await deps.prisma.gateway.findUnique({ where: { id: uid } })
  const expected = Buffer.from(row?.credentialHash ?? sha256Hex('none'), 'hex')
  const given = Buffer.from(sha256Hex(secret), 'hex')
  const same = expected.length === given.length && timingSafeEqual(expected, given)
  if (!row || !same || row.credentialRevokedAt || row.deletedAt) throw agentRefused()
  return row
}

/** For user-side audits of gateway changes. */
export async function auditGateway(
  db: Prisma.TransactionClient | Deps['prisma'],
  ctx: RequestContext,
  gateway: { id: string; name: string },
  actionType: 'create' | 'update' | 'delete' | 'validationFailed',
  message: string,
  details?: Record<string, unknown>,
) {
  await recordAudit(db, ctx, {
    actionType,
    resource: { kind: 'gateway', uid: gateway.id, name: gateway.name },
    message,
    details,
  })
}

/** A proxy URL without `user:password@` (an older agent might still send them; they are never stored). */
function withoutCredentials(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    const parsed = new URL(url)
    parsed.username = ''
    parsed.password = ''
    return parsed.toString().replace(/\/$/, '')
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//')
  }
}

/** The settings the agent was started with, as the gateway keeps them (decision 011). */
function installerSettings(body: GatewayPair) {
  return {
    sshPublicKey: body.sshPublicKey,
    podCidr: body.podCidr,
    serviceCidr: body.serviceCidr,
    httpProxy: withoutCredentials(body.httpProxy),
    httpsProxy: withoutCredentials(body.httpsProxy),
    noProxy: body.noProxy,
  }
}
