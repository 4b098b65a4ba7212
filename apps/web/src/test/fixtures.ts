import type { RoleName, UserMe } from '@console/contracts'
import { permissionsInScope, rolePermissions } from '@console/contracts'

const now = '2026-11-23T10:00:00.000Z'

export function metadata(uid: string, name: string) {
  return { uid, name, creationTimestamp: now, lastModifiedTimestamp: now }
}

/**
 * A `/v1/users/me` answer for the given bindings, with scopes built the way the API builds them: the
 * tenant for a Tenant Admin, then each project (every project of the tenant for an admin) with the
 * union of the permissions its bindings grant there.
 */
export function userMe(
  bindings: { role: RoleName; projectUid?: string; projectName?: string }[],
  tenantProjects: { uid: string; name: string }[] = [],
): UserMe {
  const isAdmin = bindings.some((b) => b.role === 'Tenant Admin')
  const projects = new Map<string, string>()
  for (const b of bindings) if (b.projectUid) projects.set(b.projectUid, b.projectName ?? b.projectUid)
  if (isAdmin) for (const p of tenantProjects) projects.set(p.uid, p.name)
  const scopes: UserMe['scopes'] = isAdmin
    ? [{ role: 'Tenant Admin', permissions: [...rolePermissions['Tenant Admin']] }]
    : []
  for (const [uid, name] of projects) {
    const role = isAdmin ? 'Tenant Admin' : (bindings.find((b) => b.projectUid === uid)?.role ?? 'Project Viewer')
    scopes.push({ projectUid: uid, projectName: name, role, permissions: [...permissionsInScope(bindings, uid)] })
  }
  return {
    metadata: metadata('user-1', 'Ada Admin'),
    spec: { emailId: 'ada@example.com', firstName: 'Ada', lastName: 'Admin', roles: bindings },
    status: { isActive: true },
    scopes,
  }
}

export function list<T>(items: T[], cont?: string) {
  return { items, listmeta: { count: items.length, limit: 50, offset: 0, ...(cont ? { continue: cont } : {}) } }
}
