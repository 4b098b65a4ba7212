import type { UserCreateBody, UserUpdateBody } from '@console/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useApiClient } from '../../../api/api-context.tsx'
import { useCursorList } from '../../../api/use-cursor-list.ts'
import { currentUserKey } from '../../auth/hooks/use-current-user.ts'
import { listProjects } from '../../projects/api/projects-api.ts'
import { useScopeKey } from '../../scope/scope-context.tsx'
import { createUser, deleteUser, listUsers, updateUser } from '../api/users-api.ts'

export const usersKey = 'users'

export function useUsers() {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  return useCursorList({
    queryKey: [usersKey, scopeKey],
    fetchPage: (cursor, signal) => listUsers(client, { cursor, signal }),
  })
}

/** Every project a role can be bound to (the API's largest page; a tenant with more needs a search box). */
export function useProjectChoices() {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  return useQuery({
    queryKey: ['projects', scopeKey, 'choices'],
    queryFn: ({ signal }) => listProjects(client, { limit: 200, signal }),
    select: (list) =>
      list.items
        .map((p) => ({ value: p.metadata.uid, label: p.metadata.name }))
        .sort((a, b) => a.label.localeCompare(b.label)),
  })
}

function useInvalidateUsers() {
  const queryClient = useQueryClient()
  // Editing yourself changes your own roles and scopes.
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [usersKey] }),
      queryClient.invalidateQueries({ queryKey: currentUserKey }),
    ])
}

export function useCreateUser() {
  const client = useApiClient()
  const invalidate = useInvalidateUsers()
  return useMutation({ mutationFn: (body: UserCreateBody) => createUser(client, body), onSuccess: invalidate })
}

export function useUpdateUser() {
  const client = useApiClient()
  const invalidate = useInvalidateUsers()
  return useMutation({
    mutationFn: ({ uid, body }: { uid: string; body: UserUpdateBody }) => updateUser(client, uid, body),
    onSuccess: invalidate,
  })
}

export function useDeleteUser() {
  const client = useApiClient()
  const invalidate = useInvalidateUsers()
  return useMutation({ mutationFn: (uid: string) => deleteUser(client, uid), onSuccess: invalidate })
}

/** Users as choices for a filter; only asked for when the caller may list users. */
export function useUserChoices(enabled: boolean) {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  return useQuery({
    queryKey: [usersKey, scopeKey, 'choices'],
    queryFn: ({ signal }) => listUsers(client, { signal, limit: 200 }),
    enabled,
    select: (list) =>
      list.items
        .map((u) => ({ value: u.metadata.uid, label: `${u.metadata.name} (${u.spec.emailId})` }))
        .sort((a, b) => a.label.localeCompare(b.label)),
  })
}
