import { Button } from './button.tsx'

/** A list that failed to load: what the server said, its reference, and a retry. */
export function ErrorPanel({
  message,
  reference,
  onRetry,
}: {
  message: string
  reference?: string
  onRetry?: () => void
}) {
  return (
    <div className="alert alert--error error-panel" role="alert">
      <p>{message}</p>
      {reference ? <p className="alert__detail">Reference: {reference}</p> : null}
      {onRetry ? (
        <Button size="sm" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  )
}
