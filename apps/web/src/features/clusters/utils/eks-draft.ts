import { type EksClusterCreateInput, parseTags, spotMaxPriceFor } from '@console/contracts'
import { splitCidrs, splitTags } from './tke-draft.ts'
import { type ProfileLayerValues, profilesOf, toNumber, type WizardDraft } from './wizard-draft.ts'
import type { Problem } from './wizard-steps.ts'

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute'
export const taintEffects: readonly TaintEffect[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute']

export interface DraftTaint {
  key: string
  value: string
  effect: TaintEffect
}

/**
 * What every EC2 node pool (EKS managed node groups and AWS IaaS pools) holds as the form has it;
 * numbers stay text until the body is built.
 */
export interface Ec2DraftPool {
  name: string
  instanceType: string
  /** The instance type's on-demand price (USD/h) when it was chosen: the base of the spot bid's percentage. */
  onDemandPrice: number | null
  azs: string[]
  /** Static Placement: the subnet chosen per availability zone. */
  subnetIds: Record<string, string>
  diskSize: string
  /** One `key: value` node label per line. */
  labels: string
  taints: DraftTaint[]
  capacityType: 'on-demand' | 'spot'
  /** On-Spot: the max bid as a percentage of the on-demand price. */
  spotPercent: string
}

/** One EKS node pool (a managed node group): minimum, maximum and desired sizes. */
export interface EksDraftPool extends Ec2DraftPool {
  minSize: string
  maxSize: string
  size: string
}

/** The AWS placement every AWS wizard (EKS and IaaS) asks for in Cluster Config. */
export interface AwsPlacementDraft extends WizardDraft {
  region: string
  /** SSH Key Pair Name; optional. */
  sshKeyName: string
  staticPlacement: boolean
  /** Static Placement's Virtual Network. */
  vpcId: string
  pools: Ec2DraftPool[]
}

/** Cluster Endpoint Access: Public, Private, or Private & Public. */
export type EksEndpointAccess = 'public' | 'private' | 'private-public'

export interface EksDraft extends AwsPlacementDraft {
  endpointAccess: EksEndpointAccess
  /** One CIDR per line (commas accepted). */
  publicCidrs: string
  pools: EksDraftPool[]
}

/** The fields of a new EC2 pool named `name`. */
export function newEc2Pool(name: string): Ec2DraftPool {
  return {
    name,
    instanceType: '',
    onDemandPrice: null,
    azs: [],
    subnetIds: {},
    diskSize: '60',
    labels: '',
    taints: [],
    capacityType: 'on-demand',
    spotPercent: '',
  }
}

export function newEksPool(index: number): EksDraftPool {
  return {
    ...newEc2Pool(index === 0 ? 'worker-pool' : `worker-pool-${index + 1}`),
    minSize: '1',
    maxSize: '3',
    size: '1',
  }
}

export function emptyEksDraft(): EksDraft {
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
    endpointAccess: 'public',
    publicCidrs: '0.0.0.0/0',
    pools: [newEksPool(0)],
  }
}

/** Node labels as typed, one `key: value` per line; a line without a colon is a problem of the pool's labels. */
export function parseNodeLabels(text: string): { labels: Record<string, string>; error?: string } {
  const labels: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const trimmed = line.trim()
    if (trimmed === '') continue
    const colon = trimmed.indexOf(':')
    if (colon < 0) return { labels, error: `Write each label as key: value (${trimmed})` }
    labels[trimmed.slice(0, colon).trim()] = trimmed.slice(colon + 1).trim()
  }
  return { labels }
}

/** The spot bid in USD/h from the percentage typed; undefined when it cannot be computed (then the schema asks for it). */
export function spotMaxPrice(pool: Ec2DraftPool): string | undefined {
  const percent = toNumber(pool.spotPercent)
  if (percent === undefined || !Number.isFinite(percent) || percent <= 0 || pool.onDemandPrice === null)
    return undefined
  return spotMaxPriceFor(pool.onDemandPrice, percent)
}

/** The subnets a pool sends: one per chosen zone that has one, in the zones' order. */
export function poolSubnets(pool: Ec2DraftPool): Array<{ id: string; az: string }> {
  return pool.azs.filter((az) => pool.subnetIds[az]).map((az) => ({ id: pool.subnetIds[az] ?? '', az }))
}

