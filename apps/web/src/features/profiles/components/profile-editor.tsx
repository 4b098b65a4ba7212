import type { ClusterProfile } from '@console/contracts'
import { useState } from 'react'
import { describeError } from '../../../api/api-error.ts'
import { Badge } from '../../../ui/badge.tsx'
import { Button } from '../../../ui/button.tsx'
import { ErrorPanel } from '../../../ui/error-panel.tsx'
import { PageHeader } from '../../../ui/page-header.tsx'
import { useCan } from '../../scope/scope-context.tsx'
import { useProfileDraft } from '../hooks/use-profile-draft.ts'
import { useProfileValidation } from '../hooks/use-profile-validation.ts'
import { usePacks } from '../hooks/use-profiles.ts'
import { useSaveProfileDraft } from '../hooks/use-save-profile-draft.ts'
import { layersForType, metadataErrors } from '../profile-draft.ts'
import { AddLayerDialog } from './add-layer-dialog.tsx'
import { LayerStack } from './layer-stack.tsx'
import { LayerValues } from './layer-values.tsx'
import { ProfileFields } from './profile-fields.tsx'
import { ValidationSummary } from './validation-problems.tsx'
import './profile-editor.css'

/**
 * Creates a profile (no `profile`) or shows a stored version: a draft is edited in place, a published
 * one is read-only until **Edit as new version**, whose save makes the next version.
 */
export function ProfileEditor({ profile }: { profile?: ClusterProfile }) {
  const canWrite = useCan('profiles.write')
  const catalog = usePacks()
  const saving = useSaveProfileDraft(profile?.metadata.uid)
  const editor = useProfileDraft(profile, saving.clearRefusal)
  const [isEditingNewVersion, setIsEditingNewVersion] = useState(false)
  const [isAddingLayer, setIsAddingLayer] = useState(false)
  const { draft } = editor

  const isPublished = profile?.spec.published ?? false
  const readOnly = !canWrite || (isPublished && !isEditingNewVersion)
  const selected = draft.layers.find((layer) => layer.key === editor.selectedKey)
  const selectedIndex = selected ? draft.layers.indexOf(selected) : -1
  const validation = useProfileValidation(draft, catalog.data, selected, saving.refusal?.result ?? null)
  const allErrors = metadataErrors(draft)
  const shownErrors = Object.fromEntries(
    Object.entries(allErrors).filter(([field]) => editor.touched.has(field as 'name')),
  )

  function save(publish: boolean) {
    editor.touchAll()
    if (Object.keys(allErrors).length > 0) return
    void saving.save(draft, publish)
  }

  const title = profile ? `${profile.metadata.name} ${profile.spec.version}` : 'New Profile'
  const status = profile ? (
    <Badge tone={isPublished ? 'success' : 'neutral'}>{isPublished ? 'Published' : 'Draft'}</Badge>
  ) : null

  let actions: React.ReactNode = null
  if (canWrite && readOnly) {
    actions = (
      <Button
        variant="primary"
        onClick={() => {
          editor.reset(true)
          setIsEditingNewVersion(true)
        }}
      >
        Edit as new version
      </Button>
    )
  } else if (canWrite) {
    actions = (
      <>
        {isEditingNewVersion ? (
          <Button
            onClick={() => {
              editor.reset(false)
              setIsEditingNewVersion(false)
            }}
            disabled={saving.isSaving}
          >
            Cancel
          </Button>
        ) : null}
        <Button onClick={() => save(false)} isLoading={saving.isSaving}>
          Save
        </Button>
        <Button variant="primary" onClick={() => save(true)} disabled={saving.isSaving}>
          Publish
        </Button>
      </>
    )
  }

  return (
    <div className="profile-editor">
      <PageHeader
        title={title}
        description={
          <>
            {status}{' '}
            {readOnly && isPublished
              ? 'A published version cannot change: edit it as a new version.'
              : isEditingNewVersion
                ? `Saving creates a new version of ${profile?.metadata.name}; ${profile?.spec.version} stays as it is.`
                : 'Layers are checked as you type, with the same rules the server applies.'}
          </>
        }
        actions={actions}
      />
      <ProfileFields
        draft={draft}
        errors={shownErrors}
        onChange={editor.setField}
        readOnly={readOnly}
        isNameLocked={isPublished}
      />
      {catalog.isError ? <ErrorPanel {...describeError(catalog.error)} onRetry={() => void catalog.refetch()} /> : null}
      {saving.refusal ? (
        <p className="alert alert--error" role="alert">
          {saving.refusal.message}
        </p>
      ) : null}
      {validation.result ? (
        <ValidationSummary
          result={validation.result}
          layers={draft.layers}
          isFromServer={validation.isFromServer}
          onSelectLayer={editor.select}
        />
      ) : null}
      <div className="profile-editor__body">
        <LayerStack
          layers={draft.layers}
          selectedKey={editor.selectedKey}
          onSelect={editor.select}
          onRemove={readOnly ? undefined : editor.removeLayer}
          onAdd={readOnly ? undefined : () => setIsAddingLayer(true)}
          result={validation.result}
        />
        {selected ? (
          <LayerValues
            layer={selected}
            diagnostics={validation.diagnostics}
            validation={validation.result?.packs.find((pack) => pack.index === selectedIndex)}
            readOnly={readOnly}
            onChange={(values) => editor.setLayerValues(selected.key, values)}
          />
        ) : (
          <p className="layer-values layer-values--empty cell-muted">Select a layer to see its values.</p>
        )}
      </div>
      <AddLayerDialog
        open={isAddingLayer}
        onClose={() => setIsAddingLayer(false)}
        cloudType={draft.cloudType}
        layers={layersForType(draft.type)}
        onAdd={editor.addLayer}
      />
    </div>
  )
}
