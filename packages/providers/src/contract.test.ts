import { createServer } from 'node:net'
import { type FakeClouds, startFakeClouds } from '@console/fake-clouds'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CAPA_IMAGE_OWNER } from './aws-iaas/aws-iaas-spec.ts'
import { ADAPTER_CASES, type AdapterCase, awsFixture, seededAccounts, tencentFixture } from './contract-cases.ts'
import { createProviders, type ProvidersOptions } from './create-providers.ts'
import { CloudError } from './errors.ts'

let fake: FakeClouds

beforeAll(async () => {
  fake = await startFakeClouds()
})
afterAll(async () => {
  await fake?.close()
})
afterEach(async () => {
  await fetch(`${fake.adminUrl}/faults`, { method: 'DELETE' })
})

async function injectFault(spec: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${fake.adminUrl}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  })
  expect(res.ok, await res.clone().text()).toBe(true)
}

/** Providers against the fake, without real waits between retries unless a test asks for them. */
function sandbox(options: ProvidersOptions = {}) {
  return createProviders({ mode: 'sandbox', ...fake.endpoints }, { sleep: async () => {}, cacheTtlMs: 0, ...options })
}

/** Runs `fn` and returns the CloudError it must reject with. */
async function failure(fn: () => Promise<unknown>): Promise<CloudError> {
  try {
    await fn()
  } catch (err) {
    expect(err).toBeInstanceOf(CloudError)
    return err as CloudError
  }
  throw new Error('expected the call to fail')
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Asserts a user-facing error leaks no secret. */
function expectNoSecret(err: CloudError, ...secrets: string[]) {
  const shown = `${err.message} ${JSON.stringify(err.toJSON())}`
  for (const s of secrets) expect(shown).not.toContain(s)
}

describe.each(ADAPTER_CASES)('$cloud provider contract', (c: AdapterCase) => {
  const accounts = () => seededAccounts(fake, c.cloud)

  describe('validateCredentials', () => {
    it('accepts the seeded full-permission account and reports its identity', async () => {
      const { full } = accounts()
      const identity = await c.provider(sandbox()).validateCredentials(c.credentials(full))
      expect(identity.accountId).toBe(String(c.accountIdOf(full.id)))
      expect(identity.principal).toContain(String(c.accountIdOf(full.id)))
    })

    it('answers SignatureMismatch for a wrong secret', async () => {
      const { full } = accounts()
      const wrong = `${full.secret.slice(0, -3)}xyz`
      const err = await failure(() =>
        c.provider(sandbox()).validateCredentials(c.credentials({ ...full, secret: wrong })),
      )
      expect(err.kind).toBe('SignatureMismatch')
      expect(err.retryable).toBe(false)
      expectNoSecret(err, wrong, full.secret)
    })

    it('answers InvalidCredentials for an unknown key id', async () => {
      const { full } = accounts()
      const unknownId = `${full.id.slice(0, 4)}UNKNOWN${'0'.repeat(full.id.length - 11)}`
      const err = await failure(() =>
        c.provider(sandbox()).validateCredentials(c.credentials({ ...full, id: unknownId })),
      )
      expect(err.kind).toBe('InvalidCredentials')
      expectNoSecret(err, full.secret)
    })

    it('answers PermissionDenied naming every permission the restricted account lacks', async () => {
      const { restricted, missing } = accounts()
      expect(missing.length).toBeGreaterThan(0)
      const err = await failure(() => c.provider(sandbox()).validateCredentials(c.credentials(restricted)))
      expect(err.kind).toBe('PermissionDenied')
      expect(err.missingPermissions).toEqual(expect.arrayContaining(missing))
      expect(missing).toContain(err.permission)
      for (const permission of missing) expect(err.message).toContain(permission)
      expectNoSecret(err, restricted.secret)
    })

    it('answers Unreachable when nothing listens at the endpoint', async () => {
      const port = await closedPort()
      const providers = createProviders(
        {
          mode: 'sandbox',
          tencent: { endpoint: `127.0.0.1:${port}`, protocol: 'http://' },
          aws: { endpoint: `http://127.0.0.1:${port}` },
        },
        { sleep: async () => {} },
      )
      const err = await failure(() => c.provider(providers).validateCredentials(c.credentials(accounts().full)))
      expect(err.kind).toBe('Unreachable')
      expect(err.message).toMatch(/refused/)
    })

    it('answers Timeout when the cloud answers later than the per-call timeout', async () => {
      await injectFault({ cloud: c.cloud, action: c.identityAction, latencyMs: 3_000 })
      const started = Date.now()
      const err = await failure(() =>
        c.provider(sandbox({ timeoutMs: 300 })).validateCredentials(c.credentials(accounts().full)),
      )
      expect(err.kind).toBe('Timeout')
      expect(err.message).toContain('0.3 s')
      expect(Date.now() - started).toBeLessThan(2_500)
    })
  })

  describe('inventory', () => {
    it('lists the seeded regions', async () => {
      const regions = await c.provider(sandbox()).listRegions(c.credentials(accounts().full))
      expect(regions.map((r) => r.name).sort()).toEqual([...c.regions()].sort())
    })

    it('lists the seeded zones, VPCs with subnets, key pairs and instance types', async () => {
      const p = c.provider(sandbox())
      const creds = c.credentials(accounts().full)
      const [zones, vpcs, keyPairs, instanceTypes] = await Promise.all([
        p.listZones(creds, c.region),
        p.listVpcs(creds, c.region),
        p.listKeyPairs(creds, c.region),
        p.listInstanceTypes(creds, c.instanceTypeQuery),
      ])
      const actual = c.normalise({ zones, vpcs, keyPairs, instanceTypes })
      const expected = c.expected()
      expect(actual.zones).toEqual(expected.zones)
      expect(actual.vpcs).toEqual(expected.vpcs)
      expect(actual.keyPairs).toEqual(expected.keyPairs)
      expect(actual.instanceTypes).toEqual(expected.instanceTypes)
    })

    ;(c.pricesEmulated ? it : it.fails)('prices every instance type as the fixture does', async () => {
      const types = await c.provider(sandbox()).listInstanceTypes(c.credentials(accounts().full), c.instanceTypeQuery)
      expect(c.normalise({ zones: [], vpcs: [], keyPairs: [], instanceTypes: types }).prices).toEqual(
        c.expected().prices,
      )
    })

    it('reuses a fresh answer from the cache and does not cache failures', async () => {
      const p = c.provider(sandbox({ cacheTtlMs: 60_000 }))
      const creds = c.credentials(accounts().full)
      await injectFault({ cloud: c.cloud, action: c.zonesAction, errorCode: c.permanentCode })
      const err = await failure(() => p.listZones(creds, c.region))
      expect(err.kind).toBe('InvalidRequest')
      await fetch(`${fake.adminUrl}/faults`, { method: 'DELETE' })
      const zones = await p.listZones(creds, c.region)
      expect(zones.map((z) => z.name)).toEqual(c.expected().zones)
      // The cloud now fails, but the answer is less than a minute old.
      await injectFault({ cloud: c.cloud, action: c.zonesAction, errorCode: c.permanentCode })
      expect(await p.listZones(creds, c.region)).toEqual(zones)
    })
  })

  describe('retries', () => {
    it.each([
      ['throttling', c.throttleCode],
      ['a 5xx', c.serverErrorCode],
    ])('retries %s with backoff and succeeds once it stops', async (_what, errorCode) => {
      await injectFault({ cloud: c.cloud, action: c.zonesAction, errorRate: 1, errorCode })
      const delays: number[] = []
      const p = c.provider(
        sandbox({
          retry: { attempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 },
          random: () => 0.5,
          sleep: async (ms) => {
            delays.push(ms)
            if (delays.length === 2) await fetch(`${fake.adminUrl}/faults`, { method: 'DELETE' })
          },
        }),
      )
      const zones = await p.listZones(c.credentials(accounts().full), c.region)
      expect(zones.map((z) => z.name)).toEqual(c.expected().zones)
      // Two failed attempts, two waits of half the (doubling) cap: full jitter with random() = 0.5.
      expect(delays).toEqual([50, 100])
    })

    it('ends in Throttled after the configured attempts when throttling persists', async () => {
      await injectFault({ cloud: c.cloud, action: c.zonesAction, errorRate: 1, errorCode: c.throttleCode })
      let waits = 0
      const p = c.provider(sandbox({ retry: { attempts: 3 }, sleep: async () => void waits++ }))
      const err = await failure(() => p.listZones(c.credentials(accounts().full), c.region))
      expect(err.kind).toBe('Throttled')
      expect(err.retryable).toBe(true)
      expect(err.cloudCode).toBe(c.throttleCode)
      expect(waits).toBe(2)
    })

    it('does not retry a permanent error', async () => {
      await injectFault({ cloud: c.cloud, action: c.zonesAction, errorRate: 1, errorCode: c.permanentCode })
      let waits = 0
      const p = c.provider(sandbox({ retry: { attempts: 5 }, sleep: async () => void waits++ }))
      const err = await failure(() => p.listZones(c.credentials(accounts().full), c.region))
      expect(err.kind).toBe('InvalidRequest')
      expect(err.retryable).toBe(false)
      expect(err.cloudCode).toBe(c.permanentCode)
      expect(waits).toBe(0)
    })
  })
})

describe('createProviders', () => {
  it('serves each cloud type by its provider; eks clusters run on AWS accounts', () => {
    const providers = sandbox()
    expect(providers.forCloudType('tencent')).toBe(providers.tencent)
    expect(providers.forCloudType('aws')).toBe(providers.aws)
    expect(providers.forCloudType('eks')).toBe(providers.aws)
  })

  it.each([
    ['tencent', 'TkeClusterDriver'],
    ['aws', 'AwsIaasClusterDriver'],
    ['eks', 'EksClusterDriver'],
  ] as const)('drives %s clusters with the %s', (cloudType, driverName) => {
    const driver = sandbox().clusterDriver(cloudType)
    expect(driver.constructor.name).toBe(driverName)
    expect(driver.cloudType).toBe(cloudType)
  })
})

describe('tencent specifics', () => {
  it('lists the seeded security groups', async () => {
    const { full } = seededAccounts(fake, 'tencent')
    const groups = await sandbox().tencent.listSecurityGroups(
      { secretId: full.id, secretKey: full.secret },
      tencentFixture.regions[0].region,
    )
    expect(groups.map((g) => g.name).sort()).toEqual(
      tencentFixture.defaultNetwork.securityGroups.map((g: any) => g.name).sort(),
    )
  })

  it('filters instance types by cpu, memory and gpu minimums', async () => {
    const { full } = seededAccounts(fake, 'tencent')
    const region = tencentFixture.regions[0]
    const creds = { secretId: full.id, secretKey: full.secret }
    const query = { region: region.region, zone: region.zones[0].zone, cpuGtEq: 4, memoryGtEq: 16, gpuGtEq: 1 }
    const types = await sandbox().tencent.listInstanceTypes(creds, query)
    const expected = tencentFixture.instanceTypes
      .filter((t: any) => (!t.zoneIndexes || t.zoneIndexes.includes(0)) && t.cpu >= 4 && t.memory >= 16 && t.gpu >= 1)
      .map((t: any) => ({ type: t.type, spotPrice: t.spotPrice }))
    expect(expected.length).toBeGreaterThan(0)
    expect(types.map((t) => ({ type: t.type, spotPrice: t.spotPrice }))).toEqual(expected)
  })
})

describe('aws specifics', () => {
  it("returns each subnet's tags, so the wizard can check the load-balancer discovery tags", async () => {
    const { full } = seededAccounts(fake, 'aws')
    const region = 'us-east-1'
    const [vpc] = await sandbox().aws.listVpcs(
      { credentialType: 'secret', accessKey: full.id, secretKey: full.secret, partition: 'aws' },
      region,
    )
    const tagged: string[] = awsFixture.regions[region].zones.slice(0, awsFixture.defaultVpc.lbDiscoveryTaggedZones)
    const publicElb = vpc!.subnets.filter((s) => s.tags['kubernetes.io/role/elb'] === '1').map((s) => s.az)
    expect(publicElb.sort()).toEqual([...tagged].sort())
    for (const s of vpc!.subnets.filter((s) => s.tags['kubernetes.io/role/elb'] === '1')) {
      expect(s.tags['sigs.k8s.io/cluster-api-provider-aws/role']).toBe('public')
      expect(s.isPrivate).toBe(false)
    }
  })

  it('lists the Cluster API node images of a Kubernetes version in a region, newest first, and caches them', async () => {
    const { full } = seededAccounts(fake, 'aws')
    const creds = { credentialType: 'secret', accessKey: full.id, secretKey: full.secret, partition: 'aws' } as const
    const capa = (prefix: string) =>
      awsFixture.images
        .filter((i: any) => i.owner === CAPA_IMAGE_OWNER && i.name.startsWith(`capa-ami-ubuntu-22.04-v${prefix}`))
        .sort((a: any, b: any) => b.created.localeCompare(a.created))
        .map((i: any) => ({ name: i.name, created: i.created }))
    const aws = sandbox({ cacheTtlMs: 60_000 }).aws
    const minor = await aws.listNodeImages(creds, 'eu-west-1', '1.30')
    expect(minor.map(({ name, created }) => ({ name, created }))).toEqual(capa('1.30'))
    expect(minor.length).toBeGreaterThan(1)
    for (const image of minor) expect(image.imageId).toMatch(/^ami-[0-9a-f]+$/)
    const [patch] = await aws.listNodeImages(creds, 'eu-west-1', '1.30.6')
    expect(patch?.name).toBe(capa('1.30.6')[0]?.name)
    // A version nobody publishes an image for (the fake has none before 1.29), and one that is only a
    // prefix of a published one (1.29.1 of 1.29.10).
    expect(await aws.listNodeImages(creds, 'eu-west-1', '1.28.15')).toEqual([])
    expect(capa('1.29.10')).not.toEqual([])
    expect(await aws.listNodeImages(creds, 'eu-west-1', '1.29.1')).toEqual([])

    // Repeated validations are served from the inventory cache while the answer is fresh.
    await injectFault({ cloud: 'aws', action: 'DescribeImages', errorCode: 'UnauthorizedOperation' })
    expect(await aws.listNodeImages(creds, 'eu-west-1', '1.30')).toEqual(minor)
    const err = await failure(() => sandbox().aws.listNodeImages(creds, 'eu-west-1', '1.30'))
    expect(err.action).toBe('DescribeImages')
  })

  it('validates a role through STS AssumeRole with the console base credentials', async () => {
    // The fake's own console identity (its note says it assumes roles) and a role that trusts it.
    const base = fake.accounts.find((a) => a.cloud === 'aws' && /assuming roles/i.test(a.note))!
    const account = awsFixture.accounts.find((a: any) => a.roles?.length > 0)
    const role = account.roles[0]
    const providers = sandbox({ awsBaseCredentials: { accessKeyId: base.id, secretAccessKey: base.secret } })
    const identity = await providers.aws.validateCredentials({
      credentialType: 'sts',
      arn: role.arn,
      externalId: role.externalId,
      partition: 'aws',
    })
    expect(identity.accountId).toBe(account.id)
  })

  it('explains precisely when the STS endpoint cannot assume the role', async () => {
    const { full } = seededAccounts(fake, 'aws')
    const providers = sandbox({ awsBaseCredentials: { accessKeyId: full.id, secretAccessKey: full.secret } })
    const arn = 'arn:aws:iam::111122223333:role/console-access'
    const err = await failure(() =>
      providers.aws.validateCredentials({
        credentialType: 'sts',
        arn,
        externalId: 'wrong-external-id',
        partition: 'aws',
      }),
    )
    expect(err.action).toBe('AssumeRole')
    expect(err.message).toContain(arn)
    expectNoSecret(err, full.secret)
  })
})
