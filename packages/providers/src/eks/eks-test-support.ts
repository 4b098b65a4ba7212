import { type EksClusterCreateInput, eksClusterCreateSchema } from '@console/contracts'
import type { AdminResourceView, FakeClouds } from '@console/fake-clouds'
import { expect } from 'vitest'
import type { AwsCredentials } from '../cloud-provider.ts'
import { OWNER_TAG } from '../ownership.ts'
import { recordingWork } from '../tencent/tke-test-support.ts'
import type { EksSpec } from './eks-spec.ts'

export { injectFault, LosingLedger, MemoryLedger, ofType, untilDone } from '../tencent/tke-test-support.ts'

type Pool = EksClusterCreateInput['spec']['machinepoolconfig'][number]

/** A node pool as a test writes it: name, size, zones and anything else of the body's pool. */
export interface PoolInput {
  name: string
  size: number
  azs: string[]
  instanceType?: string
  subnets?: Array<{ id: string; az: string }>
  labels?: Record<string, string>
  taints?: Array<{ key: string; value: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }>
  spotMaxPrice?: string
}

/** A spec as the API accepts it: the body goes through the contract's schema (defaults applied, rules checked). */
export function eksSpec(input: {
  region: string
  pools: PoolInput[]
  vpcId?: string
  sshKeyName?: string
  endpointAccess?: EksClusterCreateInput['spec']['cloudConfig']['endpointAccess']
  parallel?: boolean
  packValues?: Array<{ name: string; tag: string; values: string }>
}): EksSpec {
  const pools: Pool[] = input.pools.map((p) => ({
    cloudConfig: {
      instanceType: p.instanceType ?? 'm5.large',
      rootDeviceSize: 60,
      azs: p.azs,
      subnets: p.subnets ?? [],
      ...(p.spotMaxPrice ? { capacityType: 'spot' as const, spotMarketOptions: { maxPrice: p.spotMaxPrice } } : {}),
    },
    poolConfig: {
      name: p.name,
      size: p.size,
      minSize: p.size,
      maxSize: p.size + 2,
      additionalLabels: p.labels ?? {},
      taints: p.taints ?? [],
    },
  }))
  const body: EksClusterCreateInput = {
    metadata: { name: 'driver-test', labels: {} },
    spec: {
      cloudAccountUid: 'acct-1',
      profiles: [{ uid: 'profile-1', packValues: input.packValues ?? [] }],
      cloudConfig: {
        region: input.region,
        ...(input.vpcId ? { vpcId: input.vpcId } : {}),
        ...(input.sshKeyName ? { sshKeyName: input.sshKeyName } : {}),
        endpointAccess: input.endpointAccess ?? { public: true, private: false, publicCIDRs: ['203.0.113.0/24'] },
      },
      clusterConfig: { updateWorkerPoolsInParallel: input.parallel ?? true },
      machinepoolconfig: pools,
    },
  }
  return eksClusterCreateSchema.parse(body).spec
}

/** An EKS ClusterWork whose reports are collected in `events` (and the warnings in `warnings`). */
export const eksWork = recordingWork<AwsCredentials, EksSpec>

/** Every AWS resource of the fake (seeded ones too when asked). */
export async function awsResources(fake: FakeClouds, seeded = false): Promise<AdminResourceView[]> {
  const res = await fetch(`${fake.adminUrl}/resources?cloud=aws&includeSeeded=${seeded}`)
  if (!res.ok) throw new Error(`admin resources: ${res.status}`)
  return (await res.json()) as AdminResourceView[]
}

/** Resources on their way out that AWS still lists for a while. */
const GONE_STATES = new Set(['terminated', 'deleted'])

/** Ids of every AWS resource of the fake that is not on its way out (seeded ones included). */
export async function standingResources(fake: FakeClouds): Promise<string[]> {
  return (await awsResources(fake, true))
    .filter((r) => !GONE_STATES.has(r.state))
    .map((r) => r.id)
    .sort()
}

/**
 * What the fake holds for one cluster and is not already gone: everything with its ownership tag, plus
 * what EKS made for it (node instances, its cluster security group), which carries EKS's own tags.
 */
export async function clusterResources(fake: FakeClouds, uid: string, name: string): Promise<AdminResourceView[]> {
  return (await awsResources(fake)).filter(
    (r) =>
      !GONE_STATES.has(r.state) &&
      (r.tags[OWNER_TAG] === uid || r.tags['eks:cluster-name'] === name || r.tags['aws:eks:cluster-name'] === name),
  )
}

/** Counts per resource type. */
export function countByType(resources: AdminResourceView[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const r of resources) counts[r.type] = (counts[r.type] ?? 0) + 1
  return counts
}

/** Asserts both messages were reported, `earlier` first. */
export function expectBefore(events: string[], earlier: string, later: string): void {
  const at = (message: string) => {
    const index = events.indexOf(message)
    expect(index, `${message} in ${JSON.stringify(events)}`).toBeGreaterThanOrEqual(0)
    return index
  }
  expect(at(earlier)).toBeLessThan(at(later))
}
