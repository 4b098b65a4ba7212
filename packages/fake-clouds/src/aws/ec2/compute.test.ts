import {
  AuthorizeSecurityGroupIngressCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DescribeAvailabilityZonesCommand,
  DescribeInstancesCommand,
  DescribeInstanceTypeOfferingsCommand,
  DescribeInstanceTypesCommand,
  DescribeKeyPairsCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  ImportKeyPairCommand,
  RevokeSecurityGroupIngressCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeClouds } from '../../index.ts'
import { AMI, type AwsClients, clientsFor, errorOf, eventually, FIXTURE, startFastFake } from '../testing.ts'

let fake: FakeClouds
let aws: AwsClients
let defaultVpcId: string
beforeAll(async () => {
  fake = await startFastFake()
  aws = clientsFor(fake)
  const { Vpcs } = await aws.ec2.send(new DescribeVpcsCommand({}))
  defaultVpcId = Vpcs![0]!.VpcId!
})
afterAll(() => fake.close())

async function instanceState(id: string): Promise<string | undefined> {
  const { Reservations } = await aws.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))
  return Reservations![0]!.Instances![0]!.State!.Name
}

describe('EC2 catalog', () => {
  it('lists the fixture regions and this region’s AZs with zone ids', async () => {
    const { Regions } = await aws.ec2.send(new DescribeRegionsCommand({}))
    expect(Regions!.map((r) => r.RegionName)).toEqual(Object.keys(FIXTURE.regions))
    expect(Regions![0]!.Endpoint).toBe('ec2.us-east-1.amazonaws.com')
    const { AvailabilityZones } = await aws.ec2.send(new DescribeAvailabilityZonesCommand({}))
    expect(AvailabilityZones!.map((z) => [z.ZoneName, z.ZoneId, z.State])).toEqual([
      ['us-east-1a', 'use1-az1', 'available'],
      ['us-east-1b', 'use1-az2', 'available'],
      ['us-east-1c', 'use1-az3', 'available'],
    ])
    const sg = await clientsFor(fake, { region: 'ap-southeast-1' }).ec2.send(new DescribeAvailabilityZonesCommand({}))
    expect(sg.AvailabilityZones![0]!.ZoneId).toBe('apse1-az1')
  })

  it('describes instance types with vCPUs and memory, filtered, and rejects unknown ones', async () => {
    const { InstanceTypes } = await aws.ec2.send(
      new DescribeInstanceTypesCommand({ InstanceTypes: ['m5.xlarge', 'g4dn.xlarge'] }),
    )
    const byName = Object.fromEntries(InstanceTypes!.map((t) => [t.InstanceType, t]))
    expect(byName['m5.xlarge']!.VCpuInfo!.DefaultVCpus).toBe(4)
    expect(byName['m5.xlarge']!.MemoryInfo!.SizeInMiB).toBe(16384)
    expect(byName['g4dn.xlarge']!.GpuInfo!.Gpus![0]!.Count).toBe(1)
    const twoCpu = await aws.ec2.send(
      new DescribeInstanceTypesCommand({ Filters: [{ Name: 'vcpu-info.default-vcpus', Values: ['2'] }] }),
    )
    expect(twoCpu.InstanceTypes!.map((t) => t.InstanceType).sort()).toEqual(
      Object.entries(FIXTURE.instanceTypes)
        .filter(([, t]) => t.vcpus === 2)
        .map(([n]) => n)
        .sort(),
    )
    const err = await errorOf(aws.ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['p4d.24xlarge'] })))
    expect(err.name).toBe('InvalidInstanceType')
  })

  it('says which AZs offer a type', async () => {
    const { InstanceTypeOfferings } = await aws.ec2.send(
      new DescribeInstanceTypeOfferingsCommand({
        LocationType: 'availability-zone',
        Filters: [{ Name: 'instance-type', Values: ['g4dn.xlarge'] }],
      }),
    )
    expect(InstanceTypeOfferings!.map((o) => o.Location).sort()).toEqual(['us-east-1a', 'us-east-1b'])
  })
})

