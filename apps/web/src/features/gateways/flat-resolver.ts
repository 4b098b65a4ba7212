import type { FieldError, FieldValues, Resolver } from 'react-hook-form'
import type { z } from 'zod'

export interface FlatIssue {
  path: readonly PropertyKey[]
  message: string
}

/**
 * A react-hook-form resolver over a contract schema for a form whose inputs have flat names (the body
 * is built from them by `toBody`). Every issue is put on the input `fieldFor` names for its body path,
 * the first one per input; `extra` adds checks the schema cannot say per field (a union's branch, a
 * rule zod skips while other fields are still invalid). An issue on no input blocks submit as `root`.
 */
export function flatResolver<TForm extends FieldValues, S extends z.ZodType>(
  schema: S,
  toBody: (values: TForm) => unknown,
  fieldFor: (path: readonly PropertyKey[]) => keyof TForm | undefined,
  extra?: (values: TForm) => FlatIssue[],
): Resolver<TForm, unknown, z.output<S>> {
  return async (values) => {
    const parsed = schema.safeParse(toBody(values))
    const issues: FlatIssue[] = [...(extra?.(values) ?? []), ...(parsed.success ? [] : parsed.error.issues)]
    const errors: Record<string, FieldError> = {}
    for (const issue of issues) {
      const field = fieldFor(issue.path)
      if (field !== undefined && !errors[field as string])
        errors[field as string] = { type: 'validate', message: issue.message }
    }
    if (parsed.success && Object.keys(errors).length === 0) return { values: parsed.data, errors: {} } as never
    if (Object.keys(errors).length === 0)
      errors.root = { type: 'validate', message: issues[0]?.message ?? 'Check the form' }
    return { values: {}, errors } as never
  }
}

/** Server field errors (a 400's details) onto the inputs; what lands on none is returned. */
export function applyServerFieldErrors<TForm extends FieldValues>(
  fieldErrors: { path: string; message: string }[],
  fieldFor: (path: readonly PropertyKey[]) => keyof TForm | undefined,
  setError: (name: keyof TForm & string, error: { type: string; message: string }) => void,
): string[] {
  const unmatched: string[] = []
  for (const fe of fieldErrors) {
    const field = fieldFor(fe.path.split('.'))
    if (field === undefined) unmatched.push(fe.message)
    else setError(field as keyof TForm & string, { type: 'server', message: fe.message })
  }
  return unmatched
}
