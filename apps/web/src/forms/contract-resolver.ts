import { zodResolver } from '@hookform/resolvers/zod'
import type { FieldValues, Resolver } from 'react-hook-form'
import type { z } from 'zod'

/**
 * A react-hook-form resolver over a contract schema. `toBody` maps what the inputs hold (empty
 * strings, date-only values) to the body the API takes, so the browser checks exactly the
 * rules the server checks and the submit handler receives the parsed body.
 */
export function contractResolver<TForm extends FieldValues, S extends z.ZodType>(
  schema: S,
  toBody: (values: TForm) => unknown,
): Resolver<TForm, unknown, z.output<S>> {
  const inner = zodResolver(schema as any) as unknown as Resolver<FieldValues, unknown, z.output<S>>
  return (values, context, options) => inner(toBody(values) as FieldValues, context, options as any) as any
}

/** An optional text input: empty means absent. */
export function optionalText(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}
