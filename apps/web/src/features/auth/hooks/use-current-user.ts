import { useQuery } from '@tanstack/react-query'
import { useApiClient } from '../../../api/api-context.tsx'
import { isApiRequestError } from '../../../api/api-error.ts'
import { getCurrentUser } from '../api/auth-api.ts'

export const currentUserKey = ['me'] as const

/** Who is logged in; a 401 is an answer ("nobody"), not an error worth retrying. */
export function useCurrentUser() {
  const client = useApiClient()
  const query = useQuery({
    queryKey: currentUserKey,
    queryFn: ({ signal }) => getCurrentUser(client, signal),
    retry: (count, error) => !(isApiRequestError(error) && error.status < 500) && count < 2,
    staleTime: 60_000,
  })
  const isLoggedOut = isApiRequestError(query.error) && query.error.status === 401
  return { ...query, isLoggedOut }
}
