import { DescribeVpcsCommand, RunInstancesCommand } from '@aws-sdk/client-ec2'
import { CreateClusterCommand, ListClustersCommand } from '@aws-sdk/client-eks'
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2'
import { AssumeRoleCommand, type AssumeRoleCommandInput, GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FakeClouds } from '../index.ts'
import { ADMIN, AMI, CONSOLE, clientsFor, errorOf, LIMITED, startFastFake } from './testing.ts'

let fake: FakeClouds
beforeAll(async () => {
  fake = await startFastFake()
})
afterAll(() => fake.close())
afterEach(() => {
  vi.useRealTimers()
})

const ADMIN_ROLE = ADMIN.roles[0]!
const LIMITED_ROLE = LIMITED.roles[0]!

/** AssumeRole as the console's own identity, with the adapter's parameters. */
function assume(input: Partial<AssumeRoleCommandInput> = {}, as = CONSOLE) {
  const { sts } = clientsFor(fake, { accessKeyId: as.accessKeyId, secretAccessKey: as.secretAccessKey })
  return sts.send(
    new AssumeRoleCommand({
      RoleArn: ADMIN_ROLE.arn,
      ExternalId: ADMIN_ROLE.externalId,
      RoleSessionName: 'cluster-console',
      DurationSeconds: 900,
      ...input,
    }),
  )
}

/** SDK clients signing with the temporary credentials of an AssumeRole answer. */
async function assumedClients(input: Partial<AssumeRoleCommandInput> = {}) {
  const { Credentials } = await assume(input)
  return clientsFor(fake, {
    accessKeyId: Credentials!.AccessKeyId!,
    secretAccessKey: Credentials!.SecretAccessKey!,
    sessionToken: Credentials!.SessionToken!,
  })
}

