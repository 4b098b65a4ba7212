import { randomBytes } from 'node:crypto'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { type CallPolicy, runWithPolicy } from '../call-policy.ts'
import type { AwsCredentials, AwsPartition } from '../cloud-provider.ts'
import { CloudError } from '../errors.ts'
import { credentialsFingerprint } from '../inventory-cache.ts'
import { maskAccessKey, toAwsCloudError } from './aws-errors.ts'

/** Static AWS credentials as the SDK takes them. */
export interface AwsKeys {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

/** Where the SDK sends requests: the real regional endpoints, or one sandbox endpoint for every service. */
export type AwsEndpoint = { mode: 'real' } | { mode: 'sandbox'; endpoint: string }

/** The region global calls (STS, DescribeRegions, probes) go to, per partition. */
export const PARTITION_HOME_REGION: Record<AwsPartition, string> = {
  aws: 'us-east-1',
  'aws-us-gov': 'us-gov-west-1',
  'aws-cn': 'cn-north-1',
}

/** The SDK client options every AWS client of the console shares. */
export function clientConfig(endpoint: AwsEndpoint, region: string, credentials: AwsKeys | undefined) {
  return {
    region,
    ...(endpoint.mode === 'sandbox' ? { endpoint: endpoint.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    // The console's call policy owns retries (backoff with jitter, typed errors); the SDK's would multiply them.
    maxAttempts: 1,
  }
}

/** How a credential is named in messages: never the secret. */
export function describePrincipal(credentials: AwsCredentials): string {
  return credentials.credentialType === 'secret'
    ? `the access key ${maskAccessKey(credentials.accessKey)}`
    : `the role ${credentials.arn}`
}

export interface AwsSessionOptions {
  endpoint: AwsEndpoint
  policy: CallPolicy
  /**
   * The console's own identity, used to assume customers' roles (credentialType 'sts').
   * Undefined: the SDK's default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile, instance role).
   */
  baseCredentials?: AwsKeys
  now?: () => number
}

/**
 * Turns an account's credentials into keys the SDK can sign with. Static keys are used as they are;
 * a role is assumed through STS AssumeRole (with the account's external id) and the temporary keys
 * are reused until a minute before they expire.
 */
export class AwsSession {
  private readonly assumed = new Map<string, { keys: AwsKeys; expires: number }>()
  private readonly fingerprintKey = randomBytes(32)
  private readonly now: () => number

  constructor(private readonly options: AwsSessionOptions) {
    this.now = options.now ?? Date.now
  }

  async keysFor(credentials: AwsCredentials): Promise<AwsKeys> {
    if (credentials.credentialType === 'secret') {
      return { accessKeyId: credentials.accessKey, secretAccessKey: credentials.secretKey }
    }
    const key = credentialsFingerprint(credentials, this.fingerprintKey)
    const hit = this.assumed.get(key)
    if (hit && hit.expires - 60_000 > this.now()) return hit.keys
    const keys = await this.assumeRole(credentials)
    return keys
  }

  private async assumeRole(credentials: Extract<AwsCredentials, { credentialType: 'sts' }>): Promise<AwsKeys> {
    const { endpoint, policy, baseCredentials } = this.options
    const region = PARTITION_HOME_REGION[credentials.partition]
    const client = new STSClient(clientConfig(endpoint, region, baseCredentials))
    const site = {
      service: 'sts',
      action: 'AssumeRole',
      region,
      principal: `the console's base identity (assuming ${credentials.arn})`,
      timeoutMs: policy.timeoutMs,
    }
    try {
      const res = await runWithPolicy(
        policy,
        (attempt) =>
          client.send(
            new AssumeRoleCommand({
              RoleArn: credentials.arn,
              ExternalId: credentials.externalId,
              RoleSessionName: 'cluster-console',
              DurationSeconds: 900,
            }),
            { abortSignal: attempt.signal },
          ),
        (err, attempt) => toAwsCloudError(err, site, attempt.timedOut()),
      )
      const c = res.Credentials
      if (!c?.AccessKeyId || !c.SecretAccessKey) {
        throw new CloudError({
          kind: 'CloudInternal',
          cloud: 'aws',
          action: 'AssumeRole',
          retryable: false,
          message: `AWS STS answered AssumeRole for ${credentials.arn} without credentials.`,
        })
      }
      const keys = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }
      const expires = c.Expiration ? c.Expiration.getTime() : this.now() + 900_000
      this.assumed.set(credentialsFingerprint(credentials, this.fingerprintKey), { keys, expires })
      return keys
    } catch (err) {
      throw explainAssumeRoleFailure(err, credentials.arn)
    } finally {
      client.destroy()
    }
  }
}

/** AssumeRole failures are about the trust between the console and the role: say so. */
function explainAssumeRoleFailure(err: unknown, arn: string): unknown {
  if (!(err instanceof CloudError)) return err
  if (err.kind === 'PermissionDenied') {
    return new CloudError({
      kind: 'PermissionDenied',
      cloud: 'aws',
      action: 'AssumeRole',
      cloudCode: err.cloudCode,
      requestId: err.requestId,
      permission: 'sts:AssumeRole',
      missingPermissions: ['sts:AssumeRole'],
      message: `The console may not assume the role ${arn}: its trust policy must allow sts:AssumeRole for the console's account with this external id.`,
      cause: err,
    })
  }
  if (err.kind === 'InvalidRequest' && err.cloudCode === 'InvalidAction') {
    return new CloudError({
      kind: 'InvalidRequest',
      cloud: 'aws',
      action: 'AssumeRole',
      cloudCode: err.cloudCode,
      requestId: err.requestId,
      message: `The AWS STS endpoint does not offer AssumeRole (InvalidAction), so the role ${arn} cannot be assumed.`,
      cause: err,
    })
  }
  return err
}
