import { nodesPerDomain } from '@console/contracts'
import { Button } from '../../../ui/button.tsx'
import { Select } from '../../../ui/select.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { useVsphereClusterList, useVsphereDatacenterList, useVsphereIpPools } from '../hooks/use-vsphere-inventory.ts'
import {
  newVsphereDomain,
  newVsphereWorkerPool,
  type VsphereDraft,
  type VsphereDraftDomain,
  type VsphereDraftPool,
} from '../utils/vsphere-draft.ts'
import { toNumber } from '../utils/wizard-draft.ts'
import { AddWorkerPool } from './ec2-node-pool-fields.tsx'
import type { StepProps } from './step-props.ts'
import { VcenterSelect } from './vsphere-cluster-config-step.tsx'

type ErrorOf = StepProps['errorOf']

/** One placement domain: **Compute Cluster**, **Datastore**, **Network**, **Resource Pool**, and **IP Pool** with Static IP. */
function PlacementDomainFields({
  draft,
  domain,
  legend,
  path,
  onChange,
  onRemove,
  errorOf,
}: {
  draft: VsphereDraft
  domain: VsphereDraftDomain
  legend: string
  /** `spec.machinepoolconfig.{i}.cloudConfig.placements.{d}` */
  path: string
  onChange: (domain: VsphereDraftDomain, path: string) => void
  onRemove?: () => void
  errorOf: ErrorOf
}) {
  const account = draft.cloudAccountUid
  const clusters = useVsphereDatacenterList(account, 'computeclusters', draft.datacenter)
  const datastores = useVsphereClusterList(account, 'datastores', draft.datacenter, domain.cluster)
  const networks = useVsphereClusterList(account, 'networks', draft.datacenter, domain.cluster)
  const resourcePools = useVsphereClusterList(account, 'resourcepools', draft.datacenter, domain.cluster)
  const ipPools = useVsphereIpPools(draft.staticIp ? account : '')
  const needsCluster = domain.cluster ? undefined : 'Compute Cluster'
  return (
    <fieldset className="fieldset placement-domain">
      <legend className="fieldset__legend">{legend}</legend>
      <div className="form-grid">
        <VcenterSelect
          label="Compute Cluster"
          query={clusters}
          value={domain.cluster}
          waitingFor={draft.datacenter ? undefined : 'Datacenter'}
          error={errorOf(`${path}.cluster`)}
          onChange={(cluster) =>
            // What lives in a compute cluster is chosen again with it.
            onChange({ ...newVsphereDomain(), ipPoolUid: domain.ipPoolUid, cluster }, `${path}.cluster`)
          }
        />
        <VcenterSelect
          label="Datastore"
          query={datastores}
          value={domain.datastore}
          waitingFor={needsCluster}
          error={errorOf(`${path}.datastore`)}
          onChange={(datastore) => onChange({ ...domain, datastore }, `${path}.datastore`)}
        />
        <VcenterSelect
          label="Network"
          query={networks}
          value={domain.network}
          waitingFor={needsCluster}
          error={errorOf(`${path}.network.networkName`)}
          onChange={(network) => onChange({ ...domain, network }, `${path}.network.networkName`)}
        />
        <VcenterSelect
          label="Resource Pool"
          query={resourcePools}
          value={domain.resourcePool}
          waitingFor={needsCluster}
          error={errorOf(`${path}.resourcePool`)}
          onChange={(resourcePool) => onChange({ ...domain, resourcePool }, `${path}.resourcePool`)}
        />
        {draft.staticIp ? (
          <Select
            label="IP Pool"
            required
            placeholder={
              ipPools.isLoading
                ? 'Loading IP pools…'
                : (ipPools.data ?? []).length === 0
                  ? "The account's gateway has no IP pool"
                  : 'Select an IP pool'
            }
            options={(ipPools.data ?? []).map((p) => ({
              value: p.metadata.uid,
              label: p.metadata.name,
            }))}
            value={domain.ipPoolUid}
            onChange={(e) => onChange({ ...domain, ipPoolUid: e.target.value }, `${path}.network.parentPoolUid`)}
            error={errorOf(`${path}.network.parentPoolUid`)}
          />
        ) : null}
      </div>
      {ipPools.data && domain.ipPoolUid ? (
        <p className="field__hint">
          {(() => {
            const pool = ipPools.data.find((p) => p.metadata.uid === domain.ipPoolUid)
            return pool ? `${pool.metadata.name}: ${pool.status.availableIps} addresses free` : ''
          })()}
        </p>
      ) : null}
      {onRemove ? (
        <Button variant="ghost" onClick={onRemove}>
          Remove {legend.toLowerCase()}
        </Button>
      ) : null}
    </fieldset>
  )
}

/** A pool's whole-number field at a body path. */
function NumberField({
  label,
  value,
  path,
  onChange,
  errorOf,
  hint,
}: {
  label: string
  value: string
  path: string
  onChange: (value: string, path: string) => void
  errorOf: ErrorOf
  hint?: string
}) {
  return (
    <TextField
      label={label}
      type="number"
      inputMode="decimal"
      min={0}
      value={value}
      hint={hint}
      onChange={(e) => onChange(e.target.value, path)}
      error={errorOf(path)}
    />
  )
}

