import type { AuthenticateBody } from '@console/contracts'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useApiClient } from '../../../api/api-context.tsx'
import { authenticate, getCurrentUser } from '../api/auth-api.ts'
import { currentUserKey } from './use-current-user.ts'

export function useLogIn() {
  const client = useApiClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: AuthenticateBody) => authenticate(client, body),
    onSuccess: async () => {
      // Whatever an earlier session cached belongs to someone else.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== currentUserKey[0] })
      // Resolves only once the console knows who logged in, so the next page renders signed in.
      await queryClient.fetchQuery({ queryKey: currentUserKey, queryFn: () => getCurrentUser(client), staleTime: 0 })
    },
  })
}
