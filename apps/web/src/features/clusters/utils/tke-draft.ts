import { parseTags, type TkeClusterCreateInput } from '@console/contracts'

/** One worker pool as the form holds it: numbers stay text until the body is built, so a cleared field is "required", not 0. */
export interface DraftPool {
  name: string
  minSize: string
  maxSize: string
  size: string
  instanceType: string
  azs: string[]
  /** Subnet per availability zone. */
  subnetIds: Record<string, string>
  diskSize: string
}

export type EndpointAccess = 'public' | 'private-public'

/** Everything the TKE wizard has been told so far: what is persisted, and what `toTkeCreateBody` turns into the API body. */
export interface TkeDraft {
  name: string
  description: string
  /** One `key:value` tag per line. */
  tags: string
  cloudAccountUid: string
  profileUid: string
  /** Edited layer values by layer name; an absent layer keeps the profile's values. */
  packValues: Record<string, { tag: string; values: string }>
  region: string
  sshKeyId: string
  vpcId: string
  endpointAccess: EndpointAccess
  securityGroup: string
  /** One CIDR per line (commas accepted). */
  publicCidrs: string
  updateWorkerPoolsInParallel: boolean
  pools: DraftPool[]
}

export function newDraftPool(index: number): DraftPool {
  return {
    name: index === 0 ? 'worker-pool' : `worker-pool-${index + 1}`,
    minSize: '1',
    maxSize: '3',
    size: '1',
    instanceType: '',
    azs: [],
    subnetIds: {},
    diskSize: '50',
  }
}

export function emptyTkeDraft(): TkeDraft {
  return {
    name: '',
    description: '',
    tags: '',
    cloudAccountUid: '',
    profileUid: '',
    packValues: {},
    region: '',
    sshKeyId: '',
    vpcId: '',
    endpointAccess: 'public',
    securityGroup: '',
    publicCidrs: '',
    updateWorkerPoolsInParallel: false,
    pools: [newDraftPool(0)],
  }
}

/** Tags as typed: one per line or comma-separated. */
export function splitTags(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((t) => t.trim())
    .filter(Boolean)
}

export function splitCidrs(text: string): string[] {
  return text
    .split(/[\n,\s]+/)
    .map((c) => c.trim())
    .filter(Boolean)
}

function toNumber(text: string): number | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  const n = Number(trimmed)
  return Number.isFinite(n) ? n : Number.NaN
}

export interface ProfileLayerValues {
  name: string
  tag: string
  values: string
}

/**
 * The body of POST /v1/spectroclusters/tke from the draft, plus the tag problem the schema cannot
 * see (tags are parsed with the contracts' parseTags). `layers` are the chosen profile's packs with
 * their profile values; every layer is sent, edited or not.
 */
export function toTkeCreateBody(
  draft: TkeDraft,
  layers: readonly ProfileLayerValues[],
): { body: TkeClusterCreateInput; tagError?: string } {
  const tags = parseTags(splitTags(draft.tags))
  const body = {
    metadata: {
      name: draft.name.trim(),
      description: draft.description.trim() || undefined,
      labels: 'labels' in tags ? tags.labels : {},
    },
    spec: {
      cloudAccountUid: draft.cloudAccountUid,
      profiles: draft.profileUid
        ? [
            {
              uid: draft.profileUid,
              packValues: layers.map((l) => ({
                name: l.name,
                tag: l.tag,
                values: draft.packValues[l.name]?.values ?? l.values,
              })),
            },
          ]
        : [],
      cloudConfig: {
        region: draft.region,
        vpcID: draft.vpcId,
        sshKeyIDs: draft.sshKeyId ? [draft.sshKeyId] : [],
        endpointAccess: {
          public: true as const,
          private: draft.endpointAccess === 'private-public',
          securityGroup: draft.securityGroup,
          publicCIDRs: splitCidrs(draft.publicCidrs),
        },
      },
      clusterConfig: { updateWorkerPoolsInParallel: draft.updateWorkerPoolsInParallel },
      machinepoolconfig: draft.pools.map((p) => ({
        cloudConfig: {
          instanceType: p.instanceType,
          rootDeviceSize: toNumber(p.diskSize) as number,
          azs: p.azs,
          subnetIds: Object.fromEntries(p.azs.map((az) => [az, p.subnetIds[az] ?? ''])),
        },
        poolConfig: {
          name: p.name.trim(),
          size: toNumber(p.size) as number,
          minSize: toNumber(p.minSize) as number,
          maxSize: toNumber(p.maxSize) as number,
          isControlPlane: false as const,
          labels: ['worker'],
        },
      })),
    },
  } satisfies TkeClusterCreateInput
  return 'error' in tags ? { body, tagError: tags.error } : { body }
}
