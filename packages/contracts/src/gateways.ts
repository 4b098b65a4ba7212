import { z } from 'zod'
import { vcenterAccessSchema, vspherePlacementSchema } from './gateway-tasks.ts'

/**
 * Private Cloud Gateways ("overlords", palette-api.md; decision 011) as users and the web see them.
 * The agent's own side of the API is in gateway-tasks.ts.
 */

export const GATEWAY_STATES = ['Pending', 'Provisioning', 'Running', 'Error', 'Unhealthy', 'Upgrading'] as const
export type GatewayState = (typeof GATEWAY_STATES)[number]

/** GET /v1/overlords/pairing/code?cloudType=vsphere */
export const pairingCodeSchema = z.object({
  pairingCode: z.string(),
  /** ISO time after which the PIN is refused. */
  expiresAt: z.string(),
})
export type PairingCode = z.infer<typeof pairingCodeSchema>

/** GET /v1/overlords/vsphere/ova: how to get and start the gateway agent (our installer). */
export const gatewayInstallerSchema = z.object({
  location: z.string(),
  /** The command lines to start the agent (container image and Node), with placeholders for the PIN. */
  instructions: z.array(z.string()),
})
export type GatewayInstaller = z.infer<typeof gatewayInstallerSchema>

/** One gateway, as GET /v1/overlords and GET /v1/overlords/{uid} answer it. */
export const gatewaySchema = z.object({
  metadata: z.object({ uid: z.string(), name: z.string(), creationTimestamp: z.string() }),
  spec: z.object({
    cloudAccountUid: z.string().optional(),
    ipAddress: z.string().optional(),
    size: z.number().int(),
    vcenterServer: z.string().optional(),
    username: z.string().optional(),
    placement: vspherePlacementSchema.optional(),
    sshKeys: z.array(z.string()).default([]),
    ntpServers: z.array(z.string()).default([]),
    /** Static IP (from an IP pool of this gateway) or DHCP. */
    ipAllocation: z.enum(['Static', 'DHCP']).optional(),
    ipPoolUid: z.string().optional(),
    /** What the agent was started with (SSH Public Key, Pod CIDR, Service cluster IP range, proxies without credentials). */
    installer: z
      .object({
        sshPublicKey: z.string().optional(),
        podCidr: z.string().optional(),
        serviceCidr: z.string().optional(),
        httpProxy: z.string().optional(),
        httpsProxy: z.string().optional(),
        noProxy: z.string().optional(),
      })
      .default({}),
  }),
  status: z.object({
    state: z.enum(GATEWAY_STATES),
    isActive: z.boolean(),
    isReady: z.boolean(),
    health: z.object({
      state: z.enum(['Healthy', 'Unhealthy', 'Unknown']),
      lastHeartBeatTimestamp: z.string().optional(),
      agentVersion: z.string().optional(),
    }),
    /** A newer agent version the console knows of (the widget's upgrade notification). */
    upgradeAvailable: z.object({ version: z.string() }).optional(),
    conditions: z
      .array(
        z.object({
          type: z.string(),
          status: z.string(),
          reason: z.string(),
          message: z.string(),
          lastTransitionTime: z.string(),
        }),
      )
      .default([]),
  }),
})
export type Gateway = z.infer<typeof gatewaySchema>

/** POST|PUT /v1/overlords/vsphere/{uid}/account: vCenter credentials, validated through the gateway's agent. */
export const gatewayAccountSchema = z.object({ account: vcenterAccessSchema })
export type GatewayAccount = z.infer<typeof gatewayAccountSchema>

const hostList = (what: string) =>
  z.array(z.string().trim().min(1, `${what} cannot be empty`).max(253, `${what} is too long`)).max(10)

/**
 * POST|PUT /v1/overlords/vsphere/{uid}/cloudconfig: where the gateway's nodes go and how they get
 * addresses. **Confirm** provisions it (Pending → Provisioning → Running). A PUT with `size` 3 on a
 * Running gateway of size 1 resizes it; a smaller size is refused.
 */
export const gatewayCloudConfigSchema = z
  .object({
    placement: vspherePlacementSchema,
    sshKeys: z.array(z.string().min(1)).max(10).default([]),
    ntpServers: hostList('An NTP server').default([]),
    /** **IP Allocation Scheme**: Static IP (addresses from the IP pool `ipPoolUid`) or DHCP. */
    staticIp: z.boolean().default(false),
    ipPoolUid: z.string().optional(),
    size: z.union([z.literal(1), z.literal(3)], { error: 'Size is 1 or 3 nodes' }).default(1),
  })
  .superRefine((c, ctx) => {
    if (c.staticIp && !c.ipPoolUid)
      ctx.addIssue({ code: 'custom', path: ['ipPoolUid'], message: 'Static IP needs an IP pool: create or choose one' })
  })
export type GatewayCloudConfig = z.infer<typeof gatewayCloudConfigSchema>
export type GatewayCloudConfigInput = z.input<typeof gatewayCloudConfigSchema>

/** GET /v1/overlords */
export const gatewayListSchema = z.object({ items: z.array(gatewaySchema) })

/** One entry of a gateway's timeline (GET /v1/overlords/{uid}/events). */
export const gatewayEventSchema = z.object({
  uid: z.string(),
  reason: z.string(),
  message: z.string(),
  severity: z.string(),
  /** The gateway's state after this event, when the event changed it. */
  state: z.enum(GATEWAY_STATES).optional(),
  createdAt: z.string(),
})
export type GatewayEventView = z.infer<typeof gatewayEventSchema>
export const gatewayEventListSchema = z.object({ items: z.array(gatewayEventSchema) })

/** DELETE /v1/overlords/{uid}: what is left for the admin to do in vSphere. */
export const gatewayDeletedSchema = z.object({ msg: z.string() })

export const PLACEMENT_PROPERTIES = [
  'datacenters',
  'computeclusters',
  'datastores',
  'networks',
  'resourcepools',
  'folders',
] as const
/** GET /v1/overlords/vsphere/{uid}/properties/{property}?datacenter=&computecluster= */
export const placementPropertyQuerySchema = z.object({
  datacenter: z.string().min(1).optional(),
  computecluster: z.string().min(1).optional(),
})
export const placementPropertyListSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) })
