import { z } from 'zod'

/**
 * The console ↔ Private Cloud Gateway agent protocol (decision 011). The agent opens every connection:
 * it pairs with a PIN, then heartbeats and long-polls for tasks with its own credential
 * (`Authorization: Bearer pcg_<gatewayUid>_<secret>`), reports progress events and each task's result.
 */

/**
 * POST /v1/overlords/pair: the agent's registration with a pairing code (PIN), with the network settings it was
 * started with (all optional, as the installer's). Proxy URLs never carry credentials: the agent strips
 * `user:password@` before sending.
 */
export const gatewayPairSchema = z.object({
  pairingCode: z.string().min(1, 'Pairing Code is required').max(32),
  name: z.string().min(1, 'Installer Name is required').max(63),
  ipAddress: z.string().min(1).max(64),
  agentVersion: z.string().min(1).max(32),
  /** SSH Public Key for the gateway's nodes. */
  sshPublicKey: z.string().min(1).max(16_384).optional(),
  /** Pod CIDR, e.g. 192.168.0.0/16. */
  podCidr: z.string().min(1).max(64).optional(),
  /** Service cluster IP range, e.g. 10.96.0.0/12. */
  serviceCidr: z.string().min(1).max(64).optional(),
  /** HTTP PROXY (without credentials). */
  httpProxy: z.string().min(1).max(2048).optional(),
  /** HTTPS PROXY (without credentials). */
  httpsProxy: z.string().min(1).max(2048).optional(),
  /** NO Proxy list as given (comma-separated hosts, `.domains`, IPs and CIDRs). */
  noProxy: z.string().min(1).max(4096).optional(),
})
export type GatewayPair = z.infer<typeof gatewayPairSchema>

/** The answer to a pairing: the gateway's uid and the agent's credential (shown once, stored hashed). */
export const gatewayPairedSchema = z.object({ uid: z.string(), credential: z.string() })
export type GatewayPaired = z.infer<typeof gatewayPairedSchema>

/** POST /v1/overlords/agent/heartbeat */
export const gatewayHeartbeatSchema = z.object({
  ipAddress: z.string().min(1).max(64),
  agentVersion: z.string().min(1).max(32),
})
export type GatewayHeartbeat = z.infer<typeof gatewayHeartbeatSchema>

/** How the agent reaches vCenter; the password only ever travels inside a task handed to the agent. */
export const vcenterAccessSchema = z.object({
  vcenterServer: z.string().min(1),
  username: z.string().min(1),
  password: z.string().min(1),
  /** Accept a self-signed certificate. */
  insecure: z.boolean().default(false),
})
export type VcenterAccess = z.infer<typeof vcenterAccessSchema>

/**
 * What a vSphere cloud account gives the console's vSphere work (decision 012): the gateway whose agent
 * reaches the vCenter, and the vCenter access the agent uses. Internal: never answered by a route.
 */
export interface VsphereAccountCredentials {
  gatewayUid: string
  vcenter: VcenterAccess
}

/** Where VMs go in vCenter (names as the placement drop-downs list them; ids resolved by the agent). */
export const vspherePlacementSchema = z.object({
  datacenter: z.string().min(1, 'Choose a Datacenter'),
  computecluster: z.string().min(1, 'Choose a Compute Cluster'),
  datastore: z.string().min(1, 'Choose a Datastore'),
  network: z.string().min(1, 'Choose a Network'),
  resourcePool: z.string().min(1, 'Choose a Resource Pool'),
  folder: z.string().min(1, 'Choose a Folder'),
})
export type VspherePlacement = z.infer<typeof vspherePlacementSchema>

/** A static address given to one VM (from an IP pool), or none for DHCP. */
export const vmAddressSchema = z.object({
  ip: z.string(),
  prefix: z.number().int(),
  gateway: z.string(),
  nameservers: z.array(z.string()).default([]),
})
export type VmAddress = z.infer<typeof vmAddressSchema>

