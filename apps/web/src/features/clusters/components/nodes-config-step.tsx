import { Button } from '../../../ui/button.tsx'
import { useTencentVpcs } from '../hooks/use-tke-inventory.ts'
import { newDraftPool, type TkeDraft } from '../utils/tke-draft.ts'
import type { StepProps } from './step-props.ts'
import { WorkerPoolFields } from './worker-pool-fields.tsx'

export function NodesConfigStep({ draft, update, errorOf }: StepProps<TkeDraft>) {
  const vpcs = useTencentVpcs(draft.cloudAccountUid, draft.region)
  const vpc = vpcs.data?.find((v) => v.vpcId === draft.vpcId)
  const poolsError = errorOf('spec.machinepoolconfig')
  return (
    <div className="stack">
      {draft.pools.map((pool, i) => (
        <WorkerPoolFields
          key={i}
          index={i}
          pool={pool}
          account={draft.cloudAccountUid}
          region={draft.region}
          vpc={vpc}
          errorOf={errorOf}
          onChange={(next, path) => update({ pools: draft.pools.map((p, j) => (j === i ? next : p)) }, path)}
          onRemove={
            draft.pools.length > 1
              ? () => update({ pools: draft.pools.filter((_, j) => j !== i) }, 'spec.machinepoolconfig')
              : undefined
          }
        />
      ))}
      {poolsError ? <p className="field__error">{poolsError}</p> : null}
      <div>
        <Button onClick={() => update({ pools: [...draft.pools, newDraftPool(draft.pools.length)] })}>
          + Add Worker Pool
        </Button>
      </div>
    </div>
  )
}
