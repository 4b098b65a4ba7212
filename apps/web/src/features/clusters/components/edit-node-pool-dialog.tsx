import {
  type Cluster,
  EDITABLE_POOLS,
  type MachinePoolEdit,
  machinePoolEditSchema,
  ROLLING_UPDATE_LABELS,
  type StoredMachinePool,
} from '@console/contracts'
import { useState } from 'react'
import { describeError, isApiRequestError } from '../../../api/api-error.ts'
import { Button } from '../../../ui/button.tsx'
import { Dialog } from '../../../ui/dialog.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { useEditMachinePool } from '../hooks/use-clusters.ts'
import { parseNodeLabels, type TaintEffect } from '../utils/eks-draft.ts'
import { type DraftTaint, TaintsFields } from './taints-fields.tsx'
import { TextAreaField } from './textarea-field.tsx'

/** The clouds whose running pools can be edited in place. */
export const editablePoolClouds = new Set(Object.keys(EDITABLE_POOLS))

/** A stored pool as the dialog reads it (the spec is untyped on the wire). */
type StoredPool = Partial<Omit<StoredMachinePool, 'poolConfig'>> & {
  poolConfig?: Partial<StoredMachinePool['poolConfig']>
}

interface Draft {
  size: string
  minSize: string
  maxSize: string
  labels: string
  taints: DraftTaint[]
}

function draftOf(pool: StoredPool): Draft {
  const c = pool.poolConfig ?? {}
  return {
    size: String(c.size ?? ''),
    minSize: String(c.minSize ?? ''),
    maxSize: String(c.maxSize ?? ''),
    labels: Object.entries(c.additionalLabels ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n'),
    taints: (c.taints ?? []).map((t) => ({ key: t.key, value: t.value ?? '', effect: t.effect as TaintEffect })),
  }
}

const asNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text))

/**
 * The edit and every problem with it, as the server will see it: the edit's own schema, then the
 * cloud's pool rules on the pool as it will be (sizes in range, taints unique). Paths are the edit's.
 */
export function checkPoolEdit(
  cloudType: string,
  pool: StoredPool,
  draft: Draft,
): { edit?: MachinePoolEdit; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const editable = EDITABLE_POOLS[cloudType]
  if (!editable) return { errors: { size: `Node pools of ${cloudType} clusters cannot be edited in place` } }
  const labels = parseNodeLabels(draft.labels)
  if (labels.error) errors.additionalLabels = labels.error
  const candidate = {
    size: asNumber(draft.size),
    ...(editable.bounds ? { minSize: asNumber(draft.minSize), maxSize: asNumber(draft.maxSize) } : {}),
    additionalLabels: labels.labels,
    taints: draft.taints,
  }
  const parsed = machinePoolEditSchema.safeParse(candidate)
  const note = (path: PropertyKey[], message: string) => {
    const key = (path[0] === 'poolConfig' ? path.slice(1) : path).join('.')
    errors[key.startsWith('additionalLabels') ? 'additionalLabels' : key] ??= message
  }
  if (!parsed.success) for (const issue of parsed.error.issues) note(issue.path, issue.message)
  // The pool's own rules too, on the pool as it would be, so every problem shows at once.
  const merged = editable.schema.safeParse({ ...pool, poolConfig: { ...pool.poolConfig, ...candidate } })
  if (!merged.success) for (const issue of merged.error.issues) note(issue.path, issue.message)
  return parsed.success && Object.keys(errors).length === 0 ? { edit: parsed.data, errors } : { errors }
}

/**
 * **Edit node pool** of a Running cluster: **Minimum Size**, **Maximum Size**, **Desired Size** (EKS;
 * AWS IaaS pools have a **Size**), **Labels** and **Taints**, checked as the user types and again by the server; **Save** applies it
 * (the cluster goes Provisioning while the cloud updates the pool, and says so in its events).
 */
export function EditNodePoolDialog({
  cluster,
  poolName,
  onClose,
}: {
  cluster: Cluster
  poolName: string
  onClose: () => void
}) {
  const pool = (cluster.spec.machinepoolconfig.find(
    (p) => (p.poolConfig as StoredPool['poolConfig'])?.name === poolName,
  ) ?? {}) as StoredPool
  const [draft, setDraft] = useState(() => draftOf(pool))
  const [touched, setTouched] = useState<Set<string>>(new Set())
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({})
  const save = useEditMachinePool(cluster.metadata.uid)
  const { cloudType } = cluster.spec
  const bounds = EDITABLE_POOLS[cloudType]?.bounds ?? false
  const { edit, errors } = checkPoolEdit(cloudType, pool, draft)
  const strategy = ROLLING_UPDATE_LABELS[pool.poolConfig?.updateStrategy?.type ?? 'RollingUpdateScaleOut']
  const description = EDITABLE_POOLS[cloudType]?.replacesNodes
    ? `Changes to ${poolName} are applied to the running nodes; new labels or taints replace its nodes one at a time (Rolling Update: ${strategy}). The cluster shows Provisioning until they are applied.`
    : `Changes to ${poolName} are applied to the running nodes; the cluster shows Provisioning until they are.`
  const errorOf = (path: string) =>
    serverErrors[path] ?? (touched.has(path) || touched.has('*') ? errors[path] : undefined)
  const change = (next: Partial<Draft>, field: string) => {
    setDraft((d) => ({ ...d, ...next }))
    setTouched((t) => new Set(t).add(field))
    setServerErrors({})
  }
  const number = (key: 'minSize' | 'maxSize' | 'size', label: string, min: number) => (
    <TextField
      label={label}
      type="number"
      inputMode="numeric"
      min={min}
      value={draft[key]}
      onChange={(e) => change({ [key]: e.target.value }, key)}
      error={errorOf(key)}
    />
  )
  const submit = () => {
    setTouched(new Set(['*']))
    if (!edit) return
    save.mutate(
      { pool: poolName, edit },
      {
        onSuccess: onClose,
        onError: (error) => {
          if (isApiRequestError(error))
            setServerErrors(Object.fromEntries(error.fieldErrors.map((f) => [f.path, f.message])))
        },
      },
    )
  }
  return (
    <Dialog
      open
      onClose={onClose}
      title="Edit node pool"
      isDismissable={!save.isPending}
      description={description}
      footer={
        <>
          <Button onClick={onClose} disabled={save.isPending}>
            Cancel
          </Button>
          <Button variant="primary" isLoading={save.isPending} onClick={submit}>
            Save
          </Button>
        </>
      }
    >
      <div className="form-grid">
        {bounds ? number('minSize', 'Minimum Size', 0) : null}
        {bounds ? number('maxSize', 'Maximum Size', 1) : null}
        {number('size', bounds ? 'Desired Size' : 'Size', 0)}
        <TextAreaField
          label="Labels"
          rows={2}
          hint="Kubernetes labels on every node: one key: value per line"
          value={draft.labels}
          onChange={(e) => change({ labels: e.target.value }, 'additionalLabels')}
          error={errorOf('additionalLabels')}
        />
        <TaintsFields
          taints={draft.taints}
          path="taints"
          onChange={(taints, field) => change({ taints }, field)}
          errorOf={errorOf}
        />
      </div>
      {save.isError && !(isApiRequestError(save.error) && save.error.fieldErrors.length) ? (
        <p className="field__error" role="alert">
          {describeError(save.error).message}
        </p>
      ) : null}
    </Dialog>
  )
}
