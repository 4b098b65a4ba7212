import { createHash } from 'node:crypto'
import type { AssumeRoleRequest, AssumeRoleResponse, GetCallerIdentityResponse } from '@aws-sdk/client-sts'
import * as stsSdk from '@aws-sdk/client-sts'
import { type AwsCall, AwsError, arnOfSession, principalArn } from './call.ts'
import type { QueryService } from './query-service.ts'
import { issueSession } from './sessions.ts'

/** A stable IAM user id (AIDA…) for the account's user. */
function userId(call: AwsCall): string {
  const digest = createHash('sha256').update(call.account.accessKeyId).digest('hex').toUpperCase()
  return `AIDA${digest
    .replace(/[^A-Z2-7]/g, '')
    .padEnd(17, 'Q')
    .slice(0, 17)}`
}

function getCallerIdentity(call: AwsCall): GetCallerIdentityResponse {
  if (call.session) {
    return {
      UserId: `${call.session.roleId}:${call.session.sessionName}`,
      Account: call.session.account.id,
      Arn: arnOfSession(call.session),
    }
  }
  return { UserId: userId(call), Account: call.account.id, Arn: principalArn(call) }
}

/** STS's input validation error, worded as AWS words it. */
function validation(field: string, value: string, constraint: string): AwsError {
  return new AwsError(
    'ValidationError',
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ${constraint}`,
    400,
  )
}

/** STS's length and pattern constraints, checked before anything else as AWS does. */
function checkString(field: string, value: string, min: number, max: number, pattern: RegExp, shown: string): void {
  if (value.length < min) {
    throw validation(field, value, `Member must have length greater than or equal to ${min}`)
  }
  if (value.length > max) throw validation(field, value, `Member must have length less than or equal to ${max}`)
  if (!pattern.test(value)) throw validation(field, value, `Member must satisfy regular expression pattern: ${shown}`)
}

/** Whether the role's trust policy (reduced to `trusts`) names the caller. */
function trustsCaller(trusts: string[], call: AwsCall): boolean {
  const caller = call.session
    ? [call.session.account.id, call.session.roleArn, arnOfSession(call.session)]
    : [call.account.id, call.account.accessKeyId, principalArn(call)]
  return trusts.some((t) => caller.includes(t) || t === `arn:aws:iam::${caller[0]}:root`)
}

/**
 * AssumeRole: the role must exist, trust the caller and, when its trust policy has an sts:ExternalId
 * condition, be asked with that external id. AWS answers all three failures with the same 403
 * AccessDenied, so a caller cannot probe which roles exist.
 */
function assumeRole(call: AwsCall, input: AssumeRoleRequest): AssumeRoleResponse {
  const roleArn = input.RoleArn ?? ''
  const sessionName = input.RoleSessionName ?? ''
  if (roleArn.length < 20) {
    throw validation('roleArn', roleArn, 'Member must have length greater than or equal to 20')
  }
  checkString('roleSessionName', sessionName, 2, 64, /^[\w+=,.@-]*$/, '[\\w+=,.@-]*')
  if (input.ExternalId !== undefined) {
    checkString('externalId', input.ExternalId, 2, 1224, /^[\w+=,.@:/-]*$/, '[\\w+=,.@:\\/-]*')
  }
  const duration = input.DurationSeconds ?? 3600
  if (duration < 900) {
    throw validation('durationSeconds', String(duration), 'Member must have value greater than or equal to 900')
  }
  const roleAccount = call.fixture.accounts.find((a) => a.roles.some((r) => r.arn === roleArn))
  const role = roleAccount?.roles.find((r) => r.arn === roleArn)
  const trusted =
    role !== undefined &&
    trustsCaller(role.trusts, call) &&
    (role.externalId === undefined || input.ExternalId === role.externalId)
  if (!roleAccount || !role || !trusted) {
    throw new AwsError(
      'AccessDenied',
      `User: ${principalArn(call)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      403,
    )
  }
  // Role chaining (a session assuming a role) is limited to one hour, as in AWS.
  const max = call.session ? Math.min(3600, role.maxSessionDuration) : role.maxSessionDuration
  if (duration > max) {
    throw validation(
      'durationSeconds',
      String(duration),
      `The requested DurationSeconds exceeds the MaxSessionDuration set for this role (${max} seconds)`,
    )
  }
  const session = issueSession(call.ctx.store, { role, roleAccount, sessionName, durationSeconds: duration })
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiresAt),
    },
    AssumedRoleUser: { AssumedRoleId: `${session.roleId}:${sessionName}`, Arn: arnOfSession(session) },
    ...(input.SourceIdentity ? { SourceIdentity: input.SourceIdentity } : {}),
  }
}

/** STS: GetCallerIdentity (credential checks) and AssumeRole (accounts given as a role ARN + external id). */
export const stsService: QueryService = {
  iamPrefix: 'sts',
  version: '2011-06-15',
  xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
  sdk: stsSdk as Record<string, unknown>,
  handlers: { GetCallerIdentity: getCallerIdentity, AssumeRole: assumeRole },
  alwaysAllowed: ['GetCallerIdentity'],
}
