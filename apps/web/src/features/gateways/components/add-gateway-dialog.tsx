import type { Gateway } from '@console/contracts'
import { useEffect, useRef, useState } from 'react'
import { describeError } from '../../../api/api-error.ts'
import { Button } from '../../../ui/button.tsx'
import { Dialog } from '../../../ui/dialog.tsx'
import { ErrorPanel } from '../../../ui/error-panel.tsx'
import { formatDateTime } from '../../../ui/format.ts'
import { LoadingBlock } from '../../../ui/spinner.tsx'
import { useNow } from '../../clusters/hooks/use-now.ts'
import { useGateways, usePairing } from '../hooks/use-gateways.ts'

/** Seed 003: an installer that has not registered within 10 minutes may have failed to bootstrap. */
export const REGISTRATION_TIMEOUT_MS = 10 * 60 * 1000

/** The installer's command lines carry a placeholder where the PIN goes; it is filled in for the user. */
export function fillPairingCode(line: string, pin: string): string {
  return line.replace(
    /<\s*(?:PIN|pairing[-_ ]?code)\s*>|\{\{\s*pairing[-_ ]?code\s*\}\}|\$\{\s*PAIRING_CODE\s*\}|\$PAIRING_CODE\b/gi,
    pin,
  )
}

/**
 * **Add New Private Cloud Gateway**: how to get and start the gateway agent (with the PIN filled in),
 * the **Pairing Code** and its expiry. It watches the gateway list: a gateway that registers is shown
 * with **Configure**; if none has registered `registrationTimeoutMs` after the PIN was issued, the
 * troubleshooting steps of the seed are shown.
 */
export function AddGatewayDialog({
  onClose,
  onConfigure,
  canConfigure,
  registrationTimeoutMs = REGISTRATION_TIMEOUT_MS,
  pollMs = 3_000,
}: {
  onClose: () => void
  onConfigure: (gateway: Gateway) => void
  canConfigure: boolean
  registrationTimeoutMs?: number
  /** How often the gateway list is re-read while waiting for the agent. */
  pollMs?: number
}) {
  const { code, installer } = usePairing()
  const gateways = useGateways({ pollMs })
  const known = useRef<Set<string> | null>(null)
  if (known.current === null && gateways.data) known.current = new Set(gateways.data.map((g) => g.metadata.uid))
  const registered = gateways.data?.filter((g) => known.current !== null && !known.current.has(g.metadata.uid)) ?? []

  const issuedAt = code.data ? code.dataUpdatedAt : undefined
  const [timedOut, setTimedOut] = useState(false)
  useEffect(() => {
    setTimedOut(false)
    if (issuedAt === undefined) return
    const timer = setTimeout(() => setTimedOut(true), Math.max(0, issuedAt + registrationTimeoutMs - Date.now()))
    return () => clearTimeout(timer)
  }, [issuedAt, registrationTimeoutMs])

  const pin = code.data?.pairingCode
  const now = useNow(code.data !== undefined, 5_000)
  const expired = code.data ? Date.parse(code.data.expiresAt) <= now : false
  const minutes = Math.round(registrationTimeoutMs / 60_000)

  return (
    <Dialog
      open
      onClose={onClose}
      title="Add New Private Cloud Gateway"
      description="Start the gateway agent next to vCenter with this Pairing Code; it registers itself with the console over an outbound connection."
      size="lg"
      footer={<Button onClick={onClose}>Close</Button>}
    >
      <div className="stack">
        <section aria-labelledby="pcg-pairing-title" className="stack">
          <h3 id="pcg-pairing-title">Pairing Code</h3>
          {code.isError ? (
            <ErrorPanel {...describeError(code.error)} onRetry={() => void code.refetch()} />
          ) : !code.data ? (
            <LoadingBlock label="Getting a pairing code" />
          ) : (
            <>
              <p className="gateway-pin">{pin}</p>
              <p className="field__hint">
                {expired ? 'This code has expired. ' : `Valid until ${formatDateTime(code.data.expiresAt)}; `}
                it pairs one gateway, once.{' '}
                <Button size="sm" variant="ghost" onClick={() => void code.refetch()} isLoading={code.isFetching}>
                  New Pairing Code
                </Button>
              </p>
            </>
          )}
        </section>

        <section aria-labelledby="pcg-installer-title" className="stack">
          <h3 id="pcg-installer-title">Get and start the gateway agent</h3>
          {installer.isError ? (
            <ErrorPanel {...describeError(installer.error)} onRetry={() => void installer.refetch()} />
          ) : !installer.data ? (
            <LoadingBlock label="Loading the installer instructions" />
          ) : (
            <>
              <p>
                Installer: <code>{installer.data.location}</code>
              </p>
              <p>
                Start it with the <strong>Installer Name</strong>, the <strong>Console endpoint</strong> (without a
                trailing slash) and the <strong>Pairing Code</strong>; in a proxy environment set all three of{' '}
                <strong>HTTP PROXY</strong>, <strong>HTTPS PROXY</strong> and <strong>NO Proxy</strong>.
              </p>
              <pre className="gateway-code">
                <code>
                  {installer.data.instructions.map((line) => fillPairingCode(line, pin ?? '<PAIRING_CODE>')).join('\n')}
                </code>
              </pre>
            </>
          )}
        </section>

        {registered.length > 0 ? (
          <section aria-label="Registered gateways" className="stack">
            {registered.map((g) => (
              <div key={g.metadata.uid} className="alert alert--success" role="status">
                <p>
                  Gateway {g.metadata.name} registered from {g.spec.ipAddress ?? 'an unknown address'}
                </p>
                {canConfigure && g.status.state === 'Pending' ? (
                  <Button size="sm" variant="primary" onClick={() => onConfigure(g)}>
                    Configure
                  </Button>
                ) : null}
              </div>
            ))}
          </section>
        ) : (
          <p className="field__hint" role="status">
            Waiting for the gateway to register. This may take a few minutes after the agent is started.
          </p>
        )}

        {registered.length === 0 && timedOut ? (
          <section className="alert alert--warning stack" aria-labelledby="pcg-troubleshooting-title">
            <h3 id="pcg-troubleshooting-title">Gateway installer - Unable to register with the Tenant Portal</h3>
            <p>
              No gateway has registered within {minutes} minutes of the pairing code being issued. The installer, when
              started, goes through a bootstrap process and registers itself with the Tenant Portal. This process
              typically takes five to ten minutes. Failure of the installer to register with the Tenant Portal, within
              this duration, might be indicative of a bootstrapping error.
            </p>
            <ol>
              <li>
                Inspect the log file located at <code>/var/log/cloud-init-output.log</code> on the installer (SSH into
                the installer virtual machine using the key provided at import; for the agent container, its container
                log). This log file will contain error messages in the event there are failures with connecting to the
                console, authenticating, or downloading installation artifacts.
              </li>
              <li>
                A common cause for these errors is that the console endpoint or the pairing code is typed incorrectly.
                Ensure that the console endpoint does not have a trailing slash, and that the pairing code is typed
                exactly as shown above. If these properties were incorrectly specified, power down and delete the
                installer and relaunch with the correct values.
              </li>
              <li>
                Another potential issue is a lack of outgoing connectivity from the installer. The installer needs to
                have outbound connectivity directly or via a proxy. Adjust proxy settings (if applicable) to fix the
                connectivity or power down and delete the installer and relaunch in a network that enables outgoing
                connections.
              </li>
            </ol>
          </section>
        ) : null}
      </div>
    </Dialog>
  )
}
