import { type Cluster, taintText } from '@console/contracts'
import { useEffect, useState } from 'react'
import { Badge } from '../../../ui/badge.tsx'
import { Button } from '../../../ui/button.tsx'
import { formatDateTime } from '../../../ui/format.ts'
import { type Column, Table } from '../../../ui/table.tsx'
import { useProfile } from '../../profiles/hooks/use-profiles.ts'
import { useCan } from '../../scope/scope-context.tsx'
import { cloudLabels } from '../utils/cluster-display.ts'
import { LayerList } from './cluster-profile-step.tsx'
import { ClusterStateBadge, TagList } from './clusters-table.tsx'
import { EditNodePoolDialog, editablePoolClouds } from './edit-node-pool-dialog.tsx'

type Pool = {
  name: string
  controlPlane: boolean
  size: string
  instanceType: string
  zones: string
  disk: string
  labels: string
  taints: string
}

/**
 * Where a pool's nodes run and on what: an instance type in zones, or (vSphere) CPU/memory in placement
 * domains (compute clusters), with the disk.
 */
function placementOf(cloud: Record<string, unknown>): Pick<Pool, 'instanceType' | 'zones' | 'disk'> {
  const type = cloud.instanceType
  if (type && typeof type === 'object') {
    const vm = type as { numCPUs?: number; memoryMiB?: number; diskGiB?: number }
    const domains = Array.isArray(cloud.placements) ? (cloud.placements as Array<{ cluster?: string }>) : []
    return {
      instanceType: `${vm.numCPUs ?? '?'} CPU, ${vm.memoryMiB === undefined ? '?' : Math.round(vm.memoryMiB / 102.4) / 10} GiB`,
      zones: domains.map((d) => d.cluster ?? '?').join(', ') || '—',
      disk: vm.diskGiB === undefined ? '—' : `${vm.diskGiB} GB`,
    }
  }
  return {
    instanceType: String(type ?? '—'),
    zones: Array.isArray(cloud.azs) ? cloud.azs.join(', ') : '—',
    disk: cloud.rootDeviceSize === undefined ? '—' : `${cloud.rootDeviceSize} GB`,
  }
}

/** Node pools as the spec holds them (Palette's machinepoolconfig). */
function poolsOf(cluster: Cluster): Pool[] {
  return cluster.spec.machinepoolconfig.map((raw, i) => {
    const pool = (raw.poolConfig ?? {}) as Record<string, unknown>
    const cloud = (raw.cloudConfig ?? {}) as Record<string, unknown>
    return {
      name: String(pool.name ?? `pool-${i + 1}`),
      controlPlane: pool.isControlPlane === true,
      size:
        pool.minSize === undefined && pool.maxSize === undefined
          ? `${pool.size ?? '?'}`
          : `${pool.size ?? '?'} (min ${pool.minSize ?? '?'}, max ${pool.maxSize ?? '?'})`,
      ...placementOf(cloud),
      labels:
        Object.entries((pool.additionalLabels ?? {}) as Record<string, string>)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ') || '—',
      taints:
        ((pool.taints ?? []) as Array<{ key: string; value?: string; effect: string }>).map(taintText).join(', ') ||
        '—',
    }
  })
}

/** The pool columns; vSphere pools are sized VMs in placement domains, not instance types in zones. */
const poolColumns = (vsphere: boolean): Column<Pool>[] => [
  { key: 'name', header: 'Name', cell: (p) => (p.controlPlane ? `${p.name} (control plane)` : p.name) },
  { key: 'size', header: 'Desired size', cell: (p) => p.size },
  { key: 'type', header: vsphere ? 'CPU and Memory' : 'Instance Type', cell: (p) => p.instanceType },
  { key: 'zones', header: vsphere ? 'Placement domains' : 'Availability Zones', cell: (p) => p.zones },
  { key: 'disk', header: 'Disk Size', cell: (p) => p.disk },
  ...(vsphere
    ? []
    : [
        { key: 'labels', header: 'Labels', cell: (p: Pool) => p.labels },
        { key: 'taints', header: 'Taints', cell: (p: Pool) => p.taints },
      ]),
]

