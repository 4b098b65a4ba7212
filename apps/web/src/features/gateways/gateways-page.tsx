import type { Gateway } from '@console/contracts'
import { useState } from 'react'
import './gateways.css'
import { describeError } from '../../api/api-error.ts'
import { useErrorToast } from '../../forms/use-server-errors.ts'
import { Button } from '../../ui/button.tsx'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { ErrorPanel } from '../../ui/error-panel.tsx'
import { PageHeader } from '../../ui/page-header.tsx'
import { LoadingBlock } from '../../ui/spinner.tsx'
import { useToast } from '../../ui/toasts.tsx'
import { useCan } from '../scope/scope-context.tsx'
import { AddGatewayDialog } from './components/add-gateway-dialog.tsx'
import { ConfigureGatewayDialog } from './components/configure-gateway-dialog.tsx'
import { DeleteGatewayDialog } from './components/delete-gateway-dialog.tsx'
import { type GatewayAction, GatewayCard } from './components/gateway-card.tsx'
import { GatewayEvents } from './components/gateway-events.tsx'
import { IpPoolsSection } from './components/ip-pools-section.tsx'
import { resizeBody } from './configure-form.ts'
import {
  isMoving,
  useGateways,
  useResetGateway,
  useSaveGatewayCloudConfig,
  useUpgradeGateway,
} from './hooks/use-gateways.ts'

type Pending = { action: 'reset' | 'resize' | 'delete'; gateway: Gateway } | null

/** Settings → **Private Cloud Gateways**: one widget per gateway, adding, configuring and managing them. */
export function GatewaysPage({ registrationTimeoutMs }: { registrationTimeoutMs?: number } = {}) {
  const gateways = useGateways()
  const canManage = useCan('gateways.manage')
  const toast = useToast()
  const errorToast = useErrorToast()
  const [adding, setAdding] = useState(false)
  const [configuring, setConfiguring] = useState<Gateway | null>(null)
  const [expanded, setExpanded] = useState<string | null>(null)
  const [pending, setPending] = useState<Pending>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const reset = useResetGateway()
  const upgrade = useUpgradeGateway()
  const resize = useSaveGatewayCloudConfig(pending?.action === 'resize' ? pending.gateway.metadata.uid : '', 'PUT')

  const onAction = (gateway: Gateway, action: GatewayAction) => {
    if (action === 'configure') setConfiguring(gateway)
    else if (action === 'upgrade')
      upgrade.mutate(gateway.metadata.uid, {
        onSuccess: () => toast.success(`Gateway ${gateway.metadata.name} is upgrading`),
        onError: errorToast,
      })
    else setPending({ action, gateway })
  }

  const confirmReset = () => {
    if (pending?.action !== 'reset') return
    const { gateway } = pending
    reset.mutate(gateway.metadata.uid, {
      onSuccess: () => {
        toast.success(`Gateway ${gateway.metadata.name} is back to Pending: configure it again`)
        setPending(null)
      },
      onError: (e) => {
        errorToast(e)
        setPending(null)
      },
    })
  }

  const confirmResize = () => {
    if (pending?.action !== 'resize') return
    const { gateway } = pending
    const body = resizeBody(gateway)
    if (!body) {
      toast.error(`Gateway ${gateway.metadata.name} has no placement to resize with`)
      setPending(null)
      return
    }
    resize.mutate(body, {
      onSuccess: () => {
        toast.success(`Gateway ${gateway.metadata.name} is being resized to 3 nodes`)
        setPending(null)
      },
      onError: (e) => {
        errorToast(e)
        setPending(null)
      },
    })
  }

  return (
    <>
      <PageHeader
        title="Private Cloud Gateways"
        description="A gateway agent runs next to vCenter, pairs with the console using a PIN and does every vSphere call over its outbound connection."
        actions={
          canManage ? (
            <Button variant="primary" onClick={() => setAdding(true)}>
              Add New Private Cloud Gateway
            </Button>
          ) : null
        }
      />
      {notice ? (
        <div className="alert alert--info" role="status">
          <p>{notice}</p>
          <Button size="sm" variant="ghost" onClick={() => setNotice(null)}>
            Dismiss
          </Button>
        </div>
      ) : null}
      {gateways.isError ? (
        <ErrorPanel {...describeError(gateways.error)} onRetry={() => void gateways.refetch()} />
      ) : gateways.isLoading ? (
        <LoadingBlock label="Loading gateways" />
      ) : gateways.data && gateways.data.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">No Private Cloud Gateways yet</p>
          <p className="empty-state__text">
            Add one to provision VMware vSphere clusters: the console never talks to vCenter itself.
          </p>
        </div>
      ) : (
        <section className="gateway-grid" aria-label="Private Cloud Gateway list">
          {gateways.data?.map((g) => (
            <div key={g.metadata.uid} className={expanded === g.metadata.uid ? 'stack gateway-grid__wide' : 'stack'}>
              <GatewayCard
                gateway={g}
                canManage={canManage}
                isExpanded={expanded === g.metadata.uid}
                onToggleDetails={() => setExpanded((e) => (e === g.metadata.uid ? null : g.metadata.uid))}
                onAction={(action) => onAction(g, action)}
                isUpgrading={upgrade.isPending && upgrade.variables === g.metadata.uid}
              />
              {expanded === g.metadata.uid ? (
                <div className="stack">
                  <GatewayEvents
                    gatewayUid={g.metadata.uid}
                    state={g.status.state}
                    live={isMoving(g) && g.status.state !== 'Pending'}
                  />
                  <IpPoolsSection gatewayUid={g.metadata.uid} canManage={canManage} />
                </div>
              ) : null}
            </div>
          ))}
        </section>
      )}
      {adding ? (
        <AddGatewayDialog
          onClose={() => setAdding(false)}
          canConfigure={canManage}
          registrationTimeoutMs={registrationTimeoutMs}
          onConfigure={(g) => {
            setAdding(false)
            setConfiguring(g)
          }}
        />
      ) : null}
      {configuring ? (
        <ConfigureGatewayDialog
          key={configuring.metadata.uid}
          gateway={configuring}
          onClose={() => setConfiguring(null)}
          onConfirmed={(g) => setExpanded(g.metadata.uid)}
        />
      ) : null}
      <ConfirmDialog
        open={pending?.action === 'reset'}
        title="Reset Private Cloud Gateway"
        message={
          <p>
            Reset <strong>{pending?.gateway.metadata.name}</strong> back to Pending, to configure it again? Use it when
            provisioning is stuck or failed because of an invalid configuration.
          </p>
        }
        confirmLabel="Reset"
        isPending={reset.isPending}
        onCancel={() => setPending(null)}
        onConfirm={confirmReset}
      />
      <ConfirmDialog
        open={pending?.action === 'resize'}
        title="Resize Private Cloud Gateway"
        tone="primary"
        message={
          <p>
            Resize <strong>{pending?.gateway.metadata.name}</strong> from 1 to 3 nodes? Two new nodes are created on
            vSphere. A gateway cannot be resized back down.
          </p>
        }
        confirmLabel="Resize to 3 nodes"
        isPending={resize.isPending}
        onCancel={() => setPending(null)}
        onConfirm={confirmResize}
      />
      <DeleteGatewayDialog
        gateway={pending?.action === 'delete' ? pending.gateway : null}
        onClose={() => setPending(null)}
        onDeleted={(_, message) => setNotice(message)}
      />
    </>
  )
}
