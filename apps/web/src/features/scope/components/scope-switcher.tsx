import { useNavigate } from 'react-router'
import { Select } from '../../../ui/select.tsx'
import { useScope } from '../scope-context.tsx'

/** The header's scope picker: Tenant Admin (when held) or one of the user's projects. */
export function ScopeSwitcher() {
  const { current, options, select } = useScope()
  const navigate = useNavigate()
  if (options.length === 0) return null
  return (
    <Select
      className="scope-switcher"
      label="Scope"
      value={current?.key ?? ''}
      options={options.map((o) => ({ value: o.key, label: o.label }))}
      onChange={(event) => {
        select(event.target.value)
        // The page may not exist in the new scope: start again from its first menu entry.
        navigate('/')
      }}
    />
  )
}
