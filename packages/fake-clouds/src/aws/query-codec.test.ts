import type { RunInstancesRequest } from '@aws-sdk/client-ec2'
import * as ec2 from '@aws-sdk/client-ec2'
import type { CreateLoadBalancerInput } from '@aws-sdk/client-elastic-load-balancing-v2'
import * as elb from '@aws-sdk/client-elastic-load-balancing-v2'
import { describe, expect, it } from 'vitest'
import { operationShapes, readQueryInput, writeXmlMembers } from './query-codec.ts'

describe('query codec driven by the SDK schemas', () => {
  it('reads EC2 flattened lists, nested structs, numbers and booleans', () => {
    const { input } = operationShapes(ec2.RunInstances$)
    const params = new URLSearchParams(
      'ImageId=ami-1&MinCount=2&MaxCount=3&DryRun=false&SecurityGroupId.1=sg-a&SecurityGroupId.2=sg-b' +
        '&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=k&TagSpecification.1.Tag.1.Value=v' +
        '&InstanceMarketOptions.MarketType=spot&InstanceMarketOptions.SpotOptions.MaxPrice=0.1',
    )
    const got = readQueryInput<RunInstancesRequest>(input, params, 'ec2')
    expect(got).toEqual({
      ImageId: 'ami-1',
      MinCount: 2,
      MaxCount: 3,
      DryRun: false,
      SecurityGroupIds: ['sg-a', 'sg-b'],
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'k', Value: 'v' }] }],
      InstanceMarketOptions: { MarketType: 'spot', SpotOptions: { MaxPrice: '0.1' } },
    })
  })

  it('reads awsQuery member lists', () => {
    const { input } = operationShapes(elb.CreateLoadBalancer$)
    const params = new URLSearchParams(
      'Name=lb&Subnets.member.1=s1&Subnets.member.2=s2&Tags.member.1.Key=a&Tags.member.1.Value=b',
    )
    expect(readQueryInput<CreateLoadBalancerInput>(input, params, 'query')).toEqual({
      Name: 'lb',
      Subnets: ['s1', 's2'],
      Tags: [{ Key: 'a', Value: 'b' }],
    })
  })

  it('writes EC2 XML in schema order with the wire names, item lists and ISO timestamps', () => {
    const { output } = operationShapes(ec2.DescribeKeyPairs$)
    const xml = writeXmlMembers(
      output,
      { KeyPairs: [{ KeyName: 'a&b', KeyPairId: 'key-1', CreateTime: new Date(Date.UTC(2026, 0, 2)), Tags: [] }] },
      'ec2',
    )
    expect(xml).toBe(
      '<keySet><item><keyPairId>key-1</keyPairId><tagSet></tagSet><createTime>2026-01-02T00:00:00.000Z</createTime><keyName>a&amp;b</keyName></item></keySet>',
    )
  })

  it('writes awsQuery XML with member lists', () => {
    const { output } = operationShapes(elb.DescribeTags$)
    const xml = writeXmlMembers(
      output,
      { TagDescriptions: [{ ResourceArn: 'arn:x', Tags: [{ Key: 'k', Value: 'v' }] }] },
      'query',
    )
    expect(xml).toBe(
      '<TagDescriptions><member><ResourceArn>arn:x</ResourceArn><Tags><member><Key>k</Key><Value>v</Value></member></Tags></member></TagDescriptions>',
    )
  })
})
