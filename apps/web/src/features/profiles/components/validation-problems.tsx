import type { ProfileValidation, ValidationIssue } from '@console/contracts'
import type { DraftLayer } from '../profile-draft.ts'

function describeIssue(issue: ValidationIssue): string {
  return issue.line ? `Line ${issue.line}: ${issue.message}` : issue.message
}

/** The problems of one layer's values, listed under its editor; the editor names this list as its description. */
export function LayerProblems({ id, layerName, issues }: { id: string; layerName: string; issues: ValidationIssue[] }) {
  if (issues.length === 0) {
    return (
      <p id={id} className="profile-problems__ok">
        No problems in {layerName}.
      </p>
    )
  }
  return (
    <ul id={id} className="profile-problems__list" aria-label={`Problems in ${layerName}`}>
      {issues.map((issue, index) => (
        <li key={index}>{describeIssue(issue)}</li>
      ))}
    </ul>
  )
}

/**
 * Every problem of the stack at once: the profile-level ones, then per layer with a button that opens
 * the layer. Shows the browser's own check, or the server's refusal after a save it answered 422.
 */
export function ValidationSummary({
  result,
  layers,
  isFromServer,
  onSelectLayer,
}: {
  result: ProfileValidation
  layers: readonly DraftLayer[]
  isFromServer: boolean
  onSelectLayer: (key: string) => void
}) {
  const layerGroups = result.packs.filter((pack) => pack.errors.length > 0)
  if (result.valid) return null
  return (
    <section className="profile-problems" aria-label="Profile problems">
      <h2 className="profile-problems__title">
        {isFromServer ? 'The server refused the profile' : 'Problems to fix before publishing'}
      </h2>
      {result.errors.length > 0 ? (
        <ul className="profile-problems__list">
          {result.errors.map((issue, index) => (
            <li key={index}>{describeIssue(issue)}</li>
          ))}
        </ul>
      ) : null}
      {layerGroups.map((pack) => {
        const layer = layers[pack.index]
        return (
          <div key={pack.index} className="profile-problems__group">
            <h3 className="profile-problems__layer">
              {layer ? (
                <button type="button" className="link-button" onClick={() => onSelectLayer(layer.key)}>
                  {pack.name} {pack.tag}
                </button>
              ) : (
                `${pack.name} ${pack.tag}`
              )}
            </h3>
            <ul className="profile-problems__list">
              {pack.errors.map((issue, index) => (
                <li key={index}>{describeIssue(issue)}</li>
              ))}
            </ul>
          </div>
        )
      })}
    </section>
  )
}
