import { generateKeyPairSync } from 'node:crypto'
import { parseSshPublicKey } from '@console/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'
import { fingerprintOf } from './service.ts'

/** Known answers: keys made with `ssh-keygen`, fingerprints as `ssh-keygen -lf` printed them. */
const ED25519 = {
  line: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAnEjokDK8tv++0yRxCarxfqanbf59RUPs2OtttBHNVM vector@test',
  fingerprint: 'SHA256:PJ1Wo+h8a0jLfVOhE1EsO3NoRi4WVu8njBcWjOOBZlc',
}
const RSA_2048 = {
  line: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC2HS2RUlIXQPk9v+DvdW8u6AW1hSQc37PZKdnZ9Ts/oqpnGoRTonL0CXCsx7wwivZajY3OhPpT0e+4cpW1ivY/LIqL33tABo7WvdoLNRHYyF3nk2N5N9FJrF3ZCnnIEo97YhGS7+6vJsLlPmGsxr1Awtw+2eXa2One6mJf01YEcJFvprnBt42FBfZJSTd9P565BQpsIHGpdEWh0HSmdrhrWuuF2eFCaEVIsKqDPLltvqVd44YvzOS+NxW1oCq0fQX2YhGM9PLsrHIHEhYkrRl2hr82KzGiIMAyVkWQ8gBGqMPbOnd8J4PRE+4qQvWiQ0hlW55ZY/IlSwOakFg5xSgl rsa@test',
  fingerprint: 'SHA256:Smqyv1brzjTSYB2ovy0+3eFqIPqf9XffwC1dj6DB588',
}

/** SSH wire format: length-prefixed strings and mpints. */
const wireString = (bytes: Buffer) => {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(bytes.length)
  return Buffer.concat([length, bytes])
}
const mpint = (bytes: Buffer) => wireString(bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes)
const keyLine = (type: string, ...parts: Buffer[]) =>
  `${type} ${Buffer.concat([wireString(Buffer.from(type)), ...parts]).toString('base64')}`

function rsaLine(bits: number): string {
  const jwk = generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ format: 'jwk' })
  return keyLine('ssh-rsa', mpint(Buffer.from(jwk.e!, 'base64url')), mpint(Buffer.from(jwk.n!, 'base64url')))
}
function ecdsaLine(curve: 'P-256' | 'P-384' | 'P-521', name: string): string {
  const jwk = generateKeyPairSync('ec', { namedCurve: curve }).publicKey.export({ format: 'jwk' })
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')])
  return keyLine(`ecdsa-sha2-${name}`, wireString(Buffer.from(name)), wireString(point))
}

const refusal = (line: string) => {
  const result = parseSshPublicKey(line)
  expect(result.ok).toBe(false)
  return result.ok ? '' : result.message
}

describe('parseSshPublicKey', () => {
  it('accepts ssh-ed25519 and ssh-rsa keys with the fingerprint ssh-keygen prints', () => {
    for (const vector of [ED25519, RSA_2048]) {
      const result = parseSshPublicKey(`  ${vector.line}\n`)
      expect(result.ok).toBe(true)
      if (!result.ok) return
      expect(fingerprintOf(result.key.blob)).toBe(vector.fingerprint)
      expect(result.key.normalized).toBe(vector.line)
    }
    const ed = parseSshPublicKey(ED25519.line)
    expect(ed.ok && [ed.key.type, ed.key.bits, ed.key.comment]).toEqual(['ssh-ed25519', 256, 'vector@test'])
    const rsa = parseSshPublicKey(RSA_2048.line)
    expect(rsa.ok && [rsa.key.type, rsa.key.bits]).toEqual(['ssh-rsa', 2048])
  })

  it('accepts a key without a comment, a comment with spaces, and ECDSA on every NIST curve', () => {
    const bare = ED25519.line.split(' ').slice(0, 2).join(' ')
    const noComment = parseSshPublicKey(bare)
    expect(noComment.ok && noComment.key.comment).toBeUndefined()
    const spaced = parseSshPublicKey(`${bare} Jane Doe (laptop)`)
    expect(spaced.ok && spaced.key.comment).toBe('Jane Doe (laptop)')
    for (const [curve, name, bits] of [
      ['P-256', 'nistp256', 256],
      ['P-384', 'nistp384', 384],
      ['P-521', 'nistp521', 521],
    ] as const) {
      const result = parseSshPublicKey(ecdsaLine(curve, name))
      expect(result.ok && [result.key.type, result.key.bits]).toEqual([`ecdsa-sha2-${name}`, bits])
    }
  })

  it('refuses an RSA key under 2048 bits, saying how many it has', () => {
    expect(refusal(rsaLine(1024))).toBe('RSA keys need at least 2048 bits; this one has 1024')
  })

  it('refuses truncated or damaged base64', () => {
    const [type, data] = ED25519.line.split(' ') as [string, string]
    expect(refusal(`${type} ${data.slice(0, 40)}`)).toMatch(/truncated/)
    expect(refusal(`${type} ${data.slice(0, 41)}`)).toMatch(/not valid base64/)
    expect(refusal(`${type} ${data.replace('A', '*')}`)).toMatch(/not valid base64/)
    expect(refusal(type)).toMatch(/missing/)
    // A blob longer than its key: trailing bytes.
    const longer = Buffer.concat([Buffer.from(data, 'base64'), Buffer.alloc(3)]).toString('base64')
    expect(refusal(`${type} ${longer}`)).toMatch(/trailing/)
  })

  it('refuses a prefix that does not match the type inside the key, and unknown types', () => {
    const data = ED25519.line.split(' ')[1]
    expect(refusal(`ssh-rsa ${data}`)).toBe('The key data is of type ssh-ed25519, but the line says ssh-rsa')
    expect(refusal(`ssh-dss ${data}`)).toMatch(/Unsupported key type "ssh-dss"/)
    const p256 = ecdsaLine('P-256', 'nistp256').split(' ')[1]
    expect(refusal(`ecdsa-sha2-nistp384 ${p256}`)).toMatch(/but the line says ecdsa-sha2-nistp384/)
    // Consistent prefix and type, but a curve name that disagrees with them.
    const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' })
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')])
    const lying = keyLine('ecdsa-sha2-nistp256', wireString(Buffer.from('nistp384')), wireString(point))
    expect(refusal(lying)).toMatch(/names the curve nistp384/)
  })

  it('refuses wrong key lengths, PEM text and several lines', () => {
    expect(refusal(keyLine('ssh-ed25519', wireString(Buffer.alloc(31, 7))))).toMatch(/32 bytes, this one has 31/)
    expect(refusal('-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----')).toMatch(/PEM/)
    expect(refusal(`${ED25519.line}\n${RSA_2048.line}`)).toMatch(/single line/)
    expect(refusal('   ')).toMatch(/Paste a public key/)
  })
})

