import type { CloudType } from '@console/contracts'
import { useMemo } from 'react'
import { usePacks, useProfile } from '../../profiles/hooks/use-profiles.ts'
import type { WizardLayer } from '../utils/validate-draft.ts'

/** The chosen profile, and its layers with their profile values (or the catalog's defaults) and the catalog's values schema. */
export function useWizardLayers(profileUid: string, cloudType: CloudType) {
  const profile = useProfile(profileUid || undefined)
  const packs = usePacks({ cloudType }, profileUid !== '')
  const layers = useMemo<WizardLayer[]>(() => {
    const template = profile.data?.spec.template
    if (!template) return []
    return template.packs.map((p) => {
      const catalog = packs.data?.find((c) => c.name === p.name && c.tag === p.tag)
      return {
        name: p.name,
        tag: p.tag,
        layer: p.layer,
        values: p.values ?? catalog?.values ?? '',
        schema: catalog?.schema,
      }
    })
  }, [profile.data, packs.data])
  return { profile: profile.data, layers, isLoading: profile.isLoading || packs.isLoading }
}
