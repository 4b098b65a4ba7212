import { useQuery } from '@tanstack/react-query'
import { useApiClient } from '../../../api/api-context.tsx'
import { useCan, useScopeKey } from '../../scope/scope-context.tsx'
import { getSandbox, type Sandbox } from '../api/sandbox-api.ts'

/**
 * The fake clouds of sandbox mode, asked for only when the current scope grants `sandbox.read`
 * (others would get a 403). Undefined while unknown or not allowed, null in real mode.
 */
export function useSandbox(): Sandbox | null | undefined {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  const canRead = useCan('sandbox.read')
  const query = useQuery({
    queryKey: ['sandbox', scopeKey],
    queryFn: ({ signal }) => getSandbox(client, signal),
    enabled: canRead,
    // The mode is fixed for the life of the server.
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })
  return canRead ? query.data : undefined
}
