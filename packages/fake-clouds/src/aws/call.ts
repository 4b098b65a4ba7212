import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { CloudContext, ResourceRecord } from '../core/types.ts'
import type { AwsAccountFixture, AwsFixture } from './fixture.ts'

/** An error in the service's own vocabulary; each protocol renders it in its wire format. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra members for REST-JSON error bodies (clusterName, nodegroupName, …). */
    readonly fields: Record<string, string> = {},
  ) {
    super(message)
    this.name = code
  }
}

/** Everything a handler needs about one authenticated call. */
export interface AwsCall {
  ctx: CloudContext
  fixture: AwsFixture
  /**
   * The identity the call acts as: a seeded user, or, for temporary credentials, the role's account
   * with the role's deny list (then `session` says which role and session).
   */
  account: AwsAccountFixture
  region: string
  requestId: string
  /** Set when the request was signed with temporary credentials from STS AssumeRole. */
  session?: AssumedRoleSession
}

/** Temporary credentials issued by AssumeRole (kept per running fake, see sessions.ts). */
export interface AssumedRoleSession {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  /** Wall-clock ms (credentials expire in real time, whatever the time-scale). */
  expiresAt: number
  roleArn: string
  /** AROA… id of the role. */
  roleId: string
  sessionName: string
  /** The role's account, with the role's deny list. */
  account: AwsAccountFixture
}

export function newRequestId(): string {
  return randomUUID()
}

/** An EC2-style id: prefix-17 hex digits. */
export function newId(prefix: string, hexDigits = 17): string {
  return `${prefix}-${randomBytes(9).toString('hex').slice(0, hexDigits)}`
}

/** A stable id for seeded resources, so e2e tests and docs can name them. */
export function seededId(prefix: string, ...parts: string[]): string {
  return `${prefix}-${createHash('sha256')
    .update([prefix, ...parts].join('/'))
    .digest('hex')
    .slice(0, 17)}`
}

/** Simulated duration for a key: ctx overrides the fixture, which overrides the defaults. */
export function duration(call: Pick<AwsCall, 'ctx' | 'fixture'>, key: string): number {
  return call.ctx.durations[key] ?? call.fixture.durations[key] ?? 0
}

export function quota(call: AwsCall, key: string): number {
  return call.fixture.quotas[key] ?? Number.POSITIVE_INFINITY
}

type Key = { type: string; id: string }

export function getResource(call: AwsCall, type: string, id: string): ResourceRecord | undefined {
  return call.ctx.store.get({ cloud: 'aws', account: call.account.id, region: call.region, type, id })
}

export function listResources(call: AwsCall, type: string, parentId?: string): ResourceRecord[] {
  const filter = { cloud: 'aws' as const, account: call.account.id, region: call.region, type }
  return call.ctx.store.list(parentId ? { ...filter, parentId } : filter)
}

export function putResource(
  call: AwsCall,
  r: Omit<ResourceRecord, 'cloud' | 'account' | 'region' | 'createdAt'> & { createdAt?: number },
): ResourceRecord {
  return call.ctx.store.put({ ...r, cloud: 'aws', account: call.account.id, region: call.region })
}

export function removeResource(call: AwsCall, { type, id }: Key): boolean {
  return call.ctx.store.remove({ cloud: 'aws', account: call.account.id, region: call.region, type, id })
}

/** Replace a record's attrs/tags/state without losing its pending transition or creation time. */
export function updateResource(call: AwsCall, r: ResourceRecord, patch: Partial<ResourceRecord>): ResourceRecord {
  return call.ctx.store.put({ ...r, ...patch })
}

export function arnOfUser(account: AwsAccountFixture): string {
  return `arn:aws:iam::${account.id}:user/${account.userName}`
}

/** arn:aws:sts::<account>:assumed-role/<role name>/<session name> */
export function arnOfSession(session: AssumedRoleSession): string {
  const roleName = session.roleArn.slice(session.roleArn.lastIndexOf('/') + 1)
  return `arn:aws:sts::${session.account.id}:assumed-role/${roleName}/${session.sessionName}`
}

/** The caller's ARN as AWS names it in AccessDenied messages and GetCallerIdentity. */
export function principalArn(call: Pick<AwsCall, 'account' | 'session'>): string {
  return call.session ? arnOfSession(call.session) : arnOfUser(call.account)
}

/** Whether the identity may call `service:Action` (a deny entry `service:*` covers the whole service). */
export function isAllowed(account: AwsAccountFixture, iamAction: string): boolean {
  const action = iamAction.toLowerCase()
  const service = action.slice(0, action.indexOf(':') + 1)
  return !account.deny.some((d) => {
    const denied = d.toLowerCase()
    return denied === action || denied === `${service}*`
  })
}

export function tagsFromList(list: Array<{ Key?: string; Value?: string }> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const t of list ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? ''
  return out
}

export function tagsToList(tags: Record<string, string>): Array<{ Key: string; Value: string }> {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))
}
