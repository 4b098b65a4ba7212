import type { AwsVpcItem } from '@console/contracts'
import { Select } from '../../../ui/select.tsx'
import type { AwsDraft, AwsDraftPool } from '../utils/aws-draft.ts'
import { AwsPlacementFields } from './aws-placement-fields.tsx'
import type { StepProps } from './step-props.ts'

/** Seed 004: the tags load balancers discover a static placement's subnets by. */
const publicSubnetTags = [
  'kubernetes.io/role/elb = 1',
  'sigs.k8s.io/cluster-api-provider-aws/role = public',
  'kubernetes.io/cluster/[ClusterName] = shared',
  'sigs.k8s.io/cluster-api-provider-aws/cluster/[ClusterName] = owned',
]
const privateSubnetTags = ['kubernetes.io/role/internal-elb = 1', 'kubernetes.io/cluster/[ClusterName] = shared']

/** The subnet a pool's first zone has (what the Control plane Subnet / Worker Network drop-down shows). */
const firstSubnet = (pool: AwsDraftPool | undefined) => (pool?.azs[0] ? (pool.subnetIds[pool.azs[0]] ?? '') : '')

/**
 * A subnet chosen for a pool in Cluster Config: it becomes the subnet of the pool's first zone (its
 * zone replacing the first one); more zones and their subnets are chosen in Nodes Config.
 */
function withFirstSubnet(pool: AwsDraftPool, vpc: AwsVpcItem | undefined, subnetId: string): AwsDraftPool {
  const [first, ...rest] = pool.azs
  const subnetIds = { ...pool.subnetIds }
  if (first) delete subnetIds[first]
  const subnet = vpc?.subnets.find((s) => s.subnetId === subnetId)
  if (!subnet) return { ...pool, subnetIds }
  return {
    ...pool,
    azs: [subnet.az, ...rest.filter((az) => az !== subnet.az)],
    subnetIds: { ...subnetIds, [subnet.az]: subnet.subnetId },
  }
}

/**
 * AWS IaaS **Cluster Config**: the AWS placement (Region, SSH Key Pair Name, Static Placement with its
 * **Virtual Network**, **Control plane Subnet** and **Worker Network**, and a reminder of the subnet
 * tags load balancers need), and **Update Worker Pools in parallel**.
 */
export function AwsClusterConfigStep({
  draft,
  update,
  errorOf,
  warningOf,
}: StepProps<AwsDraft> & { warningOf: (path: string) => string | undefined }) {
  const workerIndexes = draft.pools.flatMap((p, i) => (p.isControlPlane ? [] : [i]))
  const controlPlane = draft.pools.findIndex((p) => p.isControlPlane)
  const subnetOptions = (vpc: AwsVpcItem | undefined) =>
    (vpc?.subnets ?? []).map((s) => ({
      value: s.subnetId,
      label: `${s.name || s.subnetId} (${s.subnetId}, ${s.az}, ${s.isPrivate ? 'private' : 'public'})`,
    }))
  const pathOf = (i: number) => `spec.machinepoolconfig.${i}.cloudConfig.subnets`
  const errorsOf = (indexes: number[]) => indexes.map((i) => errorOf(pathOf(i), true)).find(Boolean)
  const warningsOf = (indexes: number[]) => [
    ...new Set(indexes.map((i) => warningOf(`${pathOf(i)}.0.id`)).filter((w): w is string => Boolean(w))),
  ]
  const warnings = (indexes: number[]) =>
    warningsOf(indexes).map((w) => (
      <p key={w} className="field__hint field__warning">
        {w}
      </p>
    ))

  return (
    <div className="form-grid">
      <AwsPlacementFields
        draft={draft}
        update={update}
        errorOf={errorOf}
        staticFields={(vpc) => (
          <>
            <Select
              label="Control plane Subnet"
              placeholder={vpc ? 'Select a subnet' : 'Choose a Virtual Network first'}
              options={subnetOptions(vpc)}
              value={firstSubnet(draft.pools[controlPlane])}
              onChange={(e) =>
                update(
                  {
                    pools: draft.pools.map((p, i) =>
                      i === controlPlane ? withFirstSubnet(p, vpc, e.target.value) : p,
                    ),
                  },
                  pathOf(controlPlane),
                )
              }
              error={errorsOf([controlPlane])}
            />
            {warnings([controlPlane])}
            <Select
              label="Worker Network"
              placeholder={vpc ? 'Select a subnet' : 'Choose a Virtual Network first'}
              options={subnetOptions(vpc)}
              value={firstSubnet(draft.pools[workerIndexes[0] ?? -1])}
              onChange={(e) =>
                update(
                  { pools: draft.pools.map((p) => (p.isControlPlane ? p : withFirstSubnet(p, vpc, e.target.value))) },
                  pathOf(workerIndexes[0] ?? 1),
                )
              }
              error={errorsOf(workerIndexes)}
            />
            {warnings(workerIndexes)}
            <div className="field__hint" role="note" aria-label="Subnet tags">
              <p>
                Each pool takes its first zone's subnet from here; add zones, and a subnet for each, in Nodes Config.
                Load balancers find the subnets by their tags. A public subnet needs:
              </p>
              <ul>
                {publicSubnetTags.map((t) => (
                  <li key={t}>
                    <code>{t}</code>
                  </li>
                ))}
              </ul>
              <p>A private subnet needs:</p>
              <ul>
                {privateSubnetTags.map((t) => (
                  <li key={t}>
                    <code>{t}</code>
                  </li>
                ))}
              </ul>
            </div>
          </>
        )}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.updateWorkerPoolsInParallel}
          onChange={(e) =>
            update({ updateWorkerPoolsInParallel: e.target.checked }, 'spec.clusterConfig.updateWorkerPoolsInParallel')
          }
        />{' '}
        Update Worker Pools in parallel
      </label>
    </div>
  )
}
