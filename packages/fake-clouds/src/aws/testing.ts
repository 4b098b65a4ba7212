import { EC2Client } from '@aws-sdk/client-ec2'
import { EKSClient } from '@aws-sdk/client-eks'
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2'
import { STSClient } from '@aws-sdk/client-sts'
import { type FakeClouds, startFakeClouds } from '../index.ts'
import { loadAwsFixture } from './fixture.ts'

/** The seeded identities, from the fixture itself so tests follow it. */
export const FIXTURE = loadAwsFixture()
export const ADMIN = FIXTURE.accounts.find((a) => a.deny.length === 0)!
export const LIMITED = FIXTURE.accounts.find((a) => a.deny.includes('ec2:RunInstances'))!
/** The console's own identity: it may only assume the accounts' roles. */
export const CONSOLE = FIXTURE.accounts.find((a) => /assuming roles/.test(a.note))!

export interface AwsClients {
  ec2: EC2Client
  eks: EKSClient
  sts: STSClient
  elb: ElasticLoadBalancingV2Client
}

/** SDK clients pointed at the fake; one attempt so injected errors surface without retries. */
export function clientsFor(
  fake: FakeClouds,
  opts: {
    region?: string
    accessKeyId?: string
    secretAccessKey?: string
    sessionToken?: string
    maxAttempts?: number
  } = {},
): AwsClients {
  const config = {
    region: opts.region ?? 'us-east-1',
    endpoint: fake.endpoints.aws.endpoint,
    credentials: {
      accessKeyId: opts.accessKeyId ?? ADMIN.accessKeyId,
      secretAccessKey: opts.secretAccessKey ?? ADMIN.secretAccessKey,
      ...(opts.sessionToken ? { sessionToken: opts.sessionToken } : {}),
    },
    maxAttempts: opts.maxAttempts ?? 1,
  }
  return {
    ec2: new EC2Client(config),
    eks: new EKSClient(config),
    sts: new STSClient(config),
    elb: new ElasticLoadBalancingV2Client(config),
  }
}

/** A fake whose simulated durations pass 100 000 times faster (a 10-minute EKS create takes 6 ms). */
export function startFastFake(): Promise<FakeClouds> {
  return startFakeClouds({ timeScale: 100_000 })
}

/** Poll until `check` returns a value that is not undefined, or fail after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('condition not reached in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** The error an SDK call rejects with (fails the test when it resolves). */
export async function errorOf(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p
  } catch (err) {
    return err as Error & { $metadata?: { httpStatusCode?: number } }
  }
  throw new Error('expected the call to fail, but it succeeded')
}

export const AMI = 'ami-0abcdef1234567890'

/**
 * For {@link eventually}: true once `call` rejects with `errorName` (the resource is gone), undefined
 * while it still succeeds (still deleting); any other error fails the test.
 */
export async function goneWith(call: () => Promise<unknown>, errorName = 'ResourceNotFoundException') {
  try {
    await call()
    return undefined
  } catch (err) {
    if ((err as Error).name === errorName) return true
    throw err
  }
}
