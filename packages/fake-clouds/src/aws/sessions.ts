import { createHash, randomBytes } from 'node:crypto'
import type { Store } from '../core/types.ts'
import type { AssumedRoleSession } from './call.ts'
import type { AwsAccountFixture, AwsRoleFixture } from './fixture.ts'

/**
 * Temporary credentials issued by STS AssumeRole, per running fake (keyed by its store, so parallel
 * fakes in one process never share them). They live in memory only and are dropped on reset, like
 * every other state of the fake; expired ones are kept so that their use answers ExpiredToken.
 */
const sessions = new WeakMap<Store, Map<string, AssumedRoleSession>>()

function sessionsOf(store: Store): Map<string, AssumedRoleSession> {
  let map = sessions.get(store)
  if (!map) {
    map = new Map()
    sessions.set(store, map)
  }
  return map
}

/** Forget every issued credential (on seed, i.e. start and POST /_admin/reset). */
export function clearSessions(store: Store): void {
  sessions.delete(store)
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** Upper-case base32 characters, as AWS access key ids and unique ids use them. */
function base32(bytes: Buffer, length: number): string {
  let out = ''
  for (const b of bytes) out += BASE32[b & 31]
  return out.slice(0, length)
}

/** The stable AROA… unique id of a role. */
export function roleIdOf(roleArn: string): string {
  return `AROA${base32(createHash('sha256').update(roleArn).digest(), 17)}`
}

/** Issue temporary credentials for a role: ASIA… key id, 40-character secret, opaque session token. */
export function issueSession(
  store: Store,
  opts: { role: AwsRoleFixture; roleAccount: AwsAccountFixture; sessionName: string; durationSeconds: number },
  now = Date.now(),
): AssumedRoleSession {
  const { role, roleAccount } = opts
  const accessKeyId = `ASIA${base32(randomBytes(16), 16)}`
  const session: AssumedRoleSession = {
    accessKeyId,
    secretAccessKey: randomBytes(30).toString('base64'),
    // Real tokens are a few hundred bytes of base64 (and the SDK sends them as X-Amz-Security-Token).
    sessionToken: `FwoGZXIvYXdzE${randomBytes(240).toString('base64')}`,
    // AWS reports expirations to the second.
    expiresAt: Math.floor((now + opts.durationSeconds * 1000) / 1000) * 1000,
    roleArn: role.arn,
    roleId: roleIdOf(role.arn),
    sessionName: opts.sessionName,
    account: {
      ...roleAccount,
      userName: role.arn.slice(role.arn.lastIndexOf('/') + 1),
      accessKeyId,
      secretAccessKey: '',
      note: `session ${opts.sessionName} of ${role.arn}`,
      deny: role.deny,
      roles: roleAccount.roles,
    },
  }
  session.account.secretAccessKey = session.secretAccessKey
  sessionsOf(store).set(accessKeyId, session)
  return session
}

export function findSession(store: Store, accessKeyId: string): AssumedRoleSession | undefined {
  return sessions.get(store)?.get(accessKeyId)
}
