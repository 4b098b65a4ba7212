import { type Cluster, CreateClusterCommand, DeleteClusterCommand, DescribeClusterCommand } from '@aws-sdk/client-eks'
import { awsCode, createAwsCalls, isAwsGone } from '../aws/aws-calls.ts'
import type { AwsEndpoint, AwsSession } from '../aws/aws-session.ts'
import { deletePlacement } from '../aws/network-delete.ts'
import type { CallPolicy } from '../call-policy.ts'
import type { AwsCredentials } from '../cloud-provider.ts'
import type { ClusterDriver, ClusterWork, ReconcileResult } from '../cluster-driver.ts'
import { forgetReports, inStep, recordFound, reportChange } from '../driver-steps.ts'
import { CloudError } from '../errors.ts'
import { OWNER_TAG } from '../ownership.ts'
import { type EksPlacement, ensurePlacement } from './eks-network.ts'
import { deleteNodegroups, reconcileNodegroups } from './eks-nodegroups.ts'
import { type EksPass, LEDGER_KEYS } from './eks-pass.ts'
import {
  createClusterRequest,
  EKS_CONTROL_PLANE_ROLE,
  type EksSpec,
  readEksProfileSettings,
  roleArn,
} from './eks-spec.ts'

/** How the EKS driver reaches AWS. */
export interface EksClusterDriverOptions {
  endpoint: AwsEndpoint
  policy: CallPolicy
  /** Turns an account's credentials into keys (assuming its role for STS accounts). */
  session: AwsSession
  /** The `retryAfterMs` of a waiting pass; default 5000 (the engine may scale it). */
  pollIntervalMs?: number
}

/** The work the engine hands the EKS driver. */
export type EksClusterWork = ClusterWork<AwsCredentials, EksSpec>

/**
 * Amazon EKS clusters: the placement (a dynamic VPC with its subnets, gateways and route tables, or the
 * chosen VPC and subnets), the console's security group, the EKS cluster (named after the console
 * cluster, with the chosen endpoint access), then one managed node group per node pool. Every resource
 * carries the ownership tag `console-cluster-uid=<clusterUid>` (EC2 resources also their ledger key),
 * so a pass that lost the ledger's `created` write finds the resource again instead of creating a
 * second one; EKS names and client request tokens make cluster and node group creates idempotent.
 */
export class EksClusterDriver implements ClusterDriver<AwsCredentials, EksSpec> {
  readonly cloudType = 'eks' as const
  private readonly pollIntervalMs: number
  private readonly lastReported = new Map<string, string>()

  constructor(private readonly options: EksClusterDriverOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 5000
  }

  /** Placement → EKS cluster ACTIVE → node groups ACTIVE. */
  async reconcileCreate(work: EksClusterWork): Promise<ReconcileResult> {
    return this.withPass(work, async (pass) => {
      const placement = await ensurePlacement(pass)
      const cluster = await this.ensureCluster(pass, placement)
      if (cluster.status !== 'ACTIVE') {
        if (cluster.status === 'FAILED' || cluster.status === 'DELETING') {
          throw new CloudError({
            kind: 'InvalidRequest',
            cloud: 'aws',
            cloudCode: cluster.health?.issues?.[0]?.code ?? cluster.status,
            message: `Waiting for EKS cluster: ${pass.name} is ${cluster.status}${describeIssues(cluster)}.`,
          })
        }
        await reportChange(
          pass,
          'cluster',
          'WaitingForCluster',
          `Waiting for EKS cluster to be ACTIVE (status: ${cluster.status ?? 'unknown'})`,
        )
        return this.waiting()
      }
      if (!placement.ready) return this.waiting()
      if (!(await reconcileNodegroups(pass, placement))) return this.waiting()
      forgetReports(this.lastReported, work.clusterUid)
      return { status: 'done' }
    })
  }

  /**
   * Node groups (waiting until they are gone), then the EKS cluster (waiting until it is gone), then
   * what the placement created (see deletePlacement). A cluster of the same name that does not carry
   * this cluster's ownership tag is someone else's and is left alone.
   */
  async reconcileDelete(work: EksClusterWork): Promise<ReconcileResult> {
    return this.withPass(work, async (pass) => {
      const { ledger } = work
      const cluster = await inStep('Looking up EKS cluster', () => this.describeOwned(pass))
      if (cluster) {
        const init = { kind: 'eks.cluster', region: pass.region, name: pass.name }
        if (cluster.status === 'DELETING') {
          const current = await ledger.get(LEDGER_KEYS.cluster)
          if (current?.state !== 'deleting') {
            await recordFound(ledger, LEDGER_KEYS.cluster, init, pass.name, current)
            await ledger.deleting(LEDGER_KEYS.cluster)
          }
          await reportChange(pass, 'delete/cluster', 'DeletingCluster', 'Waiting for EKS cluster to be deleted')
          return this.waiting()
        }
        if (!(await deleteNodegroups(pass))) return this.waiting()
        await recordFound(ledger, LEDGER_KEYS.cluster, init, pass.name)
        await ledger.deleting(LEDGER_KEYS.cluster)
        await reportChange(pass, 'delete/cluster-call', 'DeletingCluster', 'Deleting EKS cluster')
        await inStep('Deleting EKS cluster', async () => {
          try {
            await pass.calls.eks(new DeleteClusterCommand({ name: pass.name }))
          } catch (err) {
            // Still CREATING/UPDATING, or a node group appeared meanwhile: the next pass tries again.
            if (!isAwsGone(err) && awsCode(err) !== 'ResourceInUseException') throw err
          }
        })
        return this.waiting()
      }
      const clusterRow = await ledger.get(LEDGER_KEYS.cluster)
      if (clusterRow && clusterRow.state !== 'deleted') {
        for (const row of await ledger.list())
          if (row.kind.startsWith('eks.') && row.state !== 'deleted') await ledger.deleted(row.key)
        await work.report('ClusterDeleted', 'EKS cluster deleted')
      }
      if (!(await deletePlacement(pass))) return this.waiting()
      const rows = await ledger.list()
      for (const row of rows) if (row.state !== 'deleted') await ledger.deleted(row.key)
      forgetReports(this.lastReported, work.clusterUid)
      return { status: 'done' }
    })
  }

