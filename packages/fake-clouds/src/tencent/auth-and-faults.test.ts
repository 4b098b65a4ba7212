import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type FakeClouds, startFakeClouds } from '../index.ts'
import { sign } from './signature.ts'
import { errorCode, REGION, tencentAccounts, tencentClients } from './test-support.ts'

describe('tencent: identity, signatures, permissions and faults through tencentcloud-sdk-nodejs', () => {
  let fake: FakeClouds
  const admin = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
    fetch(`${fake.adminUrl}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) })

  beforeAll(async () => {
    fake = await startFakeClouds({ port: 0, timeScale: 1000 })
  })
  afterAll(() => fake.close())
  beforeEach(async () => {
    await admin('/reset', {})
  })

  it('answers CAM GetUserAppId and STS GetCallerIdentity for each seeded account', async () => {
    const [full, limited] = tencentAccounts(fake)
    const app = await tencentClients(fake, full).cam.GetUserAppId()
    expect(app).toMatchObject({ Uin: '100038427713', OwnerUin: '100038427713', AppId: 1318427713 })
    expect(app.RequestId).toMatch(/^[0-9a-f-]{36}$/)
    const who = await tencentClients(fake, limited).sts.GetCallerIdentity()
    expect(who).toMatchObject({
      AccountId: '100038427795',
      Type: 'CAMUser',
      Arn: 'qcs::cam::uin/100038427795:uin/100038427795',
    })
  })

  it('rejects a wrong secret key, an unknown SecretId and a stale timestamp', async () => {
    const [full] = tencentAccounts(fake)
    const wrongKey = tencentClients(fake, { secretId: full.secretId, secretKey: `${full.secretKey}x` })
    expect(await errorCode(wrongKey.tke.DescribeClusters({}))).toBe('AuthFailure.SignatureFailure')
    const unknown = tencentClients(fake, { secretId: 'AKIDdoesnotexist', secretKey: full.secretKey })
    expect(await errorCode(unknown.cam.GetUserAppId())).toBe('AuthFailure.SecretIdNotFound')

    // The SDK always signs with the current time, so build an old but correctly signed request by hand.
    const body = Buffer.from('{}')
    const host = fake.endpoints.tencent.endpoint
    const timestamp = Math.floor(Date.now() / 1000) - 3600
    const date = new Date(timestamp * 1000).toISOString().slice(0, 10)
    const headers: Record<string, string> = { 'content-type': 'application/json', host }
    const signature = sign(
      { method: 'POST', path: '/', query: new URLSearchParams(), rawQuery: '', headers, body },
      { date, service: '127', signedHeaders: ['content-type', 'host'] },
      full.secretKey,
      timestamp,
      host.split(':')[0]!,
    )
    const res = await fetch(`${fake.baseUrl}/`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-tc-action': 'DescribeClusters',
        'x-tc-version': '2018-05-25',
        'x-tc-region': REGION,
        'x-tc-timestamp': String(timestamp),
        authorization: `TC3-HMAC-SHA256 Credential=${full.secretId}/${date}/127/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`,
      },
    })
    expect(res.status).toBe(200)
    const reply = (await res.json()) as { Response: { Error: { Code: string }; RequestId: string } }
    expect(reply.Response.Error.Code).toBe('AuthFailure.SignatureExpire')
    expect(reply.Response.RequestId).toBeTruthy()
  })

  it('answers InvalidAction for an unknown action or version, and checks the region', async () => {
    const [full] = tencentAccounts(fake)
    const clients = tencentClients(fake, full)
    expect(await errorCode(clients.tke.request('DescribeNothing', {}))).toBe('InvalidAction')
    // A VPC action under TKE's version does not exist.
    expect(await errorCode(clients.tke.request('DescribeVpcs', {}))).toBe('InvalidAction')
    const nowhere = tencentClients(fake, full, 'mars-olympus-1')
    expect(await errorCode(nowhere.tke.DescribeClusters({}))).toBe('UnsupportedRegion')
    const noRegion = tencentClients(fake, full, '')
    expect(await errorCode(noRegion.vpc.DescribeVpcs({}))).toBe('MissingParameter')
  })

  it('refuses an action the account lacks, naming the permission, and allows the rest', async () => {
    const [, limited] = tencentAccounts(fake)
    const clients = tencentClients(fake, limited)
    const denied = await clients.tke.CreateCluster({ ClusterType: 'MANAGED_CLUSTER', ClusterCIDRSettings: {} }).then(
      () => undefined,
      (err: { code?: string; message: string }) => err,
    )
    expect(denied?.code).toBe('AuthFailure.UnauthorizedOperation')
    expect(denied?.message).toContain('tke:CreateCluster')
    expect((await clients.tke.DescribeClusters({})).TotalCount).toBe(0)
  })

  it('injects a throttle that surfaces as the SDK error code, then clears it', async () => {
    const [full] = tencentAccounts(fake)
    const clients = tencentClients(fake, full)
    const added = await admin('/faults', {
      cloud: 'tencent',
      action: 'DescribeVpcs',
      errorCode: 'RequestLimitExceeded',
    })
    expect(added.status).toBe(201)
    expect(await errorCode(clients.vpc.DescribeVpcs({}))).toBe('RequestLimitExceeded')
    expect((await clients.vpc.DescribeSubnets({})).TotalCount).toBeGreaterThan(0)
    await admin('/faults', undefined, 'DELETE')
    expect((await clients.vpc.DescribeVpcs({})).TotalCount).toBe(1)
  })

  it('never strikes with errorRate 0 and renders other codes as given', async () => {
    const [full] = tencentAccounts(fake)
    const clients = tencentClients(fake, full)
    await admin('/faults', { cloud: 'tencent', action: 'DescribeZones', errorCode: 'InternalError', errorRate: 0 })
    await admin('/faults', { cloud: 'tencent', action: 'DescribeRegions', errorCode: 'InternalError' })
    expect((await clients.cvm.DescribeZones()).TotalCount).toBe(3)
    expect(await errorCode(clients.cvm.DescribeRegions())).toBe('InternalError')
  })

  it('adds injected latency', async () => {
    const [full] = tencentAccounts(fake)
    const clients = tencentClients(fake, full)
    await admin('/faults', { cloud: 'tencent', action: 'DescribeKeyPairs', latencyMs: 300 })
    const started = Date.now()
    await clients.cvm.DescribeKeyPairs({})
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    const quick = Date.now()
    await clients.cvm.DescribeZones()
    expect(Date.now() - quick).toBeLessThan(290)
  })

  it('holds a Timeout fault past the client timeout', async () => {
    const [full] = tencentAccounts(fake)
    const { tke } = await import('tencentcloud-sdk-nodejs/tencentcloud/services/tke')
    const impatient = new tke.v20180525.Client({
      credential: full,
      region: REGION,
      profile: { httpProfile: { ...fake.endpoints.tencent, reqTimeout: 1 } },
    })
    await admin('/faults', { cloud: 'tencent', action: 'DescribeClusters', errorCode: 'Timeout' })
    const started = Date.now()
    const code = await errorCode(impatient.DescribeClusters({}))
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    expect(Date.now() - started).toBeLessThan(10_000)
    // The client gave up: a transport error without a Tencent error code, not an API answer.
    expect(code).toMatch(/^no code/)
  })
})
