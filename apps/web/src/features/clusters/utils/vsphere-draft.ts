import type { VsphereClusterCreateInput } from '@console/contracts'
import { toClusterMetadata } from './eks-draft.ts'
import { type ProfileLayerValues, profilesOf, toNumber, type WizardDraft } from './wizard-draft.ts'
import type { Problem } from './wizard-steps.ts'

/** One placement domain as the form holds it: vCenter names, and the IP pool's uid with Static IP. */
export interface VsphereDraftDomain {
  cluster: string
  datastore: string
  network: string
  resourcePool: string
  ipPoolUid: string
}

/** A VMware pool: the master pool (first) or a worker pool; numbers stay text until the body is built. */
export interface VsphereDraftPool {
  name: string
  size: string
  isControlPlane: boolean
  /** **Allow worker capability** (master pool only). */
  useControlPlaneAsWorker: boolean
  cpu: string
  /** In GiB, as the form asks; sent as MiB. */
  memoryGiB: string
  diskGiB: string
  domains: VsphereDraftDomain[]
}

export interface VsphereDraft extends WizardDraft {
  datacenter: string
  folder: string
  /** One OpenSSH public key per line. */
  sshKeys: string
  /** One NTP server per line (commas accepted). */
  ntpServers: string
  /** **IP Allocation strategy**. */
  staticIp: boolean
  pools: VsphereDraftPool[]
}

export const newVsphereDomain = (): VsphereDraftDomain => ({
  cluster: '',
  datastore: '',
  network: '',
  resourcePool: '',
  ipPoolUid: '',
})

function newPool(name: string, isControlPlane: boolean): VsphereDraftPool {
  return {
    name,
    size: '1',
    isControlPlane,
    useControlPlaneAsWorker: false,
    cpu: '4',
    memoryGiB: '8',
    diskGiB: '60',
    domains: [newVsphereDomain()],
  }
}

/** A worker pool; `index` is its place among the pools (the master pool is 0). */
export const newVsphereWorkerPool = (index: number) =>
  newPool(index <= 1 ? 'worker-pool' : `worker-pool-${index}`, false)

export function emptyVsphereDraft(): VsphereDraft {
  return {
    name: '',
    description: '',
    tags: '',
    cloudAccountUid: '',
    profileUid: '',
    packValues: {},
    datacenter: '',
    folder: '',
    sshKeys: '',
    ntpServers: '',
    staticIp: false,
    pools: [newPool('master-pool', true), newVsphereWorkerPool(1)],
  }
}

const lines = (text: string, separators = /\n/) =>
  text
    .split(separators)
    .map((l) => l.trim())
    .filter(Boolean)

/** Memory as typed in GiB (decimals allowed: 0.5 GiB) → whole MiB; undefined/NaN stay so for the schema. */
function toMiB(text: string): number | undefined {
  const gib = toNumber(text)
  return gib === undefined || Number.isNaN(gib) ? gib : Math.round(gib * 1024)
}

/**
 * The body of POST /v1/spectroclusters/vsphere from the draft, and the problems only the draft sees (tags).
 * The IP pool of a placement domain is sent only with Static IP.
 */
export function toVsphereCreateBody(
  draft: VsphereDraft,
  layers: readonly ProfileLayerValues[],
): { body: VsphereClusterCreateInput; problems: Problem[] } {
  const problems: Problem[] = []
  const body = {
    metadata: toClusterMetadata(draft, problems),
    spec: {
      cloudAccountUid: draft.cloudAccountUid,
      profiles: profilesOf(draft, layers),
      cloudConfig: {
        placement: { datacenter: draft.datacenter, folder: draft.folder },
        sshKeys: lines(draft.sshKeys),
        ntpServers: lines(draft.ntpServers, /[\n,]/),
        staticIp: draft.staticIp,
      },
      machinepoolconfig: draft.pools.map((p) => ({
        cloudConfig: {
          instanceType: {
            numCPUs: toNumber(p.cpu) as number,
            memoryMiB: toMiB(p.memoryGiB) as number,
            diskGiB: toNumber(p.diskGiB) as number,
          },
          placements: p.domains.map((d) => ({
            cluster: d.cluster,
            datastore: d.datastore,
            resourcePool: d.resourcePool,
            network: {
              networkName: d.network,
              ...(draft.staticIp ? { parentPoolUid: d.ipPoolUid || undefined, staticIp: true } : {}),
            },
          })),
        },
        poolConfig: {
          name: p.name.trim(),
          size: toNumber(p.size) as number,
          isControlPlane: p.isControlPlane,
          useControlPlaneAsWorker: p.isControlPlane && p.useControlPlaneAsWorker,
          labels: [p.isControlPlane ? 'master' : 'worker'],
        },
      })),
    },
  } satisfies VsphereClusterCreateInput
  return { body, problems }
}
