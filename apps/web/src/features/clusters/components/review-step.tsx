import type { ClusterProfile, ClusterValidation } from '@console/contracts'
import type { ReactNode } from 'react'
import { LoadingBlock } from '../../../ui/spinner.tsx'
import { stepOfPath, tkeSteps } from '../utils/wizard-steps.ts'

/** One line of the review: a label and what was chosen (— when nothing). */
export function ReviewRow({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="review__row">
      <dt>{label}</dt>
      <dd>{value === '' || value === undefined ? '—' : value}</dd>
    </div>
  )
}

const stepTitle = (path: string) => tkeSteps.find((s) => s.id === stepOfPath(path))?.title ?? 'Review'

/**
 * **Review**: the server's verdict, then what every cloud has (basic information and profile); the
 * cloud's own rows (`children`: cluster config and pools) follow.
 */
export function ReviewStep({
  metadata,
  profile,
  accountName,
  verdict,
  isChecking,
  children,
}: {
  metadata: { name: string; description?: string; labels?: Record<string, string> }
  profile: ClusterProfile | undefined
  accountName: string | undefined
  verdict: ClusterValidation | undefined
  isChecking: boolean
  children: ReactNode
}) {
  return (
    <div className="stack">
      <section className="panel" aria-label="Validation">
        <h3>Validation</h3>
        {isChecking ? <LoadingBlock label="Checking with the server" /> : null}
        {verdict && !isChecking ? (
          verdict.valid ? (
            <p role="status" className="alert alert--success">
              The server accepts this cluster.
            </p>
          ) : (
            <div role="alert" className="alert alert--error">
              <p>The server found problems:</p>
              <ul>
                {verdict.errors.map((e) => (
                  <li key={`${e.path}-${e.message}`}>
                    {stepTitle(e.path)}: {e.message}
                  </li>
                ))}
              </ul>
            </div>
          )
        ) : null}
        {verdict && verdict.warnings.length > 0 ? (
          <ul className="alert alert--warning" aria-label="Warnings">
            {verdict.warnings.map((w) => (
              <li key={`${w.path}-${w.message}`}>{w.message}</li>
            ))}
          </ul>
        ) : null}
      </section>
      <dl className="review">
        <ReviewRow label="Cluster Name" value={metadata.name} />
        <ReviewRow label="Description" value={metadata.description} />
        <ReviewRow
          label="Tags"
          value={Object.entries(metadata.labels ?? {})
            .map(([k, v]) => `${k}:${v}`)
            .join(', ')}
        />
        <ReviewRow label="Cloud Account" value={accountName} />
        <ReviewRow label="Cluster Profile" value={profile ? `${profile.metadata.name} ${profile.spec.version}` : ''} />
        <ReviewRow label="Layers" value={profile?.spec.template.packs.map((p) => `${p.name} ${p.tag}`).join(', ')} />
      </dl>
      {children}
    </div>
  )
}
