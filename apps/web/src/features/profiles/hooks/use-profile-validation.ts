import {
  type EditorDiagnostic,
  type Pack,
  type ProfileValidation,
  toEditorDiagnostics,
  validatePackValues,
  validateProfile,
} from '@console/contracts'
import { useEffect, useMemo, useState } from 'react'
import { type DraftLayer, findCatalogPack, type ProfileDraft, toTemplate } from '../profile-draft.ts'

const noDiagnostics: EditorDiagnostic[] = []

/** How long typing must pause before the stack is checked again. */
export const validationDelayMs = 300

export interface ProfileValidationView {
  /** The whole stack's problems (the server's answer while it applies), or undefined before the catalog loads. */
  result: ProfileValidation | undefined
  /** Markers for the selected layer's values, at the offending lines. */
  diagnostics: EditorDiagnostic[]
  /** Whether `result` is the server's 422 answer rather than the browser's own check. */
  isFromServer: boolean
}

/**
 * Checks the draft as the user types, debounced: `validateProfile` for the whole stack against the
 * catalog from GET /v1/packs, and `validatePackValues` for the selected layer's markers. The same
 * functions run on the server; its 422 answer (`serverResult`) is shown the same way until the next edit.
 */
export function useProfileValidation(
  draft: ProfileDraft,
  catalog: readonly Pack[] | undefined,
  selected: DraftLayer | undefined,
  serverResult: ProfileValidation | null,
): ProfileValidationView {
  const [settled, setSettled] = useState(draft)
  useEffect(() => {
    if (settled === draft) return
    const timer = setTimeout(() => setSettled(draft), validationDelayMs)
    return () => clearTimeout(timer)
  }, [draft, settled])

  const localResult = useMemo(
    () => (catalog ? validateProfile({ spec: { template: toTemplate(settled) } }, catalog) : undefined),
    [settled, catalog],
  )

  const settledLayerIndex = selected ? settled.layers.findIndex((layer) => layer.key === selected.key) : -1
  const settledLayer = settledLayerIndex >= 0 ? settled.layers[settledLayerIndex] : undefined

  const diagnostics = useMemo(() => {
    if (!settledLayer) return noDiagnostics
    if (serverResult) {
      const issues = serverResult.packs.find((pack) => pack.index === settledLayerIndex)?.errors ?? []
      return toEditorDiagnostics(issues, settledLayer.values)
    }
    const pack = catalog ? findCatalogPack(catalog, settledLayer) : undefined
    if (!pack) return noDiagnostics
    const issues = validatePackValues(pack, settledLayer.values, { cloudType: settled.cloudType })
    return toEditorDiagnostics(issues, settledLayer.values)
  }, [settledLayer, settledLayerIndex, serverResult, catalog, settled.cloudType])

  return { result: serverResult ?? localResult, diagnostics, isFromServer: serverResult !== null }
}
