import { describe, expect, it } from 'vitest'
import { checkPoolEdit } from './edit-node-pool-dialog.tsx'

const pool = {
  cloudConfig: {
    instanceType: 'm5.large',
    rootDeviceSize: 60,
    capacityType: 'on-demand',
    azs: ['a', 'b'],
    subnets: [],
  },
  poolConfig: {
    name: 'workers',
    size: 1,
    minSize: 1,
    maxSize: 3,
    labels: ['worker'],
    additionalLabels: {},
    taints: [],
  },
}
const draft = { size: '2', minSize: '1', maxSize: '3', labels: 'tier: gpu', taints: [] }

describe('checkPoolEdit (the Edit node pool dialog, as the user types)', () => {
  it('answers the edit the API takes', () => {
    const taints = [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const }]
    expect(checkPoolEdit('eks', pool, { ...draft, taints })).toEqual({
      edit: { size: 2, minSize: 1, maxSize: 3, additionalLabels: { tier: 'gpu' }, taints },
      errors: {},
    })
  })

  it("names each problem by the field it belongs to, with the cloud's pool rules applied", () => {
    expect(checkPoolEdit('eks', pool, { ...draft, size: '5' }).errors).toEqual({
      size: 'Desired size must be between the minimum and the maximum size',
    })
    expect(checkPoolEdit('eks', pool, { ...draft, size: '' }).errors.size).toBeTruthy()
    expect(checkPoolEdit('eks', pool, { ...draft, labels: 'no colon here' }).errors.additionalLabels).toMatch(
      /key: value/,
    )
    const twice = [
      { key: 'k', value: 'a', effect: 'NoSchedule' as const },
      { key: 'k', value: 'b', effect: 'NoSchedule' as const },
    ]
    expect(checkPoolEdit('eks', pool, { ...draft, taints: twice }).errors['taints.1.key']).toMatch(/given twice/)
    const both = checkPoolEdit('eks', pool, {
      ...draft,
      size: '5',
      taints: [{ key: '', value: '', effect: 'NoSchedule' }],
    })
    expect(both.edit).toBe(undefined)
    expect(both.errors).toMatchObject({
      size: 'Desired size must be between the minimum and the maximum size',
      'taints.0.key': 'Taint key is required',
    })
  })

  it('checks an AWS IaaS pool by its own rules: a size without bounds, at most the AWS pool size', () => {
    const ec2Pool = {
      cloudConfig: { ...pool.cloudConfig, azs: ['a'] },
      poolConfig: { name: 'workers', size: 2, labels: ['worker'], additionalLabels: {}, taints: [] },
    }
    const taints = [{ key: 'dedicated', value: 'api', effect: 'NoSchedule' as const }]
    expect(checkPoolEdit('aws', ec2Pool, { ...draft, minSize: '', maxSize: '', taints })).toEqual({
      edit: { size: 2, additionalLabels: { tier: 'gpu' }, taints },
      errors: {},
    })
    expect(checkPoolEdit('aws', ec2Pool, { ...draft, size: '-1' }).errors.size).toBeTruthy()
    expect(checkPoolEdit('tencent', ec2Pool, draft).edit).toBe(undefined)
  })
})