describe('EC2 key pairs', () => {
  it('lists seeded key pairs, creates, imports, refuses duplicates and deletes', async () => {
    const { KeyPairs } = await aws.ec2.send(new DescribeKeyPairsCommand({}))
    expect(KeyPairs!.map((k) => k.KeyName).sort()).toEqual(['console-dev', 'ops-bastion'])
    const missing = await errorOf(aws.ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['nope'] })))
    expect(missing.name).toBe('InvalidKeyPair.NotFound')

    const created = await aws.ec2.send(new CreateKeyPairCommand({ KeyName: 'ci-key' }))
    expect(created.KeyMaterial).toMatch(/BEGIN RSA PRIVATE KEY/)
    expect(created.KeyFingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/)
    const dup = await errorOf(aws.ec2.send(new CreateKeyPairCommand({ KeyName: 'ci-key' })))
    expect(dup.name).toBe('InvalidKeyPair.Duplicate')

    const material = new TextEncoder().encode('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG5vdGFyZWFsa2V5 me@example')
    const imported = await aws.ec2.send(new ImportKeyPairCommand({ KeyName: 'imported', PublicKeyMaterial: material }))
    expect(imported.KeyPairId).toMatch(/^key-/)
    const bad = await errorOf(
      aws.ec2.send(
        new ImportKeyPairCommand({ KeyName: 'bad', PublicKeyMaterial: new TextEncoder().encode('garbage') }),
      ),
    )
    expect(bad.name).toBe('InvalidKey.Format')

    await aws.ec2.send(new DeleteKeyPairCommand({ KeyName: 'ci-key' }))
    await aws.ec2.send(new DeleteKeyPairCommand({ KeyName: 'imported' }))
    const after = await aws.ec2.send(new DescribeKeyPairsCommand({}))
    expect(after.KeyPairs).toHaveLength(2)
  })
})

describe('EC2 security groups', () => {
  it('creates, authorizes ingress, refuses duplicates and deletes', async () => {
    const created = await aws.ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: 'demo-cp',
        Description: 'control plane',
        VpcId: defaultVpcId,
        TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'owner', Value: 'demo' }] }],
      }),
    )
    expect(created.GroupId).toMatch(/^sg-/)
    const dup = await errorOf(
      aws.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'demo-cp', Description: 'x', VpcId: defaultVpcId })),
    )
    expect(dup.name).toBe('InvalidGroup.Duplicate')

    const rule = {
      IpProtocol: 'tcp',
      FromPort: 6443,
      ToPort: 6443,
      IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'api' }],
    }
    const auth = await aws.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: created.GroupId, IpPermissions: [rule] }),
    )
    expect(auth.Return).toBe(true)
    expect(auth.SecurityGroupRules![0]!.FromPort).toBe(6443)
    const twice = await errorOf(
      aws.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: created.GroupId, IpPermissions: [rule] })),
    )
    expect(twice.name).toBe('InvalidPermission.Duplicate')

    const { SecurityGroups } = await aws.ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'tag:owner', Values: ['demo'] }] }),
    )
    expect(SecurityGroups).toHaveLength(1)
    expect(SecurityGroups![0]!.IpPermissions).toEqual([
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 6443,
        ToPort: 6443,
        IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'api' }],
      }),
    ])
    const revoked = await aws.ec2.send(
      new RevokeSecurityGroupIngressCommand({ GroupId: created.GroupId, IpPermissions: [rule] }),
    )
    expect(revoked.Return).toBe(true)
    expect(revoked.UnknownIpPermissions).toBeUndefined()
    const afterRevoke = await aws.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [created.GroupId!] }))
    expect(afterRevoke.SecurityGroups![0]!.IpPermissions).toEqual([])
    const again = await aws.ec2.send(
      new RevokeSecurityGroupIngressCommand({ GroupId: created.GroupId, IpPermissions: [rule] }),
    )
    expect(again.UnknownIpPermissions).toHaveLength(1)

    const dflt = await aws.ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['default'] }))
    const cannot = await errorOf(
      aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: dflt.SecurityGroups![0]!.GroupId })),
    )
    expect(cannot.name).toBe('CannotDelete')

    await aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: created.GroupId }))
    const gone = await errorOf(aws.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [created.GroupId!] })))
    expect(gone.name).toBe('InvalidGroup.NotFound')
  })
})

