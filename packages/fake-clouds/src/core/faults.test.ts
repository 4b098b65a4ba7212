import { describe, expect, it } from 'vitest'
import { createFaults, parseFaultSpec } from './faults.ts'
import { type RequestScope, runInRequestScope } from './request-context.ts'

describe('faults', () => {
  it('strikes with errorRate, adds latency, matches per cloud and action, and "*"', async () => {
    let roll = 0.3
    const faults = createFaults(() => roll)
    faults.add({ cloud: 'tencent', action: 'DescribeClusters', errorCode: 'RequestLimitExceeded', errorRate: 0.5 })
    faults.add({ cloud: 'aws', action: '*', latencyMs: 60 })
    expect(await faults.intercept('tencent', 'DescribeClusters')).toEqual({ errorCode: 'RequestLimitExceeded' })
    roll = 0.7
    expect(await faults.intercept('tencent', 'DescribeClusters')).toBeUndefined()
    expect(await faults.intercept('tencent', 'CreateCluster')).toBeUndefined()
    const started = Date.now()
    expect(await faults.intercept('aws', 'DescribeVpcs')).toBeUndefined()
    expect(Date.now() - started).toBeGreaterThanOrEqual(55)
    expect(faults.list()).toHaveLength(2)
    faults.clear()
    expect(faults.list()).toEqual([])
  })

  it('knows stuck switches', () => {
    const faults = createFaults()
    faults.add({ cloud: 'tencent', action: 'DeleteCluster', stuck: true })
    expect(faults.isStuck('tencent', 'DeleteCluster')).toBe(true)
    expect(faults.isStuck('aws', 'DeleteCluster')).toBe(false)
    expect(faults.isStuck('tencent', 'CreateCluster')).toBe(false)
  })

  it('holds a Timeout until the client goes away and records the action in the request scope', async () => {
    const faults = createFaults()
    faults.add({ cloud: 'vsphere', action: 'ListVms', errorCode: 'Timeout' })
    const abort = new AbortController()
    const scope: RequestScope = { signal: abort.signal }
    setTimeout(() => abort.abort(), 50)
    const started = Date.now()
    const result = await runInRequestScope(scope, () => faults.intercept('vsphere', 'ListVms'))
    expect(result).toEqual({ errorCode: 'Timeout' })
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(scope).toMatchObject({ cloud: 'vsphere', action: 'ListVms' })
  })

  it('validates admin input', () => {
    expect(parseFaultSpec({ cloud: 'aws', action: 'RunInstances', errorCode: 'InsufficientInstanceCapacity' })).toEqual(
      {
        cloud: 'aws',
        action: 'RunInstances',
        errorCode: 'InsufficientInstanceCapacity',
      },
    )
    expect(() => parseFaultSpec({ cloud: 'gcp', action: 'x', stuck: true })).toThrow(/cloud/)
    expect(() => parseFaultSpec({ cloud: 'aws', action: 'x', errorRate: 2, errorCode: 'E' })).toThrow(/errorRate/)
    expect(() => parseFaultSpec({ cloud: 'aws', action: 'x' })).toThrow(/at least one/)
  })
})
