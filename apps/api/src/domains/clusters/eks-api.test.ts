import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'
import { type EksFixture, setupEksProject, setupTkeProject, type TkeFixture } from './test-support.ts'

describe('cluster API: validate and create (EKS)', () => {
  let t: TestApp
  let fx: EksFixture
  let tke: TkeFixture

  beforeAll(async () => {
    // The engine only enqueues here (no workers): clusters stay Pending, so these tests see what the API wrote.
    t = await createTestApp({}, { clouds: true, engine: { workers: false } })
    fx = await setupEksProject(t)
    tke = await setupTkeProject(t, 'tke-next-door')
  })
  afterAll(async () => {
    await t.close()
  })

  const admin = () => t.as(t.adminToken, fx.headers)
  const errorsOf = (answer: { errors: Array<{ path: string; message: string }> }) =>
    Object.fromEntries(answer.errors.map((e) => [e.path, e.message]))

  it('answers a valid body with valid: true and writes nothing', async () => {
    const before = await t.prisma.cluster.count()
    const res = await admin().post('/v1/spectroclusters/eks/validate', fx.body('eks-valid'))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ valid: true, errors: [], warnings: [] })
    expect(await t.prisma.cluster.count()).toBe(before)
  })

  it('answers every problem at once: shape, pools, spot, taints, labels, CIDRs and the inventory', async () => {
    const [a, b] = fx.zones
    const body = fx.body('Bad_Name') as any
    body.spec.cloudConfig.sshKeyName = 'no-such-key'
    body.spec.cloudConfig.endpointAccess.publicCIDRs = ['203.0.113.0/24', '203.0.113.64/26', '198.51.100.9/24']
    body.spec.machinepoolconfig = [
      {
        cloudConfig: { instanceType: fx.instanceType, rootDeviceSize: 60, azs: [a, b], capacityType: 'spot' },
        poolConfig: {
          name: 'spot',
          size: 5,
          minSize: 1,
          maxSize: 3,
          additionalLabels: { 'bad key': 'x' },
          taints: [{ key: 'dedicated', value: 'no spaces', effect: 'NoSchedule' }],
        },
      },
      {
        // r5.large is not offered in every zone of the fixture's regions.
        cloudConfig: { instanceType: 'r5.large', rootDeviceSize: 60, azs: ['us-east-1c', 'us-east-9z'] },
        poolConfig: { name: 'memory', size: 1, minSize: 1, maxSize: 1 },
      },
    ]
    const res = await admin().post('/v1/spectroclusters/eks/validate', body)
    expect(res.statusCode).toBe(200)
    const answer = res.json()
    expect(answer.valid).toBe(false)
    const errors = errorsOf(answer)
    expect(errors).toMatchObject({
      'metadata.name': 'Use lower-case letters, digits and dashes; start and end with a letter or digit',
      'spec.cloudConfig.endpointAccess.publicCIDRs.1':
        '203.0.113.64/26 overlaps 203.0.113.0/24, already in the Public Access CIDRs',
      'spec.cloudConfig.endpointAccess.publicCIDRs.2':
        '198.51.100.9/24 has host bits set: did you mean 198.51.100.0/24?',
      'spec.machinepoolconfig.0.poolConfig.size': 'Desired size must be between the minimum and the maximum size',
      'spec.machinepoolconfig.0.cloudConfig.spotMarketOptions.maxPrice': 'On-Spot pools need a max bid',
      'spec.machinepoolconfig.0.poolConfig.taints.0.value': 'Invalid taint value',
      'spec.cloudConfig.sshKeyName': `Key pair no-such-key does not exist in ${fx.region}`,
      'spec.machinepoolconfig.1.cloudConfig.azs.1': `us-east-9z is not an Availability Zone of ${fx.region}`,
      'spec.machinepoolconfig.1.cloudConfig.instanceType': 'Instance type r5.large is not offered in us-east-1c',
    })
    expect(Object.keys(errors)).toContain('spec.machinepoolconfig.0.poolConfig.additionalLabels.bad key')
  })

  it('checks a static placement against the VPC: subnets of the VPC, in their zone; public subnets warn', async () => {
    const vpcs = await t.deps.providers.aws.listVpcs(fx.credentials, fx.region)
    const vpc = vpcs.find((v) => v.isDefault)!
    const [a, b] = fx.zones
    const privateIn = (az: string) => vpc.subnets.find((s) => s.az === az && s.isPrivate)!
    const publicIn = (az: string) => vpc.subnets.find((s) => s.az === az && !s.isPrivate)!
    const body = fx.body('eks-static') as any
    body.spec.cloudConfig.vpcId = vpc.vpcId
    body.spec.machinepoolconfig[0].cloudConfig.subnets = [
      { id: privateIn(a).subnetId, az: a },
      { id: publicIn(b).subnetId, az: b },
    ]
    const ok = (await admin().post('/v1/spectroclusters/eks/validate', body)).json()
    expect(ok.valid).toBe(true)
    expect(ok.warnings).toEqual([
      {
        path: 'spec.machinepoolconfig.0.cloudConfig.subnets.1.id',
        message: `Subnet ${publicIn(b).subnetId} gives instances public IP addresses: nodes are usually placed in private subnets`,
      },
    ])

    body.spec.machinepoolconfig[0].cloudConfig.subnets = [
      { id: privateIn(b).subnetId, az: a },
      { id: 'subnet-0000feed', az: b },
    ]
    const wrong = errorsOf((await admin().post('/v1/spectroclusters/eks/validate', body)).json())
    expect(wrong).toEqual({
      'spec.machinepoolconfig.0.cloudConfig.subnets.0.az': `Subnet ${privateIn(b).subnetId} is in ${b}, not ${a}`,
      'spec.machinepoolconfig.0.cloudConfig.subnets.1.id': `Subnet subnet-0000feed is not in VPC ${vpc.vpcId}`,
    })

    body.spec.cloudConfig.vpcId = 'vpc-0000beef'
    expect(errorsOf((await admin().post('/v1/spectroclusters/eks/validate', body)).json())).toMatchObject({
      'spec.cloudConfig.vpcId': `VPC vpc-0000beef is not in ${fx.region}`,
    })
  })

  it('refuses a Tencent account and a TKE profile for an EKS cluster', async () => {
    const body = fx.body('eks-wrong-cloud') as any
    const tkeAccount = await t.prisma.cloudAccount.findUniqueOrThrow({ where: { id: tke.accountUid } })
    // Both in this project: share the TKE project's account and profile through the tenant scope.
    await t.prisma.cloudAccount.update({ where: { id: tke.accountUid }, data: { projectId: null } })
    body.spec.cloudAccountUid = tke.accountUid
    body.spec.profiles = [{ uid: tke.profileUid, packValues: [] }]
    const errors = errorsOf((await admin().post('/v1/spectroclusters/eks/validate', body)).json())
    await t.prisma.cloudAccount.update({ where: { id: tke.accountUid }, data: { projectId: tkeAccount.projectId } })
    expect(errors['spec.cloudAccountUid']).toBe(`${tkeAccount.name} is not an AWS cloud account`)
    expect(errors['spec.profiles.0.uid']).toMatch(/is a Tencent profile, not an EKS one$/)
  })

  it('create answers 422 with the validation answer and writes nothing', async () => {
    const before = await t.prisma.cluster.count()
    const body = fx.body('eks-invalid') as any
    body.spec.machinepoolconfig[0].cloudConfig.azs = [fx.zones[0]]
    const res = await admin().post('/v1/spectroclusters/eks', body)
    expect(res.statusCode).toBe(422)
    expect(res.json().details.errors).toEqual([
      {
        path: 'spec.machinepoolconfig',
        message:
          'EKS runs its control plane in at least two Availability Zones: spread the node pools over two or more',
      },
    ])
    expect(await t.prisma.cluster.count()).toBe(before)
  })

  it('creates a Pending eks cluster with the accepted spec, its first event, an audit record and a pending job', async () => {
    const res = await admin().post('/v1/spectroclusters/eks', fx.body('eks-created'))
    expect(res.statusCode, res.body).toBe(201)
    const { uid } = res.json()
    const read = (await admin().get(`/v1/spectroclusters/${uid}`)).json()
    expect(read.spec.cloudType).toBe('eks')
    expect(read.status.state).toBe('Pending')
    expect(read.status.region).toBe(fx.region)
    expect(read.spec.cloudConfig).toEqual({
      region: fx.region,
      sshKeyName: fx.keyName,
      endpointAccess: { public: true, private: false, publicCIDRs: ['203.0.113.0/24'], privateCIDRs: [] },
    })
    expect(read.spec.machinepoolconfig[0].cloudConfig).toMatchObject({ capacityType: 'on-demand', subnets: [] })
    // Every layer of the profile is stored with the values it deploys.
    const row = await t.prisma.cluster.findUniqueOrThrow({ where: { id: uid } })
    const packs = (row.spec as any).profiles[0].packValues as Array<{ name: string; layer: string }>
    expect(packs.map((p) => p.layer)).toEqual(['os', 'k8s', 'cni', 'csi', 'addon'])
    const events = (await admin().get(`/v1/events/components/spectrocluster/${uid}`)).json().items
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ reason: 'Created', state: 'Pending' })
    const audit = await t.prisma.auditEvent.findFirst({ where: { resourceUid: uid } })
    expect(audit).toMatchObject({ actionType: 'create', resourceName: 'eks-created' })
    expect(audit?.details).toMatchObject({ cloudType: 'eks', region: fx.region, profile: 'eks-standard' })
    const jobs = await t.prisma.$queryRawUnsafe<Array<{ state: string }>>(
      `SELECT state::text FROM pgboss.job WHERE name = 'cluster-reconcile' AND singleton_key = $1`,
      uid,
    )
    expect(jobs.map((j) => j.state)).toEqual(['created'])

    const clash = await admin().post('/v1/spectroclusters/eks', fx.body('eks-created'))
    expect(clash.statusCode).toBe(422)
    expect(errorsOf(clash.json().details)['metadata.name']).toBe(
      'A cluster named eks-created already exists in this project',
    )
  })

  it('documents the EKS routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json()
    for (const path of ['/v1/spectroclusters/eks', '/v1/spectroclusters/eks/validate']) {
      const post = doc.paths[path]?.post
      expect(post, path).toBeDefined()
      expect(post.description).toMatch(/Static Placement/)
      const body = post.requestBody.content['application/json'].schema
      const cloudConfig = body.properties.spec.properties.cloudConfig
      expect(Object.keys(cloudConfig.properties).sort()).toEqual(['endpointAccess', 'region', 'sshKeyName', 'vpcId'])
    }
  })
})