describe('SSH key endpoints', () => {
  let t: TestApp
  let projectA: string
  let projectB: string

  beforeAll(async () => {
    t = await createTestApp()
    projectA = await t.createProject('alpha')
    projectB = await t.createProject('beta')
  })
  afterAll(async () => {
    await t?.close()
  })

  const admin = () => t.as(t.adminToken)
  const inProject = (token: string, projectUid: string) => t.as(token, { projectuid: projectUid })
  const body = (name: string, publicKey: string) => ({ metadata: { name }, spec: { publicKey } })

  it('stores a valid key with its SHA256 fingerprint, reads, updates and deletes it, with audit', async () => {
    const created = await admin().post('/v1/users/assets/sshkeys', body('laptop', ED25519.line))
    expect(created.statusCode, created.body).toBe(201)
    const uid = created.json().uid
    const read = await admin().get(`/v1/users/assets/sshkeys/${uid}`)
    expect(read.json()).toMatchObject({
      metadata: { uid, name: 'laptop', annotations: { scope: 'tenant' } },
      spec: { publicKey: ED25519.line, fingerprint: ED25519.fingerprint },
    })

    const put = await admin().put(`/v1/users/assets/sshkeys/${uid}`, body('laptop-rsa', RSA_2048.line))
    expect(put.statusCode, put.body).toBe(204)
    expect((await admin().get(`/v1/users/assets/sshkeys/${uid}`)).json().spec.fingerprint).toBe(RSA_2048.fingerprint)

    expect((await admin().delete(`/v1/users/assets/sshkeys/${uid}`)).statusCode).toBe(204)
    expect((await admin().get(`/v1/users/assets/sshkeys/${uid}`)).statusCode).toBe(404)
    const audits = await t.prisma.auditEvent.findMany({ where: { resourceUid: uid }, orderBy: { createdAt: 'asc' } })
    expect(audits.map((a) => a.actionType)).toEqual(['create', 'update', 'delete'])
    expect(audits.every((a) => a.resourceKind === 'sshkey')).toBe(true)
  })

  it('rejects an invalid key with the parser message on the field, writing nothing', async () => {
    const before = await t.prisma.sshKey.count()
    const res = await admin().post('/v1/users/assets/sshkeys', body('weak', rsaLine(1024)))
    expect(res.statusCode).toBe(400)
    expect(res.json().details).toEqual([
      { in: 'body', path: 'spec.publicKey', message: 'RSA keys need at least 2048 bits; this one has 1024' },
    ])
    expect(await t.prisma.sshKey.count()).toBe(before)
  })

  it('refuses the same key or the same name twice in one scope', async () => {
    expect((await admin().post('/v1/users/assets/sshkeys', body('dup', ED25519.line))).statusCode).toBe(201)
    const sameKey = await admin().post('/v1/users/assets/sshkeys', body('other-name', ED25519.line))
    expect(sameKey.statusCode).toBe(409)
    expect(sameKey.json().message).toContain('"dup"')
    const sameName = await admin().post('/v1/users/assets/sshkeys', body('DUP', RSA_2048.line))
    expect(sameName.statusCode).toBe(409)
  })

  it("scopes keys like accounts: a project's keys stay in it, tenant-wide keys show everywhere", async () => {
    const inA = inProject(t.adminToken, projectA)
    const key = ecdsaLine('P-256', 'nistp256')
    const a = await inA.post('/v1/users/assets/sshkeys', body('alpha-key', key))
    expect(a.statusCode, a.body).toBe(201)
    const names = async (token: string, projectUid: string) =>
      (await inProject(token, projectUid).get('/v1/users/assets/sshkeys')).json().items.map((k: any) => k.metadata.name)
    expect(await names(t.adminToken, projectA)).toEqual(expect.arrayContaining(['alpha-key', 'dup']))
    expect(await names(t.adminToken, projectB)).not.toContain('alpha-key')
    expect(await names(t.adminToken, projectB)).toContain('dup')
    expect((await inProject(t.adminToken, projectB).get(`/v1/users/assets/sshkeys/${a.json().uid}`)).statusCode).toBe(
      404,
    )

    const viewer = await t.createUserWithRole('Project Viewer', projectA)
    expect(await names(viewer.token, projectA)).toContain('alpha-key')
    const refused = await inProject(viewer.token, projectA).post('/v1/users/assets/sshkeys', body('v', RSA_2048.line))
    expect(refused.statusCode).toBe(403)
  })
})
