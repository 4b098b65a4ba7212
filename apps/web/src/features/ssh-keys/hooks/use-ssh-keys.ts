import type { SshKeyBody } from '@console/contracts'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useApiClient } from '../../../api/api-context.tsx'
import { useCursorList } from '../../../api/use-cursor-list.ts'
import { useScopeKey } from '../../scope/scope-context.tsx'
import { createSshKey, deleteSshKey, listSshKeys, updateSshKey } from '../api/ssh-keys-api.ts'

export const sshKeysKey = 'sshkeys'

export function useSshKeys() {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  return useCursorList({
    queryKey: [sshKeysKey, scopeKey],
    fetchPage: (cursor, signal) => listSshKeys(client, { cursor, signal }),
  })
}

function useInvalidateSshKeys() {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: [sshKeysKey] })
}

/** Creates a key, or updates the one `uid` names. */
export function useSaveSshKey(uid: string | undefined) {
  const client = useApiClient()
  const invalidate = useInvalidateSshKeys()
  return useMutation({
    mutationFn: async (body: SshKeyBody) => {
      if (uid === undefined) await createSshKey(client, body)
      else await updateSshKey(client, uid, body)
    },
    onSuccess: invalidate,
  })
}

export function useDeleteSshKey() {
  const client = useApiClient()
  const invalidate = useInvalidateSshKeys()
  return useMutation({ mutationFn: (uid: string) => deleteSshKey(client, uid), onSuccess: invalidate })
}
