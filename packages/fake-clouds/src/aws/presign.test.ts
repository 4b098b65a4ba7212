import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto'
import { createRequire } from 'node:module'
import { AssumeRoleCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeClouds } from '../index.ts'
import { ADMIN, CONSOLE, clientsFor, startFastFake } from './testing.ts'

// The SDK's own signer, reached through the STS client's dependencies (it is not a dependency of ours),
// so presigned URLs are produced independently of the fake's verifier.
const fromSts = createRequire(createRequire(import.meta.url).resolve('@aws-sdk/client-sts'))
const { SignatureV4 } = createRequire(fromSts.resolve('@aws-sdk/core'))('@smithy/signature-v4') as {
  SignatureV4: new (
    opts: object,
  ) => {
    presign(req: object, opts?: object): Promise<{ query: Record<string, string> }>
  }
}

class NodeSha256 {
  private readonly h: Hash | Hmac
  constructor(secret?: string | Uint8Array) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', secret)
  }
  update(data: string | Uint8Array) {
    this.h.update(data)
  }
  async digest() {
    return new Uint8Array(this.h.digest())
  }
}

let fake: FakeClouds
beforeAll(async () => {
  fake = await startFastFake()
})
afterAll(() => fake.close())

async function presignedCallerIdentity(
  secretAccessKey: string,
  expiresIn = 60,
  credentials: { accessKeyId: string; sessionToken?: string } = { accessKeyId: ADMIN.accessKeyId },
): Promise<string> {
  const url = new URL(fake.endpoints.aws.endpoint)
  const signer = new SignatureV4({
    service: 'sts',
    region: 'us-east-1',
    sha256: NodeSha256,
    credentials: { ...credentials, secretAccessKey },
  })
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host: url.host },
    },
    { expiresIn },
  )
  return `${fake.endpoints.aws.endpoint}/?${new URLSearchParams(signed.query).toString()}`
}

describe('presigned SigV4 URLs (how EKS tokens are made)', () => {
  it('answers a presigned GetCallerIdentity with the caller', async () => {
    const res = await fetch(await presignedCallerIdentity(ADMIN.secretAccessKey))
    const body = await res.text()
    expect(res.status).toBe(200)
    expect(body).toContain(`<Account>${ADMIN.id}</Account>`)
    expect(body).toContain('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">')
  })

  it('accepts temporary credentials from AssumeRole (X-Amz-Security-Token in the query)', async () => {
    const role = ADMIN.roles[0]!
    const { Credentials: c, AssumedRoleUser } = await clientsFor(fake, {
      accessKeyId: CONSOLE.accessKeyId,
      secretAccessKey: CONSOLE.secretAccessKey,
    }).sts.send(new AssumeRoleCommand({ RoleArn: role.arn, ExternalId: role.externalId, RoleSessionName: 'eks-token' }))
    const url = await presignedCallerIdentity(c!.SecretAccessKey!, 60, {
      accessKeyId: c!.AccessKeyId!,
      sessionToken: c!.SessionToken!,
    })
    expect(new URL(url).searchParams.get('X-Amz-Security-Token')).toBe(c!.SessionToken)
    const res = await fetch(url)
    const body = await res.text()
    expect(res.status).toBe(200)
    expect(body).toContain(`<Arn>${AssumedRoleUser!.Arn}</Arn>`)
    const tampered = new URL(url)
    tampered.searchParams.delete('X-Amz-Security-Token')
    expect((await fetch(tampered)).status).toBe(403)
  })

  it('refuses a presigned URL signed with the wrong secret', async () => {
    const res = await fetch(await presignedCallerIdentity('wrong'))
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('<Code>SignatureDoesNotMatch</Code>')
  })
})
