import { useId, useState } from 'react'
import { Button } from '../../../ui/button.tsx'

/** The new key, shown once, with a copy button and the warning that it will not be shown again. */
export function CreatedKeyPanel({ name, apiKey }: { name: string; apiKey: string }) {
  const inputId = useId()
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle')

  async function copy() {
    try {
      await navigator.clipboard.writeText(apiKey)
      setCopyState('copied')
    } catch {
      setCopyState('failed')
    }
  }

  return (
    <div className="stack">
      <div className="alert alert--warning" role="note">
        <p>
          <strong>Copy this key now.</strong> It will not be shown again: the console stores only a hash of it. If you
          lose it, revoke it and create a new one.
        </p>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={inputId}>
          API key for {name}
        </label>
        <div className="copy-field">
          <input
            id={inputId}
            className="input input--mono"
            readOnly
            value={apiKey}
            onFocus={(e) => e.currentTarget.select()}
          />
          <Button variant="primary" onClick={() => void copy()}>
            {copyState === 'copied' ? 'Copied' : 'Copy'}
          </Button>
        </div>
        <p className="field__hint" aria-live="polite">
          {copyState === 'copied' ? 'The key is on your clipboard.' : ''}
          {copyState === 'failed' ? 'The browser refused clipboard access: select the key and copy it by hand.' : ''}
        </p>
      </div>
    </div>
  )
}
