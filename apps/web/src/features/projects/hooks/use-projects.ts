import type { ProjectBody } from '@console/contracts'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useApiClient } from '../../../api/api-context.tsx'
import { useCursorList } from '../../../api/use-cursor-list.ts'
import { currentUserKey } from '../../auth/hooks/use-current-user.ts'
import { useScopeKey } from '../../scope/scope-context.tsx'
import { createProject, deleteProject, listProjects } from '../api/projects-api.ts'

export const projectsKey = 'projects'

export function useProjects() {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  return useCursorList({
    queryKey: [projectsKey, scopeKey],
    fetchPage: (cursor, signal) => listProjects(client, { cursor, signal }),
  })
}

/** Projects change the scopes a Tenant Admin can switch to, so the current user is re-read too. */
function useInvalidateProjects() {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [projectsKey] }),
      queryClient.invalidateQueries({ queryKey: currentUserKey }),
    ])
}

export function useCreateProject() {
  const client = useApiClient()
  const invalidate = useInvalidateProjects()
  return useMutation({ mutationFn: (body: ProjectBody) => createProject(client, body), onSuccess: invalidate })
}

export function useDeleteProject() {
  const client = useApiClient()
  const invalidate = useInvalidateProjects()
  return useMutation({ mutationFn: (uid: string) => deleteProject(client, uid), onSuccess: invalidate })
}
