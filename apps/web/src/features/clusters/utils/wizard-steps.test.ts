import { describe, expect, it } from 'vitest'
import { errorAt, nextStep, previousStep, problemsOfStep, stepOfPath } from './wizard-steps.ts'

describe('stepOfPath', () => {
  it('maps every body path to the step that shows its field', () => {
    expect(stepOfPath('metadata.name')).toBe('basic')
    expect(stepOfPath('metadata.labels')).toBe('basic')
    expect(stepOfPath('spec.cloudAccountUid')).toBe('basic')
    expect(stepOfPath('ProjectUid')).toBe('basic')
    expect(stepOfPath('spec.profiles')).toBe('profile')
    expect(stepOfPath('spec.profiles.0.uid')).toBe('profile')
    expect(stepOfPath('spec.profiles.0.packValues.2.values')).toBe('parameters')
    expect(stepOfPath('spec.cloudConfig.endpointAccess.publicCIDRs.0')).toBe('config')
    expect(stepOfPath('spec.clusterConfig.updateWorkerPoolsInParallel')).toBe('config')
    expect(stepOfPath('spec.machinepoolconfig.1.poolConfig.size')).toBe('nodes')
    expect(stepOfPath('spec.cloudAccountUidx')).toBe('review')
  })
})

describe('nextStep', () => {
  const size = { path: 'spec.machinepoolconfig.0.poolConfig.size', message: 'Desired size must be between…' }
  const region = { path: 'spec.cloudConfig.region', message: 'Choose a Region' }

  it('advances in order when the current step has no problem, whatever later steps hold', () => {
    expect(nextStep('basic', [region, size])).toEqual({ step: 'profile', blocking: [] })
    expect(nextStep('profile', [])).toEqual({ step: 'parameters', blocking: [] })
    expect(nextStep('parameters', [])).toEqual({ step: 'config', blocking: [] })
    expect(nextStep('config', [size])).toEqual({ step: 'nodes', blocking: [] })
    expect(nextStep('nodes', [])).toEqual({ step: 'review', blocking: [] })
  })

  it('stays on a step that has problems and returns them', () => {
    expect(nextStep('nodes', [region, size])).toEqual({ step: 'nodes', blocking: [size] })
    expect(nextStep('config', [region])).toEqual({ step: 'config', blocking: [region] })
  })

  it('never goes past Review', () => {
    expect(nextStep('review', [])).toEqual({ step: 'review', blocking: [] })
  })

  it('goes back one step and not before the first', () => {
    expect(previousStep('review')).toBe('nodes')
    expect(previousStep('profile')).toBe('basic')
    expect(previousStep('basic')).toBe('basic')
  })

  it('shows every problem on Review', () => {
    expect(problemsOfStep([region, size], 'review')).toEqual([region, size])
  })
})

describe('errorAt', () => {
  const problems = [{ path: 'spec.cloudConfig.endpointAccess.publicCIDRs.1', message: 'Enter an IPv4 CIDR' }]
  it('finds an exact path, or one nested under it when asked', () => {
    expect(errorAt(problems, 'spec.cloudConfig.endpointAccess.publicCIDRs')).toBeUndefined()
    expect(errorAt(problems, 'spec.cloudConfig.endpointAccess.publicCIDRs', true)).toBe('Enter an IPv4 CIDR')
    expect(errorAt(problems, 'spec.cloudConfig.endpointAccess.publicCIDRs.1')).toBe('Enter an IPv4 CIDR')
  })
})
