import { emptyTkeDraft, type TkeDraft } from './tke-draft.ts'
import type { PooledDraft } from './wizard-draft.ts'
import { type TkeStepId, tkeSteps } from './wizard-steps.ts'

/**
 * A cluster wizard's progress is kept in **localStorage**, one entry per cloud kind, user and scope:
 * it survives a reload, a closed tab and a crash, and a user who switches project (or another user on
 * the same browser) never sees someone else's draft. It holds no secret (account uids, not
 * credentials), and it is removed once the cluster is deployed or the user presses Cancel.
 */
export interface StoredDraft<D extends PooledDraft> {
  step: TkeStepId
  draft: D
}
export type StoredTkeDraft = StoredDraft<TkeDraft>

/** The wizards that keep a draft: one per create endpoint. */
export type WizardKindId = 'tke' | 'eks' | 'aws' | 'vsphere'

export function draftStorageKey(kind: WizardKindId, userUid: string, scopeKey: string): string {
  return `console.${kind}-draft.${userUid}.${scopeKey}`
}

export function tkeDraftStorageKey(userUid: string, scopeKey: string): string {
  return draftStorageKey('tke', userUid, scopeKey)
}

type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** The stored draft over `empty()` (fields added since it was saved get their defaults); undefined when absent or corrupt. */
export function readDraft<D extends PooledDraft>(
  storage: DraftStorage | undefined,
  key: string,
  empty: () => D,
): StoredDraft<D> | undefined {
  try {
    const raw = storage?.getItem(key)
    if (!raw) return undefined
    const parsed = JSON.parse(raw) as Partial<StoredDraft<D>>
    if (!parsed || typeof parsed !== 'object' || !parsed.draft || typeof parsed.draft !== 'object') return undefined
    const step = tkeSteps.some((s) => s.id === parsed.step) ? (parsed.step as TkeStepId) : 'basic'
    const draft: D = { ...empty(), ...parsed.draft }
    if (!Array.isArray(draft.pools) || draft.pools.length === 0) draft.pools = empty().pools
    return { step, draft }
  } catch {
    return undefined
  }
}

export function readTkeDraft(storage: DraftStorage | undefined, key: string): StoredTkeDraft | undefined {
  return readDraft(storage, key, emptyTkeDraft)
}

export function writeDraft<D extends PooledDraft>(
  storage: DraftStorage | undefined,
  key: string,
  value: StoredDraft<D>,
): void {
  try {
    storage?.setItem(key, JSON.stringify(value))
  } catch {
    // A full quota or private mode: the wizard still works, it just does not survive a reload.
  }
}
export const writeTkeDraft = writeDraft<TkeDraft>

export function clearDraft(storage: DraftStorage | undefined, key: string): void {
  try {
    storage?.removeItem(key)
  } catch {
    // Nothing stored, nothing to clear.
  }
}
export const clearTkeDraft = clearDraft
