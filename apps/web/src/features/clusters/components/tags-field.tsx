import { parseTags } from '@console/contracts'
import { splitTags } from '../utils/tke-draft.ts'
import { TextAreaField } from './textarea-field.tsx'

/** **Tags**: `key:value`, one per line (or comma-separated), parsed by the contracts' parseTags and shown as chips. */
export function TagsField({
  value,
  onChange,
  error,
}: {
  value: string
  onChange: (value: string) => void
  error: string | undefined
}) {
  const parsed = parseTags(splitTags(value))
  const labels = 'labels' in parsed ? Object.entries(parsed.labels) : []
  return (
    <div className="tags-field">
      <TextAreaField
        label="Tags"
        value={value}
        rows={3}
        placeholder={'env:prod\nteam:platform'}
        hint="key:value, one per line"
        error={error ?? ('error' in parsed ? parsed.error : undefined)}
        onChange={(event) => onChange(event.target.value)}
      />
      {labels.length > 0 ? (
        <ul className="tag-list" aria-label="Parsed tags">
          {labels.map(([k, v]) => (
            <li key={k} className="tag-chip">
              {v ? `${k}:${v}` : k}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
