import type { Gateway, GatewayAccount, GatewayCloudConfig } from '@console/contracts'
import { useId, useState } from 'react'
import { type FieldValues, type UseFormSetError, useForm } from 'react-hook-form'
import { describeError, isApiRequestError } from '../../../api/api-error.ts'
import { Button } from '../../../ui/button.tsx'
import { Dialog } from '../../../ui/dialog.tsx'
import { ErrorPanel } from '../../../ui/error-panel.tsx'
import { Select } from '../../../ui/select.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { useToast } from '../../../ui/toasts.tsx'
import { TextAreaField } from '../../clusters/components/textarea-field.tsx'
import {
  type AccountFormValues,
  accountFieldFor,
  accountFormDefaults,
  accountResolver,
  type PlacementFormValues,
  placementFieldFor,
  type placementFields,
  placementFormDefaults,
  placementResolver,
} from '../configure-form.ts'
import { applyServerFieldErrors } from '../flat-resolver.ts'
import {
  useIpPools,
  usePlacementProperty,
  useSaveGatewayAccount,
  useSaveGatewayCloudConfig,
} from '../hooks/use-gateways.ts'
import { IpPoolForm } from './ip-pool-form.tsx'

type PlacementField = (typeof placementFields)[number]
type Step = 'account' | 'placement' | 'confirm'
type Failure = { message: string; reference?: string } | null

const steps: { id: Step; label: string }[] = [
  { id: 'account', label: 'vCenter credentials' },
  { id: 'placement', label: 'Placement' },
  { id: 'confirm', label: 'Confirm' },
]

/** Puts a failed request's field errors on the inputs; answers what to show above the form (or null). */
function showFailure<T extends FieldValues>(
  error: unknown,
  fieldFor: (path: readonly PropertyKey[]) => keyof T | undefined,
  setError: UseFormSetError<T>,
): { failure: Failure; onFields: boolean } {
  const described = describeError(error)
  if (!isApiRequestError(error) || error.fieldErrors.length === 0) return { failure: described, onFields: false }
  const unmatched = applyServerFieldErrors<T>(error.fieldErrors, fieldFor, (name, e) => setError(name as never, e))
  const onFields = unmatched.length < error.fieldErrors.length
  return {
    failure: unmatched.length > 0 ? { ...described, message: [described.message, ...unmatched].join(': ') } : null,
    onFields,
  }
}

/**
 * **Configure** a Pending gateway: (1) vCenter credentials, validated through the gateway; (2) the
 * placement drop-downs answered from vCenter (each resets the ones that depend on it), SSH keys, NTP
 * servers, **IP Allocation Scheme** (Static IP with an IP pool of this gateway, created here if need
 * be, or DHCP) and **Size**; (3) **Confirm** provisions it.
 */
