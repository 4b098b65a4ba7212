import { useEffect, useId, useRef, useState } from 'react'
import { useLogOut } from '../features/auth/hooks/use-log-out.ts'
import { Button } from '../ui/button.tsx'

/** The header's account disclosure: who is logged in and **Log out**. */
export function UserMenu({ email, displayName }: { email: string; displayName: string }) {
  const [isOpen, setIsOpen] = useState(false)
  const panelId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const logOut = useLogOut()

  useEffect(() => {
    if (!isOpen) return
    function onPointerDown(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setIsOpen(false)
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape') return
      setIsOpen(false)
      rootRef.current?.querySelector('button')?.focus()
    }
    document.addEventListener('pointerdown', onPointerDown)
    document.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('pointerdown', onPointerDown)
      document.removeEventListener('keydown', onKeyDown)
    }
  }, [isOpen])

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        type="button"
        className="user-menu__trigger"
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setIsOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">
          {initials(displayName || email)}
        </span>
        <span className="user-menu__email">{email}</span>
        <span className="visually-hidden"> — account menu</span>
      </button>
      {isOpen ? (
        <div id={panelId} className="user-menu__panel">
          <p className="user-menu__name">{displayName}</p>
          <p className="user-menu__meta">{email}</p>
          <Button
            variant="secondary"
            className="btn--block"
            isLoading={logOut.isPending}
            onClick={() => logOut.mutate()}
          >
            Log out
          </Button>
        </div>
      ) : null}
    </div>
  )
}

function initials(name: string): string {
  const parts = name.split(/[\s@.]+/).filter(Boolean)
  return ((parts[0]?.[0] ?? '') + (parts[1]?.[0] ?? '')).toUpperCase() || '?'
}
