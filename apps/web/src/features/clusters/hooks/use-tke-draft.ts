import { useCallback, useEffect, useMemo, useState } from 'react'
import { useCurrentUser } from '../../auth/hooks/use-current-user.ts'
import { useScopeKey } from '../../scope/scope-context.tsx'
import { clearTkeDraft, readTkeDraft, tkeDraftStorageKey, writeTkeDraft } from '../utils/draft-storage.ts'
import { emptyTkeDraft, type TkeDraft } from '../utils/tke-draft.ts'
import type { TkeStepId } from '../utils/wizard-steps.ts'

const storage = typeof window === 'undefined' ? undefined : window.localStorage

/** The wizard's draft and step, saved on every change under the user's and scope's key (see draft-storage.ts). */
export function useTkeDraft() {
  const me = useCurrentUser()
  const scopeKey = useScopeKey()
  const key = tkeDraftStorageKey(me.data?.metadata.uid ?? 'anonymous', scopeKey)
  const [state, setState] = useState(
    () => readTkeDraft(storage, key) ?? { step: 'basic' as TkeStepId, draft: emptyTkeDraft() },
  )
  const [loadedKey, setLoadedKey] = useState(key)

  // A scope switch (or the user answer arriving) loads that key's draft instead.
  if (loadedKey !== key) {
    setLoadedKey(key)
    setState(readTkeDraft(storage, key) ?? { step: 'basic', draft: emptyTkeDraft() })
  }

  useEffect(() => {
    writeTkeDraft(storage, loadedKey, state)
  }, [loadedKey, state])

  const update = useCallback((change: Partial<TkeDraft>) => {
    setState((s) => ({ ...s, draft: { ...s.draft, ...change } }))
  }, [])
  const setStep = useCallback((step: TkeStepId) => setState((s) => ({ ...s, step })), [])
  const discard = useCallback(() => {
    clearTkeDraft(storage, key)
    setState({ step: 'basic', draft: emptyTkeDraft() })
  }, [key])

  return useMemo(
    () => ({ draft: state.draft, step: state.step, update, setStep, discard, storageKey: key }),
    [state, update, setStep, discard, key],
  )
}