export function ConfigureGatewayDialog({
  gateway,
  onClose,
  onConfirmed,
}: {
  gateway: Gateway
  onClose: () => void
  onConfirmed?: (gateway: Gateway) => void
}) {
  const uid = gateway.metadata.uid
  const [step, setStep] = useState<Step>('account')
  const [accountFailure, setAccountFailure] = useState<Failure>(null)
  const [confirmFailure, setConfirmFailure] = useState<Failure>(null)
  const [body, setBody] = useState<GatewayCloudConfig | null>(null)
  const [creatingPool, setCreatingPool] = useState(false)
  const [createdPool, setCreatedPool] = useState<{ uid: string; name: string } | null>(null)
  const placementFormId = useId()
  const toast = useToast()
  const saveAccount = useSaveGatewayAccount(uid)
  const saveConfig = useSaveGatewayCloudConfig(uid)

  const account = useForm<AccountFormValues, unknown, GatewayAccount>({
    mode: 'onChange',
    resolver: accountResolver,
    defaultValues: accountFormDefaults(gateway),
  })
  const placement = useForm<PlacementFormValues, unknown, GatewayCloudConfig>({
    mode: 'onChange',
    resolver: placementResolver,
    defaultValues: placementFormDefaults(gateway),
  })
  const values = placement.watch()
  const pErrors = placement.formState.errors
  const parents = { datacenter: values.datacenter || undefined, computecluster: values.computecluster || undefined }
  const loaded = step !== 'account'
  const dc = { datacenter: parents.datacenter }
  const both = !!parents.datacenter && !!parents.computecluster
  const datacenters = usePlacementProperty(uid, 'datacenters', {}, loaded)
  const computeclusters = usePlacementProperty(uid, 'computeclusters', dc, loaded && !!parents.datacenter)
  const folders = usePlacementProperty(uid, 'folders', dc, loaded && !!parents.datacenter)
  const datastores = usePlacementProperty(uid, 'datastores', parents, loaded && both)
  const networks = usePlacementProperty(uid, 'networks', parents, loaded && both)
  const resourcepools = usePlacementProperty(uid, 'resourcepools', parents, loaded && both)
  const pools = useIpPools(uid)
  const poolOptions = [
    ...(pools.data ?? []).map((p) => ({ value: p.metadata.uid, label: p.metadata.name })),
    ...(createdPool && !pools.data?.some((p) => p.metadata.uid === createdPool.uid)
      ? [{ value: createdPool.uid, label: createdPool.name }]
      : []),
  ]

  const clear = (...names: PlacementField[]) => {
    for (const name of names) placement.setValue(name, '', { shouldValidate: placement.formState.isSubmitted })
  }

  const onAccount = account.handleSubmit((accountBody) => {
    setAccountFailure(null)
    saveAccount.mutate(accountBody, {
      onSuccess: () => setStep('placement'),
      onError: (error) => setAccountFailure(showFailure(error, accountFieldFor, account.setError).failure),
    })
  })

  const onPlacement = placement.handleSubmit((parsed) => {
    setBody(parsed)
    setConfirmFailure(null)
    setStep('confirm')
  })

  const onConfirm = () => {
    if (!body) return
    setConfirmFailure(null)
    saveConfig.mutate(body, {
      onSuccess: () => {
        toast.success(`Gateway ${gateway.metadata.name} is being provisioned`)
        onConfirmed?.(gateway)
        onClose()
      },
      onError: (error) => {
        const { failure, onFields } = showFailure(error, placementFieldFor, placement.setError)
        setConfirmFailure(failure)
        if (onFields) setStep('placement')
      },
    })
  }

  const select = (
    name: PlacementField,
    label: string,
    query: { data?: { id: string; name: string }[]; isError: boolean; isFetching: boolean; error: unknown },
    disabledUntil: string | undefined,
    onChangeClear: PlacementField[] = [],
  ) => (
    <Select
      label={label}
      required
      placeholder={
        disabledUntil ? `Choose a ${disabledUntil} first` : query.isFetching && !query.data ? 'Loading…' : `Select`
      }
      options={(query.data ?? []).map((i) => ({ value: i.name, label: i.name }))}
      disabled={!!disabledUntil}
      value={values[name] as string}
      error={pErrors[name]?.message ?? (query.isError ? describeError(query.error).message : undefined)}
      {...placement.register(name, { onChange: () => clear(...onChangeClear) })}
    />
  )

  return (
    <Dialog
      open
      onClose={onClose}
      title={`Configure Private Cloud Gateway ${gateway.metadata.name}`}
      size="lg"
      isDismissable={!saveAccount.isPending && !saveConfig.isPending}
    >
      <ol className="gateway-steps" aria-label="Steps">
        {steps.map((s, i) => (
          <li key={s.id} aria-current={s.id === step ? 'step' : undefined}>
            {i + 1}. {s.label}
          </li>
        ))}
      </ol>

      <form
        className="stack"
        onSubmit={onAccount}
        noValidate
        hidden={step !== 'account'}
        aria-label="vCenter credentials"
      >
        <TextField
          label="vCenter Server"
          required
          autoComplete="off"
          placeholder="vcenter.example.com"
          error={account.formState.errors.vcenterServer?.message}
          {...account.register('vcenterServer')}
        />
        <TextField
          label="Username"
          required
          autoComplete="off"
          error={account.formState.errors.username?.message}
          {...account.register('username')}
        />
        <TextField
          label="Password"
          type="password"
          required
          autoComplete="new-password"
          error={account.formState.errors.password?.message}
          {...account.register('password')}
        />
        <label className="checkbox">
          <input type="checkbox" {...account.register('insecure')} />
          Use self-signed certificate
        </label>
        {accountFailure ? <ErrorPanel {...accountFailure} /> : null}
        <div className="dialog__actions">
          <Button onClick={onClose} disabled={saveAccount.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" isLoading={saveAccount.isPending}>
            Validate and continue
          </Button>
        </div>
      </form>

      <div hidden={step !== 'placement'} className="stack">
        <form id={placementFormId} className="stack" onSubmit={onPlacement} noValidate aria-label="Placement">
          {select('datacenter', 'Datacenter', datacenters, undefined, [
            'computecluster',
            'folder',
            'datastore',
            'network',
            'resourcePool',
          ])}
          {select('computecluster', 'Compute Cluster', computeclusters, values.datacenter ? undefined : 'Datacenter', [
            'datastore',
            'network',
            'resourcePool',
          ])}
          {select('datastore', 'Datastore', datastores, values.computecluster ? undefined : 'Compute Cluster')}
          {select('network', 'Network', networks, values.computecluster ? undefined : 'Compute Cluster')}
          {select(
            'resourcePool',
            'Resource Pool',
            resourcepools,
            values.computecluster ? undefined : 'Compute Cluster',
          )}
          {select('folder', 'Folder', folders, values.datacenter ? undefined : 'Datacenter')}
          <TextAreaField
            label="SSH Keys"
            placeholder="ssh-ed25519 AAAA… one public key per line"
            hint="Optional: one OpenSSH public key per line."
            error={pErrors.sshKeys?.message}
            {...placement.register('sshKeys')}
          />
          <TextField
            label="NTP Servers"
            placeholder="pool.ntp.org, time.example.com"
            hint="Optional: a comma-separated list."
            error={pErrors.ntpServers?.message}
            {...placement.register('ntpServers')}
          />
          <fieldset className="fieldset">
            <legend className="fieldset__legend">IP Allocation Scheme</legend>
            <div className="radio-row">
              <label className="radio">
                <input type="radio" value="Static" {...placement.register('ipAllocation', { deps: ['ipPoolUid'] })} />
                Static IP
              </label>
              <label className="radio">
                <input type="radio" value="DHCP" {...placement.register('ipAllocation', { deps: ['ipPoolUid'] })} />
                DHCP
              </label>
            </div>
            {pErrors.ipAllocation?.message ? <p className="field__error">{pErrors.ipAllocation.message}</p> : null}
          </fieldset>
          {values.ipAllocation === 'Static' ? (
            <div className="stack">
              <Select
                label="IP Pool"
                required
                placeholder={poolOptions.length === 0 ? 'No IP pool yet: create one' : 'Select an IP pool'}
                options={poolOptions}
                value={values.ipPoolUid}
                error={pErrors.ipPoolUid?.message}
                {...placement.register('ipPoolUid')}
              />
              {!creatingPool ? (
                <div>
                  <Button size="sm" onClick={() => setCreatingPool(true)}>
                    + Create IP Pool
                  </Button>
                </div>
              ) : null}
            </div>
          ) : null}
          <fieldset className="fieldset">
            <legend className="fieldset__legend">Size</legend>
            <div className="radio-row">
              <label className="radio">
                <input type="radio" value="1" {...placement.register('size')} />1 node
              </label>
              <label className="radio">
                <input type="radio" value="3" {...placement.register('size')} />3 nodes (recommended for production)
              </label>
            </div>
            {pErrors.size?.message ? <p className="field__error">{pErrors.size.message}</p> : null}
          </fieldset>
          {pErrors.root?.message ? (
            <p className="field__error" role="alert">
              {pErrors.root.message}
            </p>
          ) : null}
        </form>
        {values.ipAllocation === 'Static' && creatingPool ? (
          <section className="panel stack" aria-labelledby={`${placementFormId}-pool`}>
            <h3 id={`${placementFormId}-pool`}>New IP Pool</h3>
            <IpPoolForm
              gatewayUid={uid}
              onCancel={() => setCreatingPool(false)}
              onSaved={(poolUid, name) => {
                setCreatedPool({ uid: poolUid, name })
                setCreatingPool(false)
                placement.setValue('ipPoolUid', poolUid, { shouldValidate: true })
                toast.success(`IP pool ${name} created`)
              }}
            />
          </section>
        ) : null}
        <div className="dialog__actions">
          <Button onClick={() => setStep('account')}>Back</Button>
          <Button type="submit" form={placementFormId} variant="primary">
            Next
          </Button>
        </div>
      </div>

      {step === 'confirm' && body ? (
        <section className="stack" aria-label="Confirm">
          <dl className="gateway-summary">
            <dt>vCenter Server</dt>
            <dd>{account.getValues('vcenterServer')}</dd>
            <dt>Placement</dt>
            <dd>
              {body.placement.datacenter} / {body.placement.computecluster} / {body.placement.datastore} /{' '}
              {body.placement.network} / {body.placement.resourcePool} / {body.placement.folder}
            </dd>
            <dt>IP Allocation Scheme</dt>
            <dd>
              {body.staticIp
                ? `Static IP (${poolOptions.find((o) => o.value === body.ipPoolUid)?.label ?? body.ipPoolUid})`
                : 'DHCP'}
            </dd>
            <dt>Size</dt>
            <dd>{body.size === 3 ? '3 nodes' : '1 node'}</dd>
            <dt>SSH Keys</dt>
            <dd>{body.sshKeys.length}</dd>
            <dt>NTP Servers</dt>
            <dd>{body.ntpServers.join(', ') || '—'}</dd>
          </dl>
          {confirmFailure ? <ErrorPanel {...confirmFailure} /> : null}
          <div className="dialog__actions">
            <Button onClick={() => setStep('placement')} disabled={saveConfig.isPending}>
              Back
            </Button>
            <Button variant="primary" onClick={onConfirm} isLoading={saveConfig.isPending}>
              Confirm
            </Button>
          </div>
        </section>
      ) : null}
    </Dialog>
  )
}
