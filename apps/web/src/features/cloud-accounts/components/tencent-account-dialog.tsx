import type { TencentAccount, TencentAccountSpec } from '@console/contracts'
import { type Resolver, useForm } from 'react-hook-form'
import { useApiClient } from '../../../api/api-context.tsx'
import { isApiRequestError } from '../../../api/api-error.ts'
import { useServerErrors } from '../../../forms/use-server-errors.ts'
import { Dialog } from '../../../ui/dialog.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { useToast } from '../../../ui/toasts.tsx'
import { SandboxCredentialsSelect } from '../../sandbox/components/sandbox-credentials-select.tsx'
import { useSandbox } from '../../sandbox/hooks/use-sandbox.ts'
import { validateTencentCredentials } from '../api/cloud-accounts-api.ts'
import { confirmGate } from '../confirm-gate.ts'
import { useSaveTencentAccount } from '../hooks/use-cloud-accounts.ts'
import { useCredentialValidation } from '../hooks/use-credential-validation.ts'
import {
  isTencentCredentialsUnchanged,
  type TencentBody,
  type TencentFormValues,
  tencentCreateResolver,
  tencentCredentialPaths,
  tencentFieldPaths,
  tencentFormDefaults,
  tencentUpdateResolver,
  tencentValidationSpec,
  toTencentBody,
} from '../tencent-account-form.ts'
import { AccountMetadataFields } from './account-metadata-fields.tsx'
import { ValidationFooter } from './validation-footer.tsx'

const fill = { shouldValidate: true, shouldDirty: true } as const

/** **+ Tencent Account** and edit: a CAM API key, validated against Tencent Cloud before it is saved. */
export function TencentAccountDialog({ account, onClose }: { account?: TencentAccount; onClose: () => void }) {
  const isEdit = account !== undefined
  const client = useApiClient()
  const save = useSaveTencentAccount(account?.metadata.uid)
  const sandbox = useSandbox()
  const toast = useToast()
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    trigger,
    getValues,
    watch,
    formState: { errors },
  } = useForm<TencentFormValues, unknown, TencentBody>({
    mode: 'onChange',
    resolver: (isEdit ? tencentUpdateResolver : tencentCreateResolver) as Resolver<
      TencentFormValues,
      unknown,
      TencentBody
    >,
    defaultValues: tencentFormDefaults(account),
  })
  const validation = useCredentialValidation((spec: TencentAccountSpec) => validateTencentCredentials(client, spec))
  const showServerErrors = useServerErrors(setError, tencentFieldPaths)
  const values = watch()
  const currentKey = JSON.stringify(toTencentBody(values))
  const gate = confirmGate({
    currentKey,
    result: validation.result,
    isStoredCredentials: isEdit && isTencentCredentialsUnchanged(values, account),
  })

  async function onValidate() {
    if (!(await trigger([...tencentCredentialPaths]))) return
    const current = getValues()
    const spec = tencentValidationSpec(current)
    if (!spec.success) {
      // Only an edit gets here: its Secret Key may be empty, but the cloud needs one to check.
      setError(
        'spec.secretKey',
        { type: 'validate', message: 'Enter the Secret Key to validate: the stored one never leaves the server' },
        { shouldFocus: true },
      )
      return
    }
    validation.run(JSON.stringify(toTencentBody(current)), spec.data)
  }

  const onSubmit = handleSubmit((body) => {
    if (!gate.canConfirm) return
    const name = body.metadata.name
    save.mutate(body, {
      onSuccess: () => {
        toast.success(isEdit ? `Tencent account ${name} updated` : `Tencent account ${name} created`)
        onClose()
      },
      onError: (error) => {
        if (isApiRequestError(error) && error.fieldErrors.length > 0) showServerErrors(error)
        else validation.fail(currentKey, error)
      },
    })
  })

  const seeded = sandbox?.tencent.accounts ?? []
  return (
    <Dialog
      open
      onClose={onClose}
      title={isEdit ? `Edit Tencent Account ${account.metadata.name}` : 'Add Tencent Account'}
      description="A Tencent Cloud API key (Secret ID and Secret Key) of a CAM user that holds the permissions policy."
      size="lg"
      isDismissable={!save.isPending}
    >
      <form className="stack" onSubmit={onSubmit} noValidate>
        <AccountMetadataFields
          name={register('metadata.name')}
          description={register('metadata.description')}
          nameError={errors.metadata?.name?.message}
          descriptionError={errors.metadata?.description?.message}
        />
        {seeded.length > 0 ? (
          <SandboxCredentialsSelect
            credentials={seeded.map((a) => ({ id: a.secretId, note: a.note }))}
            onPick={(index) => {
              const picked = seeded[index]
              if (!picked) return
              setValue('spec.secretId', picked.secretId, fill)
              setValue('spec.secretKey', picked.secretKey, fill)
            }}
          />
        ) : null}
        <div className="form-grid">
          <TextField
            label="Secret ID"
            required
            autoComplete="off"
            spellCheck={false}
            error={errors.spec?.secretId?.message}
            {...register('spec.secretId')}
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
        <ValidationFooter
          gate={gate}
          isValidating={validation.isValidating}
          onValidate={() => void onValidate()}
          isSaving={save.isPending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  )
}
