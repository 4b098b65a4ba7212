import { expect, it } from 'vitest'
import { PassTrace } from './pass-trace.ts'

it('splits a pass into its steps, in order, a repeated step once per time', () => {
  let now = 100
  const trace = new PassTrace('c1', 'lock', () => now)
  now = 101
  trace.step('load')
  now = 111
  trace.step('Creating')
  now = 141
  trace.step('Creating')
  now = 146
  trace.step('record')
  trace.cloudType = 'tencent'
  trace.state = 'Pending'
  trace.result = 'done'
  now = 150
  expect(trace.finish()).toEqual({
    clusterUid: 'c1',
    cloudType: 'tencent',
    state: 'Pending',
    result: 'done',
    steps: [
      { step: 'lock', ms: 1 },
      { step: 'load', ms: 10 },
      { step: 'Creating', ms: 30 },
      { step: 'Creating', ms: 5 },
      { step: 'record', ms: 4 },
    ],
    ms: 50,
  })
})

it('is skipped with a single step until the pass says otherwise', () => {
  const sample = new PassTrace('c2').finish()
  expect(sample.result).toBe('skipped')
  expect(sample.steps.map((s) => s.step)).toEqual(['lock'])
  expect(sample.ms).toBeGreaterThanOrEqual(0)
})
