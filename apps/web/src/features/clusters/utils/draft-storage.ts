import { emptyTkeDraft, type TkeDraft } from './tke-draft.ts'
import { type TkeStepId, tkeSteps } from './wizard-steps.ts'

/**
 * The TKE wizard's progress is kept in **localStorage**, one entry per user and scope: it survives a
 * reload, a closed tab and a crash, and a user who switches project (or another user on the same
 * browser) never sees someone else's draft. It holds no secret (account uids, not credentials), and
 * it is removed once the cluster is deployed or the user presses Cancel.
 */
export interface StoredTkeDraft {
  step: TkeStepId
  draft: TkeDraft
}

export function tkeDraftStorageKey(userUid: string, scopeKey: string): string {
  return `console.tke-draft.${userUid}.${scopeKey}`
}

type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export function readTkeDraft(storage: DraftStorage | undefined, key: string): StoredTkeDraft | undefined {
  try {
    const raw = storage?.getItem(key)
    if (!raw) return undefined
    const parsed = JSON.parse(raw) as Partial<StoredTkeDraft>
    if (!parsed || typeof parsed !== 'object' || !parsed.draft || typeof parsed.draft !== 'object') return undefined
    const step = tkeSteps.some((s) => s.id === parsed.step) ? (parsed.step as TkeStepId) : 'basic'
    const draft = { ...emptyTkeDraft(), ...parsed.draft }
    if (!Array.isArray(draft.pools) || draft.pools.length === 0) draft.pools = emptyTkeDraft().pools
    return { step, draft }
  } catch {
    return undefined
  }
}

export function writeTkeDraft(storage: DraftStorage | undefined, key: string, value: StoredTkeDraft): void {
  try {
    storage?.setItem(key, JSON.stringify(value))
  } catch {
    // A full quota or private mode: the wizard still works, it just does not survive a reload.
  }
}

export function clearTkeDraft(storage: DraftStorage | undefined, key: string): void {
  try {
    storage?.removeItem(key)
  } catch {
    // Nothing stored, nothing to clear.
  }
}
