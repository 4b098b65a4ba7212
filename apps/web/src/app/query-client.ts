import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'
import { isApiRequestError } from '../api/api-error.ts'
import { currentUserKey } from '../features/auth/hooks/use-current-user.ts'

/**
 * One query client for the app. A 401 on any request means the session ended (expired, logged
 * out in another tab): re-ask who is logged in, which sends the user to the login page.
 */
export function createAppQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => onAuthError(error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error) => onAuthError(error, undefined) }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(isApiRequestError(error) && error.status < 500) && count < 2,
      },
    },
  })
  function onAuthError(error: unknown, queryKey: readonly unknown[] | undefined) {
    if (!isApiRequestError(error) || error.status !== 401) return
    if (queryKey?.[0] === currentUserKey[0]) return
    // Nobody was logged in (a wrong password on the login page): nothing to re-check.
    if (!queryClient.getQueryData(currentUserKey)) return
    void queryClient.invalidateQueries({ queryKey: currentUserKey })
  }
  return queryClient
}
