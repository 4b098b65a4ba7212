import { describe, expect, it } from 'vitest'
import { emptyAwsDraft, newAwsWorkerPool, toAwsCreateBody } from './aws-draft.ts'

describe('toAwsCreateBody', () => {
  it('sends a master and a worker pool; worker capability only on the master; no subnets without Static Placement', () => {
    const draft = emptyAwsDraft()
    const [master, worker] = draft.pools
    if (!master || !worker) throw new Error('two pools by default')
    const pools = [
      { ...master, useControlPlaneAsWorker: true, azs: ['us-east-1a'], subnetIds: { 'us-east-1a': 'subnet-0a' } },
      { ...worker, useControlPlaneAsWorker: true, labels: 'team platform' },
    ]
    const { body, problems } = toAwsCreateBody({ ...draft, name: 'c1', region: 'us-east-1', pools }, [])
    expect(body.spec.cloudConfig).toEqual({ region: 'us-east-1', sshKeyName: undefined, vpcId: undefined })
    expect(body.spec.machinepoolconfig.map((p) => p.poolConfig)).toMatchObject([
      { name: 'master-pool', size: 1, isControlPlane: true, useControlPlaneAsWorker: true, labels: ['master'] },
      { name: 'worker-pool', isControlPlane: false, useControlPlaneAsWorker: false, labels: ['worker'] },
    ])
    expect(body.spec.machinepoolconfig[0]?.cloudConfig.subnets).toEqual([])
    expect(problems).toEqual([
      {
        path: 'spec.machinepoolconfig.1.poolConfig.additionalLabels',
        message: 'Write each label as key: value (team platform)',
      },
    ])
  })

  it('names added worker pools after their place', () => {
    expect(newAwsWorkerPool(1).name).toBe('worker-pool')
    expect(newAwsWorkerPool(2).name).toBe('worker-pool-2')
  })
})
