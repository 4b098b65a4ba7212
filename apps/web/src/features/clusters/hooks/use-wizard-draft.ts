import { useCallback, useEffect, useMemo, useState } from 'react'
import { useCurrentUser } from '../../auth/hooks/use-current-user.ts'
import { useScopeKey } from '../../scope/scope-context.tsx'
import { clearDraft, draftStorageKey, readDraft, type WizardKindId, writeDraft } from '../utils/draft-storage.ts'
import type { PooledDraft } from '../utils/wizard-draft.ts'
import type { TkeStepId } from '../utils/wizard-steps.ts'

const storage = typeof window === 'undefined' ? undefined : window.localStorage

/**
 * A wizard's draft and step, saved on every change under the kind's, user's and scope's key (see
 * draft-storage.ts). `empty` must be a stable function (a module-level one).
 */
export function useWizardDraft<D extends PooledDraft>(kind: WizardKindId, empty: () => D) {
  const me = useCurrentUser()
  const scopeKey = useScopeKey()
  const key = draftStorageKey(kind, me.data?.metadata.uid ?? 'anonymous', scopeKey)
  const [state, setState] = useState(
    () => readDraft(storage, key, empty) ?? { step: 'basic' as TkeStepId, draft: empty() },
  )
  const [loadedKey, setLoadedKey] = useState(key)

  // A scope switch (or the user answer arriving) loads that key's draft instead.
  if (loadedKey !== key) {
    setLoadedKey(key)
    setState(readDraft(storage, key, empty) ?? { step: 'basic', draft: empty() })
  }

  useEffect(() => {
    writeDraft(storage, loadedKey, state)
  }, [loadedKey, state])

  const update = useCallback((change: Partial<D>) => {
    setState((s) => ({ ...s, draft: { ...s.draft, ...change } }))
  }, [])
  const setStep = useCallback((step: TkeStepId) => setState((s) => ({ ...s, step })), [])
  const discard = useCallback(() => {
    clearDraft(storage, key)
    setState({ step: 'basic', draft: empty() })
  }, [key, empty])

  return useMemo(
    () => ({ draft: state.draft, step: state.step, update, setStep, discard, storageKey: key }),
    [state, update, setStep, discard, key],
  )
}
