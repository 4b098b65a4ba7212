import type { Permission, RoleName } from '@console/contracts'

/** Who is acting: the authenticated user and how they authenticated. */
export interface Actor {
  type: 'user' | 'apiKey'
  userId: string
  tenantId: string
  email: string
  name: string
  bindings: Array<{ role: RoleName; projectId: string | null }>
  sessionId?: string
  apiKeyId?: string
}

/**
 * What a domain function knows about the call: never the HTTP request itself.
 * `projectUid` is the scope chosen with the `ProjectUid` header (undefined = tenant scope).
 */
export interface RequestContext {
  actor: Actor
  projectUid?: string
  permissions: ReadonlySet<Permission>
  requestId: string
}

export function isTenantAdmin(actor: Actor): boolean {
  return actor.bindings.some((b) => b.role === 'Tenant Admin')
}
