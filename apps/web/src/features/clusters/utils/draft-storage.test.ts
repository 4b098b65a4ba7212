import { describe, expect, it } from 'vitest'
import { readTkeDraft, tkeDraftStorageKey, writeTkeDraft } from './draft-storage.ts'
import { emptyTkeDraft } from './tke-draft.ts'

function memoryStorage() {
  const data = new Map<string, string>()
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  }
}

describe('TKE draft storage', () => {
  it('keeps a draft per user and scope, and gives it back with its step', () => {
    const storage = memoryStorage()
    const mine = tkeDraftStorageKey('u-1', 'p-1')
    writeTkeDraft(storage, mine, { step: 'config', draft: { ...emptyTkeDraft(), name: 'tke-prod' } })
    expect(readTkeDraft(storage, mine)).toMatchObject({ step: 'config', draft: { name: 'tke-prod' } })
    expect(readTkeDraft(storage, tkeDraftStorageKey('u-1', 'p-2'))).toBeUndefined()
    expect(readTkeDraft(storage, tkeDraftStorageKey('u-2', 'p-1'))).toBeUndefined()
  })

  it('ignores a corrupt entry and falls back to the first step for an unknown one', () => {
    const storage = memoryStorage()
    storage.setItem('a', '{not json')
    expect(readTkeDraft(storage, 'a')).toBeUndefined()
    storage.setItem('b', JSON.stringify({ step: 'launch', draft: { name: 'x', pools: [] } }))
    const read = readTkeDraft(storage, 'b')
    expect(read?.step).toBe('basic')
    expect(read?.draft.pools).toHaveLength(1)
  })
})
