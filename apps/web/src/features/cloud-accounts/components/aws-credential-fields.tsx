import type { FieldErrors, UseFormRegister } from 'react-hook-form'
import { TextField } from '../../../ui/text-field.tsx'
import type { AwsCredentialType, AwsFormValues } from '../aws-account-form.ts'

/**
 * The AWS credential method (**Access Credentials** or **STS**) and the inputs of the chosen one.
 * Both keep what was typed while the user switches.
 */
export function AwsCredentialFields({
  type,
  register,
  errors,
  isEdit,
}: {
  type: AwsCredentialType
  register: UseFormRegister<AwsFormValues>
  errors: FieldErrors<AwsFormValues>
  isEdit: boolean
}) {
  return (
    <>
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Credential method</legend>
        <div className="radio-row">
          <label className="radio">
            <input type="radio" value="secret" {...register('spec.credentialType')} />
            Access Credentials
          </label>
          <label className="radio">
            <input type="radio" value="sts" {...register('spec.credentialType')} />
            STS
          </label>
        </div>
        <p className="field__hint">
          {type === 'secret'
            ? 'An IAM user’s access key pair.'
            : 'A role the console assumes with AWS STS; its trust policy must require the External ID.'}
        </p>
      </fieldset>
      {type === 'secret' ? (
        <div className="form-grid">
          <TextField
            label="Access Key"
            required
            autoComplete="off"
            spellCheck={false}
            error={errors.spec?.accessKey?.message}
            {...register('spec.accessKey')}
          />
          <TextField
            label="Secret Key"
            type="password"
            required={!isEdit}
            autoComplete="new-password"
            hint={isEdit ? 'Leave empty to keep the stored Secret Key.' : undefined}
            error={errors.spec?.secretKey?.message}
            {...register('spec.secretKey')}
          />
        </div>
      ) : (
        <div className="form-grid">
          <TextField
            label="ARN"
            required
            autoComplete="off"
            spellCheck={false}
            placeholder="arn:aws:iam::123456789012:role/console"
            error={errors.spec?.sts?.arn?.message}
            {...register('spec.sts.arn')}
          />
          <TextField
            label="External ID"
            required
            autoComplete="off"
            spellCheck={false}
            error={errors.spec?.sts?.externalId?.message}
            {...register('spec.sts.externalId')}
          />
        </div>
      )}
    </>
  )
}
