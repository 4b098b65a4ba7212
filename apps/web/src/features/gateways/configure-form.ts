import {
  type Gateway,
  type GatewayCloudConfig,
  gatewayAccountSchema,
  gatewayCloudConfigSchema,
} from '@console/contracts'
import { type FlatIssue, flatResolver } from './flat-resolver.ts'

/** Step 1 of **Configure**: the vCenter credentials the gateway validates. */
export interface AccountFormValues {
  vcenterServer: string
  username: string
  password: string
  insecure: boolean
}

export function accountFormDefaults(gateway: Gateway): AccountFormValues {
  return {
    vcenterServer: gateway.spec.vcenterServer ?? '',
    username: gateway.spec.username ?? '',
    password: '',
    insecure: false,
  }
}

export function toAccountBody(v: AccountFormValues) {
  return {
    account: {
      vcenterServer: v.vcenterServer.trim(),
      username: v.username.trim(),
      password: v.password,
      insecure: v.insecure,
    },
  }
}

export function accountFieldFor(path: readonly PropertyKey[]): keyof AccountFormValues | undefined {
  const [a, b] = path.map(String)
  if (a !== 'account') return undefined
  return b === 'vcenterServer' || b === 'username' || b === 'password' || b === 'insecure' ? b : undefined
}

export const accountResolver = flatResolver<AccountFormValues, typeof gatewayAccountSchema>(
  gatewayAccountSchema,
  toAccountBody,
  accountFieldFor,
)

/** Step 2: placement, SSH keys, NTP servers, IP allocation and size. */
export interface PlacementFormValues {
  datacenter: string
  computecluster: string
  datastore: string
  network: string
  resourcePool: string
  folder: string
  sshKeys: string
  ntpServers: string
  ipAllocation: 'DHCP' | 'Static'
  ipPoolUid: string
  size: '1' | '3'
}

export const placementFields = [
  'datacenter',
  'computecluster',
  'datastore',
  'network',
  'resourcePool',
  'folder',
] as const

export function placementFormDefaults(gateway: Gateway): PlacementFormValues {
  const p = gateway.spec.placement
  return {
    datacenter: p?.datacenter ?? '',
    computecluster: p?.computecluster ?? '',
    datastore: p?.datastore ?? '',
    network: p?.network ?? '',
    resourcePool: p?.resourcePool ?? '',
    folder: p?.folder ?? '',
    sshKeys: gateway.spec.sshKeys.join('\n'),
    ntpServers: gateway.spec.ntpServers.join(', '),
    ipAllocation: gateway.spec.ipAllocation === 'Static' ? 'Static' : 'DHCP',
    ipPoolUid: gateway.spec.ipPoolUid ?? '',
    size: gateway.spec.size === 3 ? '3' : '1',
  }
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)

export function toCloudConfigBody(v: PlacementFormValues) {
  const staticIp = v.ipAllocation === 'Static'
  return {
    placement: {
      datacenter: v.datacenter,
      computecluster: v.computecluster,
      datastore: v.datastore,
      network: v.network,
      resourcePool: v.resourcePool,
      folder: v.folder,
    },
    sshKeys: lines(v.sshKeys),
    ntpServers: v.ntpServers
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    staticIp,
    ...(staticIp && v.ipPoolUid ? { ipPoolUid: v.ipPoolUid } : {}),
    size: Number(v.size),
  }
}

export function placementFieldFor(path: readonly PropertyKey[]): keyof PlacementFormValues | undefined {
  const [a, b] = path.map(String)
  if (a === 'placement')
    return (placementFields as readonly string[]).includes(b ?? '') ? (b as keyof PlacementFormValues) : undefined
  if (a === 'sshKeys' || a === 'ntpServers' || a === 'ipPoolUid' || a === 'size') return a
  if (a === 'staticIp') return 'ipAllocation'
  return undefined
}

const anyPlacement = {
  datacenter: 'x',
  computecluster: 'x',
  datastore: 'x',
  network: 'x',
  resourcePool: 'x',
  folder: 'x',
}

/**
 * zod runs the contract's cross-field rule (Static IP needs an IP pool) only once every field is valid;
 * it is run here with the placement stubbed, so the user sees it as soon as Static IP is chosen.
 */
function crossFieldIssues(v: PlacementFormValues): FlatIssue[] {
  const parsed = gatewayCloudConfigSchema.safeParse({ ...toCloudConfigBody(v), placement: anyPlacement })
  return parsed.success ? [] : parsed.error.issues
}

export const placementResolver = flatResolver<PlacementFormValues, typeof gatewayCloudConfigSchema>(
  gatewayCloudConfigSchema,
  toCloudConfigBody,
  placementFieldFor,
  crossFieldIssues,
)

/** The body of a resize (PUT cloudconfig with size 3): the gateway's configuration as it is, three nodes. */
export function resizeBody(gateway: Gateway): GatewayCloudConfig | undefined {
  const placement = gateway.spec.placement
  if (!placement) return undefined
  return {
    placement,
    sshKeys: gateway.spec.sshKeys,
    ntpServers: gateway.spec.ntpServers,
    staticIp: gateway.spec.ipAllocation === 'Static',
    ...(gateway.spec.ipPoolUid ? { ipPoolUid: gateway.spec.ipPoolUid } : {}),
    size: 3,
  }
}