  private async withPass(work: EksClusterWork, run: (pass: EksPass) => Promise<ReconcileResult>) {
    const region = work.spec.cloudConfig.region
    const pass: EksPass = {
      work,
      region,
      name: work.clusterName,
      calls: createAwsCalls(this.options, work.credentials, region),
      settings: readEksProfileSettings(work.spec),
      lastReported: this.lastReported,
    }
    try {
      return await run(pass)
    } finally {
      pass.calls.close()
    }
  }

  private waiting(): ReconcileResult {
    return { status: 'waiting', retryAfterMs: this.pollIntervalMs }
  }

  /** The EKS cluster of this name, when it carries this cluster's ownership tag. */
  private async describeOwned(pass: EksPass): Promise<Cluster | undefined> {
    const cluster = await this.describe(pass)
    return cluster && cluster.tags?.[OWNER_TAG] === pass.work.clusterUid ? cluster : undefined
  }

  private async describe(pass: EksPass): Promise<Cluster | undefined> {
    try {
      return (await pass.calls.eks(new DescribeClusterCommand({ name: pass.name }))).cluster
    } catch (err) {
      if (isAwsGone(err)) return undefined
      throw err
    }
  }

  /**
   * The EKS cluster named after the console cluster: adopted when it carries the ownership tag (a lost
   * `created` write), refused when it belongs to something else, created otherwise (the ledger row's
   * client token makes a retried CreateCluster the same create).
   */
  private async ensureCluster(pass: EksPass, placement: EksPlacement): Promise<Cluster> {
    const { ledger, clusterUid } = pass.work
    const key = LEDGER_KEYS.cluster
    const entry = await ledger.get(key)
    const init = { kind: 'eks.cluster', region: pass.region, name: pass.name }
    const found = await inStep('Waiting for EKS cluster', () => this.describe(pass))
    if (found) {
      if (found.tags?.[OWNER_TAG] !== clusterUid) {
        throw new CloudError({
          kind: 'InvalidRequest',
          cloud: 'aws',
          cloudCode: 'ResourceInUseException',
          message: `Creating EKS cluster: an EKS cluster named ${pass.name} already exists in ${pass.region} and was not created for this cluster; delete this cluster and create it under another name.`,
        })
      }
      if (entry?.state !== 'created') {
        await recordFound(ledger, key, { ...init, attrs: { arn: found.arn } }, pass.name, entry)
      }
      return found
    }
    if (entry?.state === 'created') {
      throw new CloudError({
        kind: 'NotFound',
        cloud: 'aws',
        message: `Waiting for EKS cluster: ${pass.name} no longer exists in ${pass.region}.`,
      })
    }
    const row = entry ?? (await ledger.begin(key, init))
    const step = `Creating EKS cluster ${pass.name}`
    await pass.work.report('CreatingCluster', step)
    const created = await inStep('Creating EKS cluster', async () => {
      const accountId = await pass.calls.accountId()
      const res = await pass.calls.eks(
        new CreateClusterCommand(
          createClusterRequest({
            name: pass.name,
            clusterUid,
            labels: pass.work.labels,
            spec: pass.work.spec,
            settings: pass.settings,
            roleArn: roleArn(pass.work.credentials.partition, accountId, EKS_CONTROL_PLANE_ROLE),
            subnetIds: placement.clusterSubnetIds,
            securityGroupId: placement.securityGroupId,
            clientToken: row.clientToken,
          }),
        ),
      )
      return res.cluster
    })
    await ledger.created(key, { cloudId: pass.name, attrs: { arn: created?.arn } })
    return created ?? { name: pass.name, status: 'CREATING' }
  }
}

function describeIssues(cluster: Cluster): string {
  const issues = (cluster.health?.issues ?? []).map((i) => `${i.code}: ${i.message}`).join('; ')
  return issues ? ` (${issues})` : ''
}
