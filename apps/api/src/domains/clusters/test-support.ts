import type { AwsClusterCreateInput, EksClusterCreateInput, TkeClusterCreateInput } from '@console/contracts'
import type { AwsCredentials, TencentCredentials } from '@console/providers'
import type { TestApp } from '../../test/harness.ts'

/** Test support of the cluster suites: a project with a Tencent account, a profile and a valid placement. */

/** Pod networks of test clusters: outside every VPC of the fake, and a new one per body (TKE refuses overlaps between clusters of a VPC). */
let podNetworks = 0
const nextPodCidr = () => `10.${100 + (podNetworks++ % 150)}.0.0/16`

export interface TkeFixture {
  projectUid: string
  accountUid: string
  profileUid: string
  credentials: TencentCredentials
  /** A valid create body (placement read from the fake cloud's inventory, never copied from the fixture). */
  body(name: string): TkeClusterCreateInput
  headers: { projectuid: string }
}

export async function setupTkeProject(t: TestApp, projectName = 'tke'): Promise<TkeFixture> {
  const sandbox = t.deps.sandbox
  if (!sandbox) throw new Error('start the test app with { clouds: true }')
  const full = sandbox.tencent.accounts.find((a) => /full permissions/i.test(a.note))
  if (!full) throw new Error('no full-permission Tencent sandbox account')
  const credentials = { secretId: full.secretId, secretKey: full.secretKey }
  const projectUid = await t.createProject(projectName)
  const headers = { projectuid: projectUid }
  const account = await t.as(t.adminToken, headers).post('/v1/cloudaccounts/tencent', {
    metadata: { name: `tencent-${projectName}` },
    spec: credentials,
  })
  if (account.statusCode !== 201) throw new Error(`account: ${account.statusCode} ${account.body}`)
  const profile = await t.prisma.clusterProfile.findFirstOrThrow({
    where: { cloudType: 'tencent', type: 'cluster', publishedAt: { not: null } },
    orderBy: { name: 'asc' },
  })

  // Each test cluster gets its own pod network (the k8s layer's clusterCIDR), set as a user would in the
  // wizard: deterministic, and never overlapping the VPC or another test cluster.
  const layers = profile.packs as Array<{ name: string; tag: string; values?: string }>
  const k8s = layers.find((l) => /^kubernetes/.test(l.name))
  if (!k8s?.values?.includes('clusterCIDR')) throw new Error('the seeded TKE profile has no k8s clusterCIDR')
  // (The layer may carry it commented out: set it either way.)
  const k8sValues = () => k8s.values!.replace(/(#\s*)?clusterCIDR: .*/, `clusterCIDR: "${nextPodCidr()}"`)

  const tencent = t.deps.providers.tencent
  const region = 'ap-guangzhou'
  const [vpcs, groups, keyPairs] = await Promise.all([
    tencent.listVpcs(credentials, region),
    tencent.listSecurityGroups(credentials, region),
    tencent.listKeyPairs(credentials, region),
  ])
  const vpc = vpcs.find((v) => v.subnets.length > 0)
  const subnet = vpc?.subnets[0]
  if (!vpc || !subnet || !groups[0] || !keyPairs[0]) throw new Error('the fake cloud has no usable placement')
  const types = await tencent.listInstanceTypes(credentials, { region, zone: subnet.az })
  const instanceType = types[0]?.type
  if (!instanceType) throw new Error(`no instance type in ${subnet.az}`)
  const securityGroup = groups[0].id
  const keyPair = keyPairs[0].id

  return {
    projectUid,
    accountUid: account.json().uid,
    profileUid: profile.id,
    credentials,
    headers,
    body: (name) => ({
      metadata: { name, description: 'test cluster', labels: { team: 'platform' } },
      spec: {
        cloudAccountUid: account.json().uid,
        profiles: [{ uid: profile.id, packValues: [{ name: k8s.name, tag: k8s.tag, values: k8sValues() }] }],
        cloudConfig: {
          region,
          vpcID: vpc.vpcId,
          sshKeyIDs: [keyPair],
          endpointAccess: { public: true, private: false, securityGroup, publicCIDRs: ['203.0.113.0/24'] },
        },
        clusterConfig: { updateWorkerPoolsInParallel: false },
        machinepoolconfig: [
          {
            cloudConfig: {
              instanceType,
              rootDeviceSize: 60,
              azs: [subnet.az],
              subnetIds: { [subnet.az]: subnet.subnetId },
            },
            poolConfig: { name: 'worker-pool', size: 1, minSize: 1, maxSize: 3 },
          },
        ],
      },
    }),
  }
}

/** Polls until `ok` holds (or fails with the last value seen). */
export async function waitFor<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs
  let last = await read()
  while (!ok(last)) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}; last: ${JSON.stringify(last)}`)
    await new Promise((resolve) => setTimeout(resolve, 150))
    last = await read()
  }
  return last
}

/** A project with an AWS account (access keys, full permissions), a seeded profile and a placement read from the fake. */
export interface AwsAccountFixture {
  projectUid: string
  accountUid: string
  profileUid: string
  credentials: AwsCredentials
  region: string
  /** Two zones of the region that offer `instanceType`, and a key pair of the region (read from the fake). */
  zones: [string, string]
  instanceType: string
  keyName: string
  headers: { projectuid: string }
}

export interface EksFixture extends AwsAccountFixture {
  /** A valid create body with dynamic placement (placement read from the fake cloud's inventory). */
  body(name: string): EksClusterCreateInput
}

export interface AwsFixture extends AwsAccountFixture {
  /** A valid create body with dynamic placement: a control plane pool of 1 and a worker pool, in the two zones. */
  body(name: string): AwsClusterCreateInput
}

async function setupAwsAccountProject(
  t: TestApp,
  projectName: string,
  region: string,
  profileCloudType: 'aws' | 'eks',
): Promise<AwsAccountFixture> {
  const sandbox = t.deps.sandbox
  if (!sandbox) throw new Error('start the test app with { clouds: true }')
  const full = sandbox.aws.accounts.find((a) => /full permissions/i.test(a.note))
  if (!full) throw new Error('no full-permission AWS sandbox account')
  const credentials: AwsCredentials = {
    credentialType: 'secret',
    accessKey: full.accessKey,
    secretKey: full.secretKey,
    partition: 'aws',
  }
  const projectUid = await t.createProject(projectName)
  const headers = { projectuid: projectUid }
  const account = await t.as(t.adminToken, headers).post('/v1/cloudaccounts/aws', {
    metadata: { name: `aws-${projectName}` },
    spec: { credentialType: 'secret', accessKey: full.accessKey, secretKey: full.secretKey },
  })
  if (account.statusCode !== 201) throw new Error(`account: ${account.statusCode} ${account.body}`)
  const profile = await t.prisma.clusterProfile.findFirstOrThrow({
    where: { cloudType: profileCloudType, type: 'cluster', publishedAt: { not: null } },
    orderBy: { name: 'asc' },
  })

  const aws = t.deps.providers.aws
  const [zones, types, keyPairs] = await Promise.all([
    aws.listZones(credentials, region),
    aws.listInstanceTypes(credentials, { region }),
    aws.listKeyPairs(credentials, region),
  ])
  const zoneNames = zones.map((z) => z.name)
  const type = types.find(
    (it) => it.type === 'm5.large' && zoneNames.slice(0, 2).every((z) => it.availabilityZones.includes(z)),
  )
  const [a, b] = zoneNames
  if (!type || !a || !b || !keyPairs[0]) throw new Error(`the fake AWS has no usable placement in ${region}`)
  return {
    projectUid,
    accountUid: account.json().uid,
    profileUid: profile.id,
    credentials,
    region,
    zones: [a, b],
    instanceType: type.type,
    keyName: keyPairs[0].name,
    headers,
  }
}

const testMetadata = (name: string) => ({ name, description: 'test cluster', labels: { team: 'platform' } })
const accountAndProfile = (fx: AwsAccountFixture) => ({
  cloudAccountUid: fx.accountUid,
  profiles: [{ uid: fx.profileUid, packValues: [] }],
})

/** A project with an AWS account, the seeded EKS profile and a valid placement. */
export async function setupEksProject(t: TestApp, projectName = 'eks', region = 'us-east-1'): Promise<EksFixture> {
  const fx = await setupAwsAccountProject(t, projectName, region, 'eks')
  return {
    ...fx,
    body: (name) => ({
      metadata: testMetadata(name),
      spec: {
        ...accountAndProfile(fx),
        cloudConfig: {
          region,
          sshKeyName: fx.keyName,
          endpointAccess: { public: true, private: false, publicCIDRs: ['203.0.113.0/24'] },
        },
        machinepoolconfig: [
          {
            cloudConfig: { instanceType: fx.instanceType, rootDeviceSize: 60, azs: [...fx.zones] },
            poolConfig: { name: 'worker-pool', size: 1, minSize: 1, maxSize: 3 },
          },
        ],
      },
    }),
  }
}

/** A project with an AWS account, the seeded AWS IaaS profile and a valid placement. */
export async function setupAwsProject(t: TestApp, projectName = 'aws', region = 'us-east-1'): Promise<AwsFixture> {
  const fx = await setupAwsAccountProject(t, projectName, region, 'aws')
  return {
    ...fx,
    body: (name) => ({
      metadata: testMetadata(name),
      spec: {
        ...accountAndProfile(fx),
        cloudConfig: { region, sshKeyName: fx.keyName },
        machinepoolconfig: [
          {
            cloudConfig: { instanceType: fx.instanceType, rootDeviceSize: 60, azs: [fx.zones[0]] },
            poolConfig: { name: 'control-plane', size: 1, isControlPlane: true },
          },
          {
            cloudConfig: { instanceType: fx.instanceType, rootDeviceSize: 60, azs: [...fx.zones] },
            poolConfig: { name: 'worker-pool', size: 2 },
          },
        ],
      },
    }),
  }
}
