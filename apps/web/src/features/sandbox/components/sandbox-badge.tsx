import { Badge } from '../../../ui/badge.tsx'
import { useSandbox } from '../hooks/use-sandbox.ts'

/** The header's marker that the console provisions into fake clouds, not real ones. */
export function SandboxBadge() {
  const sandbox = useSandbox()
  if (!sandbox) return null
  return (
    <span title="The console runs against the fake Tencent Cloud, AWS and vCenter: nothing is created in a real cloud.">
      <Badge tone="warning">Sandbox clouds</Badge>
    </span>
  )
}
