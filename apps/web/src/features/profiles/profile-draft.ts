import type { ClusterProfile } from '@console/contracts'
import {
  type CloudType,
  type ClusterProfileBody,
  clusterProfileBodySchema,
  coreLayers,
  type Pack,
  type PackLayer,
  type PackType,
  type ProfileTemplate,
  type ProfileType,
  packLayers,
} from '@console/contracts'

/** One layer as the editor holds it: a catalog pack, its version and its values text. */
export interface DraftLayer {
  /** Stable key for React and selection; not sent. */
  key: string
  name: string
  tag: string
  layer: PackLayer
  type: PackType
  values: string
}

/** What the profile editor edits; `toProfileBody` turns it into the API's body. */
export interface ProfileDraft {
  name: string
  version: string
  description: string
  cloudType: CloudType
  type: ProfileType
  layers: DraftLayer[]
}

export const layerLabels: Record<PackLayer, string> = {
  os: 'OS',
  k8s: 'Kubernetes',
  cni: 'Network (CNI)',
  csi: 'Storage (CSI)',
  addon: 'Add-on',
}

export const cloudTypeOptions = [
  { value: 'tencent', label: 'Tencent TKE (tencent)' },
  { value: 'aws', label: 'AWS (aws)' },
  { value: 'eks', label: 'AWS EKS (eks)' },
  { value: 'vsphere', label: 'VMware vSphere (vsphere)' },
] as const satisfies readonly { value: CloudType; label: string }[]

export const profileTypeOptions = [
  { value: 'cluster', label: 'Cluster' },
  { value: 'infra', label: 'Infra' },
  { value: 'add-on', label: 'Add-on' },
] as const satisfies readonly { value: ProfileType; label: string }[]

export function cloudTypeLabel(cloudType: CloudType): string {
  return cloudTypeOptions.find((o) => o.value === cloudType)?.label ?? cloudType
}

let nextKey = 0
function layerKey(): string {
  nextKey += 1
  return `layer-${nextKey}`
}

export function emptyDraft(): ProfileDraft {
  return { name: '', version: '1.0.0', description: '', cloudType: 'tencent', type: 'cluster', layers: [] }
}

/** A stored profile as an editable draft; a layer stored without values shows its catalog defaults. */
export function draftFromProfile(profile: ClusterProfile, catalog: readonly Pack[] = []): ProfileDraft {
  const { template } = profile.spec
  return {
    name: profile.metadata.name,
    version: profile.spec.version,
    description: profile.metadata.description ?? '',
    cloudType: template.cloudType,
    type: template.type,
    layers: template.packs.map((pack) => ({
      key: layerKey(),
      name: pack.name,
      tag: pack.tag,
      layer: pack.layer,
      type: pack.type,
      values: pack.values ?? findCatalogPack(catalog, pack)?.values ?? '',
    })),
  }
}

/** A new layer from a catalog pack, with the pack's default values. */
export function layerFromPack(pack: Pack): DraftLayer {
  return { key: layerKey(), name: pack.name, tag: pack.tag, layer: pack.layer, type: pack.type, values: pack.values }
}

export function findCatalogPack(catalog: readonly Pack[], layer: { name: string; tag: string }): Pack | undefined {
  return catalog.find((pack) => pack.name === layer.name && pack.tag === layer.tag)
}

export function toTemplate(draft: ProfileDraft): ProfileTemplate {
  return {
    cloudType: draft.cloudType,
    type: draft.type,
    packs: draft.layers.map(({ name, tag, layer, type, values }) => ({ name, tag, layer, type, values })),
  }
}

/** The body of POST/PUT /v1/clusterprofiles (not yet checked: see `metadataErrors`). */
export function toProfileBody(draft: ProfileDraft): ClusterProfileBody {
  const description = draft.description.trim()
  return {
    metadata: { name: draft.name.trim(), ...(description ? { description } : {}) },
    spec: { version: draft.version.trim(), template: toTemplate(draft) },
  }
}

export type MetadataField = 'name' | 'version' | 'description'

/** The contract's name, version and description rules, by field; the layers are checked by `validateProfile`. */
export function metadataErrors(draft: ProfileDraft): Partial<Record<MetadataField, string>> {
  const parsed = clusterProfileBodySchema.safeParse(toProfileBody(draft))
  if (parsed.success) return {}
  const errors: Partial<Record<MetadataField, string>> = {}
  for (const issue of parsed.error.issues) {
    const [first, second] = issue.path
    const field =
      first === 'metadata' && (second === 'name' || second === 'description')
        ? second
        : first === 'spec' && second === 'version'
          ? 'version'
          : undefined
    if (field && !errors[field]) errors[field] = issue.message
  }
  return errors
}

/** The layers a profile type holds: all of them for a cluster, the core four for infra, add-ons for add-on. */
export function layersForType(type: ProfileType): readonly PackLayer[] {
  if (type === 'infra') return coreLayers
  if (type === 'add-on') return ['addon']
  return packLayers
}

/** Inserts a layer where it belongs in the stack (os, k8s, cni, csi, then add-ons in the order added). */
export function insertLayer(layers: readonly DraftLayer[], added: DraftLayer): DraftLayer[] {
  const rank = packLayers.indexOf(added.layer)
  let at = layers.length
  while (at > 0 && packLayers.indexOf(layers[at - 1]!.layer) > rank) at -= 1
  return [...layers.slice(0, at), added, ...layers.slice(at)]
}

/** The next patch version (1.0.0 → 1.0.1), the server's own choice when a published version is edited. */
export function nextPatchVersion(version: string): string {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version)
  if (!match) return version
  return `${match[1]}.${match[2]}.${Number(match[3]) + 1}`
}
