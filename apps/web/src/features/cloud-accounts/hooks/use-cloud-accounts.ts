import type {
  AwsAccountBody,
  AwsAccountUpdateBody,
  TencentAccountBody,
  TencentAccountUpdateBody,
  VsphereAccountBody,
  VsphereAccountUpdateBody,
} from '@console/contracts'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useApiClient } from '../../../api/api-context.tsx'
import { useCursorList } from '../../../api/use-cursor-list.ts'
import { useScope, useScopeKey } from '../../scope/scope-context.tsx'
import {
  type AccountCloud,
  createAwsAccount,
  createTencentAccount,
  createVsphereAccount,
  deleteCloudAccount,
  listAwsAccounts,
  listTencentAccounts,
  listVsphereAccounts,
  updateAwsAccount,
  updateTencentAccount,
  updateVsphereAccount,
} from '../api/cloud-accounts-api.ts'

export const cloudAccountsKey = 'cloudaccounts'

/** In tenant scope (only Tenant Admins have it) the page lists every account, project ones included. */
function useListsAll(): boolean {
  return useScope().current?.projectUid === undefined
}

export function useTencentAccounts() {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  const all = useListsAll()
  return useCursorList({
    queryKey: [cloudAccountsKey, 'tencent', scopeKey],
    fetchPage: (cursor, signal) => listTencentAccounts(client, { cursor, all, signal }),
  })
}

export function useAwsAccounts() {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  const all = useListsAll()
  return useCursorList({
    queryKey: [cloudAccountsKey, 'aws', scopeKey],
    fetchPage: (cursor, signal) => listAwsAccounts(client, { cursor, all, signal }),
  })
}

export function useVsphereAccounts() {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  const all = useListsAll()
  return useCursorList({
    queryKey: [cloudAccountsKey, 'vsphere', scopeKey],
    fetchPage: (cursor, signal) => listVsphereAccounts(client, { cursor, all, signal }),
  })
}

function useInvalidateAccounts(cloud: AccountCloud) {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: [cloudAccountsKey, cloud] })
}

export function useSaveTencentAccount(uid: string | undefined) {
  const client = useApiClient()
  const invalidate = useInvalidateAccounts('tencent')
  return useMutation({
    mutationFn: async (body: TencentAccountBody | TencentAccountUpdateBody) => {
      if (uid === undefined) await createTencentAccount(client, body as TencentAccountBody)
      else await updateTencentAccount(client, uid, body)
    },
    onSuccess: invalidate,
  })
}

export function useSaveAwsAccount(uid: string | undefined) {
  const client = useApiClient()
  const invalidate = useInvalidateAccounts('aws')
  return useMutation({
    mutationFn: async (body: AwsAccountBody | AwsAccountUpdateBody) => {
      if (uid === undefined) await createAwsAccount(client, body as AwsAccountBody)
      else await updateAwsAccount(client, uid, body)
    },
    onSuccess: invalidate,
  })
}

export function useDeleteCloudAccount(cloud: AccountCloud) {
  const client = useApiClient()
  const invalidate = useInvalidateAccounts(cloud)
  return useMutation({ mutationFn: (uid: string) => deleteCloudAccount(client, cloud, uid), onSuccess: invalidate })
}

export function useSaveVsphereAccount(uid: string | undefined) {
  const client = useApiClient()
  const invalidate = useInvalidateAccounts('vsphere')
  return useMutation({
    mutationFn: async (body: VsphereAccountBody | VsphereAccountUpdateBody) => {
      if (uid === undefined) await createVsphereAccount(client, body as VsphereAccountBody)
      else await updateVsphereAccount(client, uid, body)
    },
    onSuccess: invalidate,
  })
}
