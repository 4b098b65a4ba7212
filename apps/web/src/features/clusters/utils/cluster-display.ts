import type { ClusterState } from '@console/contracts'
import type { BadgeTone } from '../../../ui/badge.tsx'

/** Badge colour per state: green running, blue on its way, amber going away, red failed, grey gone. */
export const stateTone: Record<ClusterState, BadgeTone> = {
  Pending: 'info',
  Provisioning: 'info',
  Running: 'success',
  Error: 'danger',
  Deleting: 'warning',
  Deleted: 'neutral',
}

export const cloudLabels: Record<string, string> = {
  tencent: 'Tencent TKE',
  aws: 'AWS',
  eks: 'AWS EKS',
  vsphere: 'VMware',
}

/** Delete asks the user to type the cluster's name: only the exact name (no trimming, case-sensitive) unlocks **OK**. */
export function namesMatch(typed: string, clusterName: string): boolean {
  return clusterName.length > 0 && typed === clusterName
}

/** Time left as `1h 02m 03s`, `14m 05s` or `42s`; zero or less is `now`. */
export function formatCountdown(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return 'now'
  const total = Math.ceil(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`
  if (m > 0) return `${m}m ${pad(s)}s`
  return `${s}s`
}
