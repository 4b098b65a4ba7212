import { useId, useMemo, useRef, useState } from 'react'
import { useForm } from 'react-hook-form'
import { describeError, isApiRequestError } from '../../../api/api-error.ts'
import { Button } from '../../../ui/button.tsx'
import { ErrorPanel } from '../../../ui/error-panel.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { applyServerFieldErrors } from '../flat-resolver.ts'
import { useIpPools, useSaveIpPool } from '../hooks/use-gateways.ts'
import {
  type IpPool,
  type IpPoolBody,
  type IpPoolFormValues,
  ipPoolFieldFor,
  ipPoolFormDefaults,
  ipPoolResolver,
  toOtherPool,
} from '../ip-pool-form.ts'

/**
 * Create or edit an IP pool of a gateway: **Name**, **Network Type** (Range: **Start**, **End**;
 * Subnet: **Subnet**), **Subnet Prefix**, **Gateway**, **Name server addresses**, **Restrict to a
 * Single Cluster**; every rule checked as the user types, the server's field errors put on the inputs.
 */
export function IpPoolForm({
  gatewayUid,
  pool,
  onSaved,
  onCancel,
}: {
  gatewayUid: string
  pool?: IpPool
  onSaved: (poolUid: string, name: string) => void
  onCancel: () => void
}) {
  const save = useSaveIpPool(gatewayUid, pool?.metadata.uid)
  const [failure, setFailure] = useState<{ message: string; reference?: string } | null>(null)
  const formId = useId()
  const pools = useIpPools(gatewayUid)
  const others = useRef(pools.data)
  others.current = pools.data?.filter((p) => p.metadata.uid !== pool?.metadata.uid)
  const resolver = useMemo(() => ipPoolResolver(() => (others.current ?? []).map(toOtherPool)), [])
  const {
    register,
    handleSubmit,
    setError,
    watch,
    trigger,
    getFieldState,
    formState: { errors },
  } = useForm<IpPoolFormValues, unknown, IpPoolBody>({
    mode: 'onChange',
    resolver,
    defaultValues: ipPoolFormDefaults(pool),
  })
  const networkType = watch('networkType')
  /** A rule across fields is re-checked on the other fields the user has already filled in. */
  const recheck =
    (...names: (keyof IpPoolFormValues)[]) =>
    () => {
      const filled = names.filter((n) => getFieldState(n).isDirty)
      if (filled.length > 0) void trigger(filled)
    }

  const onSubmit = handleSubmit((body) => {
    setFailure(null)
    save.mutate(body, {
      onSuccess: (uid) => onSaved(uid, body.metadata.name),
      onError: (error) => {
        const unmatched = isApiRequestError(error)
          ? applyServerFieldErrors<IpPoolFormValues>(error.fieldErrors, ipPoolFieldFor, (name, e) => setError(name, e))
          : []
        if (!isApiRequestError(error) || error.fieldErrors.length === 0 || unmatched.length > 0) {
          const described = describeError(error)
          setFailure({ ...described, message: [described.message, ...unmatched].join(': ') })
        }
      },
    })
  })

  return (
    <form
      id={formId}
      className="stack"
      onSubmit={onSubmit}
      noValidate
      aria-label={pool ? 'Edit IP pool' : 'New IP pool'}
    >
      <TextField label="Name" required autoComplete="off" error={errors.name?.message} {...register('name')} />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Network Type</legend>
        <div className="radio-row">
          <label className="radio">
            <input
              type="radio"
              value="range"
              {...register('networkType', { onChange: recheck('start', 'end', 'subnet', 'gateway') })}
            />
            Range
          </label>
          <label className="radio">
            <input
              type="radio"
              value="subnet"
              {...register('networkType', { onChange: recheck('start', 'end', 'subnet', 'gateway') })}
            />
            Subnet
          </label>
        </div>
      </fieldset>
      {networkType === 'range' ? (
        <>
          <TextField
            label="Start"
            required
            placeholder="10.10.183.1"
            error={errors.start?.message}
            {...register('start', { onChange: recheck('end', 'gateway') })}
          />
          <TextField
            label="End"
            required
            placeholder="10.10.183.100"
            error={errors.end?.message}
            {...register('end', { onChange: recheck('start', 'gateway') })}
          />
        </>
      ) : (
        <TextField
          label="Subnet"
          required
          placeholder="10.10.183.64/26"
          error={errors.subnet?.message}
          {...register('subnet', { onChange: recheck('gateway') })}
        />
      )}
      <TextField
        label="Subnet Prefix"
        required
        inputMode="numeric"
        placeholder="18"
        error={errors.prefix?.message}
        {...register('prefix', { onChange: recheck('start', 'end', 'subnet', 'gateway') })}
      />
      <TextField
        label="Gateway"
        required
        placeholder="10.128.1.1"
        error={errors.gateway?.message}
        {...register('gateway', { onChange: recheck('start', 'end', 'subnet') })}
      />
      <TextField
        label="Name server addresses"
        placeholder="8.8.8.8, 8.8.4.4"
        hint="A comma-separated list of name servers."
        error={errors.nameservers?.message}
        {...register('nameservers')}
      />
      <label className="checkbox">
        <input type="checkbox" {...register('restrictToSingleCluster')} />
        Restrict to a Single Cluster
      </label>
      <p className="field__hint">
        By default, IP pools can be shared across clusters; restricted, the pool is reserved for the first cluster that
        uses it.
      </p>
      {errors.root?.message ? (
        <p className="field__error" role="alert">
          {errors.root.message}
        </p>
      ) : null}
      {failure ? <ErrorPanel {...failure} /> : null}
      <div className="dialog__actions">
        <Button onClick={onCancel} disabled={save.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" isLoading={save.isPending}>
          {pool ? 'Save IP pool' : 'Create IP pool'}
        </Button>
      </div>
    </form>
  )
}