/** One VM the agent makes sure exists (cloned from the template, powered on) or is gone. */
export const vmSpecSchema = z.object({
  /** Unique in the folder; the agent finds an existing VM by it (idempotent create). */
  name: z.string().min(1),
  /** The VM template (content library item) to clone; the agent's `--node-template` when absent (gateway nodes). */
  template: z.string().min(1).optional(),
  placement: vspherePlacementSchema,
  cpu: z.number().int().min(1),
  memoryMiB: z.number().int().min(512),
  diskGiB: z.number().int().min(1),
  address: vmAddressSchema.optional(),
  sshKeys: z.array(z.string()).default([]),
  ntpServers: z.array(z.string()).default([]),
})
export type VmSpec = z.infer<typeof vmSpecSchema>

/** Tasks the console queues for a gateway's agent, by kind, with their payloads. */
export const gatewayTaskSchema = z.discriminatedUnion('kind', [
  /** Log in to vCenter with these credentials; result `{version}`. */
  z.object({
    id: z.string(),
    kind: z.literal('vcenter.validate'),
    payload: z.object({ vcenter: vcenterAccessSchema }),
  }),
  /**
   * List what the placement drop-downs offer; result `{items: [{id, name}]}`. `datacenters` needs nothing,
   * `computeclusters` and `folders` a datacenter, `datastores`, `networks` and `resourcepools` a datacenter
   * and a compute cluster.
   */
  z.object({
    id: z.string(),
    kind: z.literal('vcenter.inventory'),
    payload: z.object({
      vcenter: vcenterAccessSchema,
      what: z.enum(['datacenters', 'computeclusters', 'datastores', 'networks', 'resourcepools', 'folders']),
      datacenter: z.string().optional(),
      computecluster: z.string().optional(),
    }),
  }),
  /**
   * Make these VMs exist and run (gateway nodes, cluster nodes); result `{vms: [{name, id, ipAddress}]}`
   * once each has its guest IP. Progress is reported as task events.
   */
  z.object({
    id: z.string(),
    kind: z.literal('vms.ensure'),
    payload: z.object({ vcenter: vcenterAccessSchema, vms: z.array(vmSpecSchema) }),
  }),
  /** Power off and delete these VMs (by name, in the folder); absent ones count as deleted. Result `{deleted: [name]}`. */
  z.object({
    id: z.string(),
    kind: z.literal('vms.delete'),
    payload: z.object({
      vcenter: vcenterAccessSchema,
      datacenter: z.string(),
      folder: z.string(),
      names: z.array(z.string()),
    }),
  }),
])
export type GatewayTask = z.infer<typeof gatewayTaskSchema>
export type GatewayTaskKind = GatewayTask['kind']

/** GET /v1/overlords/agent/tasks?waitSeconds=: the tasks leased to this agent (none after the wait). */
export const gatewayTaskListSchema = z.object({ items: z.array(gatewayTaskSchema) })

/** POST /v1/overlords/agent/tasks/{id}/events */
export const gatewayTaskEventSchema = z.object({
  message: z.string().min(1).max(2000),
  severity: z.enum(['Normal', 'Warning']).default('Normal'),
})
export type GatewayTaskEvent = z.infer<typeof gatewayTaskEventSchema>

/** POST /v1/overlords/agent/tasks/{id}/result: the result, or why it failed. */
export const gatewayTaskResultSchema = z.union([
  z.object({ result: z.record(z.string(), z.unknown()) }),
  z.object({ error: z.object({ code: z.string().min(1).max(100), message: z.string().min(1).max(2000) }) }),
])
export type GatewayTaskResult = z.infer<typeof gatewayTaskResultSchema>

/** GET /v1/overlords/agent/tasks query: how long to wait for work (at most 25 s). */
export const gatewayTaskPollQuerySchema = z.object({ waitSeconds: z.coerce.number().min(0).max(25).default(20) })
