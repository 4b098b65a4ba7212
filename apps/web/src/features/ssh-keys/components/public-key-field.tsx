import { type TextareaHTMLAttributes, useId } from 'react'

/** **Public Key**: a labelled monospace textarea whose error and hint are tied to it. */
export function PublicKeyField({
  error,
  hint,
  ...rest
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & {
  error?: string
  hint?: string
  ref?: React.Ref<HTMLTextAreaElement>
}) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Public Key
      </label>
      <textarea
        id={id}
        className="input input--mono"
        rows={5}
        spellCheck={false}
        autoComplete="off"
        aria-required
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        style={{ resize: 'vertical', wordBreak: 'break-all' }}
        {...rest}
      />
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  )
}
