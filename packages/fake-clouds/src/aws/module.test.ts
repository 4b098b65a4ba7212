import { CreateVpcCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeClouds } from '../index.ts'
import { ADMIN, clientsFor, errorOf, startFastFake } from './testing.ts'

let fake: FakeClouds
beforeAll(async () => {
  fake = await startFastFake()
})
afterAll(() => fake.close())

describe('the AWS module inside the fake-clouds server', () => {
  it('shows created resources with their tags in the admin API, and reset brings back the seed', async () => {
    const aws = clientsFor(fake)
    const before = (await aws.ec2.send(new DescribeVpcsCommand({}))).Vpcs!.map((v) => v.VpcId)
    const { Vpc } = await aws.ec2.send(
      new CreateVpcCommand({
        CidrBlock: '10.3.0.0/16',
        TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'owner', Value: 'demo' }] }],
      }),
    )
    const listed = (await (await fetch(`${fake.adminUrl}/resources?cloud=aws`)).json()) as Array<{
      id: string
      account: string
      region: string
      type: string
      tags: Record<string, string>
    }>
    expect(listed).toContainEqual(
      expect.objectContaining({
        id: Vpc!.VpcId,
        account: ADMIN.id,
        region: 'us-east-1',
        type: 'ec2.vpc',
        tags: { owner: 'demo' },
      }),
    )

    const reset = await fetch(`${fake.adminUrl}/reset`, { method: 'POST' })
    expect(reset.ok).toBe(true)
    const gone = await errorOf(aws.ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] })))
    expect(gone.name).toBe('InvalidVpcID.NotFound')
    // Seeded ids are derived from account and region, so they survive a reset unchanged.
    expect((await aws.ec2.send(new DescribeVpcsCommand({}))).Vpcs!.map((v) => v.VpcId)).toEqual(before)
  })

  it('holds a request under a Timeout fault until the client gives up, then serves again', async () => {
    fake.faults.add({ cloud: 'aws', action: 'DescribeVpcs', errorCode: 'Timeout' })
    const aws = clientsFor(fake)
    const started = Date.now()
    try {
      const err = await errorOf(aws.ec2.send(new DescribeVpcsCommand({}), { abortSignal: AbortSignal.timeout(300) }))
      expect(err.name).toBe('AbortError')
      expect(Date.now() - started).toBeLessThan(5_000)
    } finally {
      fake.faults.clear()
    }
    expect((await aws.ec2.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(1)
  })
})
