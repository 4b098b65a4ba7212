import { ROLLING_UPDATE_LABELS, type RollingUpdate } from '@console/contracts'
import { useStaticPlacementVpc } from '../hooks/use-eks-inventory.ts'
import { type AwsDraft, type AwsDraftPool, newAwsWorkerPool } from '../utils/aws-draft.ts'
import { AddWorkerPool, Ec2NodePoolFields, PoolNumberField } from './ec2-node-pool-fields.tsx'
import type { StepProps } from './step-props.ts'

const rollingUpdates = Object.entries(ROLLING_UPDATE_LABELS) as ReadonlyArray<[RollingUpdate, string]>

/**
 * AWS IaaS **Nodes Config**: the master pool (**Size** 1, 3 or 5, **Allow worker capability**) and the
 * worker pools, each an EC2 pool with **Rolling Update**; **+ Add Worker Pool** adds one.
 */
export function AwsNodesConfigStep({
  draft,
  update,
  errorOf,
  warningOf,
}: StepProps<AwsDraft> & { warningOf: (path: string) => string | undefined }) {
  const vpc = useStaticPlacementVpc(draft)
  const setPool = (i: number, next: AwsDraftPool, path: string) =>
    update({ pools: draft.pools.map((p, j) => (j === i ? next : p)) }, path)

  return (
    <div className="stack">
      {draft.pools.map((pool, i) => {
        const base = `spec.machinepoolconfig.${i}`
        const workerNumber = draft.pools.slice(0, i).filter((p) => !p.isControlPlane).length + 1
        const legend = pool.isControlPlane ? 'Master pool' : `Worker pool ${workerNumber}`
        return (
          <Ec2NodePoolFields
            key={i}
            index={i}
            pool={pool}
            legend={legend}
            account={draft.cloudAccountUid}
            region={draft.region}
            vpc={vpc}
            staticPlacement={draft.staticPlacement}
            errorOf={errorOf}
            warningOf={warningOf}
            canBid={!pool.isControlPlane}
            onChange={(next, path) => setPool(i, next, path)}
            onRemove={
              pool.isControlPlane
                ? undefined
                : () => update({ pools: draft.pools.filter((_, j) => j !== i) }, 'spec.machinepoolconfig')
            }
            extra={
              <fieldset className="fieldset">
                <legend className="fieldset__legend">Rolling Update</legend>
                {rollingUpdates.map(([value, label]) => (
                  <label key={value} className="radio">
                    <input
                      type="radio"
                      name={`rolling-update-${i}`}
                      value={value}
                      checked={pool.updateStrategy === value}
                      onChange={() =>
                        setPool(i, { ...pool, updateStrategy: value }, `${base}.poolConfig.updateStrategy`)
                      }
                    />{' '}
                    {label}
                  </label>
                ))}
              </fieldset>
            }
          >
            <PoolNumberField
              label="Size"
              value={pool.size}
              min={pool.isControlPlane ? 1 : 0}
              path={`${base}.poolConfig.size`}
              onChange={(size, path) => setPool(i, { ...pool, size }, path)}
              errorOf={errorOf}
            />
            {pool.isControlPlane ? (
              <div>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={pool.useControlPlaneAsWorker}
                    onChange={(e) =>
                      setPool(
                        i,
                        { ...pool, useControlPlaneAsWorker: e.target.checked },
                        `${base}.poolConfig.useControlPlaneAsWorker`,
                      )
                    }
                  />{' '}
                  Allow worker capability
                </label>
                <p className="field__hint">
                  The master pool has 1, 3 or 5 nodes; with this, workloads run on them too.
                </p>
              </div>
            ) : null}
          </Ec2NodePoolFields>
        )
      })}
      <AddWorkerPool
        error={errorOf('spec.machinepoolconfig')}
        onAdd={() => update({ pools: [...draft.pools, newAwsWorkerPool(draft.pools.length)] })}
      />
    </div>
  )
}