describe('STS AssumeRole', () => {
  it('the fixture seeds one role per account, trusting the console identity', () => {
    expect(ADMIN_ROLE.arn).toBe(`arn:aws:iam::${ADMIN.id}:role/palette-console`)
    expect(ADMIN_ROLE.trusts).toContain(CONSOLE.id)
    expect(LIMITED_ROLE.trusts).toContain(CONSOLE.id)
  })

  it('answers temporary credentials and the assumed-role user', async () => {
    const before = Date.now()
    const res = await assume()
    const c = res.Credentials!
    expect(c.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/)
    expect(c.SecretAccessKey).toHaveLength(40)
    expect(c.SessionToken!.length).toBeGreaterThan(100)
    expect(c.Expiration).toBeInstanceOf(Date)
    expect(c.Expiration!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 899_000)
    expect(c.Expiration!.getTime()).toBeLessThanOrEqual(Date.now() + 900_000)
    expect(res.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ADMIN.id}:assumed-role/palette-console/cluster-console`)
    expect(res.AssumedRoleUser!.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:cluster-console$/)
    // Every call issues new credentials.
    expect((await assume()).Credentials!.AccessKeyId).not.toBe(c.AccessKeyId)
  })

  it('temporary credentials act as the role in its account for STS, EC2, EKS and ELBv2', async () => {
    const aws = await assumedClients()
    const me = await aws.sts.send(new GetCallerIdentityCommand({}))
    expect(me.Account).toBe(ADMIN.id)
    expect(me.Arn).toBe(`arn:aws:sts::${ADMIN.id}:assumed-role/palette-console/cluster-console`)
    expect(me.UserId).toMatch(/^AROA[A-Z2-7]{17}:cluster-console$/)
    const vpcs = await aws.ec2.send(new DescribeVpcsCommand({}))
    expect(vpcs.Vpcs!.map((v) => v.OwnerId)).toEqual([ADMIN.id])
    const admin = await clientsFor(fake).ec2.send(new DescribeVpcsCommand({}))
    expect(vpcs.Vpcs!.map((v) => v.VpcId)).toEqual(admin.Vpcs!.map((v) => v.VpcId))
    expect((await aws.eks.send(new ListClustersCommand({}))).clusters).toEqual([])
    expect((await aws.elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toEqual([])
  })

  it("sessions carry the role's deny list, and errors name the assumed role", async () => {
    const aws = await assumedClients({ RoleArn: LIMITED_ROLE.arn, ExternalId: LIMITED_ROLE.externalId })
    expect((await aws.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(LIMITED.id)
    const run = await errorOf(
      aws.ec2.send(
        new RunInstancesCommand({ DryRun: true, ImageId: AMI, InstanceType: 'm5.large', MinCount: 1, MaxCount: 1 }),
      ),
    )
    expect(run.name).toBe('UnauthorizedOperation')
    expect(run.message).toContain(`arn:aws:sts::${LIMITED.id}:assumed-role/palette-console/cluster-console`)
    const eks = await errorOf(
      aws.eks.send(new CreateClusterCommand({ name: 'x', roleArn: 'arn:aws:iam::1:role/x', resourcesVpcConfig: {} })),
    )
    expect(eks.name).toBe('AccessDeniedException')
  })

  it('refuses a wrong or missing external id, an untrusted caller and an unknown role alike: 403 AccessDenied', async () => {
    const cases = [
      assume({ ExternalId: 'not-the-external-id' }),
      assume({ ExternalId: undefined }),
      assume({ RoleArn: `arn:aws:iam::${ADMIN.id}:role/no-such-role` }),
      // The role trusts the console's identity only, not the account's own admin user.
      assume({}, ADMIN),
    ]
    for (const p of cases) {
      const err = await errorOf(p)
      expect(err.name).toBe('AccessDenied')
      expect(err.$metadata?.httpStatusCode).toBe(403)
      expect(err.message).toMatch(/is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::/)
    }
    const err = await errorOf(assume({ ExternalId: 'wrong-id' }))
    expect(err.message).toBe(
      `User: arn:aws:iam::${CONSOLE.id}:user/${CONSOLE.userName} is not authorized to perform: sts:AssumeRole on resource: ${ADMIN_ROLE.arn}`,
    )
  })

  it('validates the session name and duration as STS does', async () => {
    const short = await errorOf(assume({ DurationSeconds: 60 }))
    expect(short.name).toBe('ValidationError')
    expect(short.message).toMatch(/durationSeconds/)
    const long = await errorOf(assume({ DurationSeconds: ADMIN_ROLE.maxSessionDuration + 1 }))
    expect(long.name).toBe('ValidationError')
    expect(long.message).toMatch(/MaxSessionDuration/)
    const name = await errorOf(assume({ RoleSessionName: 'has spaces' }))
    expect(name.name).toBe('ValidationError')
  })

  it("the console identity itself may do nothing but assume roles (deny 'ec2:*', …)", async () => {
    const own = clientsFor(fake, { accessKeyId: CONSOLE.accessKeyId, secretAccessKey: CONSOLE.secretAccessKey })
    expect((await own.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(CONSOLE.id)
    expect((await errorOf(own.ec2.send(new DescribeVpcsCommand({})))).name).toBe('UnauthorizedOperation')
    expect((await errorOf(own.eks.send(new ListClustersCommand({})))).name).toBe('AccessDeniedException')
  })

  it('requires the session token with a temporary key, and its secret', async () => {
    const { Credentials: c } = await assume()
    const noToken = clientsFor(fake, { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey! })
    expect((await errorOf(noToken.sts.send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId')
    expect((await errorOf(noToken.ec2.send(new DescribeVpcsCommand({})))).name).toBe('AuthFailure')
    expect((await errorOf(noToken.eks.send(new ListClustersCommand({})))).name).toBe('UnrecognizedClientException')
    const wrongSecret = clientsFor(fake, {
      accessKeyId: c!.AccessKeyId!,
      secretAccessKey: `${c!.SecretAccessKey!.slice(0, -2)}xx`,
      sessionToken: c!.SessionToken!,
    })
    expect((await errorOf(wrongSecret.sts.send(new GetCallerIdentityCommand({})))).name).toBe('SignatureDoesNotMatch')
    const otherToken = clientsFor(fake, {
      accessKeyId: c!.AccessKeyId!,
      secretAccessKey: c!.SecretAccessKey!,
      sessionToken: (await assume()).Credentials!.SessionToken!,
    })
    expect((await errorOf(otherToken.sts.send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId')
  })

  it('answers each service’s expired-token error once the credentials expire', async () => {
    const aws = await assumedClients()
    expect((await aws.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(ADMIN.id)
    // Only Date moves: the SDK signs with the later time, the fake sees the same clock.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 901_000)
    const sts = await errorOf(aws.sts.send(new GetCallerIdentityCommand({})))
    expect(sts.name).toBe('ExpiredToken')
    expect(sts.$metadata?.httpStatusCode).toBe(403)
    const ec2 = await errorOf(aws.ec2.send(new DescribeVpcsCommand({})))
    expect(ec2.name).toBe('RequestExpired')
    const eks = await errorOf(aws.eks.send(new ListClustersCommand({})))
    expect(eks.name).toBe('ExpiredTokenException')
    const elb = await errorOf(aws.elb.send(new DescribeLoadBalancersCommand({})))
    expect(elb.name).toBe('ExpiredToken')
  })

  it("role chaining: a session assuming another role is checked against that role's trust", async () => {
    const aws = await assumedClients()
    const err = await errorOf(
      aws.sts.send(
        new AssumeRoleCommand({
          RoleArn: LIMITED_ROLE.arn,
          ExternalId: LIMITED_ROLE.externalId,
          RoleSessionName: 'chained',
        }),
      ),
    )
    // The limited role trusts the console's account only, not the admin account's role.
    expect(err.name).toBe('AccessDenied')
    expect(err.message).toContain(`arn:aws:sts::${ADMIN.id}:assumed-role/palette-console/cluster-console`)
  })

  it('drops issued credentials on reset', async () => {
    const aws = await assumedClients()
    const reset = await fetch(`${fake.adminUrl}/reset`, { method: 'POST' })
    expect(reset.ok).toBe(true)
    expect((await errorOf(aws.sts.send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId')
  })
})
