import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react'
import { createPortal } from 'react-dom'

export interface Toast {
  id: number
  tone: 'success' | 'error' | 'info'
  message: string
  /** Small print under the message, e.g. the request reference of an API error. */
  detail?: string
}

export interface ToastApi {
  success: (message: string) => void
  error: (message: string, detail?: string) => void
  info: (message: string) => void
  dismiss: (id: number) => void
}

const ToastContext = createContext<ToastApi | null>(null)

const lifetimes: Record<Toast['tone'], number> = { success: 5000, info: 5000, error: 10000 }

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([])
  const nextId = useRef(1)

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), [])
  const push = useCallback(
    (toast: Omit<Toast, 'id'>) => {
      const id = nextId.current++
      setToasts((all) => [...all.slice(-4), { ...toast, id }])
      setTimeout(() => dismiss(id), lifetimes[toast.tone])
    },
    [dismiss],
  )
  const api = useMemo<ToastApi>(
    () => ({
      success: (message) => push({ tone: 'success', message }),
      info: (message) => push({ tone: 'info', message }),
      error: (message, detail) => push({ tone: 'error', message, detail }),
      dismiss,
    }),
    [push, dismiss],
  )

  return (
    <ToastContext.Provider value={api}>
      {children}
      {createPortal(<ToastRegions toasts={toasts} onDismiss={dismiss} />, document.body)}
    </ToastContext.Provider>
  )
}

/** Outside the app root (and marked as a live region) so a modal dialog never hides a toast. */
function ToastRegions({ toasts, onDismiss: dismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  return (
    <div className="toasts" data-live-region="">
      <div aria-live="polite" className="toasts__region">
        {toasts
          .filter((t) => t.tone !== 'error')
          .map((t) => (
            <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
          ))}
      </div>
      <div aria-live="assertive" className="toasts__region">
        {toasts
          .filter((t) => t.tone === 'error')
          .map((t) => (
            <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
          ))}
      </div>
    </div>
  )
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  return (
    <div className={`toast toast--${toast.tone}`}>
      <div className="toast__content">
        <p className="toast__message">{toast.message}</p>
        {toast.detail ? <p className="toast__detail">{toast.detail}</p> : null}
      </div>
      <button
        type="button"
        className="toast__close"
        aria-label="Dismiss notification"
        onClick={() => onDismiss(toast.id)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  )
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext)
  if (!api) throw new Error('useToast must be used inside <ToastProvider>')
  return api
}
