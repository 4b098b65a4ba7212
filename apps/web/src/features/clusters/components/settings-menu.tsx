import type { Cluster } from '@console/contracts'
import { useEffect, useId, useRef, useState } from 'react'
import { Button } from '../../../ui/button.tsx'
import { useCan } from '../../scope/scope-context.tsx'
import { useNow } from '../hooks/use-now.ts'
import { formatCountdown } from '../utils/cluster-display.ts'
import { DeleteClusterDialog } from './delete-cluster-dialog.tsx'
import { ForceDeleteDialog } from './force-delete-dialog.tsx'

/** When Force Delete opens, and why not yet: a pure reading of the cluster, the permission and the clock. */
export function forceDeleteAvailability(
  cluster: Cluster,
  canForceDelete: boolean,
  now: number,
): { enabled: boolean; note?: string } {
  if (!canForceDelete) return { enabled: false, note: 'only Tenant Admins and Project Admins can force delete' }
  if (cluster.status.state !== 'Deleting') return { enabled: false, note: 'only while Deleting' }
  const at = cluster.status.forceDeleteAvailableAt ? Date.parse(cluster.status.forceDeleteAvailableAt) : Number.NaN
  if (Number.isNaN(at)) return { enabled: false, note: 'only while Deleting' }
  if (now < at) return { enabled: false, note: `available in ${formatCountdown(at - now)}` }
  return { enabled: true }
}

/**
 * The overview's **Settings** drop-down: **Delete Cluster** and **Force Delete Cluster**. A Deleted
 * cluster has no drop-down, but an open dialog stays: the force delete's result (the leftovers) is
 * shown after the cluster has become Deleted.
 */
export function SettingsMenu({ cluster }: { cluster: Cluster }) {
  const [open, setOpen] = useState(false)
  const [dialog, setDialog] = useState<'delete' | 'force' | null>(null)
  const canWrite = useCan('clusters.write')
  const canForce = useCan('clusters.forceDelete')
  const menuId = useId()
  const ref = useRef<HTMLDivElement>(null)
  const counting = open && cluster.status.state === 'Deleting'
  const now = useNow(counting)
  const force = forceDeleteAvailability(cluster, canForce, now)
  const gone = cluster.status.state === 'Deleted'

  useEffect(() => {
    if (!open) return
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', onDown)
    return () => document.removeEventListener('mousedown', onDown)
  }, [open])

  if (!canWrite) return null
  return (
    <div className="settings-menu" ref={ref}>
      {gone ? null : (
        <Button aria-haspopup="menu" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen((o) => !o)}>
          Settings
        </Button>
      )}
      {open && !gone ? (
        <div
          id={menuId}
          role="menu"
          aria-label="Settings"
          className="settings-menu__panel"
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        >
          <div role="none">
            <button
              type="button"
              role="menuitem"
              disabled={cluster.status.state === 'Deleting'}
              onClick={() => {
                setOpen(false)
                setDialog('delete')
              }}
            >
              Delete Cluster
            </button>
          </div>
          <div role="none">
            <button
              type="button"
              role="menuitem"
              disabled={!force.enabled}
              aria-describedby={force.note ? `${menuId}-force-note` : undefined}
              onClick={() => {
                setOpen(false)
                setDialog('force')
              }}
            >
              Force Delete Cluster
            </button>
            {force.note ? (
              <span id={`${menuId}-force-note`} className="settings-menu__note">
                {force.note}
              </span>
            ) : null}
          </div>
        </div>
      ) : null}
      <DeleteClusterDialog cluster={cluster} open={dialog === 'delete'} onClose={() => setDialog(null)} />
      <ForceDeleteDialog cluster={cluster} open={dialog === 'force'} onClose={() => setDialog(null)} />
    </div>
  )
}