/**
 * The parts of a pool's body every EC2 pool has (its `cloudConfig`, node labels and taints); the
 * problems only the draft sees (node labels and spot percentages that do not parse) go to `problems`.
 * Dynamic placement sends no subnets.
 */
export function toEc2PoolBody(p: Ec2DraftPool, i: number, staticPlacement: boolean, problems: Problem[]) {
  const labels = parseNodeLabels(p.labels)
  if (labels.error)
    problems.push({ path: `spec.machinepoolconfig.${i}.poolConfig.additionalLabels`, message: labels.error })
  const spot = p.capacityType === 'spot'
  const percent = toNumber(p.spotPercent)
  if (spot && percent !== undefined && !(Number.isFinite(percent) && percent > 0 && percent <= 100))
    problems.push({
      path: `spec.machinepoolconfig.${i}.cloudConfig.spotMarketOptions.maxPrice`,
      message: 'The max bid is a percentage of the on-demand price, above 0 and at most 100',
    })
  const maxPrice = spot ? spotMaxPrice(p) : undefined
  return {
    cloudConfig: {
      instanceType: p.instanceType,
      rootDeviceSize: toNumber(p.diskSize) as number,
      capacityType: p.capacityType,
      spotMarketOptions: maxPrice ? { maxPrice } : undefined,
      azs: p.azs,
      subnets: staticPlacement ? poolSubnets(p) : [],
    },
    additionalLabels: labels.labels,
    taints: p.taints.map((t) => ({ key: t.key.trim(), value: t.value.trim(), effect: t.effect })),
  }
}

/** The body's `metadata` (the tags as `labels`); tags that do not parse are a problem at `metadata.labels`. */
export function toClusterMetadata(draft: WizardDraft, problems: Problem[]) {
  const tags = parseTags(splitTags(draft.tags))
  if ('error' in tags) problems.push({ path: 'metadata.labels', message: tags.error })
  return {
    name: draft.name.trim(),
    description: draft.description.trim() || undefined,
    labels: 'labels' in tags ? tags.labels : {},
  }
}

/** Region, key pair and (Static Placement only) the VPC of the body's `cloudConfig`. */
export function toAwsPlacement(draft: AwsPlacementDraft) {
  return {
    region: draft.region,
    sshKeyName: draft.sshKeyName || undefined,
    vpcId: draft.staticPlacement ? draft.vpcId || '' : undefined,
  }
}

/**
 * The body of POST /v1/spectroclusters/eks from the draft, and the problems only the draft sees (tags,
 * node labels and spot percentages that do not parse). Dynamic placement sends no VPC and no subnets.
 */
export function toEksCreateBody(
  draft: EksDraft,
  layers: readonly ProfileLayerValues[],
): { body: EksClusterCreateInput; problems: Problem[] } {
  const problems: Problem[] = []
  const isPublic = draft.endpointAccess !== 'private'
  const body = {
    metadata: toClusterMetadata(draft, problems),
    spec: {
      cloudAccountUid: draft.cloudAccountUid,
      profiles: profilesOf(draft, layers),
      cloudConfig: {
        ...toAwsPlacement(draft),
        endpointAccess: {
          public: isPublic,
          private: draft.endpointAccess !== 'public',
          publicCIDRs: isPublic ? splitCidrs(draft.publicCidrs) : [],
          privateCIDRs: [],
        },
      },
      clusterConfig: { updateWorkerPoolsInParallel: true },
      machinepoolconfig: draft.pools.map((p, i) => {
        const pool = toEc2PoolBody(p, i, draft.staticPlacement, problems)
        return {
          cloudConfig: pool.cloudConfig,
          poolConfig: {
            name: p.name.trim(),
            size: toNumber(p.size) as number,
            minSize: toNumber(p.minSize) as number,
            maxSize: toNumber(p.maxSize) as number,
            isControlPlane: false as const,
            labels: ['worker'],
            additionalLabels: pool.additionalLabels,
            taints: pool.taints,
          },
        }
      }),
    },
  } satisfies EksClusterCreateInput
  return { body, problems }
}
