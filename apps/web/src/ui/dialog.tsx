import { type ReactNode, type RefObject, useEffect, useId, useRef, useState } from 'react'
import { createPortal } from 'react-dom'

const focusableSelector = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',')

export interface DialogProps {
  open: boolean
  onClose: () => void
  title: string
  description?: ReactNode
  children?: ReactNode
  footer?: ReactNode
  size?: 'sm' | 'md' | 'lg'
  /** What gets focus on open; the first focusable control otherwise. */
  initialFocusRef?: RefObject<HTMLElement | null>
  /** Stop Esc from closing, e.g. while a request runs. */
  isDismissable?: boolean
}

/**
 * A modal dialog: labelled by its title, aria-modal, focus kept inside (Tab wraps), Esc closes,
 * and focus goes back to what opened it.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  size = 'md',
  initialFocusRef,
  isDismissable = true,
}: DialogProps) {
  const titleId = useId()
  const descriptionId = useId()
  const panelRef = useRef<HTMLDivElement>(null)
  const bodyRef = useRef<HTMLDivElement>(null)
  const contentRef = useRef<HTMLDivElement>(null)
  const bodyScrolls = useScrolls(bodyRef, contentRef, open)
  const onCloseRef = useRef(onClose)
  onCloseRef.current = onClose
  const dismissableRef = useRef(isDismissable)
  dismissableRef.current = isDismissable

  useEffect(() => {
    if (!open) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const panel = panelRef.current
    const restoreBackground = hideBackground(panel?.closest('.dialog-backdrop') ?? null)
    const target = initialFocusRef?.current ?? panel?.querySelector<HTMLElement>(focusableSelector) ?? panel
    target?.focus()
    return () => {
      restoreBackground()
      if (opener?.isConnected) opener.focus()
    }
  }, [open, initialFocusRef])

  if (!open) return null

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.stopPropagation()
      if (dismissableRef.current) onCloseRef.current()
      return
    }
    if (event.key !== 'Tab' || !panelRef.current) return
    const focusables = [...panelRef.current.querySelectorAll<HTMLElement>(focusableSelector)]
    const first = focusables[0]
    const last = focusables[focusables.length - 1]
    if (!first || !last) {
      event.preventDefault()
      return
    }
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return createPortal(
    <div className="dialog-backdrop" data-dialog-root="">
      <div
        ref={panelRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        className={`dialog dialog--${size}`}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <div className="dialog__header">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          {description ? (
            <p id={descriptionId} className="dialog__description">
              {description}
            </p>
          ) : null}
        </div>
        {/* A body taller than the dialog scrolls; it then takes keyboard focus so the keys can scroll it. */}
        <div
          ref={bodyRef}
          className="dialog__body"
          {...(bodyScrolls ? { role: 'region', 'aria-labelledby': titleId, tabIndex: 0 } : {})}
        >
          <div ref={contentRef}>{children}</div>
        </div>
        {footer ? <div className="dialog__footer">{footer}</div> : null}
      </div>
    </div>,
    document.body,
  )
}

/** Whether `box` (which scrolls) is shorter than `content` inside it, followed as either changes size. */
function useScrolls(box: RefObject<HTMLElement | null>, content: RefObject<HTMLElement | null>, active: boolean) {
  const [scrolls, setScrolls] = useState(false)
  useEffect(() => {
    const [outer, inner] = [box.current, content.current]
    if (!active || !outer || !inner) return
    const check = () => setScrolls(outer.scrollHeight > outer.clientHeight + 1)
    check()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(check)
    observer.observe(outer)
    observer.observe(inner)
    return () => observer.disconnect()
  }, [box, content, active])
  return scrolls
}

/**
 * Makes everything outside the dialog inert and hidden from assistive technology while it is open,
 * so neither Tab, a screen reader nor a role query reaches the page behind it. Live regions (toasts)
 * stay reachable. Returns the undo.
 */
function hideBackground(backdrop: Element | null): () => void {
  if (!backdrop) return () => {}
  const hidden: { element: HTMLElement; ariaHidden: string | null; inert: boolean }[] = []
  for (const child of document.body.children) {
    if (!(child instanceof HTMLElement) || child.contains(backdrop) || child.hasAttribute('data-live-region')) continue
    if (child.tagName === 'SCRIPT') continue
    hidden.push({ element: child, ariaHidden: child.getAttribute('aria-hidden'), inert: child.inert })
    child.setAttribute('aria-hidden', 'true')
    child.inert = true
  }
  return () => {
    for (const { element, ariaHidden, inert } of hidden) {
      element.inert = inert
      if (ariaHidden === null) element.removeAttribute('aria-hidden')
      else element.setAttribute('aria-hidden', ariaHidden)
    }
  }
}
