import type { Permission, UserMe } from '@console/contracts'
import { createContext, type ReactNode, useContext, useLayoutEffect, useMemo, useSyncExternalStore } from 'react'
import { resolveScope, type ScopeOption, scopeOptions } from './resolve-scope.ts'
import type { ScopeStore } from './scope-store.ts'

export interface ScopeState {
  /** The scope every request runs in; undefined only for a user without any role. */
  current: ScopeOption | undefined
  options: ScopeOption[]
  select: (key: string) => void
}

const ScopeStoreContext = createContext<ScopeStore | null>(null)
const ScopeContext = createContext<ScopeState | null>(null)

export function ScopeStoreProvider({ store, children }: { store: ScopeStore; children: ReactNode }) {
  return <ScopeStoreContext.Provider value={store}>{children}</ScopeStoreContext.Provider>
}

function useScopeStore(): ScopeStore {
  const store = useContext(ScopeStoreContext)
  if (!store) throw new Error('useScopeStore must be used inside <ScopeStoreProvider>')
  return store
}

/**
 * Resolves the stored scope against what the user may switch to, and renders its children only
 * once the store agrees, so no request leaves with a stale `ProjectUid`.
 */
export function ScopeProvider({ me, children, fallback }: { me: UserMe; children: ReactNode; fallback: ReactNode }) {
  const store = useScopeStore()
  const storedKey = useSyncExternalStore(store.subscribe, store.get, store.get)
  const options = useMemo(() => scopeOptions(me.scopes), [me.scopes])
  const current = resolveScope(options, storedKey)

  useLayoutEffect(() => {
    if (current && current.key !== storedKey) store.set(current.key)
  }, [current, storedKey, store])

  const state = useMemo<ScopeState>(
    () => ({ current, options, select: (key) => store.set(key) }),
    [current, options, store],
  )
  if (current && current.key !== storedKey) return fallback
  return <ScopeContext.Provider value={state}>{children}</ScopeContext.Provider>
}

export function useScope(): ScopeState {
  const state = useContext(ScopeContext)
  if (!state) throw new Error('useScope must be used inside <ScopeProvider>')
  return state
}

/** The part of a query key that makes cached answers per scope. */
export function useScopeKey(): string {
  return useScope().current?.key ?? 'none'
}

/** Whether the current scope grants a permission: for showing, hiding or disabling a control. */
export function useCan(permission: Permission): boolean {
  return useScope().current?.permissions.has(permission) ?? false
}
