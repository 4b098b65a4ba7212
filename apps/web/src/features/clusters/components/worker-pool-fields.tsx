import type { TencentVpcItem } from '@console/contracts'
import { Button } from '../../../ui/button.tsx'
import { Select } from '../../../ui/select.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { useTencentInstanceTypes, useTencentZones } from '../hooks/use-tke-inventory.ts'
import type { DraftPool } from '../utils/tke-draft.ts'

export interface WorkerPoolFieldsProps {
  index: number
  pool: DraftPool
  account: string
  region: string
  vpc: TencentVpcItem | undefined
  onChange: (pool: DraftPool, field: string) => void
  onRemove?: () => void
  errorOf: (path: string, nested?: boolean) => string | undefined
}

/** One worker pool: **Name**, sizes, **Instance Type**, **Availability Zones** with a subnet each, **Disk Size**. */
export function WorkerPoolFields({
  index,
  pool,
  account,
  region,
  vpc,
  onChange,
  onRemove,
  errorOf,
}: WorkerPoolFieldsProps) {
  const zones = useTencentZones(account, region)
  const types = useTencentInstanceTypes(account, region, pool.azs[0] ?? '')
  const base = `spec.machinepoolconfig.${index}`
  const set = (change: Partial<DraftPool>, field: string) => onChange({ ...pool, ...change }, `${base}.${field}`)
  const number = (key: 'minSize' | 'maxSize' | 'size' | 'diskSize', label: string, path: string, min: number) => (
    <TextField
      label={label}
      type="number"
      inputMode="numeric"
      min={min}
      value={pool[key]}
      onChange={(e) => set({ [key]: e.target.value }, path)}
      error={errorOf(`${base}.${path}`)}
    />
  )
  return (
    <fieldset className="fieldset worker-pool">
      <legend className="fieldset__legend">Worker pool {index + 1}</legend>
      <div className="form-grid">
        <TextField
          label="Name"
          value={pool.name}
          onChange={(e) => set({ name: e.target.value }, 'poolConfig.name')}
          error={errorOf(`${base}.poolConfig.name`)}
        />
        {number('minSize', 'Minimum Size', 'poolConfig.minSize', 0)}
        {number('maxSize', 'Maximum Size', 'poolConfig.maxSize', 1)}
        {number('size', 'Desired Size', 'poolConfig.size', 0)}
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Availability Zones</legend>
          {zones.isLoading ? <p>Loading zones…</p> : null}
          {!region ? <p className="cell-muted">Choose a Region in Cluster Config first.</p> : null}
          {(zones.data ?? []).map((z) => {
            const checked = pool.azs.includes(z.name)
            const subnets = (vpc?.subnets ?? []).filter((s) => s.az === z.name)
            return (
              <div key={z.name} className="zone-row">
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={checked}
                    onChange={(e) => {
                      const azs = e.target.checked ? [...pool.azs, z.name] : pool.azs.filter((a) => a !== z.name)
                      const subnetIds = { ...pool.subnetIds }
                      if (e.target.checked && subnets.length === 1 && subnets[0])
                        subnetIds[z.name] = subnets[0].subnetId
                      if (!e.target.checked) delete subnetIds[z.name]
                      set(
                        { azs, subnetIds, instanceType: azs[0] === pool.azs[0] ? pool.instanceType : '' },
                        'cloudConfig.azs',
                      )
                    }}
                  />{' '}
                  {z.displayName ? `${z.displayName} (${z.name})` : z.name}
                </label>
                {checked ? (
                  <Select
                    label={`Subnet for ${z.name}`}
                    placeholder={vpc ? 'Select a subnet' : 'Choose a VPCID first'}
                    options={subnets.map((s) => ({
                      value: s.subnetId,
                      label: `${s.name} (${s.subnetId}, ${s.cidrBlock})`,
                    }))}
                    value={pool.subnetIds[z.name] ?? ''}
                    onChange={(e) =>
                      set(
                        { subnetIds: { ...pool.subnetIds, [z.name]: e.target.value } },
                        `cloudConfig.subnetIds.${z.name}`,
                      )
                    }
                    error={errorOf(`${base}.cloudConfig.subnetIds.${z.name}`)}
                  />
                ) : null}
              </div>
            )
          })}
          {errorOf(`${base}.cloudConfig.azs`, true) ? (
            <p className="field__error">{errorOf(`${base}.cloudConfig.azs`, true)}</p>
          ) : null}
        </fieldset>
        <Select
          label="Instance Type"
          placeholder={
            pool.azs[0]
              ? types.isLoading
                ? 'Loading instance types…'
                : 'Select an instance type'
              : 'Choose a zone first'
          }
          options={(types.data ?? []).map((t) => ({
            value: t.type,
            label: `${t.type} · ${t.cpu} vCPU · ${t.memory} GiB${t.gpu ? ` · ${t.gpu} GPU` : ''}${t.price === null ? '' : ` · ${t.price} ${t.currency}/h`}`,
          }))}
          value={pool.instanceType}
          onChange={(e) => set({ instanceType: e.target.value }, 'cloudConfig.instanceType')}
          error={errorOf(`${base}.cloudConfig.instanceType`)}
        />
        {number('diskSize', 'Disk Size', 'cloudConfig.rootDeviceSize', 50)}
      </div>
      {onRemove ? (
        <Button variant="ghost" onClick={onRemove}>
          Remove worker pool {index + 1}
        </Button>
      ) : null}
    </fieldset>
  )
}
