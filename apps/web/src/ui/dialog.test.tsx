import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { Dialog } from './dialog.tsx'

function Harness() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Rename">
        <input aria-label="First" />
        <button type="button">Last</button>
      </Dialog>
    </>
  )
}

describe('Dialog', () => {
  it('is a labelled modal that keeps focus inside, closes on Esc and gives focus back', async () => {
    render(<Harness />)
    const opener = screen.getByRole('button', { name: 'Open' })
    await userEvent.click(opener)

    const dialog = screen.getByRole('dialog', { name: 'Rename' })
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(document.activeElement).toBe(screen.getByLabelText('First'))

    await userEvent.tab()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Last' }))
    await userEvent.tab()
    expect(document.activeElement).toBe(screen.getByLabelText('First'))
    await userEvent.tab({ shift: true })
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Last' }))

    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(opener)
  })
})

describe('Dialog background', () => {
  it('hides the page behind an open dialog from assistive technology and restores it on close', async () => {
    render(<Harness />)
    const opener = screen.getByRole('button', { name: 'Open' })
    const page = opener.closest('body > div') as HTMLElement

    await userEvent.click(opener)
    expect(page.getAttribute('aria-hidden')).toBe('true')
    expect(screen.queryByRole('button', { name: 'Open' })).toBeNull()

    await userEvent.keyboard('{Escape}')
    expect(page.hasAttribute('aria-hidden')).toBe(false)
    expect(screen.getByRole('button', { name: 'Open' })).toBe(opener)
  })
})
