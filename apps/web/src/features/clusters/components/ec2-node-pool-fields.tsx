import type { AwsVpcItem } from '@console/contracts'
import type { ReactNode } from 'react'
import { Button } from '../../../ui/button.tsx'
import { Select } from '../../../ui/select.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { useAwsInstanceTypes, useAwsZones } from '../hooks/use-eks-inventory.ts'
import { type Ec2DraftPool, poolSubnets, spotMaxPrice } from '../utils/eks-draft.ts'
import { TaintsFields } from './taints-fields.tsx'
import { TextAreaField } from './textarea-field.tsx'

/** A whole-number field of a pool at `path` (relative to the pool) with its error. */
export function PoolNumberField({
  label,
  value,
  min,
  path,
  onChange,
  errorOf,
}: {
  label: string
  value: string
  min: number
  /** The body path of the value (`spec.machinepoolconfig.0.poolConfig.size`). */
  path: string
  onChange: (value: string, path: string) => void
  errorOf: (path: string, nested?: boolean) => string | undefined
}) {
  return (
    <TextField
      label={label}
      type="number"
      inputMode="numeric"
      min={min}
      value={value}
      onChange={(e) => onChange(e.target.value, path)}
      error={errorOf(path)}
    />
  )
}

export interface Ec2NodePoolFieldsProps<P extends Ec2DraftPool> {
  index: number
  pool: P
  /** The fieldset's name, e.g. "Worker pool 2". */
  legend: string
  account: string
  region: string
  /** Static Placement's VPC; undefined with dynamic placement (no subnet to pick). */
  vpc: AwsVpcItem | undefined
  staticPlacement: boolean
  onChange: (pool: P, field: string) => void
  onRemove?: () => void
  errorOf: (path: string, nested?: boolean) => string | undefined
  /** Warnings to show at a body path (static subnets without the load balancer tags); none when absent. */
  warningOf?: (path: string) => string | undefined
  /** Whether the pool may run on spot instances (**On-Demand** / **On-Spot**); the control plane may not. */
  canBid?: boolean
  /** The cloud's own fields after **Name** (sizes, worker capability). */
  children?: ReactNode
  /** The cloud's own fields after **Disk Size** (Rolling Update). */
  extra?: ReactNode
}

/**
 * One EC2 node pool (an EKS managed node group or an AWS IaaS pool): **Name**, the cloud's sizes,
 * **Availability Zones** (with a subnet each under Static Placement), **Instance Type** with its price,
 * **Disk Size**, **Labels**, **Taints**, and **On-Demand** / **On-Spot** with the max bid as a
 * percentage of the on-demand price.
 */
