import { type Permission, rolePermissions } from '@console/contracts'
import { describe, expect, it } from 'vitest'
import { type MenuContext, menuEntries, visibleMenuEntries } from './menu-entries.ts'

function labels(context: MenuContext) {
  return visibleMenuEntries(menuEntries, context).map((e) => e.label)
}

const tenantAdmin = new Set<Permission>(rolePermissions['Tenant Admin'])

describe('visibleMenuEntries', () => {
  it('gives a Tenant Admin in tenant scope every page', () => {
    expect(labels({ scope: 'tenant', permissions: tenantAdmin })).toEqual([
      'Clusters',
      'Projects',
      'Profiles',
      'Cloud Accounts',
      'Private Cloud Gateways',
      'SSH Keys',
      'Users',
      'API Keys',
      'Audit Logs',
    ])
  })

  it('keeps tenant pages out of project scope even for a Tenant Admin', () => {
    expect(labels({ scope: 'project', permissions: tenantAdmin })).toEqual([
      'Clusters',
      'Profiles',
      'Cloud Accounts',
      'SSH Keys',
      'API Keys',
      'Audit Logs',
    ])
  })

  it('shows a Project Admin the audit log of the project', () => {
    expect(labels({ scope: 'project', permissions: new Set(rolePermissions['Project Admin']) })).toEqual([
      'Clusters',
      'Profiles',
      'Cloud Accounts',
      'SSH Keys',
      'API Keys',
      'Audit Logs',
    ])
  })

  it('hides Audit Logs from Project Editors and Viewers, who lack audits.read', () => {
    const readers = ['Clusters', 'Profiles', 'Cloud Accounts', 'SSH Keys', 'API Keys']
    expect(labels({ scope: 'project', permissions: new Set(rolePermissions['Project Editor']) })).toEqual(readers)
    expect(labels({ scope: 'project', permissions: new Set(rolePermissions['Project Viewer']) })).toEqual(readers)
  })

  it('puts Clusters first, for anyone who may read clusters in a project or the tenant', () => {
    expect(menuEntries[0]).toMatchObject({ label: 'Clusters', path: '/clusters', permission: 'clusters.read' })
    expect(labels({ scope: 'project', permissions: new Set<Permission>(['profiles.read']) })).not.toContain('Clusters')
  })

  it('lists Private Cloud Gateways in tenant settings only, next to Cloud Accounts', () => {
    const all = menuEntries.map((e) => e.label)
    expect(all.indexOf('Private Cloud Gateways')).toBe(all.indexOf('Cloud Accounts') + 1)
    expect(menuEntries.find((e) => e.label === 'Private Cloud Gateways')).toMatchObject({
      group: 'settings',
      scopes: ['tenant'],
      permission: 'gateways.read',
    })
  })
})