/** How the pool's nodes spread over its placement domains (round-robin), in words. */
function spreadText(pool: VsphereDraftPool): string {
  const size = toNumber(pool.size)
  if (size === undefined || !Number.isInteger(size) || size < 0 || pool.domains.length < 2) return ''
  const counts = nodesPerDomain(size, pool.domains.length)
  return `Nodes are spread round-robin: ${counts.map((n, d) => `domain ${d + 1}: ${n}`).join(', ')}`
}

/**
 * VMware **Nodes Config**: the master pool (**Size** 1, 3 or 5, **Allow worker capability**, one placement
 * domain) and the worker pools (**+ Add Worker Pool**), each with **CPU**, **Memory**, **Disk** and its
 * placement domains (**+ Add Placement Domain**).
 */
export function VsphereNodesConfigStep({ draft, update, errorOf }: StepProps<VsphereDraft>) {
  const setPool = (i: number, next: VsphereDraftPool, path: string) =>
    update({ pools: draft.pools.map((p, j) => (j === i ? next : p)) }, path)
  return (
    <div className="stack">
      {draft.pools.map((pool, i) => {
        const base = `spec.machinepoolconfig.${i}`
        const workerNumber = draft.pools.slice(0, i).filter((p) => !p.isControlPlane).length + 1
        const legend = pool.isControlPlane ? 'Master pool' : `Worker pool ${workerNumber}`
        const field = (key: 'name' | 'size' | 'cpu' | 'memoryGiB' | 'diskGiB') => (value: string, path: string) =>
          setPool(i, { ...pool, [key]: value }, path)
        const setDomain = (d: number, domain: VsphereDraftDomain, path: string) =>
          setPool(i, { ...pool, domains: pool.domains.map((x, k) => (k === d ? domain : x)) }, path)
        return (
          <fieldset key={i} className="fieldset worker-pool">
            <legend className="fieldset__legend">{legend}</legend>
            <div className="form-grid">
              <TextField
                label="Name"
                value={pool.name}
                required
                onChange={(e) => field('name')(e.target.value, `${base}.poolConfig.name`)}
                error={errorOf(`${base}.poolConfig.name`)}
              />
              <NumberField
                label="Size"
                value={pool.size}
                path={`${base}.poolConfig.size`}
                onChange={field('size')}
                errorOf={errorOf}
                hint={pool.isControlPlane ? 'The master pool has 1, 3 or 5 nodes.' : undefined}
              />
              <NumberField
                label="CPU"
                value={pool.cpu}
                path={`${base}.cloudConfig.instanceType.numCPUs`}
                onChange={field('cpu')}
                errorOf={errorOf}
                hint="Cores per node"
              />
              <NumberField
                label="Memory"
                value={pool.memoryGiB}
                path={`${base}.cloudConfig.instanceType.memoryMiB`}
                onChange={field('memoryGiB')}
                errorOf={errorOf}
                hint="GiB per node"
              />
              <NumberField
                label="Disk"
                value={pool.diskGiB}
                path={`${base}.cloudConfig.instanceType.diskGiB`}
                onChange={field('diskGiB')}
                errorOf={errorOf}
                hint="GiB per node"
              />
            </div>
            {pool.isControlPlane ? (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={pool.useControlPlaneAsWorker}
                  onChange={(e) =>
                    setPool(
                      i,
                      { ...pool, useControlPlaneAsWorker: e.target.checked },
                      `${base}.poolConfig.useControlPlaneAsWorker`,
                    )
                  }
                />{' '}
                Allow worker capability
              </label>
            ) : null}
            {pool.domains.map((domain, d) => (
              <PlacementDomainFields
                key={d}
                draft={draft}
                domain={domain}
                legend={`Placement domain ${d + 1}`}
                path={`${base}.cloudConfig.placements.${d}`}
                errorOf={errorOf}
                onChange={(next, path) => setDomain(d, next, path)}
                onRemove={
                  pool.domains.length > 1
                    ? () =>
                        setPool(
                          i,
                          { ...pool, domains: pool.domains.filter((_, k) => k !== d) },
                          `${base}.cloudConfig.placements`,
                        )
                    : undefined
                }
              />
            ))}
            {errorOf(`${base}.cloudConfig.placements`) ? (
              <p className="field__error">{errorOf(`${base}.cloudConfig.placements`)}</p>
            ) : null}
            {spreadText(pool) ? <p className="field__hint">{spreadText(pool)}</p> : null}
            <div className="inline-actions">
              {pool.isControlPlane ? null : (
                <Button
                  onClick={() =>
                    setPool(i, { ...pool, domains: [...pool.domains, newVsphereDomain()] }, `${base}.cloudConfig`)
                  }
                >
                  + Add Placement Domain
                </Button>
              )}
              {pool.isControlPlane ? null : (
                <Button
                  variant="ghost"
                  onClick={() => update({ pools: draft.pools.filter((_, j) => j !== i) }, 'spec.machinepoolconfig')}
                >
                  Remove {legend.toLowerCase()}
                </Button>
              )}
            </div>
          </fieldset>
        )
      })}
      <AddWorkerPool
        error={errorOf('spec.machinepoolconfig')}
        onAdd={() => update({ pools: [...draft.pools, newVsphereWorkerPool(draft.pools.length)] })}
      />
    </div>
  )
}
