import { Button } from '../../../ui/button.tsx'
import { Select } from '../../../ui/select.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { type TaintEffect, taintEffects } from '../utils/eks-draft.ts'

export interface DraftTaint {
  key: string
  value: string
  effect: TaintEffect
}

/**
 * A pool's **Taints**: rows of **Key**, **Value** and **Effect** (NoSchedule / PreferNoSchedule /
 * NoExecute), **+ Add Taint**, and each row's remove button. `path` is where the taints sit in the
 * body whose errors `errorOf` reads (`…poolConfig.taints`); `onChange` gets the field that changed.
 */
export function TaintsFields({
  taints,
  path,
  onChange,
  errorOf,
}: {
  taints: DraftTaint[]
  path: string
  onChange: (taints: DraftTaint[], field: string) => void
  errorOf: (path: string) => string | undefined
}) {
  const setTaint = (i: number, change: Partial<DraftTaint>, field: string) =>
    onChange(
      taints.map((t, j) => (j === i ? { ...t, ...change } : t)),
      `${path}.${i}.${field}`,
    )
  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend">Taints</legend>
      {taints.map((taint, i) => (
        <fieldset key={i} className="fieldset taint-row">
          <legend className="fieldset__legend">Taint {i + 1}</legend>
          <TextField
            label="Key"
            value={taint.key}
            onChange={(e) => setTaint(i, { key: e.target.value }, 'key')}
            error={errorOf(`${path}.${i}.key`)}
          />
          <TextField
            label="Value"
            value={taint.value}
            onChange={(e) => setTaint(i, { value: e.target.value }, 'value')}
            error={errorOf(`${path}.${i}.value`)}
          />
          <Select
            label="Effect"
            options={taintEffects.map((effect) => ({ value: effect, label: effect }))}
            value={taint.effect}
            onChange={(e) => setTaint(i, { effect: e.target.value as TaintEffect }, 'effect')}
            error={errorOf(`${path}.${i}.effect`)}
          />
          <Button
            variant="ghost"
            onClick={() =>
              onChange(
                taints.filter((_, j) => j !== i),
                path,
              )
            }
          >
            Remove taint {i + 1}
          </Button>
        </fieldset>
      ))}
      {errorOf(path) ? <p className="field__error">{errorOf(path)}</p> : null}
      <div>
        <Button onClick={() => onChange([...taints, { key: '', value: '', effect: 'NoSchedule' }], path)}>
          + Add Taint
        </Button>
      </div>
    </fieldset>
  )
}
