import type { ProfileValidation } from '@console/contracts'
import { Badge } from '../../../ui/badge.tsx'
import { Button } from '../../../ui/button.tsx'
import { type DraftLayer, layerLabels } from '../profile-draft.ts'

export interface LayerStackProps {
  layers: readonly DraftLayer[]
  selectedKey: string | undefined
  onSelect: (key: string) => void
  onRemove?: (key: string) => void
  onAdd?: () => void
  result: ProfileValidation | undefined
}

/** The profile's layers in stack order (OS first, add-ons last), each with its problem count. */
export function LayerStack({ layers, selectedKey, onSelect, onRemove, onAdd, result }: LayerStackProps) {
  return (
    <section className="layer-stack" aria-labelledby="layer-stack-title">
      <div className="layer-stack__header">
        <h2 id="layer-stack-title" className="layer-stack__title">
          Layers
        </h2>
        {onAdd ? (
          <Button size="sm" onClick={onAdd}>
            Add Layer
          </Button>
        ) : null}
      </div>
      {layers.length === 0 ? (
        <p className="cell-muted">No layers yet. Add the OS layer first, then Kubernetes, network and storage.</p>
      ) : (
        <ol className="layer-stack__list">
          {layers.map((layer, index) => {
            const problems = result?.packs.find((pack) => pack.index === index)?.errors.length ?? 0
            const isSelected = layer.key === selectedKey
            return (
              <li key={layer.key} className={`layer-stack__item${isSelected ? ' layer-stack__item--selected' : ''}`}>
                <button
                  type="button"
                  className="layer-stack__select"
                  aria-pressed={isSelected}
                  onClick={() => onSelect(layer.key)}
                >
                  <span className="layer-stack__kind">{layerLabels[layer.layer]}</span>
                  <span className="layer-stack__name">
                    {layer.name} <span className="cell-sub">{layer.tag}</span>
                  </span>
                  {problems > 0 ? (
                    <Badge tone="danger">
                      {problems} problem{problems > 1 ? 's' : ''}
                    </Badge>
                  ) : null}
                </button>
                {onRemove ? (
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Remove layer ${layer.name}`}
                    onClick={() => onRemove(layer.key)}
                  >
                    Remove
                  </Button>
                ) : null}
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
