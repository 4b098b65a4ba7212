import type { ReactNode } from 'react'
import { useScope } from '../../scope/scope-context.tsx'

/** Clusters are deployed in a project: in tenant scope, say so instead of offering a wizard the server would refuse. */
export function RequireProjectScope({ children }: { children: ReactNode }) {
  const projectUid = useScope().current?.projectUid
  if (projectUid) return children
  return (
    <p className="alert alert--warning" role="status">
      Clusters are deployed in a project. Pick a project in the Scope switcher in the header to add a cluster.
    </p>
  )
}
