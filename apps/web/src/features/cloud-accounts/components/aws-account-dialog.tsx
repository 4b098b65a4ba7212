import type { AwsAccount, AwsAccountSpec } from '@console/contracts'
import { type Resolver, useForm } from 'react-hook-form'
import { useApiClient } from '../../../api/api-context.tsx'
import { isApiRequestError } from '../../../api/api-error.ts'
import { useServerErrors } from '../../../forms/use-server-errors.ts'
import { Dialog } from '../../../ui/dialog.tsx'
import { Select } from '../../../ui/select.tsx'
import { useToast } from '../../../ui/toasts.tsx'
import type { Sandbox } from '../../sandbox/api/sandbox-api.ts'
import { SandboxCredentialsSelect } from '../../sandbox/components/sandbox-credentials-select.tsx'
import { useSandbox } from '../../sandbox/hooks/use-sandbox.ts'
import { validateAwsCredentials } from '../api/cloud-accounts-api.ts'
import {
  type AwsBody,
  type AwsFormValues,
  awsCreateResolver,
  awsCredentialPaths,
  awsFieldPaths,
  awsFormDefaults,
  awsUpdateResolver,
  awsValidationSpec,
  isAwsCredentialsUnchanged,
  partitionOptions,
  toAwsBody,
} from '../aws-account-form.ts'
import { confirmGate } from '../confirm-gate.ts'
import { useSaveAwsAccount } from '../hooks/use-cloud-accounts.ts'
import { useCredentialValidation } from '../hooks/use-credential-validation.ts'
import { AccountMetadataFields } from './account-metadata-fields.tsx'
import { AwsCredentialFields } from './aws-credential-fields.tsx'
import { ValidationFooter } from './validation-footer.tsx'

const fill = { shouldValidate: true, shouldDirty: true } as const

/** **+ AWS Account** and edit: access credentials or an STS role, validated against AWS before saving. */
export function AwsAccountDialog({ account, onClose }: { account?: AwsAccount; onClose: () => void }) {
  const isEdit = account !== undefined
  const client = useApiClient()
  const save = useSaveAwsAccount(account?.metadata.uid)
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
  } = useForm<AwsFormValues, unknown, AwsBody>({
    mode: 'onChange',
    resolver: (isEdit ? awsUpdateResolver : awsCreateResolver) as Resolver<AwsFormValues, unknown, AwsBody>,
    defaultValues: awsFormDefaults(account),
  })
  const validation = useCredentialValidation((spec: AwsAccountSpec) => validateAwsCredentials(client, spec))
  const showServerErrors = useServerErrors(setError, awsFieldPaths)
  const values = watch()
  const currentKey = JSON.stringify(toAwsBody(values))
  const gate = confirmGate({
    currentKey,
    result: validation.result,
    isStoredCredentials: isEdit && isAwsCredentialsUnchanged(values, account),
  })

  async function onValidate() {
    const current = getValues()
    if (!(await trigger([...awsCredentialPaths(current.spec.credentialType)]))) return
    const spec = awsValidationSpec(current)
    if (!spec.success) {
      // Only an edit gets here: its Secret Key may be empty, but AWS needs one to check.
      setError(
        'spec.secretKey',
        { type: 'validate', message: 'Enter the Secret Key to validate: the stored one never leaves the server' },
        { shouldFocus: true },
      )
      return
    }
    validation.run(JSON.stringify(toAwsBody(current)), spec.data)
  }

  const onSubmit = handleSubmit((body) => {
    if (!gate.canConfirm) return
    const name = body.metadata.name
    save.mutate(body, {
      onSuccess: () => {
        toast.success(isEdit ? `AWS account ${name} updated` : `AWS account ${name} created`)
        onClose()
      },
      onError: (error) => {
        if (isApiRequestError(error) && error.fieldErrors.length > 0) showServerErrors(error)
        else validation.fail(currentKey, error)
      },
    })
  })

  const seeded = sandboxAwsCredentials(sandbox)
  return (
    <Dialog
      open
      onClose={onClose}
      title={isEdit ? `Edit AWS Account ${account.metadata.name}` : 'Add AWS Account'}
      description="An IAM identity that holds the controller policy: an access key pair, or a role the console assumes."
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
            credentials={seeded.map((c) => ({ id: c.id, note: c.note }))}
            onPick={(index) => {
              const picked = seeded[index]
              if (!picked) return
              setValue('spec.partition', 'aws', fill)
              if (picked.kind === 'secret') {
                setValue('spec.credentialType', 'secret', fill)
                setValue('spec.accessKey', picked.accessKey, fill)
                setValue('spec.secretKey', picked.secretKey, fill)
              } else {
                setValue('spec.credentialType', 'sts', fill)
                setValue('spec.sts.arn', picked.arn, fill)
                setValue('spec.sts.externalId', picked.externalId ?? '', fill)
              }
            }}
          />
        ) : null}
        <AwsCredentialFields type={values.spec.credentialType} register={register} errors={errors} isEdit={isEdit} />
        <Select
          label="Partition"
          options={partitionOptions}
          error={errors.spec?.partition?.message}
          {...register('spec.partition', { deps: ['spec.sts.arn'] })}
        />
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

type SeededAwsCredential =
  | { kind: 'secret'; id: string; note: string; accessKey: string; secretKey: string }
  | { kind: 'sts'; id: string; note: string; arn: string; externalId?: string }

/** The fake AWS's access keys, then the roles the console may assume (STS), as "Use sandbox credentials" lists them. */
function sandboxAwsCredentials(sandbox: Sandbox | null | undefined): SeededAwsCredential[] {
  if (!sandbox) return []
  return [
    ...sandbox.aws.accounts.map((a) => ({ kind: 'secret' as const, id: a.accessKey, ...a })),
    ...sandbox.aws.roles.map((r) => ({ kind: 'sts' as const, id: r.arn, ...r })),
  ]
}
