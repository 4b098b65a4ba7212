import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeImagesCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeClouds } from '../../index.ts'
import { type AwsClients, clientsFor, errorOf, FIXTURE, startFastFake } from '../testing.ts'

let fake: FakeClouds
let aws: AwsClients
beforeAll(async () => {
  fake = await startFastFake()
  aws = clientsFor(fake, { region: 'eu-west-1' })
})
afterAll(() => fake.close())

describe('EC2 images', () => {
  it('finds the Cluster API image for a Kubernetes version by owner and name pattern', async () => {
    const { Images } = await aws.ec2.send(
      new DescribeImagesCommand({
        Owners: ['258751437250'],
        Filters: [{ Name: 'name', Values: ['capa-ami-ubuntu-22.04-v1.30.4-*'] }],
      }),
    )
    expect(Images).toHaveLength(1)
    const image = Images![0]!
    expect(image.Name).toBe('capa-ami-ubuntu-22.04-v1.30.4-1723000000')
    expect(image.ImageId).toMatch(/^ami-[0-9a-f]{17}$/)
    expect(image.State).toBe('available')
    expect(image.CreationDate).toBe('2024-08-07T03:06:40.000Z')

    // Ids differ per region, as real AMI ids do.
    const other = await clientsFor(fake, { region: 'us-east-1' }).ec2.send(
      new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: [image.Name!] }] }),
    )
    expect(other.Images![0]!.ImageId).not.toBe(image.ImageId)

    const amazon = await aws.ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }))
    expect(amazon.Images!.map((i) => i.Name)).toEqual(
      FIXTURE.images.filter((i) => i.ownerAlias === 'amazon').map((i) => i.name),
    )

    const run = await aws.ec2.send(
      new RunInstancesCommand({ ImageId: image.ImageId, InstanceType: 't3.medium', MinCount: 1, MaxCount: 1 }),
    )
    expect(run.Instances![0]!.ImageId).toBe(image.ImageId)
    await aws.ec2.send(new TerminateInstancesCommand({ InstanceIds: [run.Instances![0]!.InstanceId!] }))
  })

  it('answers InvalidAMIID.NotFound and .Malformed', async () => {
    const missing = await errorOf(aws.ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-00000000000000000'] })))
    expect(missing.name).toBe('InvalidAMIID.NotFound')
    const malformed = await errorOf(
      aws.ec2.send(new RunInstancesCommand({ ImageId: 'ubuntu', InstanceType: 't3.medium', MinCount: 1, MaxCount: 1 })),
    )
    expect(malformed.name).toBe('InvalidAMIID.Malformed')
  })

  it('withdraws an image from one region through the admin API, until reset', async () => {
    const name = 'capa-ami-ubuntu-22.04-v1.29.8-1723000000'
    const byName = new DescribeImagesCommand({ Owners: ['258751437250'], Filters: [{ Name: 'name', Values: [name] }] })
    const deregister = (body: object) =>
      fetch(`${fake.adminUrl}/aws/image-deregistrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const [image] = (await aws.ec2.send(byName)).Images!
    expect((await deregister({ region: 'mars-1', name })).status).toBe(404)
    expect((await deregister({ region: 'eu-west-1', name: 'capa-ami-nothing' })).status).toBe(404)
    expect((await deregister({ region: 'eu-west-1' })).status).toBe(400)

    const res = await deregister({ region: 'eu-west-1', name })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ region: 'eu-west-1', name, imageId: image!.ImageId, state: 'deregistered' })
    expect((await aws.ec2.send(byName)).Images).toEqual([])
    const launch = await errorOf(
      aws.ec2.send(
        new RunInstancesCommand({ ImageId: image!.ImageId, InstanceType: 't3.medium', MinCount: 1, MaxCount: 1 }),
      ),
    )
    expect(launch.name).toBe('InvalidAMIID.NotFound')
    // The other images of the region and the same image in other regions stay.
    const versions = await aws.ec2.send(
      new DescribeImagesCommand({
        Owners: ['258751437250'],
        Filters: [{ Name: 'name', Values: ['capa-ami-ubuntu-22.04-v1.29*'] }],
      }),
    )
    expect(versions.Images!.map((i) => i.Name)).toEqual(['capa-ami-ubuntu-22.04-v1.29.10-1731000000'])
    const elsewhere = await clientsFor(fake, { region: 'us-east-1' }).ec2.send(byName)
    expect(elsewhere.Images).toHaveLength(1)

    await fetch(`${fake.adminUrl}/reset`, { method: 'POST' })
    expect((await aws.ec2.send(byName)).Images).toHaveLength(1)
  })
})

describe('EC2 VPC and subnet attributes', () => {
  it('turns on DNS hostnames and public IPs on launch, as a cluster network needs', async () => {
    const { Vpc } = await aws.ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))
    const vpcId = Vpc!.VpcId!
    const before = await aws.ec2.send(
      new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }),
    )
    expect(before.EnableDnsHostnames!.Value).toBe(false)
    await aws.ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }))
    const after = await aws.ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }))
    expect(after.EnableDnsHostnames!.Value).toBe(true)
    const support = await aws.ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsSupport' }))
    expect(support.EnableDnsSupport!.Value).toBe(true)

    const { Subnet } = await aws.ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.0.0/24', AvailabilityZone: 'eu-west-1a' }),
    )
    expect(Subnet!.MapPublicIpOnLaunch).toBe(false)
    await aws.ec2.send(
      new ModifySubnetAttributeCommand({ SubnetId: Subnet!.SubnetId, MapPublicIpOnLaunch: { Value: true } }),
    )
    const { Subnets } = await aws.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [Subnet!.SubnetId!] }))
    expect(Subnets![0]!.MapPublicIpOnLaunch).toBe(true)

    await aws.ec2.send(new DeleteSubnetCommand({ SubnetId: Subnet!.SubnetId }))
    await aws.ec2.send(new DeleteVpcCommand({ VpcId: vpcId }))
    expect(fake.store.list({ cloud: 'aws' }).filter((r) => !r.seeded)).toEqual([])
  })
})
