import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'
import { type AwsFixture, setupAwsProject, setupEksProject } from './test-support.ts'

describe('cluster API: validate and create (AWS IaaS)', () => {
  let t: TestApp
  let fx: AwsFixture
  let eksProfileUid: string

  beforeAll(async () => {
    // The engine only enqueues here (no workers): clusters stay Pending, so these tests see what the API wrote.
    t = await createTestApp({}, { clouds: true, engine: { workers: false } })
    fx = await setupAwsProject(t)
    eksProfileUid = (await setupEksProject(t, 'eks-next-door')).profileUid
  })
  afterAll(async () => {
    await t.close()
  })

  const admin = () => t.as(t.adminToken, fx.headers)
  const errorsOf = (answer: { errors: Array<{ path: string; message: string }> }) =>
    Object.fromEntries(answer.errors.map((e) => [e.path, e.message]))
  const validate = async (body: unknown) => {
    const res = await admin().post('/v1/spectroclusters/aws/validate', body)
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }

  it('answers a valid body with valid: true and writes nothing', async () => {
    const before = await t.prisma.cluster.count()
    expect(await validate(fx.body('aws-valid'))).toEqual({ valid: true, errors: [], warnings: [] })
    expect(await t.prisma.cluster.count()).toBe(before)
  })

  it('answers every pool rule at once, with field paths', async () => {
    const [a, b] = fx.zones
    const body = fx.body('Bad_Name') as any
    const pool = (cloudConfig: object, poolConfig: object) => ({
      cloudConfig: { instanceType: fx.instanceType, rootDeviceSize: 60, azs: [a], ...cloudConfig },
      poolConfig,
    })
    body.spec.machinepoolconfig = [
      pool(
        { capacityType: 'spot', spotMarketOptions: { maxPrice: '0.05' } },
        { name: 'cp', size: 2, isControlPlane: true },
      ),
      pool({}, { name: 'cp-2', size: 1, isControlPlane: true }),
      pool(
        { azs: [a, b, a], capacityType: 'spot', rootDeviceSize: 10 },
        {
          name: 'cp',
          size: 501,
          useControlPlaneAsWorker: true,
          taints: [
            { key: 'gpu', value: 'true', effect: 'NoSchedule' },
            { key: 'gpu', value: 'x', effect: 'NoSchedule' },
          ],
          additionalLabels: { 'bad key': 'x' },
          updateStrategy: { type: 'Sideways' },
        },
      ),
      pool(
        { capacityType: 'spot', spotMarketOptions: { maxPrice: '0' }, subnets: [{ id: 'subnet-0a', az: a }] },
        {
          name: 'Worker_1',
          size: -1,
        },
      ),
    ]
    const answer = await validate(body)
    expect(answer.valid).toBe(false)
    const errors = errorsOf(answer)
    expect(errors).toMatchObject({
      'metadata.name': 'Use lower-case letters, digits and dashes; start and end with a letter or digit',
      'spec.machinepoolconfig.0.poolConfig.size': 'The control plane pool has 1, 3 or 5 nodes',
      'spec.machinepoolconfig.0.cloudConfig.capacityType':
        'The control plane runs on On-Demand instances: a reclaimed spot node would take etcd down',
      'spec.machinepoolconfig.1.poolConfig.isControlPlane': 'A cluster has one control plane pool',
      'spec.machinepoolconfig.2.poolConfig.name': 'Node pool names must be unique',
      'spec.machinepoolconfig.2.poolConfig.size': 'Size must be at most 500',
      'spec.machinepoolconfig.2.poolConfig.useControlPlaneAsWorker':
        'Allow worker capability applies to the control plane pool only',
      'spec.machinepoolconfig.2.cloudConfig.azs.2': `${a} is chosen twice`,
      'spec.machinepoolconfig.2.cloudConfig.rootDeviceSize': 'Disk Size must be at least 20 GiB',
      'spec.machinepoolconfig.2.cloudConfig.spotMarketOptions.maxPrice': 'On-Spot pools need a max bid',
      'spec.machinepoolconfig.2.poolConfig.taints.1.key': 'The taint gpu with effect NoSchedule is given twice',
      'spec.machinepoolconfig.3.poolConfig.name': 'Use lower-case letters, digits and dashes',
      'spec.machinepoolconfig.3.poolConfig.size': 'Size must be at least 0',
      'spec.machinepoolconfig.3.cloudConfig.spotMarketOptions.maxPrice': 'The max bid must be above 0',
      'spec.machinepoolconfig.3.cloudConfig.subnets':
        'Subnets are chosen with Static Placement only; otherwise the console creates them',
    })
    expect(Object.keys(errors)).toEqual(
      expect.arrayContaining([
        'spec.machinepoolconfig.2.poolConfig.additionalLabels.bad key',
        'spec.machinepoolconfig.2.poolConfig.updateStrategy.type',
      ]),
    )
  })

  it('needs a control plane pool and a worker pool, unless the control plane takes workloads', async () => {
    const noControlPlane = fx.body('aws-no-cp') as any
    noControlPlane.spec.machinepoolconfig = [noControlPlane.spec.machinepoolconfig[1]]
    expect(errorsOf(await validate(noControlPlane))).toEqual({
      'spec.machinepoolconfig': 'Add a control plane pool (isControlPlane)',
    })
    const alone = fx.body('aws-alone') as any
    alone.spec.machinepoolconfig = [alone.spec.machinepoolconfig[0]]
    expect(errorsOf(await validate(alone))).toEqual({
      'spec.machinepoolconfig': 'Add a worker pool, or allow worker capability on the control plane pool',
    })
    alone.spec.machinepoolconfig[0].poolConfig.useControlPlaneAsWorker = true
    expect((await validate(alone)).valid).toBe(true)
  })

  it('checks the inventory: key pair, zones, instance type offered in every zone', async () => {
    const body = fx.body('aws-inventory') as any
    body.spec.cloudConfig.sshKeyName = 'no-such-key'
    body.spec.machinepoolconfig[1].cloudConfig.azs = ['us-east-9z']
    body.spec.machinepoolconfig[0].cloudConfig.instanceType = 'x9.huge'
    expect(errorsOf(await validate(body))).toEqual({
      'spec.cloudConfig.sshKeyName': `Key pair no-such-key does not exist in ${fx.region}`,
      'spec.machinepoolconfig.1.cloudConfig.azs.0': `us-east-9z is not an Availability Zone of ${fx.region}`,
      'spec.machinepoolconfig.0.cloudConfig.instanceType': `Instance type x9.huge is not offered in ${fx.region}`,
    })
    body.spec.cloudConfig.region = 'mars-central-1'
    expect(errorsOf(await validate(body))).toMatchObject({
      'spec.cloudConfig.region': 'Region mars-central-1 is not available to this account',
    })
  })

  it('checks a static placement against the VPC and warns about subnets without load balancer tags', async () => {
    const vpcs = await t.deps.providers.aws.listVpcs(fx.credentials, fx.region)
    const vpc = vpcs.find((v) => v.isDefault)!
    const [a, b] = fx.zones
    const zoneOf = (az: string, isPrivate: boolean) =>
      vpc.subnets.find((s) => s.az === az && s.isPrivate === isPrivate)!
    // The fake tags the subnets of its first zones for load-balancer discovery (the role tags), never
    // for a given cluster; the third zone's subnets have no discovery tags at all.
    const untaggedZone = vpc.subnets.find((s) => !('kubernetes.io/role/internal-elb' in s.tags) && s.isPrivate)!.az
    const name = 'aws-static'
    const body = fx.body(name) as any
    body.spec.cloudConfig.vpcId = vpc.vpcId
    body.spec.machinepoolconfig[0].cloudConfig.subnets = [{ id: zoneOf(a, true).subnetId, az: a }]
    body.spec.machinepoolconfig[1].cloudConfig.azs = [b, untaggedZone]
    body.spec.machinepoolconfig[1].cloudConfig.instanceType = 'm5.large'
    body.spec.machinepoolconfig[1].cloudConfig.subnets = [
      { id: zoneOf(b, false).subnetId, az: b },
      { id: zoneOf(untaggedZone, true).subnetId, az: untaggedZone },
    ]
    const answer = await validate(body)
    expect(answer.errors).toEqual([])
    expect(answer.valid).toBe(true)
    expect(answer.warnings).toEqual([
      {
        path: 'spec.machinepoolconfig.1.cloudConfig.subnets.0.id',
        message: `Subnet ${zoneOf(b, false).subnetId} gives instances public IP addresses: nodes are usually placed in private subnets`,
      },
      {
        path: 'spec.machinepoolconfig.0.cloudConfig.subnets.0.id',
        message: `Subnet ${zoneOf(a, true).subnetId} (private) lacks the tags load balancers discover it by: kubernetes.io/cluster/${name}=shared`,
      },
      {
        path: 'spec.machinepoolconfig.1.cloudConfig.subnets.0.id',
        message: `Subnet ${zoneOf(b, false).subnetId} (public) lacks the tags load balancers discover it by: kubernetes.io/cluster/${name}=shared, sigs.k8s.io/cluster-api-provider-aws/cluster/${name}=owned`,
      },
      {
        path: 'spec.machinepoolconfig.1.cloudConfig.subnets.1.id',
        message: `Subnet ${zoneOf(untaggedZone, true).subnetId} (private) lacks the tags load balancers discover it by: kubernetes.io/role/internal-elb=1, kubernetes.io/cluster/${name}=shared`,
      },
    ])

    // Placement errors: a zone without its subnet, a subnet of another zone, one outside the VPC.
    body.spec.machinepoolconfig[0].cloudConfig.subnets = []
    body.spec.machinepoolconfig[1].cloudConfig.subnets = [
      { id: zoneOf(a, true).subnetId, az: b },
      { id: 'subnet-0000feed', az: untaggedZone },
    ]
    expect(errorsOf(await validate(body))).toEqual({
      'spec.machinepoolconfig.0.cloudConfig.subnets': `Choose a subnet in ${a}`,
      'spec.machinepoolconfig.1.cloudConfig.subnets.0.az': `Subnet ${zoneOf(a, true).subnetId} is in ${a}, not ${b}`,
      'spec.machinepoolconfig.1.cloudConfig.subnets.1.id': `Subnet subnet-0000feed is not in VPC ${vpc.vpcId}`,
    })

    body.spec.cloudConfig.vpcId = 'vpc-0000beef'
    expect(errorsOf(await validate(body))).toMatchObject({
      'spec.cloudConfig.vpcId': `VPC vpc-0000beef is not in ${fx.region}`,
    })
  })

  it("refuses another cloud's profile for an AWS IaaS cluster, naming that cloud", async () => {
    const body = fx.body('aws-wrong-profile') as any
    body.spec.profiles = [{ uid: eksProfileUid, packValues: [] }]
    expect(errorsOf(await validate(body))).toEqual({
      'spec.profiles.0.uid': 'eks-standard 1.0.0 is an EKS profile, not an AWS one',
    })
    const vsphere = await t.prisma.clusterProfile.findFirstOrThrow({
      where: { cloudType: 'vsphere', type: 'cluster', publishedAt: { not: null } },
    })
    body.spec.profiles = [{ uid: vsphere.id, packValues: [] }]
    expect(errorsOf(await validate(body))).toEqual({
      'spec.profiles.0.uid': `${vsphere.name} ${vsphere.version} is a vSphere profile, not an AWS one`,
    })
  })

  it("needs a Cluster API node image of the profile's Kubernetes version in the region", async () => {
    // The seeded profile's version has an image in every region of the fake until its publisher
    // withdraws it from one (the fake's admin API): then that region cannot boot the cluster's nodes.
    const region = 'eu-west-1'
    const eu = await setupAwsProject(t, 'aws-eu', region)
    const inEu = () => t.as(t.adminToken, eu.headers)
    const validateInEu = async (body: unknown) => {
      const res = await inEu().post('/v1/spectroclusters/aws/validate', body)
      expect(res.statusCode, res.body).toBe(200)
      return res.json()
    }
    const profile = await t.prisma.clusterProfile.findUniqueOrThrow({ where: { id: eu.profileUid } })
    const version = (profile.packs as Array<{ name: string; tag: string }>).find((p) => p.name === 'kubernetes')!.tag
    const images = await t.deps.providers.aws.listNodeImages(eu.credentials, region, version)
    expect(images.length).toBeGreaterThan(0)
    expect(await validateInEu(eu.body('aws-image'))).toEqual({ valid: true, errors: [], warnings: [] })

    const adminUrl = t.deps.sandbox!.adminUrl
    for (const image of images) {
      const res = await fetch(`${adminUrl}/aws/image-deregistrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ region, name: image.name }),
      })
      expect(res.status, await res.text()).toBe(200)
    }
    // The answer above is cached for a minute, as the rest of the inventory.
    t.deps.providers.clearCache()
    const missing = `No Cluster API node image for Kubernetes ${version} is published in ${region}; choose a profile with another Kubernetes version`
    expect(errorsOf(await validateInEu(eu.body('aws-image')))).toEqual({ 'spec.profiles.0.uid': missing })

    const before = await t.prisma.cluster.count()
    const res = await inEu().post('/v1/spectroclusters/aws', eu.body('aws-image'))
    expect(res.statusCode).toBe(422)
    expect(res.json().details.errors).toEqual([{ path: 'spec.profiles.0.uid', message: missing }])
    expect(await t.prisma.cluster.count()).toBe(before)
    expect(await t.prisma.cluster.count({ where: { name: 'aws-image' } })).toBe(0)

    // Other regions keep their images.
    expect((await validate(fx.body('aws-image'))).valid).toBe(true)

    // When the images cannot be read, the profile's field says so.
    await fetch(`${adminUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cloud: 'aws', action: 'DescribeImages', errorCode: 'UnauthorizedOperation' }),
    })
    t.deps.providers.clearCache()
    try {
      expect(errorsOf(await validateInEu(eu.body('aws-image')))['spec.profiles.0.uid']).toMatch(
        `Could not check the node images of Kubernetes ${version}: `,
      )
    } finally {
      await fetch(`${adminUrl}/reset`, { method: 'POST' })
      t.deps.providers.clearCache()
    }
  })

  it('create answers 422 with the validation answer (field paths) and writes nothing', async () => {
    const before = await t.prisma.cluster.count()
    const body = fx.body('aws-invalid') as any
    body.spec.machinepoolconfig[0].poolConfig.size = 2
    const res = await admin().post('/v1/spectroclusters/aws', body)
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({
      code: 'UnprocessableEntity',
      details: {
        valid: false,
        errors: [
          { path: 'spec.machinepoolconfig.0.poolConfig.size', message: 'The control plane pool has 1, 3 or 5 nodes' },
        ],
      },
    })
    expect(await t.prisma.cluster.count()).toBe(before)
  })

  it('creates a Pending aws cluster with the accepted spec, its first event, an audit record and a pending job', async () => {
    const res = await admin().post('/v1/spectroclusters/aws', fx.body('aws-created'))
    expect(res.statusCode, res.body).toBe(201)
    const { uid } = res.json()
    const read = (await admin().get(`/v1/spectroclusters/${uid}`)).json()
    expect(read.spec.cloudType).toBe('aws')
    expect(read.status.state).toBe('Pending')
    expect(read.status.region).toBe(fx.region)
    expect(read.spec.cloudConfig).toEqual({ region: fx.region, sshKeyName: fx.keyName })
    expect(read.spec.clusterConfig).toEqual({ updateWorkerPoolsInParallel: true })
    const [cp, worker] = read.spec.machinepoolconfig
    expect(cp.poolConfig).toEqual({
      name: 'control-plane',
      size: 1,
      isControlPlane: true,
      useControlPlaneAsWorker: false,
      labels: ['master'],
      additionalLabels: {},
      taints: [],
      updateStrategy: { type: 'RollingUpdateScaleOut' },
    })
    expect(worker.poolConfig).toMatchObject({ isControlPlane: false, labels: ['worker'] })
    expect(worker.cloudConfig).toMatchObject({ capacityType: 'on-demand', subnets: [], azs: fx.zones })
    const events = (await admin().get(`/v1/events/components/spectrocluster/${uid}`)).json().items
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ reason: 'Created', state: 'Pending' })
    const audit = await t.prisma.auditEvent.findFirst({ where: { resourceUid: uid } })
    expect(audit).toMatchObject({ actionType: 'create', resourceName: 'aws-created' })
    expect(audit?.details).toMatchObject({ cloudType: 'aws', region: fx.region, profile: 'aws-ubuntu-standard' })
    const jobs = await t.prisma.$queryRawUnsafe<Array<{ state: string }>>(
      `SELECT state::text FROM pgboss.job WHERE name = 'cluster-reconcile' AND singleton_key = $1`,
      uid,
    )
    expect(jobs.map((j) => j.state)).toEqual(['created'])

    // The name is taken while the cluster lives: validate says so, create answers 422 with it.
    expect(errorsOf(await validate(fx.body('aws-created')))['metadata.name']).toBe(
      'A cluster named aws-created already exists in this project',
    )
    const clash = await admin().post('/v1/spectroclusters/aws', fx.body('aws-created'))
    expect(clash.statusCode).toBe(422)
    expect(errorsOf(clash.json().details)['metadata.name']).toBe(
      'A cluster named aws-created already exists in this project',
    )
  })

  it('lets exactly one of three concurrent creates of one name through; the others name metadata.name', async () => {
    // Whether a loser is caught by validation (422) or by the insert under the lock on project + name
    // (409 AlreadyExists) depends on timing (on the embedded database statements run one at a time).
    const answers = await Promise.all([1, 2, 3].map(() => admin().post('/v1/spectroclusters/aws', fx.body('aws-race'))))
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(1)
    for (const r of answers.filter((a) => a.statusCode !== 201)) {
      expect([409, 422]).toContain(r.statusCode)
      expect(r.body).toContain('metadata.name')
      expect(r.body).toContain('A cluster named aws-race already exists in this project')
    }
    expect(await t.prisma.cluster.count({ where: { name: 'aws-race', state: { not: 'Deleted' } } })).toBe(1)
  })

  it('documents the AWS routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json()
    for (const path of ['/v1/spectroclusters/aws', '/v1/spectroclusters/aws/validate']) {
      const post = doc.paths[path]?.post
      expect(post, path).toBeDefined()
      expect(post.summary).toMatch(/an AWS cluster/)
      expect(post.description).toMatch(/kubernetes\.io\/role\/elb=1/)
      const spec = post.requestBody.content['application/json'].schema.properties.spec
      expect(Object.keys(spec.properties.cloudConfig.properties).sort()).toEqual(['region', 'sshKeyName', 'vpcId'])
      const pool = spec.properties.machinepoolconfig.items.properties.poolConfig
      expect(Object.keys(pool.properties)).toEqual(
        expect.arrayContaining(['isControlPlane', 'useControlPlaneAsWorker', 'labels', 'updateStrategy']),
      )
    }
  })
})
