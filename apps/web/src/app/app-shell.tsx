import type { UserMe } from '@console/contracts'
import { Outlet } from 'react-router'
import { MainMenu } from '../features/navigation/components/main-menu.tsx'
import { SandboxBadge } from '../features/sandbox/components/sandbox-badge.tsx'
import { ScopeSwitcher } from '../features/scope/components/scope-switcher.tsx'
import { UserMenu } from './user-menu.tsx'

export function AppShell({ me }: { me: UserMe }) {
  const displayName = [me.spec.firstName, me.spec.lastName].filter(Boolean).join(' ') || me.metadata.name
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell__header">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">Cluster Console</span>
        </div>
        <div className="shell__header-tools">
          <SandboxBadge />
          <ScopeSwitcher />
          <UserMenu email={me.spec.emailId} displayName={displayName} />
        </div>
      </header>
      <div className="shell__body">
        <aside className="shell__sidebar">
          <MainMenu />
        </aside>
        <main id="main" className="shell__main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  )
}
