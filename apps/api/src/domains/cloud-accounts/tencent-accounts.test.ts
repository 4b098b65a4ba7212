import { createProviders } from '@console/providers'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'
import { setAccountUsage } from './service.ts'
import {
  clearFaults,
  expectNoSecret,
  injectFault,
  sandboxAccounts,
  seededSecrets,
  swapProviders,
  unreachableProviders,
} from './test-support.ts'

let t: TestApp
let accounts: ReturnType<typeof sandboxAccounts>

beforeAll(async () => {
  t = await createTestApp({}, { clouds: true })
  accounts = sandboxAccounts(t)
})
afterAll(async () => {
  await t?.close()
})
afterEach(() => {
  // Nothing in these tests may ever show a seeded secret: not a response (checked per call), not a log line.
  expectNoSecret(t.logs.join('\n'), seededSecrets(t))
})

const admin = () => t.as(t.adminToken)
const spec = (a: { secretId: string; secretKey: string }) => ({ secretId: a.secretId, secretKey: a.secretKey })
const body = (name: string, s: { secretId: string; secretKey?: string }) => ({
  metadata: { name, description: 'test account' },
  spec: s,
})
const countAccounts = () => t.prisma.cloudAccount.count()
const lastAudit = (actionType: string) =>
  t.prisma.auditEvent.findFirst({ where: { actionType }, orderBy: { createdAt: 'desc' } })

