import { useStaticPlacementVpc } from '../hooks/use-eks-inventory.ts'
import { type EksDraft, newEksPool } from '../utils/eks-draft.ts'
import { AddWorkerPool, Ec2NodePoolFields, PoolNumberField } from './ec2-node-pool-fields.tsx'
import type { StepProps } from './step-props.ts'

const sizes: ReadonlyArray<[key: 'minSize' | 'maxSize' | 'size', label: string, min: number]> = [
  ['minSize', 'Minimum Size', 0],
  ['maxSize', 'Maximum Size', 1],
  ['size', 'Desired Size', 0],
]

/** EKS **Nodes Config**: the node pools (EKS managed node groups); **+ Add Worker Pool** adds one. */
export function EksNodesConfigStep({ draft, update, errorOf }: StepProps<EksDraft>) {
  const vpc = useStaticPlacementVpc(draft)
  return (
    <div className="stack">
      {draft.pools.map((pool, i) => (
        <Ec2NodePoolFields
          key={i}
          index={i}
          pool={pool}
          legend={`Worker pool ${i + 1}`}
          account={draft.cloudAccountUid}
          region={draft.region}
          vpc={vpc}
          staticPlacement={draft.staticPlacement}
          errorOf={errorOf}
          onChange={(next, path) => update({ pools: draft.pools.map((p, j) => (j === i ? next : p)) }, path)}
          onRemove={
            draft.pools.length > 1
              ? () => update({ pools: draft.pools.filter((_, j) => j !== i) }, 'spec.machinepoolconfig')
              : undefined
          }
        >
          {sizes.map(([key, label, min]) => (
            <PoolNumberField
              key={key}
              label={label}
              value={pool[key]}
              min={min}
              path={`spec.machinepoolconfig.${i}.poolConfig.${key}`}
              onChange={(value, path) =>
                update({ pools: draft.pools.map((p, j) => (j === i ? { ...p, [key]: value } : p)) }, path)
              }
              errorOf={errorOf}
            />
          ))}
        </Ec2NodePoolFields>
      ))}
      <AddWorkerPool
        error={errorOf('spec.machinepoolconfig')}
        onAdd={() => update({ pools: [...draft.pools, newEksPool(draft.pools.length)] })}
      />
    </div>
  )
}
