import type { CloudType, ProfileType } from '@console/contracts'
import { Select } from '../../../ui/select.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { cloudTypeOptions, type MetadataField, type ProfileDraft, profileTypeOptions } from '../profile-draft.ts'

export interface ProfileFieldsProps {
  draft: ProfileDraft
  errors: Partial<Record<MetadataField, string>>
  onChange: <K extends 'name' | 'version' | 'description' | 'cloudType' | 'type'>(
    field: K,
    value: ProfileDraft[K],
  ) => void
  readOnly: boolean
  /** A published profile keeps its name across versions. */
  isNameLocked: boolean
}

/** Name, version, description, cloud type and type of the profile. */
export function ProfileFields({ draft, errors, onChange, readOnly, isNameLocked }: ProfileFieldsProps) {
  return (
    <div className="form-grid profile-fields">
      <TextField
        label="Name"
        required
        autoComplete="off"
        value={draft.name}
        readOnly={readOnly || isNameLocked}
        error={errors.name}
        onChange={(event) => onChange('name', event.target.value)}
      />
      <TextField
        label="Version"
        required
        autoComplete="off"
        value={draft.version}
        readOnly={readOnly}
        error={errors.version}
        onChange={(event) => onChange('version', event.target.value)}
      />
      <TextField
        label="Description"
        autoComplete="off"
        className="profile-fields__wide"
        value={draft.description}
        readOnly={readOnly}
        error={errors.description}
        onChange={(event) => onChange('description', event.target.value)}
      />
      <Select
        label="Cloud Type"
        value={draft.cloudType}
        disabled={readOnly}
        options={cloudTypeOptions}
        onChange={(event) => onChange('cloudType', event.target.value as CloudType)}
      />
      <Select
        label="Type"
        value={draft.type}
        disabled={readOnly}
        options={profileTypeOptions}
        onChange={(event) => onChange('type', event.target.value as ProfileType)}
      />
    </div>
  )
}
