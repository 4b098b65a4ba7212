import { type CloudType, toEditorDiagnostics, validatePackValues } from '@console/contracts'
import { useId } from 'react'
import { YamlEditor } from '../../../ui/yaml-editor/yaml-editor.tsx'
import type { WizardLayer } from '../utils/validate-draft.ts'
import type { StepProps } from './step-props.ts'

function LayerEditor({
  layer,
  index,
  value,
  onChange,
  serverError,
  cloudType,
}: {
  cloudType: CloudType
  layer: WizardLayer
  index: number
  value: string
  onChange: (values: string) => void
  serverError: string | undefined
}) {
  const id = useId()
  const issues = validatePackValues({ layer: layer.layer, schema: layer.schema }, value, { cloudType })
  const messages = issues.map((i) => `${i.line === undefined ? '' : `Line ${i.line}: `}${i.message}`)
  if (serverError && issues.length === 0) messages.push(serverError)
  return (
    <section className="layer-values" aria-labelledby={`${id}-title`} data-layer-index={index}>
      <h3 id={`${id}-title`} className="layer-values__title">
        {layer.layer}: {layer.name} {layer.tag}
      </h3>
      <YamlEditor
        label={`${layer.name} values`}
        value={value}
        onChange={onChange}
        diagnostics={toEditorDiagnostics(issues, value)}
        describedBy={`${id}-problems`}
      />
      <ul id={`${id}-problems`} className="field__error-list" aria-label={`Problems in ${layer.name}`}>
        {messages.map((m) => (
          <li key={m} className="field__error">
            {m}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** **Parameters**: each layer's YAML values, pre-filled from the profile, checked on every keystroke. */
export function ParametersStep({
  draft,
  update,
  errorOf,
  layers,
  cloudType,
}: StepProps & { layers: readonly WizardLayer[]; cloudType: CloudType }) {
  if (layers.length === 0) return <p>Choose a cluster profile first: its layers' values are edited here.</p>
  return (
    <div className="stack">
      {layers.map((layer, i) => (
        <LayerEditor
          key={`${draft.profileUid}-${layer.name}`}
          layer={layer}
          cloudType={cloudType}
          index={i}
          value={draft.packValues[layer.name]?.values ?? layer.values}
          serverError={errorOf(`spec.profiles.0.packValues.${i}`, true)}
          onChange={(values) =>
            update(
              { packValues: { ...draft.packValues, [layer.name]: { tag: layer.tag, values } } },
              `spec.profiles.0.packValues.${i}`,
            )
          }
        />
      ))}
    </div>
  )
}
