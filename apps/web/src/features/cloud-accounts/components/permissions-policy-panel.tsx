import { useId, useState } from 'react'
import { Button } from '../../../ui/button.tsx'
import { formatPolicy, type PermissionsPolicy } from '../permission-policies.ts'

/** The cloud's required permissions policy, collapsed by default, with **Copy**. */
export function PermissionsPolicyPanel({ policy }: { policy: PermissionsPolicy }) {
  const regionId = useId()
  const [isOpen, setIsOpen] = useState(false)
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const text = formatPolicy(policy)

  async function copy() {
    try {
      await navigator.clipboard.writeText(text)
      setCopyState('copied')
    } catch {
      setCopyState('failed')
    }
  }

  return (
    <div className="policy-panel">
      <button
        type="button"
        className="policy-panel__toggle"
        aria-expanded={isOpen}
        aria-controls={regionId}
        onClick={() => setIsOpen((open) => !open)}
      >
        <span aria-hidden="true" className="policy-panel__chevron">
          {isOpen ? '▾' : '▸'}
        </span>
        {policy.title}
      </button>
      <section id={regionId} aria-label={policy.title} hidden={!isOpen} className="policy-panel__body">
        <div className="policy-panel__bar">
          <p className="field__hint">{policy.attachTo}</p>
          <Button size="sm" onClick={() => void copy()}>
            {copyState === 'copied' ? 'Copied' : 'Copy'}
          </Button>
        </div>
        <p className="field__hint" aria-live="polite">
          {copyState === 'copied' ? 'The policy is on your clipboard.' : ''}
          {copyState === 'failed' ? 'The browser refused clipboard access: select the policy and copy it by hand.' : ''}
        </p>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard. */}
        <pre className="policy-panel__code" tabIndex={0}>
          {text}
        </pre>
      </section>
    </div>
  )
}
