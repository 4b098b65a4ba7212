import { describe, expect, it } from 'vitest'
import { awsPermissionsPolicy, formatPolicy, tencentPermissionsPolicy } from './permission-policies.ts'

interface Statement {
  effect?: string
  Effect?: string
  action?: string[]
  Action?: string[]
}

function actions(text: string): string[] {
  const doc = JSON.parse(text) as { statement?: Statement[]; Statement?: Statement[] }
  return (doc.statement ?? doc.Statement ?? []).flatMap((s) => s.action ?? s.Action ?? [])
}

describe('permissions policies from the seeds', () => {
  it('gives the Tencent CAM policy of seed 002 as published, duplicate actions included', () => {
    const all = actions(tencentPermissionsPolicy.text)
    expect(JSON.parse(tencentPermissionsPolicy.text).version).toBe('2.0')
    expect(all).toHaveLength(79)
    expect(all).toEqual(expect.arrayContaining(['tke:CreateCluster', 'cvm:RunInstances', 'vpc:DescribeVpcEx']))
    expect(all.filter((a) => a === 'cloudaudit:DescribeEvents')).toHaveLength(2)
  })

  it('gives the AWS controller policy of seed 004 with its 19 statements', () => {
    const doc = JSON.parse(awsPermissionsPolicy.text)
    expect(doc.Version).toBe('2012-10-17')
    expect(doc.Statement).toHaveLength(19)
    expect(actions(awsPermissionsPolicy.text)).toEqual(
      expect.arrayContaining(['ec2:RunInstances', 'ec2:CreateVpc', 'eks:CreateCluster', 'iam:PassRole']),
    )
  })

  it('formats the policy for copying without changing it', () => {
    for (const policy of [tencentPermissionsPolicy, awsPermissionsPolicy]) {
      const formatted = formatPolicy(policy)
      expect(JSON.parse(formatted)).toEqual(JSON.parse(policy.text))
      expect(formatted.split('\n').length).toBeGreaterThan(50)
    }
  })
})
