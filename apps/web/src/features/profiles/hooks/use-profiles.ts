import type { CloudType, ClusterProfileBody, ClusterProfileCloneBody, PackLayer } from '@console/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useApiClient } from '../../../api/api-context.tsx'
import { useCursorList } from '../../../api/use-cursor-list.ts'
import { useScopeKey } from '../../scope/scope-context.tsx'
import {
  cloneProfile,
  createProfile,
  deleteProfile,
  getProfile,
  listPacks,
  listProfiles,
  type ProfileListFilters,
  publishProfile,
  updateProfile,
} from '../api/profiles-api.ts'

export const profilesKey = 'profiles'
const packsKey = 'packs'

export function useProfiles(filters: ProfileListFilters) {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  return useCursorList({
    queryKey: [profilesKey, scopeKey, 'list', filters.cloudType ?? '', filters.type ?? ''],
    fetchPage: (cursor, signal) => listProfiles(client, { ...filters, cursor, signal }),
  })
}

export function useProfile(uid: string | undefined) {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  return useQuery({
    queryKey: [profilesKey, scopeKey, 'one', uid],
    queryFn: ({ signal }) => getProfile(client, uid as string, signal),
    enabled: uid !== undefined,
  })
}

/** The pack catalog (GET /v1/packs), filtered when given; the whole catalog is what `validateProfile` takes. */
export function usePacks(filters: { layer?: PackLayer; cloudType?: CloudType } = {}, enabled = true) {
  const client = useApiClient()
  return useQuery({
    queryKey: [packsKey, filters.layer ?? '', filters.cloudType ?? ''],
    queryFn: ({ signal }) => listPacks(client, filters, signal),
    staleTime: 5 * 60_000,
    enabled,
  })
}

function useInvalidateProfiles() {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: [profilesKey] })
}

export function useCreateProfile() {
  const client = useApiClient()
  const invalidate = useInvalidateProfiles()
  return useMutation({
    mutationFn: ({ body, publish }: { body: ClusterProfileBody; publish: boolean }) =>
      createProfile(client, body, publish),
    onSuccess: invalidate,
  })
}

/**
 * Saves changes to an existing version and optionally publishes: a draft is changed in place, a published
 * version gets a new draft version (its uid is answered) which is then the one published.
 */
export function useSaveProfile() {
  const client = useApiClient()
  const invalidate = useInvalidateProfiles()
  return useMutation({
    mutationFn: async ({ uid, body, publish }: { uid: string; body: ClusterProfileBody; publish: boolean }) => {
      const created = await updateProfile(client, uid, body)
      const savedUid = created?.uid ?? uid
      if (publish) await publishProfile(client, savedUid)
      return { uid: savedUid }
    },
    onSettled: invalidate,
  })
}

export function useCloneProfile() {
  const client = useApiClient()
  const invalidate = useInvalidateProfiles()
  return useMutation({
    mutationFn: ({ uid, body }: { uid: string; body: ClusterProfileCloneBody }) => cloneProfile(client, uid, body),
    onSuccess: invalidate,
  })
}

export function useDeleteProfile() {
  const client = useApiClient()
  const invalidate = useInvalidateProfiles()
  return useMutation({ mutationFn: (uid: string) => deleteProfile(client, uid), onSuccess: invalidate })
}
