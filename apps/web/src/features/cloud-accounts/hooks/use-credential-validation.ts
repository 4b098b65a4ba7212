import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { describeError } from '../../../api/api-error.ts'
import type { ValidationResult } from '../confirm-gate.ts'

/**
 * Runs **Validate** and remembers the answer together with the values it was for (`key`), so the
 * wizard can tell whether the inputs still hold what the cloud accepted.
 */
export function useCredentialValidation<Spec>(validate: (spec: Spec) => Promise<void>) {
  const [result, setResult] = useState<ValidationResult | null>(null)
  const mutation = useMutation({ mutationFn: validate })
  function run(key: string, spec: Spec) {
    setResult(null)
    // Only the latest call's callbacks fire, so a slow earlier answer cannot overwrite a newer one.
    mutation.mutate(spec, {
      onSuccess: () => setResult({ key, isValid: true }),
      onError: (error) => setResult({ key, isValid: false, ...describeError(error) }),
    })
  }
  /** A save the cloud refused (the server validates again): shown like a failed validation. */
  function fail(key: string, error: unknown) {
    setResult({ key, isValid: false, ...describeError(error) })
  }
  return { result, run, fail, isValidating: mutation.isPending }
}
