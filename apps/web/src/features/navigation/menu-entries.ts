import type { Permission } from '@console/contracts'

export type ScopeKind = 'tenant' | 'project'

export interface MenuEntry {
  label: string
  path: string
  /** Menu group: the main section, or the tenant/project settings below it. */
  group: 'main' | 'settings'
  /** The scopes the page makes sense in. */
  scopes: readonly ScopeKind[]
  /** Shown only when the current scope grants this permission; absent = every signed-in user. */
  permission?: Permission
}

/**
 * Every page of the Main Menu, in menu order. A new feature adds its entry here and a route in
 * app/routes.tsx; nothing else decides what the menu shows.
 */
export const menuEntries: readonly MenuEntry[] = [
  { label: 'Clusters', path: '/clusters', group: 'main', scopes: ['project', 'tenant'], permission: 'clusters.read' },
  { label: 'Projects', path: '/projects', group: 'main', scopes: ['tenant'], permission: 'projects.manage' },
  { label: 'Profiles', path: '/profiles', group: 'main', scopes: ['tenant', 'project'], permission: 'profiles.read' },
  {
    label: 'Cloud Accounts',
    path: '/cloud-accounts',
    group: 'settings',
    scopes: ['tenant', 'project'],
    permission: 'cloudaccounts.read',
  },
  {
    label: 'Private Cloud Gateways',
    path: '/private-cloud-gateways',
    group: 'settings',
    scopes: ['tenant'],
    permission: 'gateways.read',
  },
  {
    label: 'SSH Keys',
    path: '/ssh-keys',
    group: 'settings',
    scopes: ['tenant', 'project'],
    permission: 'sshkeys.read',
  },
  { label: 'Users', path: '/users', group: 'settings', scopes: ['tenant'], permission: 'users.manage' },
  { label: 'API Keys', path: '/api-keys', group: 'settings', scopes: ['tenant', 'project'] },
  {
    label: 'Audit Logs',
    path: '/audit-logs',
    group: 'settings',
    scopes: ['tenant', 'project'],
    permission: 'audits.read',
  },
]

export interface MenuContext {
  scope: ScopeKind
  permissions: ReadonlySet<Permission>
}

export function isMenuEntryVisible(entry: MenuEntry, context: MenuContext): boolean {
  if (!entry.scopes.includes(context.scope)) return false
  return entry.permission === undefined || context.permissions.has(entry.permission)
}

export function visibleMenuEntries(entries: readonly MenuEntry[], context: MenuContext): MenuEntry[] {
  return entries.filter((e) => isMenuEntryVisible(e, context))
}