describe('EC2 instances', () => {
  it('runs tagged instances pending → running, terminates them shutting-down → terminated → gone', async () => {
    const run = await aws.ec2.send(
      new RunInstancesCommand({
        ImageId: AMI,
        InstanceType: 'm5.large',
        MinCount: 2,
        MaxCount: 2,
        KeyName: 'console-dev',
        TagSpecifications: [
          {
            ResourceType: 'instance',
            Tags: [
              { Key: 'Name', Value: 'demo-cp' },
              { Key: 'owner', Value: 'demo' },
            ],
          },
        ],
      }),
    )
    expect(run.ReservationId).toMatch(/^r-/)
    expect(run.Instances).toHaveLength(2)
    const [a, b] = run.Instances!
    expect(a!.State).toEqual({ Code: 0, Name: 'pending' })
    expect(a!.PrivateIpAddress).not.toBe(b!.PrivateIpAddress)
    expect(a!.Tags).toContainEqual({ Key: 'owner', Value: 'demo' })
    expect(a!.KeyName).toBe('console-dev')

    await eventually(async () => ((await instanceState(a!.InstanceId!)) === 'running' ? true : undefined))
    const byTag = await aws.ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'tag:owner', Values: ['demo'] },
          { Name: 'instance-state-name', Values: ['running', 'pending'] },
        ],
      }),
    )
    expect(byTag.Reservations![0]!.Instances!.map((i) => i.InstanceId).sort()).toEqual(
      [a!.InstanceId, b!.InstanceId].sort(),
    )
    const running = byTag.Reservations![0]!.Instances!.find((i) => i.InstanceId === a!.InstanceId)!
    expect(running.State).toEqual({ Code: 16, Name: 'running' })
    expect(running.PublicIpAddress).toBeDefined()

    const term = await aws.ec2.send(new TerminateInstancesCommand({ InstanceIds: [a!.InstanceId!, b!.InstanceId!] }))
    expect(term.TerminatingInstances![0]!.CurrentState!.Name).toBe('shutting-down')
    expect(term.TerminatingInstances![0]!.PreviousState!.Name).toBe('running')
    await eventually(async () => {
      const { Reservations } = await aws.ec2.send(
        new DescribeInstancesCommand({ Filters: [{ Name: 'tag:owner', Values: ['demo'] }] }),
      )
      return Reservations!.length === 0 ? true : undefined
    })
    expect(fake.store.list({ cloud: 'aws', type: 'ec2.instance' })).toEqual([])
  })

  it('honours ClientToken: a retried RunInstances returns the same instances', async () => {
    const input = {
      ImageId: AMI,
      InstanceType: 't3.medium' as const,
      MinCount: 1,
      MaxCount: 1,
      ClientToken: 'cluster-demo-cp-0',
    }
    const first = await aws.ec2.send(new RunInstancesCommand(input))
    const second = await aws.ec2.send(new RunInstancesCommand(input))
    expect(second.Instances![0]!.InstanceId).toBe(first.Instances![0]!.InstanceId)
    expect(second.ReservationId).toBe(first.ReservationId)
    const mismatch = await errorOf(aws.ec2.send(new RunInstancesCommand({ ...input, InstanceType: 'm5.large' })))
    expect(mismatch.name).toBe('IdempotentParameterMismatch')
    await aws.ec2.send(new TerminateInstancesCommand({ InstanceIds: [first.Instances![0]!.InstanceId!] }))
  })

  it('launches spot instances, refusing a max price under the spot price', async () => {
    const spot = await aws.ec2.send(
      new RunInstancesCommand({
        ImageId: AMI,
        InstanceType: 'm5.large',
        MinCount: 1,
        MaxCount: 1,
        InstanceMarketOptions: { MarketType: 'spot', SpotOptions: { MaxPrice: '0.05' } },
      }),
    )
    expect(spot.Instances![0]!.InstanceLifecycle).toBe('spot')
    expect(spot.Instances![0]!.SpotInstanceRequestId).toMatch(/^sir-/)
    const low = await errorOf(
      aws.ec2.send(
        new RunInstancesCommand({
          ImageId: AMI,
          InstanceType: 'm5.large',
          MinCount: 1,
          MaxCount: 1,
          InstanceMarketOptions: { MarketType: 'spot', SpotOptions: { MaxPrice: '0.001' } },
        }),
      ),
    )
    expect(low.name).toBe('SpotMaxPriceTooLow')
    await aws.ec2.send(new TerminateInstancesCommand({ InstanceIds: [spot.Instances![0]!.InstanceId!] }))
  })

  it('interrupts a spot instance on the admin API (Server.SpotInstanceTermination), never an on-demand one', async () => {
    const launch = (spot: boolean) =>
      aws.ec2.send(
        new RunInstancesCommand({
          ImageId: AMI,
          InstanceType: 'm5.large',
          MinCount: 1,
          MaxCount: 1,
          ...(spot ? { InstanceMarketOptions: { MarketType: 'spot', SpotOptions: { MaxPrice: '0.05' } } } : {}),
        }),
      )
    const interrupt = (instanceId: string) =>
      fetch(`${fake.adminUrl}/aws/spot-interruptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ instanceId }),
      })
    const spotId = (await launch(true)).Instances![0]!.InstanceId!
    const onDemandId = (await launch(false)).Instances![0]!.InstanceId!

    const refused = await interrupt(onDemandId)
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { message: string }).message).toContain('on-demand')
    expect((await interrupt('i-0000000000000000')).status).toBe(404)

    // Real time while it shuts down (at this fake's speed a terminated instance is gone within ms).
    const timeScale = (factor: number) =>
      fetch(`${fake.adminUrl}/time-scale`, { method: 'POST', body: JSON.stringify({ factor }) })
    await timeScale(1)
    const res = await interrupt(spotId)
    expect(res.status).toBe(200)
    const { Reservations } = await aws.ec2.send(new DescribeInstancesCommand({ InstanceIds: [spotId] }))
    const instance = Reservations![0]!.Instances![0]!
    expect(instance.State!.Name).toBe('shutting-down')
    expect(instance.StateReason!.Code).toBe('Server.SpotInstanceTermination')
    await timeScale(100_000)
    // Terminated, then no longer listed at all.
    await eventually(async () => {
      const gone = await errorOf(aws.ec2.send(new DescribeInstancesCommand({ InstanceIds: [spotId] }))).catch(
        () => null,
      )
      return gone?.name === 'InvalidInstanceID.NotFound' ? true : undefined
    })
    expect(await instanceState(onDemandId)).not.toMatch(/shutting-down|terminated/)
    await aws.ec2.send(new TerminateInstancesCommand({ InstanceIds: [onDemandId] }))
  })

  it('places instances in the given subnet and refuses types the AZ does not offer', async () => {
    const { Subnets } = await aws.ec2.send(
      new DescribeSubnetsCommand({
        Filters: [
          { Name: 'availability-zone', Values: ['us-east-1c'] },
          { Name: 'map-public-ip-on-launch', Values: ['false'] },
        ],
      }),
    )
    const subnetC = { id: Subnets![0]!.SubnetId! }
    const unsupported = await errorOf(
      aws.ec2.send(
        new RunInstancesCommand({
          ImageId: AMI,
          InstanceType: 'g4dn.xlarge',
          MinCount: 1,
          MaxCount: 1,
          SubnetId: subnetC.id,
        }),
      ),
    )
    expect(unsupported.name).toBe('Unsupported')
    const placed = await aws.ec2.send(
      new RunInstancesCommand({
        ImageId: AMI,
        InstanceType: 'c5.large',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnetC.id,
      }),
    )
    expect(placed.Instances![0]!.SubnetId).toBe(subnetC.id)
    expect(placed.Instances![0]!.Placement!.AvailabilityZone).toBe('us-east-1c')
    expect(placed.Instances![0]!.PublicIpAddress).toBeUndefined()
    const subnetGone = await errorOf(
      aws.ec2.send(
        new RunInstancesCommand({
          ImageId: AMI,
          InstanceType: 'c5.large',
          MinCount: 1,
          MaxCount: 1,
          SubnetId: 'subnet-00000000000000000',
        }),
      ),
    )
    expect(subnetGone.name).toBe('InvalidSubnetID.NotFound')
    await aws.ec2.send(new TerminateInstancesCommand({ InstanceIds: [placed.Instances![0]!.InstanceId!] }))
  })

  it('enforces the on-demand vCPU quota', async () => {
    const err = await errorOf(
      aws.ec2.send(new RunInstancesCommand({ ImageId: AMI, InstanceType: 'm5.2xlarge', MinCount: 9, MaxCount: 9 })),
    )
    expect(err.name).toBe('VcpuLimitExceeded')
  })

  it('keeps instances pending while RunInstances is stuck', async () => {
    fake.faults.add({ cloud: 'aws', action: 'RunInstances', stuck: true })
    try {
      const run = await aws.ec2.send(
        new RunInstancesCommand({ ImageId: AMI, InstanceType: 't3.medium', MinCount: 1, MaxCount: 1 }),
      )
      await new Promise((r) => setTimeout(r, 100))
      expect(await instanceState(run.Instances![0]!.InstanceId!)).toBe('pending')
      await aws.ec2.send(new TerminateInstancesCommand({ InstanceIds: [run.Instances![0]!.InstanceId!] }))
    } finally {
      fake.faults.clear()
    }
  })

  it('answers InvalidInstanceID.NotFound and .Malformed', async () => {
    const notFound = await errorOf(
      aws.ec2.send(new TerminateInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })),
    )
    expect(notFound.name).toBe('InvalidInstanceID.NotFound')
    const malformed = await errorOf(aws.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['web-1'] })))
    expect(malformed.name).toBe('InvalidInstanceID.Malformed')
  })
})
