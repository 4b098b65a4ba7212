import { apiKeyCreateBodySchema } from '@console/contracts'
import { contractResolver } from '../../forms/contract-resolver.ts'

export interface ApiKeyFormValues {
  metadata: { name: string }
  spec: { expiry: string }
}

/**
 * A date input gives `YYYY-MM-DD`; the key then works until the end of that day in the user's
 * time zone. Anything else is passed on unchanged so the contract reports it.
 */
export function expiryFromDateInput(value: string): string | undefined {
  if (value === '') return undefined
  const endOfDay = new Date(`${value}T23:59:59`)
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(endOfDay.getTime()) ? endOfDay.toISOString() : value
}

export const apiKeyResolver = contractResolver<ApiKeyFormValues, typeof apiKeyCreateBodySchema>(
  apiKeyCreateBodySchema,
  (v) => ({ metadata: { name: v.metadata.name }, spec: { expiry: expiryFromDateInput(v.spec.expiry) } }),
)
