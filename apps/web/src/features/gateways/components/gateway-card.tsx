import type { Gateway, GatewayState } from '@console/contracts'
import { Badge, type BadgeTone } from '../../../ui/badge.tsx'
import { Button } from '../../../ui/button.tsx'
import { formatDateTime } from '../../../ui/format.ts'

export const gatewayStateTone: Record<GatewayState, BadgeTone> = {
  Pending: 'neutral',
  Provisioning: 'info',
  Running: 'success',
  Error: 'danger',
  Unhealthy: 'warning',
  Upgrading: 'info',
}

export type GatewayAction = 'configure' | 'upgrade' | 'reset' | 'resize' | 'delete'

/** A gateway's widget: state, the agent's address, version and last heartbeat, size, and its actions. */
export function GatewayCard({
  gateway,
  canManage,
  isExpanded,
  onToggleDetails,
  onAction,
  isUpgrading = false,
}: {
  gateway: Gateway
  canManage: boolean
  isExpanded: boolean
  onToggleDetails: () => void
  onAction: (action: GatewayAction) => void
  isUpgrading?: boolean
}) {
  const { metadata, spec, status } = gateway
  const titleId = `gateway-${metadata.uid}-title`
  const state = status.state
  return (
    <article className="card stack" aria-labelledby={titleId}>
      <div className="gateway-card__header">
        <h2 id={titleId} className="gateway-card__title">
          {metadata.name}
        </h2>
        <Badge tone={gatewayStateTone[state]}>{state}</Badge>
      </div>
      <dl className="gateway-summary">
        <dt>IP address</dt>
        <dd>{spec.ipAddress ?? '—'}</dd>
        <dt>Agent version</dt>
        <dd>{status.health.agentVersion ?? '—'}</dd>
        <dt>Last heartbeat</dt>
        <dd>{formatDateTime(status.health.lastHeartBeatTimestamp)}</dd>
        <dt>Size</dt>
        <dd>{spec.size === 1 ? '1 node' : `${spec.size} nodes`}</dd>
      </dl>
      {status.upgradeAvailable ? (
        <div className="alert alert--info" role="status">
          <p>
            An upgrade to agent {status.upgradeAvailable.version} is available. New cluster requests queue while the
            gateway upgrades.
          </p>
          {canManage ? (
            <Button size="sm" variant="primary" isLoading={isUpgrading} onClick={() => onAction('upgrade')}>
              Upgrade
            </Button>
          ) : null}
        </div>
      ) : null}
      <div className="gateway-card__actions">
        {canManage && state === 'Pending' ? (
          <Button variant="primary" onClick={() => onAction('configure')}>
            Configure
          </Button>
        ) : null}
        <Button variant="ghost" onClick={onToggleDetails} aria-expanded={isExpanded}>
          {isExpanded ? 'Hide details' : 'Details'}
        </Button>
        {canManage && state !== 'Pending' ? <Button onClick={() => onAction('reset')}>Reset</Button> : null}
        {canManage && state === 'Running' && spec.size === 1 ? (
          <Button onClick={() => onAction('resize')}>Resize</Button>
        ) : null}
        {canManage ? (
          <Button variant="danger" onClick={() => onAction('delete')}>
            Delete
          </Button>
        ) : null}
      </div>
    </article>
  )
}