/** The Node pools table; on a Running cluster of a cloud that edits pools in place, each pool has **Edit**. */
function NodePools({ cluster }: { cluster: Cluster }) {
  const [editing, setEditing] = useState<string | null>(null)
  const canWrite = useCan('clusters.write')
  const editable = canWrite && cluster.status.state === 'Running' && editablePoolClouds.has(cluster.spec.cloudType)
  // The dialog closes itself on success, unless the cluster left Running first (its live state can
  // arrive before the answer, unmounting the dialog): then it must not come back when Running returns.
  useEffect(() => {
    if (!editable) setEditing(null)
  }, [editable])
  const base = poolColumns(cluster.spec.cloudType === 'vsphere')
  const columns: Column<Pool>[] = editable
    ? [
        ...base,
        {
          key: 'actions',
          header: 'Actions',
          // Only worker pools are edited in place.
          cell: (p) =>
            p.controlPlane ? (
              '—'
            ) : (
              <Button variant="ghost" aria-label={`Edit node pool ${p.name}`} onClick={() => setEditing(p.name)}>
                Edit
              </Button>
            ),
        },
      ]
    : base
  return (
    <>
      <Table
        caption="Node pools"
        columns={columns}
        rows={poolsOf(cluster)}
        rowKey={(p) => p.name}
        emptyTitle="No node pools"
      />
      {editing && editable ? (
        <EditNodePoolDialog cluster={cluster} poolName={editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  )
}

type Resource = Cluster['status']['resources'][number]
const resourceColumns: Column<Resource>[] = [
  { key: 'kind', header: 'Kind', cell: (r) => r.kind },
  { key: 'name', header: 'Name', cell: (r) => r.name ?? r.key },
  { key: 'id', header: 'Cloud ID', cell: (r) => r.cloudId ?? '—' },
  { key: 'region', header: 'Region', cell: (r) => r.region },
  { key: 'state', header: 'State', cell: (r) => r.state },
]

type Condition = Cluster['status']['conditions'][number]
const conditionColumns: Column<Condition>[] = [
  { key: 'type', header: 'Type', cell: (c) => c.type },
  {
    key: 'status',
    header: 'Status',
    cell: (c) => (
      <Badge tone={c.status === 'True' ? 'success' : c.status === 'False' ? 'danger' : 'neutral'}>{c.status}</Badge>
    ),
  },
  { key: 'reason', header: 'Reason', cell: (c) => c.reason },
  { key: 'message', header: 'Message', cell: (c) => c.message },
  { key: 'time', header: 'Since', cell: (c) => formatDateTime(c.lastTransitionTime) },
]

/** The profile's layers, read from the profile version the cluster was deployed from. */
function ProfileLayers({ uid }: { uid: string | undefined }) {
  const profile = useProfile(uid)
  if (!profile.data) return null
  return <LayerList profile={profile.data} />
}

export function ClusterSummary({ cluster }: { cluster: Cluster }) {
  const region = cluster.status.region ?? (cluster.spec.cloudConfig.region as string | undefined)
  return (
    <div className="stack">
      <section className="panel" aria-label="Summary">
        <dl className="review">
          <div className="review__row">
            <dt>State</dt>
            <dd>
              <ClusterStateBadge state={cluster.status.state} />
            </dd>
          </div>
          <div className="review__row">
            <dt>Cloud</dt>
            <dd>{cloudLabels[cluster.spec.cloudType] ?? cluster.spec.cloudType}</dd>
          </div>
          <div className="review__row">
            <dt>Region</dt>
            <dd>{region ?? '—'}</dd>
          </div>
          <div className="review__row">
            <dt>Created</dt>
            <dd>{formatDateTime(cluster.metadata.creationTimestamp)}</dd>
          </div>
          <div className="review__row">
            <dt>Profile</dt>
            <dd>{cluster.spec.profiles.map((p) => `${p.name} ${p.version}`).join(', ') || '—'}</dd>
          </div>
          <div className="review__row">
            <dt>Tags</dt>
            <dd>
              <TagList labels={cluster.metadata.labels} />
            </dd>
          </div>
        </dl>
        {cluster.metadata.description ? <p>{cluster.metadata.description}</p> : null}
      </section>
      <section className="panel" aria-label="Profile layers">
        <h2>Profile layers</h2>
        <ProfileLayers uid={cluster.spec.profiles[0]?.uid} />
      </section>
      <section className="panel" aria-label="Conditions">
        <h2>Conditions</h2>
        <Table
          caption="Conditions"
          columns={conditionColumns}
          rows={cluster.status.conditions}
          rowKey={(c) => c.type}
          emptyTitle="No conditions reported yet"
        />
      </section>
      <section className="panel" aria-label="Node pools">
        <h2>Node pools</h2>
        <NodePools cluster={cluster} />
      </section>
      <section className="panel" aria-label="Cloud resources">
        <h2>Cloud resources</h2>
        <Table
          caption="Cloud resources"
          columns={resourceColumns}
          rows={cluster.status.resources}
          rowKey={(r) => r.key}
          emptyTitle="No cloud resources"
          emptyDescription="Nothing of this cluster exists in the cloud."
        />
      </section>
    </div>
  )
}
