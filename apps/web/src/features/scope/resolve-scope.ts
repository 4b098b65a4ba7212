import type { Permission, UserMe } from '@console/contracts'
import { tenantScopeKey } from './scope-store.ts'

type MeScope = UserMe['scopes'][number]

export interface ScopeOption {
  key: string
  label: string
  projectUid?: string
  permissions: ReadonlySet<Permission>
}

/** The scopes the switcher offers: Tenant Admin first (only when the user holds it), then projects by name. */
export function scopeOptions(scopes: readonly MeScope[]): ScopeOption[] {
  const tenant = scopes.find((s) => s.projectUid === undefined && s.role === 'Tenant Admin')
  const byProject = new Map<string, ScopeOption>()
  for (const s of scopes) {
    if (s.projectUid === undefined) continue
    const existing = byProject.get(s.projectUid)
    const permissions = new Set<Permission>([...(existing?.permissions ?? []), ...s.permissions])
    byProject.set(s.projectUid, {
      key: s.projectUid,
      label: s.projectName ?? s.projectUid,
      projectUid: s.projectUid,
      permissions,
    })
  }
  const projects = [...byProject.values()].sort((a, b) => a.label.localeCompare(b.label))
  return tenant
    ? [{ key: tenantScopeKey, label: 'Tenant Admin', permissions: new Set(tenant.permissions) }, ...projects]
    : projects
}

/** The stored choice when it is still offered, else the first option (tenant for admins), else none. */
export function resolveScope(options: readonly ScopeOption[], storedKey: string | undefined): ScopeOption | undefined {
  return options.find((o) => o.key === storedKey) ?? options[0]
}