export function Ec2NodePoolFields<P extends Ec2DraftPool>({
  index,
  pool,
  legend,
  account,
  region,
  vpc,
  staticPlacement,
  onChange,
  onRemove,
  errorOf,
  warningOf,
  canBid = true,
  children,
  extra,
}: Ec2NodePoolFieldsProps<P>) {
  const zones = useAwsZones(account, region)
  const types = useAwsInstanceTypes(account, region)
  const base = `spec.machinepoolconfig.${index}`
  const set = (change: Partial<Ec2DraftPool>, field: string) => onChange({ ...pool, ...change }, `${base}.${field}`)
  // Offered in every chosen zone (all of the region's types until a zone is chosen).
  const offered = (types.data ?? []).filter((t) => pool.azs.every((az) => t.availabilityZones.includes(az)))
  const subnets = poolSubnets(pool)
  const maxPrice = spotMaxPrice(pool)

  return (
    <fieldset className="fieldset worker-pool">
      <legend className="fieldset__legend">{legend}</legend>
      <div className="form-grid">
        <TextField
          label="Name"
          value={pool.name}
          onChange={(e) => set({ name: e.target.value }, 'poolConfig.name')}
          error={errorOf(`${base}.poolConfig.name`)}
        />
        {children}
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Availability Zones</legend>
          {zones.isLoading ? <p>Loading zones…</p> : null}
          {!region ? <p className="cell-muted">Choose a Region in Cluster Config first.</p> : null}
          {(zones.data ?? []).map((z) => {
            const checked = pool.azs.includes(z.name)
            const zoneSubnets = (vpc?.subnets ?? []).filter((s) => s.az === z.name)
            const at = subnets.findIndex((s) => s.az === z.name)
            return (
              <div key={z.name} className="zone-row">
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={checked}
                    onChange={(e) => {
                      const azs = e.target.checked ? [...pool.azs, z.name] : pool.azs.filter((a) => a !== z.name)
                      const subnetIds = { ...pool.subnetIds }
                      const privateOnes = zoneSubnets.filter((s) => s.isPrivate)
                      if (e.target.checked && privateOnes.length === 1 && privateOnes[0])
                        subnetIds[z.name] = privateOnes[0].subnetId
                      if (!e.target.checked) delete subnetIds[z.name]
                      set({ azs, subnetIds }, 'cloudConfig.azs')
                    }}
                  />{' '}
                  {z.displayName ? `${z.displayName} (${z.name})` : z.name}
                </label>
                {checked && staticPlacement ? (
                  <div>
                    <Select
                      label={`Subnet for ${z.name}`}
                      placeholder={vpc ? 'Select a subnet' : 'Choose a Virtual Network first'}
                      options={zoneSubnets.map((s) => ({
                        value: s.subnetId,
                        label: `${s.name || s.subnetId} (${s.subnetId}, ${s.cidrBlock}, ${s.isPrivate ? 'private' : 'public'})`,
                      }))}
                      value={pool.subnetIds[z.name] ?? ''}
                      onChange={(e) =>
                        set(
                          { subnetIds: { ...pool.subnetIds, [z.name]: e.target.value } },
                          `cloudConfig.subnets${at >= 0 ? `.${at}` : ''}`,
                        )
                      }
                      error={at >= 0 ? errorOf(`${base}.cloudConfig.subnets.${at}`, true) : undefined}
                    />
                    {at >= 0 && warningOf?.(`${base}.cloudConfig.subnets.${at}.id`) ? (
                      <p className="field__hint field__warning">{warningOf(`${base}.cloudConfig.subnets.${at}.id`)}</p>
                    ) : null}
                  </div>
                ) : null}
              </div>
            )
          })}
          {[errorOf(`${base}.cloudConfig.azs`, true), errorOf(`${base}.cloudConfig.subnets`)]
            .filter(Boolean)
            .map((message) => (
              <p key={message} className="field__error">
                {message}
              </p>
            ))}
        </fieldset>
        <Select
          label="Instance Type"
          placeholder={
            region ? (types.isLoading ? 'Loading instance types…' : 'Select an instance type') : 'Choose a Region first'
          }
          options={offered.map((t) => ({
            value: t.type,
            label: `${t.type} · ${t.cpu} vCPU · ${t.memory} GiB${t.gpu ? ` · ${t.gpu} GPU` : ''}${t.price === null ? '' : ` · ${t.price} USD/h`}`,
          }))}
          value={pool.instanceType}
          onChange={(e) =>
            set(
              {
                instanceType: e.target.value,
                onDemandPrice: types.data?.find((t) => t.type === e.target.value)?.price ?? null,
              },
              'cloudConfig.instanceType',
            )
          }
          error={errorOf(`${base}.cloudConfig.instanceType`)}
        />
        <PoolNumberField
          label="Disk Size"
          value={pool.diskSize}
          min={20}
          path={`${base}.cloudConfig.rootDeviceSize`}
          onChange={(diskSize, path) => onChange({ ...pool, diskSize }, path)}
          errorOf={errorOf}
        />
        {extra}
        <TextAreaField
          label="Labels"
          rows={2}
          hint="Kubernetes labels on every node: one key: value per line"
          value={pool.labels}
          onChange={(e) => set({ labels: e.target.value }, 'poolConfig.additionalLabels')}
          error={errorOf(`${base}.poolConfig.additionalLabels`, true)}
        />
        <TaintsFields
          taints={pool.taints}
          path={`${base}.poolConfig.taints`}
          onChange={(taints, field) => onChange({ ...pool, taints }, field)}
          errorOf={errorOf}
        />
        {canBid ? (
          <fieldset className="fieldset">
            <legend className="fieldset__legend">Instance purchasing</legend>
            {(
              [
                ['on-demand', 'On-Demand'],
                ['spot', 'On-Spot'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="radio">
                <input
                  type="radio"
                  name={`capacity-${index}`}
                  value={value}
                  checked={pool.capacityType === value}
                  onChange={() => set({ capacityType: value }, 'cloudConfig.capacityType')}
                />{' '}
                {label}
              </label>
            ))}
            {pool.capacityType === 'spot' ? (
              <TextField
                label="Maximum Bid (% of On-Demand price)"
                type="number"
                inputMode="decimal"
                min={1}
                max={100}
                value={pool.spotPercent}
                onChange={(e) => set({ spotPercent: e.target.value }, 'cloudConfig.spotMarketOptions.maxPrice')}
                hint={
                  pool.onDemandPrice === null
                    ? 'Choose an instance type with a known on-demand price first.'
                    : `On-demand ${pool.onDemandPrice} USD/h${maxPrice ? `: nodes launch while the spot price is at most ${maxPrice} USD/h` : ''}`
                }
                error={errorOf(`${base}.cloudConfig.spotMarketOptions`, true)}
              />
            ) : null}
          </fieldset>
        ) : null}
      </div>
      {onRemove ? (
        <Button variant="ghost" onClick={onRemove}>
          Remove {legend.toLowerCase()}
        </Button>
      ) : null}
    </fieldset>
  )
}

/** Under the pools: the error about the pools as a whole, and **+ Add Worker Pool**. */
export function AddWorkerPool({ error, onAdd }: { error: string | undefined; onAdd: () => void }) {
  return (
    <>
      {error ? <p className="field__error">{error}</p> : null}
      <div>
        <Button onClick={onAdd}>+ Add Worker Pool</Button>
      </div>
    </>
  )
}
