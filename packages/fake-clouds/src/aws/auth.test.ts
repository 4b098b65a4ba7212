import { DescribeVpcsCommand } from '@aws-sdk/client-ec2'
import { ListClustersCommand } from '@aws-sdk/client-eks'
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeClouds } from '../index.ts'
import { ADMIN, CONSOLE, clientsFor, errorOf, FIXTURE, LIMITED, startFastFake } from './testing.ts'

let fake: FakeClouds
beforeAll(async () => {
  fake = await startFastFake()
})
afterAll(() => fake.close())

describe('AWS credentials and signatures', () => {
  it('lists the seeded identities as sandbox accounts without the deny list', () => {
    const aws = fake.accounts.filter((a) => a.cloud === 'aws')
    expect(aws.map((a) => a.id)).toEqual(FIXTURE.accounts.map((a) => a.accessKeyId))
    expect(aws.map((a) => a.id)).toEqual([ADMIN.accessKeyId, LIMITED.accessKeyId, CONSOLE.accessKeyId])
    expect(aws[0]!.note).toBe('full permissions')
    expect(aws[1]!.note).toMatch(/lacks ec2:RunInstances/)
    expect(aws[2]!.note).toBe("the console's own identity for assuming roles (STS)")
    // Roles (for STS accounts) and the console-identity flag travel along; the deny list never does.
    for (const a of aws) {
      expect(Object.keys(a).sort()).toEqual(['cloud', 'consoleIdentity', 'id', 'note', 'roles', 'secret'])
    }
    expect(aws.map((a) => a.consoleIdentity)).toEqual([false, false, true])
    expect(aws[0]!.roles).toEqual([
      { arn: 'arn:aws:iam::111122223333:role/palette-console', externalId: 'palette-external-id' },
    ])
  })

  it('answers GetCallerIdentity with the account and user of the access key', async () => {
    const admin = await clientsFor(fake).sts.send(new GetCallerIdentityCommand({}))
    expect(admin.Account).toBe(ADMIN.id)
    expect(admin.Arn).toBe(`arn:aws:iam::${ADMIN.id}:user/${ADMIN.userName}`)
    expect(admin.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/)
    const limited = await clientsFor(fake, {
      accessKeyId: LIMITED.accessKeyId,
      secretAccessKey: LIMITED.secretAccessKey,
    }).sts.send(new GetCallerIdentityCommand({}))
    expect(limited.Account).toBe(LIMITED.id)
  })

  it('rejects a wrong secret with each service’s own signature error', async () => {
    const wrong = clientsFor(fake, { secretAccessKey: 'not-the-secret' })
    const sts = await errorOf(wrong.sts.send(new GetCallerIdentityCommand({})))
    expect(sts.name).toBe('SignatureDoesNotMatch')
    expect(sts.$metadata?.httpStatusCode).toBe(403)
    const ec2 = await errorOf(wrong.ec2.send(new DescribeVpcsCommand({})))
    expect(ec2.name).toBe('SignatureDoesNotMatch')
    const eks = await errorOf(wrong.eks.send(new ListClustersCommand({})))
    expect(eks.name).toBe('InvalidSignatureException')
    expect(eks.$metadata?.httpStatusCode).toBe(403)
    const elb = await errorOf(wrong.elb.send(new DescribeLoadBalancersCommand({})))
    expect(elb.name).toBe('SignatureDoesNotMatch')
  })

  it('rejects an unknown access key as each service does', async () => {
    const unknown = clientsFor(fake, { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' })
    const sts = await errorOf(unknown.sts.send(new GetCallerIdentityCommand({})))
    expect(sts.name).toBe('InvalidClientTokenId')
    const ec2 = await errorOf(unknown.ec2.send(new DescribeVpcsCommand({})))
    expect(ec2.name).toBe('AuthFailure')
    expect(ec2.$metadata?.httpStatusCode).toBe(401)
    const eks = await errorOf(unknown.eks.send(new ListClustersCommand({})))
    expect(eks.name).toBe('UnrecognizedClientException')
    const elb = await errorOf(unknown.elb.send(new DescribeLoadBalancersCommand({})))
    expect(elb.name).toBe('InvalidClientTokenId')
  })

  it('rejects a region the fake does not serve', async () => {
    const err = await errorOf(clientsFor(fake, { region: 'mars-north-1' }).ec2.send(new DescribeVpcsCommand({})))
    expect(err.name).toBe('AuthFailure')
    expect(err.message).toMatch(/valid region/)
  })

  it('never leaks the secret into replies', async () => {
    const wrong = clientsFor(fake, { secretAccessKey: 'not-the-secret' })
    const err = await errorOf(wrong.ec2.send(new DescribeVpcsCommand({})))
    expect(err.message).not.toContain(ADMIN.secretAccessKey)
    expect(JSON.stringify(err)).not.toContain('not-the-secret')
  })
})

describe('AWS fault injection', () => {
  it('surfaces an injected EC2 throttle as RequestLimitExceeded (503) and clears with the fault', async () => {
    fake.faults.add({ cloud: 'aws', action: 'DescribeVpcs', errorCode: 'RequestLimitExceeded', errorRate: 1 })
    try {
      const err = await errorOf(clientsFor(fake).ec2.send(new DescribeVpcsCommand({})))
      expect(err.name).toBe('RequestLimitExceeded')
      expect(err.$metadata?.httpStatusCode).toBe(503)
    } finally {
      fake.faults.clear()
    }
    const ok = await clientsFor(fake).ec2.send(new DescribeVpcsCommand({}))
    expect(ok.Vpcs?.length).toBe(1)
  })

  it('surfaces an injected EKS throttle as ThrottlingException (429)', async () => {
    fake.faults.add({ cloud: 'aws', action: 'ListClusters', errorCode: 'ThrottlingException' })
    try {
      const err = await errorOf(clientsFor(fake).eks.send(new ListClustersCommand({})))
      expect(err.name).toBe('ThrottlingException')
      expect(err.$metadata?.httpStatusCode).toBe(429)
    } finally {
      fake.faults.clear()
    }
  })

  it('renders server faults as 5xx in the Query services (STS InternalError, ELB ServiceUnavailable)', async () => {
    fake.faults.add({ cloud: 'aws', action: 'GetCallerIdentity', errorCode: 'InternalError' })
    fake.faults.add({ cloud: 'aws', action: 'DescribeLoadBalancers', errorCode: 'ServiceUnavailable' })
    try {
      const sts = await errorOf(clientsFor(fake).sts.send(new GetCallerIdentityCommand({})))
      expect(sts.name).toBe('InternalError')
      expect(sts.$metadata?.httpStatusCode).toBe(500)
      const elb = await errorOf(clientsFor(fake).elb.send(new DescribeLoadBalancersCommand({})))
      expect(elb.name).toBe('ServiceUnavailable')
      expect(elb.$metadata?.httpStatusCode).toBe(503)
    } finally {
      fake.faults.clear()
    }
  })

  it('lets the SDK retry through a throttle that only hits some calls', async () => {
    // With errorRate 0.3 and 8 attempts a call fails for good with probability 0.3^8 (< 1e-4).
    fake.faults.add({ cloud: 'aws', action: 'DescribeVpcs', errorCode: 'RequestLimitExceeded', errorRate: 0.3 })
    try {
      const retrying = clientsFor(fake, { maxAttempts: 8 })
      for (let i = 0; i < 2; i++) {
        const out = await retrying.ec2.send(new DescribeVpcsCommand({}))
        expect(out.Vpcs).toHaveLength(1)
      }
    } finally {
      fake.faults.clear()
    }
  })
})
