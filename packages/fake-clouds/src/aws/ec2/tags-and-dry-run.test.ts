import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeTagsCommand,
  DescribeVpcsCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeClouds } from '../../index.ts'
import { AMI, type AwsClients, clientsFor, errorOf, LIMITED, startFastFake } from '../testing.ts'

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

describe('EC2 tags', () => {
  it('creates, describes and deletes tags on any resource', async () => {
    await aws.ec2.send(new CreateTagsCommand({ Resources: [defaultVpcId], Tags: [{ Key: 'team', Value: 'platform' }] }))
    const { Tags } = await aws.ec2.send(
      new DescribeTagsCommand({
        Filters: [
          { Name: 'resource-id', Values: [defaultVpcId] },
          { Name: 'key', Values: ['team'] },
        ],
      }),
    )
    expect(Tags).toEqual([{ ResourceId: defaultVpcId, ResourceType: 'vpc', Key: 'team', Value: 'platform' }])
    await aws.ec2.send(new DeleteTagsCommand({ Resources: [defaultVpcId], Tags: [{ Key: 'team' }] }))
    const after = await aws.ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['team'] }] }))
    expect(after.Tags).toEqual([])
    const err = await errorOf(
      aws.ec2.send(new CreateTagsCommand({ Resources: ['vpc-00000000000000000'], Tags: [{ Key: 'a', Value: 'b' }] })),
    )
    expect(err.name).toBe('InvalidVpcID.NotFound')
  })
})

describe('EC2 DryRun permission checks', () => {
  const launch = { ImageId: AMI, InstanceType: 't3.medium' as const, MinCount: 1, MaxCount: 1, DryRun: true }

  it('answers DryRunOperation (412) to the account that may act, creating nothing', async () => {
    const err = await errorOf(aws.ec2.send(new RunInstancesCommand(launch)))
    expect(err.name).toBe('DryRunOperation')
    expect(err.$metadata?.httpStatusCode).toBe(412)
    const vpc = await errorOf(aws.ec2.send(new DescribeVpcsCommand({ DryRun: true })))
    expect(vpc.name).toBe('DryRunOperation')
  })

  it('answers UnauthorizedOperation (403) naming the action to the account that lacks it', async () => {
    const limited = clientsFor(fake, { accessKeyId: LIMITED.accessKeyId, secretAccessKey: LIMITED.secretAccessKey })
    const err = await errorOf(limited.ec2.send(new RunInstancesCommand(launch)))
    expect(err.name).toBe('UnauthorizedOperation')
    expect(err.$metadata?.httpStatusCode).toBe(403)
    expect(err.message).toContain('ec2:RunInstances')
    const real = await errorOf(limited.ec2.send(new RunInstancesCommand({ ...launch, DryRun: false })))
    expect(real.name).toBe('UnauthorizedOperation')
    const allowed = await errorOf(limited.ec2.send(new DescribeVpcsCommand({ DryRun: true })))
    expect(allowed.name).toBe('DryRunOperation')
    expect(fake.store.list({ cloud: 'aws', account: LIMITED.id, type: 'ec2.instance' })).toEqual([])
  })
})
