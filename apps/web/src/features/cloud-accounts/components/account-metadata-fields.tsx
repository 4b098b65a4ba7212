import type { UseFormRegisterReturn } from 'react-hook-form'
import { TextField } from '../../../ui/text-field.tsx'

/** **Account Name** and **Optional Description**, the same on every cloud's wizard. */
export function AccountMetadataFields({
  name,
  description,
  nameError,
  descriptionError,
}: {
  name: UseFormRegisterReturn
  description: UseFormRegisterReturn
  nameError?: string
  descriptionError?: string
}) {
  return (
    <div className="form-grid">
      <TextField label="Account Name" required autoComplete="off" error={nameError} {...name} />
      <TextField label="Optional Description" autoComplete="off" error={descriptionError} {...description} />
    </div>
  )
}