describe('Tencent cloud accounts', () => {
  it('validates the sandbox credentials (204), creates the account (201) and lists it masked', async () => {
    const full = accounts.tencent.full
    const validate = await admin().post('/v1/clouds/tencent/account/validate', spec(full))
    expect(validate.statusCode, validate.body).toBe(204)

    const created = await admin().post('/v1/cloudaccounts/tencent', body('tencent-main', spec(full)))
    expect(created.statusCode, created.body).toBe(201)
    const uid = created.json().uid as string

    const list = await admin().get('/v1/cloudaccounts/tencent')
    expect(list.statusCode).toBe(200)
    const item = list.json().items.find((a: any) => a.metadata.uid === uid)
    expect(item.metadata).toMatchObject({ name: 'tencent-main', description: 'test account' })
    expect(item.metadata.annotations).toEqual({ scope: 'tenant' })
    expect(item.spec).toEqual({ secretId: full.secretId, secretKey: '********' })
    // The identity is what the fake cloud reports for this key: the fixture account's uin.
    expect(item.status.identity.accountId).toMatch(/^\d+$/)
    expect(item.status.identity.principal).toContain(item.status.identity.accountId)
    expect(Date.parse(item.status.validatedAt)).toBeGreaterThan(Date.now() - 60_000)
    expectNoSecret(list.body, [full.secretKey])

    const one = await admin().get(`/v1/cloudaccounts/tencent/${uid}`)
    expect(one.json().spec.secretKey).toBe('********')
    expectNoSecret(one.body, [full.secretKey])

    // At rest: the secret is in neither spec nor identity, and the ciphertext does not contain it.
    const row = await t.prisma.cloudAccount.findUniqueOrThrow({ where: { id: uid } })
    expect(row.spec).toEqual({ secretId: full.secretId })
    expectNoSecret(JSON.stringify(row), [full.secretKey])
    expect(row.secretCiphertext).toMatch(/^v1\./)

    const audit = await lastAudit('create')
    expect(audit).toMatchObject({ resourceKind: 'cloudaccount', resourceUid: uid })
    expectNoSecret(JSON.stringify(audit), [full.secretKey])
  })

  it('answers the signature error for a wrong secret, and refuses the create writing nothing', async () => {
    const wrong = { secretId: accounts.tencent.full.secretId, secretKey: 'not-the-right-secret-key-000000' }
    const validate = await admin().post('/v1/clouds/tencent/account/validate', wrong)
    expect(validate.statusCode).toBe(422)
    expect(validate.json()).toMatchObject({
      code: 'CloudCredentialsInvalid',
      details: { cloud: 'tencent', kind: 'SignatureMismatch', cloudCode: 'AuthFailure.SignatureFailure' },
    })
    expect(validate.json().message).toMatch(/secret/i)
    expectNoSecret(validate.body, [wrong.secretKey])

    const before = await countAccounts()
    const create = await admin().post('/v1/cloudaccounts/tencent', body('tencent-wrong', wrong))
    expect(create.statusCode).toBe(422)
    expect(create.json().details.kind).toBe('SignatureMismatch')
    expect(await countAccounts()).toBe(before)

    const audit = await lastAudit('validationFailed')
    expect(audit).toMatchObject({ resourceKind: 'cloudaccount', resourceName: 'tencent-wrong' })
    expect(audit?.details).toMatchObject({ cloud: 'tencent', kind: 'SignatureMismatch' })
    expectNoSecret(JSON.stringify(audit), [wrong.secretKey])
    expectNoSecret(t.logs.join('\n'), [wrong.secretKey])
  })

  it('answers an unknown Secret ID as invalid credentials', async () => {
    const res = await admin().post('/v1/clouds/tencent/account/validate', {
      secretId: 'AKIDunknownunknownunknownunknown9999',
      secretKey: 'whatever-secret',
    })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ code: 'CloudCredentialsInvalid', details: { kind: 'InvalidCredentials' } })
  })

  it('names the permission the restricted account lacks', async () => {
    const { restricted, missing } = accounts.tencent
    expect(missing.length).toBeGreaterThan(0)
    const res = await admin().post('/v1/clouds/tencent/account/validate', spec(restricted))
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ code: 'CloudPermissionDenied', details: { kind: 'PermissionDenied' } })
    expect(res.json().details.permissions).toEqual(missing)
    for (const permission of missing) expect(res.json().message).toContain(permission)

    const before = await countAccounts()
    const create = await admin().post('/v1/cloudaccounts/tencent', body('tencent-restricted', spec(restricted)))
    expect(create.statusCode).toBe(422)
    expect(await countAccounts()).toBe(before)
    expect((await lastAudit('validationFailed'))?.details).toMatchObject({ permissions: missing })
  })

  it('answers 502 CloudUnavailable when the cloud cannot be reached', async () => {
    const restore = swapProviders(t, await unreachableProviders())
    try {
      const res = await admin().post('/v1/clouds/tencent/account/validate', spec(accounts.tencent.full))
      expect(res.statusCode).toBe(502)
      expect(res.json()).toMatchObject({ code: 'CloudUnavailable', details: { kind: 'Unreachable' } })
      expect(res.json().message).toMatch(/refused/)
    } finally {
      restore()
    }
  })

  it('answers 502 CloudUnavailable naming the timeout when the cloud answers too late', async () => {
    await injectFault(t, { cloud: 'tencent', action: 'GetCallerIdentity', latencyMs: 2_000 })
    const sandbox = t.deps.sandbox!
    const restore = swapProviders(
      t,
      createProviders(
        { mode: 'sandbox', tencent: sandbox.tencent, aws: { endpoint: sandbox.aws.endpoint } },
        { timeoutMs: 300, sleep: async () => {} },
      ),
    )
    try {
      const res = await admin().post('/v1/clouds/tencent/account/validate', spec(accounts.tencent.full))
      expect(res.statusCode).toBe(502)
      expect(res.json()).toMatchObject({ code: 'CloudUnavailable', details: { kind: 'Timeout' } })
      expect(res.json().message).toContain('0.3 s')
    } finally {
      restore()
      await clearFaults(t)
    }
  })

  it('refuses a body without a Secret Key with the field named', async () => {
    const res = await admin().post('/v1/clouds/tencent/account/validate', { secretId: 'AKIDabc' })
    expect(res.statusCode).toBe(400)
    expect(res.json().details.map((d: any) => d.path)).toContain('secretKey')
  })

  it('keeps the stored secret on an update without one, and re-validates', async () => {
    const full = accounts.tencent.full
    const uid = (await admin().post('/v1/cloudaccounts/tencent', body('tencent-upd', spec(full)))).json().uid
    const before = await t.prisma.cloudAccount.findUniqueOrThrow({ where: { id: uid } })

    const put = await admin().put(`/v1/cloudaccounts/tencent/${uid}`, {
      metadata: { name: 'tencent-upd-renamed' },
      spec: { secretId: full.secretId },
    })
    expect(put.statusCode, put.body).toBe(204)
    const after = await t.prisma.cloudAccount.findUniqueOrThrow({ where: { id: uid } })
    expect(after.name).toBe('tencent-upd-renamed')
    expect(after.description).toBeNull()
    // Re-sealed (fresh IV) but the same secret: the update validated against the cloud with it.
    expect(after.secretCiphertext).not.toBe(before.secretCiphertext)
    expect(after.validatedAt!.getTime()).toBeGreaterThanOrEqual(before.validatedAt!.getTime())

    // Sending the read mask back also means "unchanged".
    const masked = await admin().put(`/v1/cloudaccounts/tencent/${uid}`, {
      metadata: { name: 'tencent-upd-renamed' },
      spec: { secretId: full.secretId, secretKey: '********' },
    })
    expect(masked.statusCode, masked.body).toBe(204)
    expect((await lastAudit('update'))?.details).toMatchObject({ secretsChanged: false })

    // A new Secret ID needs its own Secret Key.
    const other = await admin().put(`/v1/cloudaccounts/tencent/${uid}`, {
      metadata: { name: 'tencent-upd-renamed' },
      spec: { secretId: accounts.tencent.restricted.secretId },
    })
    expect(other.statusCode).toBe(400)
    expect(other.json().details[0].path).toBe('spec.secretKey')

    // A wrong new secret is refused and the stored one stays (and still works).
    const beforeWrong = await t.prisma.cloudAccount.findUniqueOrThrow({ where: { id: uid } })
    const wrong = await admin().put(`/v1/cloudaccounts/tencent/${uid}`, {
      metadata: { name: 'tencent-upd-renamed' },
      spec: { secretId: full.secretId, secretKey: 'a-wrong-secret-key' },
    })
    expect(wrong.statusCode).toBe(422)
    const unchanged = await t.prisma.cloudAccount.findUniqueOrThrow({ where: { id: uid } })
    expect(unchanged.secretCiphertext).toBe(beforeWrong.secretCiphertext)
    const again = await admin().put(`/v1/cloudaccounts/tencent/${uid}`, {
      metadata: { name: 'tencent-upd-renamed' },
      spec: { secretId: full.secretId },
    })
    expect(again.statusCode, again.body).toBe(204)
  })

  it('refuses a second account with the same name in the same scope', async () => {
    const full = accounts.tencent.full
    expect((await admin().post('/v1/cloudaccounts/tencent', body('tencent-dup', spec(full)))).statusCode).toBe(201)
    const again = await admin().post('/v1/cloudaccounts/tencent', body('Tencent-Dup', spec(full)))
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('AlreadyExists')
  })

  it('refuses to delete an account a live cluster uses (409 naming the clusters), then deletes it once free', async () => {
    const uid = (
      await admin().post('/v1/cloudaccounts/tencent', body('tencent-used', spec(accounts.tencent.full)))
    ).json().uid
    const restore = setAccountUsage(async (_deps, account) =>
      account.uid === uid ? [{ uid: 'c-1', name: 'prod-tke' }] : [],
    )
    try {
      const res = await admin().delete(`/v1/cloudaccounts/tencent/${uid}`)
      expect(res.statusCode).toBe(409)
      expect(res.json()).toMatchObject({ code: 'InUse', details: { clusters: [{ uid: 'c-1', name: 'prod-tke' }] } })
      expect(res.json().message).toContain('prod-tke')
      expect(await t.prisma.cloudAccount.count({ where: { id: uid } })).toBe(1)
    } finally {
      restore()
    }
    expect((await admin().delete(`/v1/cloudaccounts/tencent/${uid}`)).statusCode).toBe(204)
    expect((await admin().get(`/v1/cloudaccounts/tencent/${uid}`)).statusCode).toBe(404)
    expect(await lastAudit('delete')).toMatchObject({ resourceKind: 'cloudaccount', resourceUid: uid })
  })

  it('finds the live clusters in the cluster table by default; Deleted clusters do not hold the account back', async () => {
    const uid = (
      await admin().post('/v1/cloudaccounts/tencent', body('tencent-cl', spec(accounts.tencent.full)))
    ).json().uid
    const tenantId = (await t.prisma.cloudAccount.findUniqueOrThrow({ where: { id: uid } })).tenantId
    const profile = await t.prisma.clusterProfile.create({
      data: { tenantId, name: 'p', version: '1.0.0', cloudType: 'tencent', type: 'cluster', packs: [] },
    })
    const cluster = (name: string, state: string, deletedAt: Date | null = null) =>
      t.prisma.cluster.create({
        data: {
          tenantId,
          name,
          cloudType: 'tencent',
          cloudAccountId: uid,
          profileId: profile.id,
          labels: {},
          spec: {},
          state,
          deletedAt,
        },
      })
    const live = await cluster('tke-live', 'Running')
    await cluster('tke-gone', 'Deleted', new Date())

    const refused = await admin().delete(`/v1/cloudaccounts/tencent/${uid}`)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().details).toEqual({ clusters: [{ uid: live.id, name: 'tke-live' }] })

    // Once the last live cluster is gone the account can go; the Deleted clusters' records stay, unlinked.
    await t.prisma.cluster.update({ where: { id: live.id }, data: { state: 'Deleted', deletedAt: new Date() } })
    expect((await admin().delete(`/v1/cloudaccounts/tencent/${uid}`)).statusCode).toBe(204)
    expect(await t.prisma.cloudAccount.count({ where: { id: uid } })).toBe(0)
    const history = await t.prisma.cluster.findMany({ where: { profileId: profile.id }, orderBy: { name: 'asc' } })
    expect(history.map((c) => [c.name, c.cloudAccountId])).toEqual([
      ['tke-gone', null],
      ['tke-live', null],
    ])
  })
})
