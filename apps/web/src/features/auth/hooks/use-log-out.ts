import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { useApiClient } from '../../../api/api-context.tsx'
import { logOut } from '../api/auth-api.ts'

export function useLogOut() {
  const client = useApiClient()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  return useMutation({
    mutationFn: () => logOut(client),
    // Leave the console even when the server could not be told: the session cookie is the server's to expire.
    onSettled: () => {
      queryClient.clear()
      navigate('/login', { replace: true })
    },
  })
}
