import { useCallback } from 'react'
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form'
import { isApiRequestError } from '../api/api-error.ts'
import { useToast } from '../ui/toasts.tsx'

/**
 * Shows a failed request where the user will look for it: each 400 field error whose path names a
 * field of the form goes next to that field; everything else becomes an error toast with the ref.
 * `fieldPaths` are the form's field names; `*` stands for an array index (`spec.roles.*.projectUid`).
 */
export function useServerErrors<T extends FieldValues>(setError: UseFormSetError<T>, fieldPaths: readonly string[]) {
  const toast = useToast()
  return useCallback(
    (error: unknown) => {
      if (!isApiRequestError(error)) {
        toast.error(error instanceof Error ? error.message : 'Something went wrong')
        return
      }
      const unmatched: string[] = []
      let matched = 0
      for (const fe of error.fieldErrors) {
        const target = formFieldFor(fe.path, fieldPaths)
        if (target) {
          setError(target as Path<T>, { type: 'server', message: fe.message }, { shouldFocus: matched === 0 })
          matched++
        } else {
          unmatched.push(fe.message)
        }
      }
      if (matched === 0 || unmatched.length > 0) {
        const message = unmatched.length > 0 ? `${error.message}: ${unmatched.join('; ')}` : error.message
        toast.error(message, error.ref ? `Reference: ${error.ref}` : undefined)
      }
    },
    [setError, fieldPaths, toast],
  )
}

/** The toast-only variant, for actions without a form (delete, revoke). */
export function useErrorToast() {
  const toast = useToast()
  return useCallback(
    (error: unknown) => {
      if (isApiRequestError(error)) toast.error(error.message, error.ref ? `Reference: ${error.ref}` : undefined)
      else toast.error(error instanceof Error ? error.message : 'Something went wrong')
    },
    [toast],
  )
}

/** The form field a server error path belongs to: the field itself, or the nearest listed parent. */
export function formFieldFor(path: string, fieldPaths: readonly string[]): string | undefined {
  const segments = path.split('.')
  for (let n = segments.length; n > 0; n--) {
    const candidate = segments.slice(0, n)
    const match = fieldPaths.find((pattern) => {
      const parts = pattern.split('.')
      return parts.length === n && parts.every((p, i) => (p === '*' ? /^\d+$/.test(candidate[i]!) : p === candidate[i]))
    })
    if (match) return candidate.join('.')
  }
  return undefined
}
