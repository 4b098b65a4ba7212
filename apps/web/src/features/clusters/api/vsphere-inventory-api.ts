import {
  ipPoolListSchema,
  type VsphereAccount,
  type VspherePropertyKind,
  vsphereAccountListSchema,
  vspherePropertyListSchema,
} from '@console/contracts'
import type { ApiClient } from '../../../api/client.ts'
import { inventoryItems, listAccountsForWizard } from './inventory-request.ts'

/** The vSphere accounts the current scope sees (the wizard's Cloud Account drop-down). */
export const listVsphereAccountsForWizard = (client: ApiClient, signal?: AbortSignal): Promise<VsphereAccount[]> =>
  listAccountsForWizard(client, 'vsphere', vsphereAccountListSchema, signal)

const account = (uid: string) => `/v1/cloudaccounts/vsphere/${encodeURIComponent(uid)}`

/** What vCenter offers, asked through the account's Private Cloud Gateway (palette-api.md "Private Cloud Gateways"). */
export const vsphereInventory = {
  property: (
    client: ApiClient,
    accountUid: string,
    what: VspherePropertyKind,
    parents: { datacenter?: string; computecluster?: string },
    signal?: AbortSignal,
  ) =>
    inventoryItems(
      client,
      `${account(accountUid)}/properties/${what}`,
      vspherePropertyListSchema,
      Object.fromEntries(Object.entries(parents).filter(([, v]) => v)) as Record<string, string>,
      signal,
    ),
  /** The IP pools of the account's gateway, with what they have free. */
  ipPools: (client: ApiClient, accountUid: string, signal?: AbortSignal) =>
    inventoryItems(client, `${account(accountUid)}/ippools`, ipPoolListSchema, {}, signal),
}
