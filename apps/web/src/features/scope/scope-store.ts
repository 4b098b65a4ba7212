/** The tenant scope's key; any other key is a project uid. */
export const tenantScopeKey = 'tenant'

const storageKey = 'console.scope'

export interface ScopeStore {
  get(): string | undefined
  set(key: string): void
  subscribe(listener: () => void): () => void
  /** The `ProjectUid` header value: the selected project, or undefined in tenant scope. */
  projectUid(): string | undefined
}

/** Keeps the chosen scope in localStorage so a reload (or a new tab) keeps it. */
export function createScopeStore(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined): ScopeStore {
  let current = safeRead(storage)
  const listeners = new Set<() => void>()
  return {
    get: () => current,
    set(key) {
      if (key === current) return
      current = key
      try {
        storage?.setItem(storageKey, key)
      } catch {
        // Private mode or a full quota: the choice still holds for this page's life.
      }
      for (const l of listeners) l()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    projectUid: () => (current && current !== tenantScopeKey ? current : undefined),
  }
}

function safeRead(storage: Pick<Storage, 'getItem'> | undefined): string | undefined {
  try {
    return storage?.getItem(storageKey) ?? undefined
  } catch {
    return undefined
  }
}
