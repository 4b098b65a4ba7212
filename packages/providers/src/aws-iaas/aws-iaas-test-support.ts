import { type AwsClusterCreateInput, awsClusterCreateSchema } from '@console/contracts'
import type { AwsCredentials } from '../cloud-provider.ts'
import { recordingWork } from '../tencent/tke-test-support.ts'
import type { AwsIaasSpec } from './aws-iaas-spec.ts'

export {
  awsResources,
  clusterResources,
  countByType,
  expectBefore,
  injectFault,
  LosingLedger,
  MemoryLedger,
  ofType,
  standingResources,
  untilDone,
} from '../eks/eks-test-support.ts'

type Pool = AwsClusterCreateInput['spec']['machinepoolconfig'][number]

/** A pool as a test writes it: name, size, zones and anything else of the body's pool. */
export interface IaasPoolInput {
  name: string
  size: number
  azs: string[]
  controlPlane?: boolean
  instanceType?: string
  rootDeviceSize?: number
  subnets?: Array<{ id: string; az: string }>
  labels?: Record<string, string>
  taints?: Array<{ key: string; value: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }>
  spotMaxPrice?: string
  /** **Rolling Update**; Expand First (`RollingUpdateScaleOut`) when absent. */
  strategy?: 'RollingUpdateScaleOut' | 'RollingUpdateScaleIn'
}

/** A spec as the API accepts it: the body goes through the contract's schema (defaults applied, rules checked). */
export function iaasSpec(input: {
  name?: string
  region: string
  pools: IaasPoolInput[]
  vpcId?: string
  sshKeyName?: string
  parallel?: boolean
  packValues?: Array<{ name: string; tag: string; values: string }>
}): AwsIaasSpec {
  const pools: Pool[] = input.pools.map((p) => ({
    cloudConfig: {
      instanceType: p.instanceType ?? 'm5.large',
      rootDeviceSize: p.rootDeviceSize ?? 60,
      azs: p.azs,
      subnets: p.subnets ?? [],
      ...(p.spotMaxPrice ? { capacityType: 'spot' as const, spotMarketOptions: { maxPrice: p.spotMaxPrice } } : {}),
    },
    poolConfig: {
      name: p.name,
      size: p.size,
      isControlPlane: p.controlPlane ?? false,
      additionalLabels: p.labels ?? {},
      taints: p.taints ?? [],
      ...(p.strategy ? { updateStrategy: { type: p.strategy } } : {}),
    },
  }))
  const body: AwsClusterCreateInput = {
    metadata: { name: input.name ?? 'driver-test', labels: {} },
    spec: {
      cloudAccountUid: 'acct-1',
      profiles: [{ uid: 'profile-1', packValues: input.packValues ?? [] }],
      cloudConfig: {
        region: input.region,
        ...(input.vpcId ? { vpcId: input.vpcId } : {}),
        ...(input.sshKeyName ? { sshKeyName: input.sshKeyName } : {}),
      },
      clusterConfig: { updateWorkerPoolsInParallel: input.parallel ?? true },
      machinepoolconfig: pools,
    },
  }
  return awsClusterCreateSchema.parse(body).spec
}

/** An AWS IaaS ClusterWork whose reports are collected in `events` (and the warnings in `warnings`). */
export const iaasWork = recordingWork<AwsCredentials, AwsIaasSpec>
