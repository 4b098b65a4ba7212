import { createProviders } from '@console/providers'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'
import { expectNoSecret, readFixture, sandboxAccounts, seededSecrets, swapProviders } from './test-support.ts'

let t: TestApp
let accounts: ReturnType<typeof sandboxAccounts>
const fixture = readFixture('aws.yaml')

beforeAll(async () => {
  t = await createTestApp({}, { clouds: true })
  accounts = sandboxAccounts(t)
})
afterAll(async () => {
  await t?.close()
})
afterEach(() => {
  expectNoSecret(t.logs.join('\n'), seededSecrets(t))
})

const admin = () => t.as(t.adminToken)
const secretSpec = (a: { accessKey: string; secretKey: string }) => ({
  credentialType: 'secret',
  accessKey: a.accessKey,
  secretKey: a.secretKey,
  partition: 'aws',
})
const body = (name: string, spec: Record<string, unknown>) => ({ metadata: { name }, spec })

describe('AWS cloud accounts', () => {
  it('validates access credentials, creates the account and shows the identity the cloud reports', async () => {
    const full = accounts.aws.full
    const validate = await admin().post('/v1/clouds/aws/account/validate', secretSpec(full))
    expect(validate.statusCode, validate.body).toBe(204)

    const created = await admin().post('/v1/cloudaccounts/aws', body('aws-main', secretSpec(full)))
    expect(created.statusCode, created.body).toBe(201)
    const uid = created.json().uid

    const read = await admin().get(`/v1/cloudaccounts/aws/${uid}`)
    expect(read.statusCode).toBe(200)
    expect(read.json().spec).toEqual({
      credentialType: 'secret',
      accessKey: full.accessKey,
      secretKey: '********',
      partition: 'aws',
    })
    const seeded = fixture.accounts.find((a: any) => a.accessKeyId === full.accessKey)
    expect(read.json().status.identity.accountId).toBe(seeded.id)
    expect(read.json().status.identity.principal).toContain(seeded.userName)
    expectNoSecret(read.body, [full.secretKey])

    const list = await admin().get('/v1/cloudaccounts/aws')
    expect(list.json().items.map((a: any) => a.metadata.uid)).toContain(uid)
    expectNoSecret(list.body, [full.secretKey])

    const row = await t.prisma.cloudAccount.findUniqueOrThrow({ where: { id: uid } })
    expect(row.spec).toEqual({ credentialType: 'secret', accessKey: full.accessKey, partition: 'aws' })
    expectNoSecret(JSON.stringify(row), [full.secretKey])
  })

  it('answers a wrong secret key and an unknown access key precisely, writing nothing', async () => {
    const before = await t.prisma.cloudAccount.count()
    const wrong = { ...secretSpec(accounts.aws.full), secretKey: 'wrong/secret/key/000000000000000000000000' }
    const res = await admin().post('/v1/clouds/aws/account/validate', wrong)
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({
      code: 'CloudCredentialsInvalid',
      details: { cloud: 'aws', kind: 'SignatureMismatch', cloudCode: 'SignatureDoesNotMatch' },
    })
    expectNoSecret(res.body, [wrong.secretKey])

    const unknown = await admin().post('/v1/clouds/aws/account/validate', {
      ...wrong,
      accessKey: 'AKIAUNKNOWNKEY000099',
    })
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json().details).toMatchObject({ kind: 'InvalidCredentials', cloudCode: 'InvalidClientTokenId' })
    // The key id is masked in the message.
    expect(unknown.json().message).not.toContain('AKIAUNKNOWNKEY000099')

    const create = await admin().post('/v1/cloudaccounts/aws', body('aws-wrong', wrong))
    expect(create.statusCode).toBe(422)
    expect(await t.prisma.cloudAccount.count()).toBe(before)
  })

  it('names every permission the restricted account lacks', async () => {
    const { restricted, missing } = accounts.aws
    const res = await admin().post('/v1/clouds/aws/account/validate', secretSpec(restricted))
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('CloudPermissionDenied')
    // The validation probes the permissions the console needs; each one the note names and the probes cover is reported.
    const reported: string[] = res.json().details.permissions
    expect(reported.length).toBeGreaterThan(0)
    for (const permission of reported) {
      expect(missing).toContain(permission)
      expect(res.json().message).toContain(permission)
    }
    expect(reported).toEqual(expect.arrayContaining(['ec2:RunInstances', 'eks:CreateCluster']))
  })

  /** Providers with the given AWS base identity for AssumeRole (none: the console has no AWS identity of its own). */
  function withBaseIdentity(base?: { accessKeyId: string; secretAccessKey: string }) {
    return swapProviders(
      t,
      createProviders(
        { mode: 'sandbox', tencent: t.deps.sandbox!.tencent, aws: { endpoint: t.deps.sandbox!.aws.endpoint } },
        { awsBaseCredentials: base, sleep: async () => {} },
      ),
    )
  }
  /** The fixture's console identity, as the sandbox console runs. */
  function consoleBaseIdentity() {
    const consoleIdentity = fixture.accounts.find((a: any) => /console's own identity/i.test(a.note))
    return consoleIdentity
      ? { accessKeyId: consoleIdentity.accessKeyId, secretAccessKey: consoleIdentity.secretAccessKey }
      : { accessKeyId: accounts.aws.full.accessKey, secretAccessKey: accounts.aws.full.secretKey }
  }
  const seededRole = fixture.accounts.flatMap((a: any) => (a.roles ?? []).map((r: any) => ({ ...r, account: a.id })))[0]

  it('answers STS credentials precisely when the console has no AWS identity of its own to assume roles with', async () => {
    const arn = `arn:aws:iam::${fixture.accounts[0].id}:role/console-access`
    const sts = { credentialType: 'sts', sts: { arn, externalId: 'console-external-id' }, partition: 'aws' }
    const restore = withBaseIdentity(undefined)
    try {
      const res = await admin().post('/v1/clouds/aws/account/validate', sts)
      expect(res.statusCode).toBe(422)
      expect(res.json().details).toMatchObject({ cloud: 'aws', action: 'AssumeRole' })
      expect(res.json().message).toContain(arn)
      if (!process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE) {
        expect(res.json()).toMatchObject({ code: 'CloudCredentialsInvalid', details: { kind: 'InvalidCredentials' } })
        expect(res.json().message).toMatch(/No AWS credentials are available for the console's base identity/)
      }
      const before = await t.prisma.cloudAccount.count()
      expect((await admin().post('/v1/cloudaccounts/aws', body('aws-sts', sts))).statusCode).toBe(422)
      expect(await t.prisma.cloudAccount.count()).toBe(before)
    } finally {
      restore()
    }
  })

  it('assumes a seeded role with its external id, and names the trust problem otherwise', async () => {
    expect(seededRole, 'the fake clouds seed an assumable role').toBeDefined()
    const sts = (externalId: string) => ({
      credentialType: 'sts',
      sts: { arn: seededRole.arn, externalId },
      partition: 'aws',
    })
    const restore = withBaseIdentity(consoleBaseIdentity())
    try {
      const wrong = await admin().post('/v1/clouds/aws/account/validate', sts('not-the-external-id'))
      expect(wrong.statusCode).toBe(422)
      expect(wrong.json()).toMatchObject({
        code: 'CloudPermissionDenied',
        details: { kind: 'PermissionDenied', action: 'AssumeRole', permissions: ['sts:AssumeRole'] },
      })
      expect(wrong.json().message).toBe(
        `The console may not assume the role ${seededRole.arn}: its trust policy must allow sts:AssumeRole for the console's account with this external id.`,
      )

      const created = await admin().post('/v1/cloudaccounts/aws', body('aws-sts', sts(seededRole.externalId)))
      expect(created.statusCode, created.body).toBe(201)
      const read = (await admin().get(`/v1/cloudaccounts/aws/${created.json().uid}`)).json()
      expect(read.spec).toEqual({
        credentialType: 'sts',
        sts: { arn: seededRole.arn, externalId: seededRole.externalId },
        partition: 'aws',
      })
      expect(read.status.identity.accountId).toBe(seededRole.account)
    } finally {
      restore()
    }
  })

  it('checks the spec per credential type before calling the cloud', async () => {
    const noSecret = await admin().post('/v1/clouds/aws/account/validate', {
      credentialType: 'secret',
      accessKey: accounts.aws.full.accessKey,
      partition: 'aws',
    })
    expect(noSecret.statusCode).toBe(400)
    expect(noSecret.json().details.map((d: any) => d.path)).toContain('secretKey')

    const badArn = await admin().post('/v1/clouds/aws/account/validate', {
      credentialType: 'sts',
      sts: { arn: 'arn:aws:iam::12345:user/someone', externalId: 'x1' },
      partition: 'aws',
    })
    expect(badArn.statusCode).toBe(400)
    expect(badArn.json().details.map((d: any) => d.path)).toContain('sts.arn')

    const otherPartition = await admin().post('/v1/clouds/aws/account/validate', {
      credentialType: 'sts',
      sts: { arn: 'arn:aws-cn:iam::123456789012:role/console', externalId: 'x1' },
      partition: 'aws',
    })
    expect(otherPartition.statusCode).toBe(400)
    expect(otherPartition.json().message).toMatch(/partition/)

    const unknownType = await admin().post('/v1/clouds/aws/account/validate', { credentialType: 'password' })
    expect(unknownType.statusCode).toBe(400)
  })

  it('keeps the stored secret key on an update without one; switching the access key needs its secret', async () => {
    const full = accounts.aws.full
    const uid = (await admin().post('/v1/cloudaccounts/aws', body('aws-upd', secretSpec(full)))).json().uid
    const keep = await admin().put(`/v1/cloudaccounts/aws/${uid}`, {
      metadata: { name: 'aws-upd', description: 'now described' },
      spec: { credentialType: 'secret', accessKey: full.accessKey, partition: 'aws' },
    })
    expect(keep.statusCode, keep.body).toBe(204)
    const read = await admin().get(`/v1/cloudaccounts/aws/${uid}`)
    expect(read.json().metadata.description).toBe('now described')
    expect(read.json().spec.secretKey).toBe('********')

    const switched = await admin().put(`/v1/cloudaccounts/aws/${uid}`, {
      metadata: { name: 'aws-upd' },
      spec: { credentialType: 'secret', accessKey: accounts.aws.restricted.accessKey, partition: 'aws' },
    })
    expect(switched.statusCode).toBe(400)
    expect(switched.json().details[0].path).toBe('spec.secretKey')

    const audit = await t.prisma.auditEvent.findFirst({
      where: { actionType: 'update', resourceUid: uid },
      orderBy: { createdAt: 'desc' },
    })
    expect(audit?.details).toMatchObject({ cloud: 'aws', secretsChanged: false })
  })
})
