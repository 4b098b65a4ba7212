import { useMemo } from 'react'
import { useScope } from '../../scope/scope-context.tsx'
import { type MenuContext, type MenuEntry, menuEntries, visibleMenuEntries } from '../menu-entries.ts'

/** The menu context of the current scope; no scope means nothing is visible. */
export function useMenuContext(): MenuContext | undefined {
  const { current } = useScope()
  return useMemo(
    () =>
      current
        ? { scope: current.projectUid === undefined ? 'tenant' : 'project', permissions: current.permissions }
        : undefined,
    [current],
  )
}

export function useMenuEntries(): MenuEntry[] {
  const context = useMenuContext()
  return useMemo(() => (context ? visibleMenuEntries(menuEntries, context) : []), [context])
}
