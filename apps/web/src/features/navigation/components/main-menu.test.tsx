import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { ScopeSwitcher } from '../../scope/components/scope-switcher.tsx'
import { MainMenu } from './main-menu.tsx'

function menuLinks() {
  const nav = screen.getByRole('navigation', { name: 'Main Menu' })
  return within(nav)
    .getAllByRole('link')
    .map((a) => a.textContent)
}

describe('MainMenu', () => {
  it('follows the scope picked in the Scope switcher, and the switcher stores it for the next reload', async () => {
    const me = userMe([
      { role: 'Tenant Admin' },
      { role: 'Project Viewer', projectUid: 'p-1', projectName: 'payments' },
    ])
    const { scopeStore } = renderWithApp(
      <>
        <ScopeSwitcher />
        <MainMenu />
      </>,
      { me },
    )

    expect(menuLinks()).toEqual([
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
    const scope = screen.getByRole('combobox', { name: 'Scope' })
    expect(
      within(scope)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Tenant Admin', 'payments'])

    await userEvent.selectOptions(scope, 'payments')

    // A Tenant Admin holds every permission in every project; tenant-only pages leave the menu.
    expect(menuLinks()).toEqual(['Clusters', 'Profiles', 'Cloud Accounts', 'SSH Keys', 'API Keys', 'Audit Logs'])
    expect(scopeStore.projectUid()).toBe('p-1')
    expect(window.localStorage.getItem('console.scope')).toBe('p-1')
  })

  it('does not offer Tenant Admin to a user who only has project roles', () => {
    const me = userMe([
      { role: 'Project Editor', projectUid: 'p-2', projectName: 'web' },
      { role: 'Project Admin', projectUid: 'p-1', projectName: 'payments' },
    ])
    renderWithApp(
      <>
        <ScopeSwitcher />
        <MainMenu />
      </>,
      { me },
    )

    const scope = screen.getByRole('combobox', { name: 'Scope' })
    expect(
      within(scope)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['payments', 'web'])
    expect((scope as HTMLSelectElement).value).toBe('p-1')
    expect(menuLinks()).toEqual(['Clusters', 'Profiles', 'Cloud Accounts', 'SSH Keys', 'API Keys', 'Audit Logs'])
  })

  it('falls back from a stored scope the user no longer has', () => {
    window.localStorage.setItem('console.scope', 'deleted-project')
    const me = userMe([{ role: 'Project Viewer', projectUid: 'p-3', projectName: 'ops' }])
    const { scopeStore } = renderWithApp(<MainMenu />, { me })

    expect(scopeStore.get()).toBe('p-3')
    expect(menuLinks()).toEqual(['Clusters', 'Profiles', 'Cloud Accounts', 'SSH Keys', 'API Keys'])
  })
})
