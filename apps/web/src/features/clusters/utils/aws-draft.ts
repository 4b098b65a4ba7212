import type { AwsClusterCreateInput, RollingUpdate } from '@console/contracts'
import {
  type AwsPlacementDraft,
  type Ec2DraftPool,
  newEc2Pool,
  toAwsPlacement,
  toClusterMetadata,
  toEc2PoolBody,
} from './eks-draft.ts'
import { type ProfileLayerValues, profilesOf, toNumber } from './wizard-draft.ts'
import type { Problem } from './wizard-steps.ts'

/** One AWS IaaS pool: the control plane (the first pool) or a worker pool. */
export interface AwsDraftPool extends Ec2DraftPool {
  size: string
  isControlPlane: boolean
  /** **Allow worker capability** (control plane only). */
  useControlPlaneAsWorker: boolean
  updateStrategy: RollingUpdate
}

export interface AwsDraft extends AwsPlacementDraft {
  /** **Update Worker Pools in parallel**. */
  updateWorkerPoolsInParallel: boolean
  /** The control plane pool first, then the worker pools. */
  pools: AwsDraftPool[]
}

export function newAwsControlPlanePool(): AwsDraftPool {
  return {
    ...newEc2Pool('master-pool'),
    size: '1',
    isControlPlane: true,
    useControlPlaneAsWorker: false,
    updateStrategy: 'RollingUpdateScaleOut',
  }
}

/** A worker pool; `index` is its place among the pools (the control plane is 0). */
export function newAwsWorkerPool(index: number): AwsDraftPool {
  return {
    ...newEc2Pool(index <= 1 ? 'worker-pool' : `worker-pool-${index}`),
    size: '1',
    isControlPlane: false,
    useControlPlaneAsWorker: false,
    updateStrategy: 'RollingUpdateScaleOut',
  }
}

export function emptyAwsDraft(): AwsDraft {
  return {
    name: '',
    description: '',
    tags: '',
    cloudAccountUid: '',
    profileUid: '',
    packValues: {},
    region: '',
    sshKeyName: '',
    staticPlacement: false,
    vpcId: '',
    updateWorkerPoolsInParallel: true,
    pools: [newAwsControlPlanePool(), newAwsWorkerPool(1)],
  }
}

/**
 * The body of POST /v1/spectroclusters/aws from the draft, and the problems only the draft sees (tags,
 * node labels and spot percentages that do not parse). Dynamic placement sends no VPC and no subnets.
 */
export function toAwsCreateBody(
  draft: AwsDraft,
  layers: readonly ProfileLayerValues[],
): { body: AwsClusterCreateInput; problems: Problem[] } {
  const problems: Problem[] = []
  const body = {
    metadata: toClusterMetadata(draft, problems),
    spec: {
      cloudAccountUid: draft.cloudAccountUid,
      profiles: profilesOf(draft, layers),
      cloudConfig: toAwsPlacement(draft),
      clusterConfig: { updateWorkerPoolsInParallel: draft.updateWorkerPoolsInParallel },
      machinepoolconfig: draft.pools.map((p, i) => {
        const pool = toEc2PoolBody(p, i, draft.staticPlacement, problems)
        return {
          cloudConfig: pool.cloudConfig,
          poolConfig: {
            name: p.name.trim(),
            size: toNumber(p.size) as number,
            isControlPlane: p.isControlPlane,
            useControlPlaneAsWorker: p.isControlPlane && p.useControlPlaneAsWorker,
            labels: [p.isControlPlane ? 'master' : 'worker'],
            additionalLabels: pool.additionalLabels,
            taints: pool.taints,
            updateStrategy: { type: p.updateStrategy },
          },
        }
      }),
    },
  } satisfies AwsClusterCreateInput
  return { body, problems }
}
