import type { ClusterProfile, Pack } from '@console/contracts'
import { useCallback, useState } from 'react'
import {
  draftFromProfile,
  emptyDraft,
  insertLayer,
  layerFromPack,
  nextPatchVersion,
  type ProfileDraft,
} from '../profile-draft.ts'

type Field = 'name' | 'version' | 'description' | 'cloudType' | 'type'

/** The editor's draft and its edits; every edit reports itself through `onEdit` (to drop a stale server answer). */
export function useProfileDraft(profile: ClusterProfile | undefined, onEdit: () => void) {
  const [draft, setDraft] = useState<ProfileDraft>(() => (profile ? draftFromProfile(profile) : emptyDraft()))
  const [selectedKey, setSelectedKey] = useState<string | undefined>(() => draft.layers[0]?.key)
  const [touched, setTouched] = useState<ReadonlySet<Field>>(new Set())

  const update = useCallback(
    (change: (current: ProfileDraft) => ProfileDraft) => {
      setDraft(change)
      onEdit()
    },
    [onEdit],
  )

  return {
    draft,
    selectedKey,
    touched,
    select: setSelectedKey,
    setField: <K extends Field>(field: K, value: ProfileDraft[K]) => {
      setTouched((current) => new Set(current).add(field))
      update((current) => ({ ...current, [field]: value }))
    },
    touchAll: () => setTouched(new Set<Field>(['name', 'version', 'description'])),
    addLayer: (pack: Pack) => {
      const layer = layerFromPack(pack)
      update((current) => ({ ...current, layers: insertLayer(current.layers, layer) }))
      setSelectedKey(layer.key)
    },
    removeLayer: (key: string) => {
      update((current) => ({ ...current, layers: current.layers.filter((layer) => layer.key !== key) }))
      setSelectedKey((current) => (current === key ? undefined : current))
    },
    setLayerValues: (key: string, values: string) =>
      update((current) => ({
        ...current,
        layers: current.layers.map((layer) => (layer.key === key ? { ...layer, values } : layer)),
      })),
    /** Back to the stored profile, optionally as the start of its next version. */
    reset: (asNextVersion: boolean) => {
      if (!profile) return
      const fresh = draftFromProfile(profile)
      setDraft(asNextVersion ? { ...fresh, version: nextPatchVersion(fresh.version) } : fresh)
      setSelectedKey(fresh.layers[0]?.key)
      onEdit()
    },
  }
}
