import type { CloudType, Pack, PackLayer } from '@console/contracts'
import { useEffect, useMemo, useState } from 'react'
import { describeError } from '../../../api/api-error.ts'
import { Button } from '../../../ui/button.tsx'
import { Dialog } from '../../../ui/dialog.tsx'
import { ErrorPanel } from '../../../ui/error-panel.tsx'
import { Select } from '../../../ui/select.tsx'
import { usePacks } from '../hooks/use-profiles.ts'
import { layerLabels } from '../profile-draft.ts'

export interface AddLayerDialogProps {
  open: boolean
  onClose: () => void
  cloudType: CloudType
  /** The layers the profile type holds, in stack order. */
  layers: readonly PackLayer[]
  onAdd: (pack: Pack) => void
}

/** Picks a layer kind, then a pack of the catalog for that layer and cloud type, then its version (tag). */
export function AddLayerDialog({ open, onClose, cloudType, layers, onAdd }: AddLayerDialogProps) {
  const [layer, setLayer] = useState<PackLayer>(layers[0] ?? 'os')
  const [name, setName] = useState('')
  const [tag, setTag] = useState('')
  const packs = usePacks({ layer, cloudType }, open)

  useEffect(() => {
    if (open) setLayer((current) => (layers.includes(current) ? current : (layers[0] ?? 'os')))
  }, [open, layers])

  const names = useMemo(() => [...new Set((packs.data ?? []).map((pack) => pack.name))], [packs.data])
  const versions = useMemo(() => (packs.data ?? []).filter((pack) => pack.name === name), [packs.data, name])
  const chosen = versions.find((pack) => pack.tag === tag)

  // Follow the catalog: the first pack and its newest listed version are preselected.
  useEffect(() => {
    if (!names.includes(name)) setName(names[0] ?? '')
  }, [names, name])
  useEffect(() => {
    if (!versions.some((pack) => pack.tag === tag)) setTag(versions[versions.length - 1]?.tag ?? '')
  }, [versions, tag])

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Add Layer"
      description={`Packs of the catalog that run on ${cloudType}.`}
    >
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          if (!chosen) return
          onAdd(chosen)
          onClose()
        }}
      >
        <Select
          label="Layer"
          value={layer}
          options={layers.map((value) => ({ value, label: layerLabels[value] }))}
          onChange={(event) => setLayer(event.target.value as PackLayer)}
        />
        {packs.isError ? (
          <ErrorPanel {...describeError(packs.error)} onRetry={() => void packs.refetch()} />
        ) : (
          <>
            <Select
              label="Pack"
              value={name}
              disabled={packs.isLoading || names.length === 0}
              placeholder={
                packs.isLoading ? 'Loading packs…' : names.length === 0 ? 'No pack for this cloud' : undefined
              }
              options={names.map((value) => ({ value, label: value }))}
              onChange={(event) => setName(event.target.value)}
            />
            <Select
              label="Version"
              value={tag}
              disabled={versions.length === 0}
              options={versions.map((pack) => ({ value: pack.tag, label: pack.tag }))}
              onChange={(event) => setTag(event.target.value)}
            />
            {chosen ? <p className="field__hint">{chosen.description}</p> : null}
          </>
        )}
        <div className="dialog__actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={!chosen}>
            Add
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
