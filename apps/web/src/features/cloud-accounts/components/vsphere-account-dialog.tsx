import type { VsphereAccount, VsphereAccountSpec } from '@console/contracts'
import { type Resolver, useForm } from 'react-hook-form'
import { useApiClient } from '../../../api/api-context.tsx'
import { isApiRequestError } from '../../../api/api-error.ts'
import { useServerErrors } from '../../../forms/use-server-errors.ts'
import { Dialog } from '../../../ui/dialog.tsx'
import { Select } from '../../../ui/select.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { useToast } from '../../../ui/toasts.tsx'
import { useGateways } from '../../gateways/hooks/use-gateways.ts'
import { SandboxCredentialsSelect } from '../../sandbox/components/sandbox-credentials-select.tsx'
import { useSandbox } from '../../sandbox/hooks/use-sandbox.ts'
import { validateVsphereCredentials } from '../api/cloud-accounts-api.ts'
import { confirmGate } from '../confirm-gate.ts'
import { useSaveVsphereAccount } from '../hooks/use-cloud-accounts.ts'
import { useCredentialValidation } from '../hooks/use-credential-validation.ts'
import {
  isVsphereCredentialsUnchanged,
  toVsphereBody,
  type VsphereBody,
  type VsphereFormValues,
  vsphereCreateResolver,
  vsphereCredentialPaths,
  vsphereFieldPaths,
  vsphereFormDefaults,
  vsphereUpdateResolver,
  vsphereValidationSpec,
} from '../vsphere-account-form.ts'
import { AccountMetadataFields } from './account-metadata-fields.tsx'
import { ValidationFooter } from './validation-footer.tsx'

/**
 * **+ VMware Account** and edit: a vCenter user, checked by the chosen **Private cloud gateway**'s agent
 * (the console never calls vCenter), which must be Running.
 */
export function VsphereAccountDialog({ account, onClose }: { account?: VsphereAccount; onClose: () => void }) {
  const isEdit = account !== undefined
  const client = useApiClient()
  const save = useSaveVsphereAccount(account?.metadata.uid)
  const gateways = useGateways()
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
  } = useForm<VsphereFormValues, unknown, VsphereBody>({
    mode: 'onChange',
    resolver: (isEdit ? vsphereUpdateResolver : vsphereCreateResolver) as Resolver<
      VsphereFormValues,
      unknown,
      VsphereBody
    >,
    defaultValues: vsphereFormDefaults(account),
  })
  const validation = useCredentialValidation(({ gatewayUid, spec }: { gatewayUid: string; spec: VsphereAccountSpec }) =>
    validateVsphereCredentials(client, gatewayUid, spec),
  )
  const showServerErrors = useServerErrors(setError, vsphereFieldPaths)
  const values = watch()
  const currentKey = JSON.stringify(toVsphereBody(values))
  const gate = confirmGate({
    currentKey,
    result: validation.result,
    isStoredCredentials: isEdit && isVsphereCredentialsUnchanged(values, account),
  })
  const running = (gateways.data ?? []).filter((g) => g.status.state === 'Running')

  async function onValidate() {
    if (!(await trigger([...vsphereCredentialPaths]))) return
    const current = getValues()
    const spec = vsphereValidationSpec(current)
    if (!spec.success) {
      setError(
        'spec.password',
        { type: 'validate', message: 'Enter the Password to validate: the stored one never leaves the server' },
        { shouldFocus: true },
      )
      return
    }
    validation.run(JSON.stringify(toVsphereBody(current)), {
      gatewayUid: current.metadata.annotations.overlordUid,
      spec: spec.data,
    })
  }

  const onSubmit = handleSubmit((body) => {
    if (!gate.canConfirm) return
    const name = body.metadata.name
    save.mutate(body, {
      onSuccess: () => {
        toast.success(isEdit ? `vSphere account ${name} updated` : `vSphere account ${name} created`)
        onClose()
      },
      onError: (error) => {
        if (isApiRequestError(error) && error.fieldErrors.length > 0) showServerErrors(error)
        else validation.fail(currentKey, error)
      },
    })
  })

  return (
    <Dialog
      open
      onClose={onClose}
      title={isEdit ? `Edit VMware Account ${account.metadata.name}` : 'Add VMware Account'}
      description="A vCenter user with the vSphere privileges below, checked against vCenter by a Running Private Cloud Gateway."
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
        {sandbox ? (
          <SandboxCredentialsSelect
            credentials={[{ id: sandbox.vsphere.username, note: `fake vCenter ${sandbox.vsphere.endpoint}` }]}
            onPick={() => {
              const fill = { shouldValidate: true, shouldDirty: true } as const
              setValue('spec.vcenterServer', sandbox.vsphere.endpoint, fill)
              setValue('spec.username', sandbox.vsphere.username, fill)
              setValue('spec.password', sandbox.vsphere.password, fill)
            }}
          />
        ) : null}
        <div className="form-grid">
          <Select
            label="Private cloud gateway"
            required
            placeholder={
              gateways.isLoading
                ? 'Loading gateways…'
                : running.length === 0
                  ? 'No Running Private Cloud Gateway: add and configure one first'
                  : 'Select a Running gateway'
            }
            options={running.map((g) => ({ value: g.metadata.uid, label: g.metadata.name }))}
            error={errors.metadata?.annotations?.overlordUid?.message}
            {...register('metadata.annotations.overlordUid')}
          />
          <TextField
            label="vCenter Server"
            required
            autoComplete="off"
            spellCheck={false}
            hint="Host name or address, without a path (vcenter.example.com)"
            error={errors.spec?.vcenterServer?.message}
            {...register('spec.vcenterServer')}
          />
          <TextField
            label="Username"
            required
            autoComplete="off"
            spellCheck={false}
            error={errors.spec?.username?.message}
            {...register('spec.username')}
          />
          <TextField
            label="Password"
            type="password"
            required={!isEdit}
            autoComplete="new-password"
            hint={isEdit ? 'Leave empty to keep the stored Password.' : undefined}
            error={errors.spec?.password?.message}
            {...register('spec.password')}
          />
        </div>
        <label className="checkbox">
          <input type="checkbox" {...register('spec.insecure')} /> Accept a self-signed certificate
        </label>
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
