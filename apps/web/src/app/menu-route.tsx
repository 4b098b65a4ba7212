import { type ReactNode, Suspense } from 'react'
import { Navigate } from 'react-router'
import { useMenuContext, useMenuEntries } from '../features/navigation/hooks/use-menu-entries.ts'
import { isMenuEntryVisible, menuEntries } from '../features/navigation/menu-entries.ts'
import { PageHeader } from '../ui/page-header.tsx'
import { LoadingBlock } from '../ui/spinner.tsx'

/** Renders a menu page only in a scope that offers it; a bookmarked link from another scope explains why not. */
export function MenuRoute({ path, children }: { path: string; children: ReactNode }) {
  const context = useMenuContext()
  const entry = menuEntries.find((e) => e.path === path)
  if (!entry) throw new Error(`No menu entry for ${path}`)
  if (!context || !isMenuEntryVisible(entry, context)) {
    return (
      <PageHeader
        title={entry.label}
        description={`${entry.label} is not available in the current scope. Pick another scope in the header, or ask an administrator for access.`}
      />
    )
  }
  return <Suspense fallback={<LoadingBlock label={`Loading ${entry.label}`} />}>{children}</Suspense>
}

/** The home route: the first page the menu offers in this scope. */
export function HomeRedirect() {
  const entries = useMenuEntries()
  const first = entries[0]
  if (!first) {
    return (
      <PageHeader
        title="Welcome"
        description="Your account has no role that opens a page yet. Ask a Tenant Admin to give you a role."
      />
    )
  }
  return <Navigate to={first.path} replace />
}
