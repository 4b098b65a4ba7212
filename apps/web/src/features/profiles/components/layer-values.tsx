import type { EditorDiagnostic, PackValidation } from '@console/contracts'
import { useId } from 'react'
import { YamlEditor } from '../../../ui/yaml-editor/yaml-editor.tsx'
import { type DraftLayer, layerLabels } from '../profile-draft.ts'
import { LayerProblems } from './validation-problems.tsx'

export interface LayerValuesProps {
  layer: DraftLayer
  diagnostics: EditorDiagnostic[]
  validation: PackValidation | undefined
  readOnly: boolean
  onChange: (values: string) => void
}

/** The selected layer's YAML values with its inline markers and the list of its problems. */
export function LayerValues({ layer, diagnostics, validation, readOnly, onChange }: LayerValuesProps) {
  const problemsId = useId()
  return (
    <section className="layer-values" aria-labelledby={`${problemsId}-title`}>
      <h2 id={`${problemsId}-title`} className="layer-values__title">
        {layerLabels[layer.layer]}: {layer.name} {layer.tag}
      </h2>
      <YamlEditor
        key={layer.key}
        label={`${layer.name} values`}
        value={layer.values}
        onChange={onChange}
        diagnostics={diagnostics}
        readOnly={readOnly}
        describedBy={problemsId}
      />
      <LayerProblems id={problemsId} layerName={layer.name} issues={validation?.errors ?? []} />
    </section>
  )
}
