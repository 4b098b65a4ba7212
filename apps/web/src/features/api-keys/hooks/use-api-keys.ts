import type { ApiKeyCreateBody } from '@console/contracts'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useApiClient } from '../../../api/api-context.tsx'
import { useCursorList } from '../../../api/use-cursor-list.ts'
import { useScopeKey } from '../../scope/scope-context.tsx'
import { createApiKey, listApiKeys, revokeApiKey } from '../api/api-keys-api.ts'

export const apiKeysKey = 'apiKeys'

export function useApiKeys() {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  return useCursorList({
    queryKey: [apiKeysKey, scopeKey],
    fetchPage: (cursor, signal) => listApiKeys(client, { cursor, signal }),
  })
}

export function useCreateApiKey() {
  const client = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ApiKeyCreateBody) => createApiKey(client, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [apiKeysKey] }),
  })
}

export function useRevokeApiKey() {
  const client = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (uid: string) => revokeApiKey(client, uid),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [apiKeysKey] }),
  })
}
