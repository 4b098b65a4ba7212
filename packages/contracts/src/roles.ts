import { z } from 'zod'

/** The four roles of palette-api.md, spelled as the API and the UI show them. */
export const roleNames = ['Tenant Admin', 'Project Admin', 'Project Editor', 'Project Viewer'] as const
export const roleSchema = z.enum(roleNames)
export type RoleName = z.infer<typeof roleSchema>

/**
 * Every permission the authorization layer knows. Routes declare one; roles grant sets of them.
 * A permission is checked in the request's scope (the `ProjectUid` header, or tenant scope).
 */
export const permissions = [
  'projects.read',
  'projects.manage',
  'users.manage',
  'audits.read',
  'clusters.read',
  'clusters.write',
  'clusters.forceDelete',
  'cloudaccounts.read',
  'cloudaccounts.write',
  'profiles.read',
  'profiles.write',
  'sshkeys.read',
  'sshkeys.write',
  'gateways.read',
  'gateways.manage',
  'sandbox.read',
] as const
export type Permission = (typeof permissions)[number]

const viewer: Permission[] = [
  'projects.read',
  'clusters.read',
  'cloudaccounts.read',
  'profiles.read',
  'sshkeys.read',
  'gateways.read',
]
const editor: Permission[] = [...viewer, 'clusters.write', 'cloudaccounts.write', 'profiles.write', 'sshkeys.write']
const projectAdmin: Permission[] = [...editor, 'clusters.forceDelete', 'audits.read']

/** What each role may do within the scope it is bound to. Tenant Admin holds every permission in every scope. */
export const rolePermissions: Record<RoleName, readonly Permission[]> = {
  'Tenant Admin': permissions,
  'Project Admin': projectAdmin,
  'Project Editor': editor,
  'Project Viewer': viewer,
}

export const roleBindingSchema = z
  .object({
    role: roleSchema,
    /** Absent for a tenant-wide role (only Tenant Admin is tenant-wide). */
    projectUid: z.string().min(1).optional(),
  })
  .refine((b) => (b.role === 'Tenant Admin') === (b.projectUid === undefined), {
    message: 'Tenant Admin is a tenant-wide role; project roles need a project',
    path: ['projectUid'],
  })
export type RoleBinding = z.infer<typeof roleBindingSchema>

/** The permissions a set of bindings grants in a scope (`projectUid` undefined = tenant scope). */
export function permissionsInScope(
  bindings: ReadonlyArray<{ role: RoleName; projectUid?: string | null }>,
  projectUid: string | undefined,
): Set<Permission> {
  const granted = new Set<Permission>()
  for (const b of bindings) {
    const applies = b.role === 'Tenant Admin' || (projectUid !== undefined && b.projectUid === projectUid)
    if (applies) for (const p of rolePermissions[b.role]) granted.add(p)
  }
  return granted
}
