import { useState } from 'react'
import { Select } from '../../../ui/select.tsx'

export interface SandboxCredential {
  /** The key id the account is known by (Secret ID, Access Key). */
  id: string
  /** What the fake cloud says the account may do, e.g. "full permissions". */
  note: string
}

/**
 * **Use sandbox credentials**: picks one of the fake cloud's seeded accounts and hands it to the
 * wizard, which fills its credential fields in one go. The choice resets so the same account can be
 * picked again after an edit.
 */
export function SandboxCredentialsSelect({
  credentials,
  onPick,
}: {
  credentials: readonly SandboxCredential[]
  onPick: (index: number) => void
}) {
  const [value, setValue] = useState('')
  if (credentials.length === 0) return null
  return (
    <Select
      label="Use sandbox credentials"
      placeholder="Choose a seeded account of the fake cloud"
      options={credentials.map((c, i) => ({ value: String(i), label: `${c.note} (${c.id})` }))}
      value={value}
      onChange={(event) => {
        const picked = event.currentTarget.value
        setValue('')
        if (picked !== '') onPick(Number(picked))
      }}
    />
  )
}
