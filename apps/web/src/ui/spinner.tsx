export interface SpinnerProps {
  size?: 'sm' | 'md' | 'lg'
  label?: string
  /** Inside a control that already says it is busy: hide it from assistive technology. */
  decorative?: boolean
}

export function Spinner({ size = 'md', label = 'Loading', decorative = false }: SpinnerProps) {
  if (decorative) return <span className={`spinner spinner--${size}`} aria-hidden="true" />
  return (
    <span role="status" className="spinner-wrap">
      <span className={`spinner spinner--${size}`} aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
    </span>
  )
}

/** A centred spinner for a whole page or panel that is loading. */
export function LoadingBlock({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="loading-block">
      <Spinner size="lg" label={label} />
    </div>
  )
}
