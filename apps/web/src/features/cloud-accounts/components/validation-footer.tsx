import '../cloud-accounts.css'
import { useId } from 'react'
import { Button } from '../../../ui/button.tsx'
import { Spinner } from '../../../ui/spinner.tsx'
import type { ConfirmGate } from '../confirm-gate.ts'

const hints: Record<'unvalidated' | 'stale' | 'stored', string> = {
  unvalidated: 'Validate the credentials to enable Confirm.',
  stale: 'The values changed after the last validation: validate again to enable Confirm.',
  stored: 'The stored credentials are kept and checked again when you save. Enter new ones to change them.',
}

/**
 * The wizard's last row: **Validate** with what the cloud answered next to it, then **Cancel** and
 * **Confirm** (a submit button, enabled by the gate).
 */
export function ValidationFooter({
  gate,
  isValidating,
  onValidate,
  isSaving,
  onCancel,
}: {
  gate: ConfirmGate
  isValidating: boolean
  onValidate: () => void
  isSaving: boolean
  onCancel: () => void
}) {
  const messageId = useId()
  return (
    <>
      <div className="validation-row">
        {/* Not disabled while the cloud answers: a disabled button would drop the keyboard focus out of the dialog. */}
        <Button
          onClick={() => {
            if (!isValidating) onValidate()
          }}
          disabled={isSaving}
          aria-busy={isValidating || undefined}
          icon={isValidating ? <Spinner size="sm" decorative /> : undefined}
        >
          Validate
        </Button>
        <div id={messageId} className="validation-row__message">
          <ValidationMessage gate={gate} isValidating={isValidating} />
        </div>
      </div>
      <div className="dialog__actions">
        <Button onClick={onCancel} disabled={isSaving}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant="primary"
          disabled={!gate.canConfirm || isValidating}
          isLoading={isSaving}
          aria-describedby={messageId}
        >
          Confirm
        </Button>
      </div>
    </>
  )
}

function ValidationMessage({ gate, isValidating }: { gate: ConfirmGate; isValidating: boolean }) {
  if (isValidating) {
    return (
      <p className="field__hint" role="status">
        Checking the credentials with the cloud…
      </p>
    )
  }
  switch (gate.state) {
    case 'validated':
      return (
        <div className="alert alert--success" role="status">
          <p>Credentials validated</p>
        </div>
      )
    case 'failed':
      return (
        <div className="alert alert--error" role="alert">
          <p>{gate.message}</p>
          {gate.reference ? <p className="alert__detail">Reference: {gate.reference}</p> : null}
        </div>
      )
    default:
      return <p className="field__hint">{hints[gate.state]}</p>
  }
}
