import { NavLink } from 'react-router'
import { useScope } from '../../scope/scope-context.tsx'
import { useMenuEntries } from '../hooks/use-menu-entries.ts'
import type { MenuEntry } from '../menu-entries.ts'

export function MainMenu() {
  const entries = useMenuEntries()
  const { current } = useScope()
  const main = entries.filter((e) => e.group === 'main')
  const settings = entries.filter((e) => e.group === 'settings')
  const settingsLabel = current?.projectUid === undefined ? 'Tenant Settings' : 'Project Settings'
  return (
    <nav aria-label="Main Menu" className="main-menu">
      {main.length > 0 ? <MenuGroup entries={main} /> : null}
      {settings.length > 0 ? <MenuGroup title={settingsLabel} entries={settings} /> : null}
    </nav>
  )
}

function MenuGroup({ title, entries }: { title?: string; entries: MenuEntry[] }) {
  const titleId = title ? `menu-group-${title.replace(/\s+/g, '-').toLowerCase()}` : undefined
  return (
    <div className="main-menu__group">
      {title ? (
        <p id={titleId} className="main-menu__group-title">
          {title}
        </p>
      ) : null}
      <ul className="main-menu__list" aria-labelledby={titleId}>
        {entries.map((e) => (
          <li key={e.path}>
            <NavLink to={e.path} className="main-menu__link">
              {e.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </div>
  )
}
