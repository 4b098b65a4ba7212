/** What the last **Validate** answered, for the values it was asked about (`key`). */
export type ValidationResult =
  | { key: string; isValid: true }
  | { key: string; isValid: false; message: string; reference?: string }

export type ConfirmGate =
  /** Nothing validated yet (or nothing to show): Confirm waits for a validation. */
  | { canConfirm: false; state: 'unvalidated' }
  /** The last validation is of other values than the inputs hold now. */
  | { canConfirm: false; state: 'stale' }
  | { canConfirm: false; state: 'failed'; message: string; reference?: string }
  | { canConfirm: true; state: 'validated' }
  /** Edit without new credentials: the stored ones are kept, and the server checks them again on save. */
  | { canConfirm: true; state: 'stored' }

/**
 * **Confirm** is enabled only after a successful validation of exactly the values the form holds now
 * (`currentKey`): any edit after validating disables it again. An edit that leaves the stored
 * credentials as they are needs no validation.
 */
export function confirmGate(options: {
  currentKey: string
  result: ValidationResult | null
  isStoredCredentials: boolean
}): ConfirmGate {
  const { currentKey, result, isStoredCredentials } = options
  if (result && result.key === currentKey) {
    return result.isValid
      ? { canConfirm: true, state: 'validated' }
      : { canConfirm: false, state: 'failed', message: result.message, reference: result.reference }
  }
  if (isStoredCredentials) return { canConfirm: true, state: 'stored' }
  return result ? { canConfirm: false, state: 'stale' } : { canConfirm: false, state: 'unvalidated' }
}
