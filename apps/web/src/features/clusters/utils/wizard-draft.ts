/** The fields every cluster wizard's draft has: Basic Information, Cluster Profile and Parameters. */
export interface WizardDraft {
  name: string
  description: string
  /** One `key:value` tag per line. */
  tags: string
  cloudAccountUid: string
  profileUid: string
  /** Edited layer values by layer name; an absent layer keeps the profile's values. */
  packValues: Record<string, { tag: string; values: string }>
}

/** A whole cloud's draft: the common fields and at least one node pool. */
export interface PooledDraft extends WizardDraft {
  pools: unknown[]
}

export interface ProfileLayerValues {
  name: string
  tag: string
  values: string
}

/** The body's `spec.profiles`: the chosen profile with every layer's values, edited or not. */
export function profilesOf(draft: WizardDraft, layers: readonly ProfileLayerValues[]) {
  return draft.profileUid
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
    : []
}

/** A number field as typed: empty is undefined (so "required"), garbage is NaN. */
export function toNumber(text: string): number | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  const n = Number(trimmed)
  return Number.isFinite(n) ? n : Number.NaN
}
