/**
 * Test support for the cluster driver contract suite (driver-contract.test.ts): one entry per cluster
 * driver, saying how to build a small but real cluster of that cloud against the fake clouds, which of
 * the fake's resources belong to it, how to throttle that cloud, how to make its first create call fail
 * for good, and which ledger writes to lose to stand for a restart.
 */
import type { AdminResourceView, FakeClouds } from '@console/fake-clouds'
import { IAAS_KEYS } from './aws-iaas/aws-iaas-spec.ts'
import { clusterResources, iaasSpec, iaasWork } from './aws-iaas/aws-iaas-test-support.ts'
import type { AwsCredentials, TencentCredentials } from './cloud-provider.ts'
import type { ClusterWork, ResourceLedger } from './cluster-driver.ts'
import { seededAccounts } from './contract-cases.ts'
import type { Providers } from './create-providers.ts'
import { LEDGER_KEYS as EKS_KEYS } from './eks/eks-pass.ts'
import { eksSpec, eksWork } from './eks/eks-test-support.ts'
import { OWNER_TAG } from './ownership.ts'
import { LEDGER_KEYS as TKE_KEYS } from './tencent/tke-pass.ts'
import { clusterWork, createdResources, regionInventory, tkeSpec } from './tencent/tke-test-support.ts'

/** A fault as POST /_admin/faults takes it. */
export interface FaultSpec {
  cloud: 'tencent' | 'aws'
  action: string
  errorCode?: string
  errorRate?: number
}

/** A ClusterWork of any driver, its reports collected. */
export type ContractWork = ClusterWork<unknown, unknown> & { events: string[]; warnings: string[] }

/** What a case needs of the running fake. */
export interface DriverEnv {
  fake: FakeClouds
  providers: Providers
}

export interface DriverCase {
  cloud: 'tencent' | 'aws' | 'eks'
  /** The cluster the cases build: the seeded full-permission account, a small spec of this cloud. */
  work(env: DriverEnv, uid: string, name: string, ledger?: ResourceLedger): Promise<ContractWork>
  /** The fake's resources that belong to the cluster and are not gone. */
  owned(fake: FakeClouds, uid: string, name: string): Promise<AdminResourceView[]>
  /** What the converged cluster of `work` is made of, per resource type. */
  counts: Record<string, number>
  /** Throttles the given share of every call of this cloud. */
  throttle(rate: number): FaultSpec[]
  /** Makes the create call of the cluster's first own resource fail for good. */
  refusal: {
    fault: FaultSpec
    /** The step the CloudError's message must start with. */
    step: RegExp
    /** The resource type that call would have made: it must not exist afterwards. */
    refusedType: string
  }
  /** The ledger keys of the driver's main resources, whose `created` write a restart loses. */
  mainKeys(work: ContractWork): string[]
}

/** Resources on their way out that the cloud still lists for a while. */
const GONE_STATES = new Set(['terminated', 'deleted'])

const tencentRegion = 'ap-guangzhou'

function tencentCredentials(fake: FakeClouds): TencentCredentials {
  const { full } = seededAccounts(fake, 'tencent')
  return { secretId: full.id, secretKey: full.secret }
}

function awsCredentials(fake: FakeClouds): AwsCredentials {
  const { full } = seededAccounts(fake, 'aws')
  return { credentialType: 'secret', accessKey: full.id, secretKey: full.secret, partition: 'aws' }
}

/** TKE: a managed cluster in the seeded VPC, its public endpoint, one node pool of one instance. */
export const tkeDriverCase: DriverCase = {
  cloud: 'tencent',
  async work({ providers, fake }, uid, name, ledger) {
    const credentials = tencentCredentials(fake)
    const inv = await regionInventory(providers, credentials, tencentRegion)
    const spec = tkeSpec(inv, [{ name: 'worker-pool', size: 1 }])
    return clusterWork({ clusterUid: uid, clusterName: name, credentials, spec, ledger }) as ContractWork
  },
  async owned(fake, uid, name) {
    // Endpoints carry no tags in TKE: they are the cluster's, named after it.
    return (await createdResources(fake, tencentRegion)).filter(
      (r) =>
        !GONE_STATES.has(r.state) &&
        (r.tags[OWNER_TAG] === uid || (r.type === 'tke.endpoint' && r.name.startsWith(`${name} `))),
    )
  },
  counts: { 'tke.cluster': 1, 'tke.endpoint': 1, 'tke.nodepool': 1, 'cvm.instance': 1 },
  throttle: (rate) => [{ cloud: 'tencent', action: '*', errorCode: 'RequestLimitExceeded', errorRate: rate }],
  refusal: {
    fault: { cloud: 'tencent', action: 'CreateCluster', errorCode: 'LimitExceeded' },
    step: /^Creating TKE cluster: /,
    refusedType: 'tke.cluster',
  },
  mainKeys: () => [TKE_KEYS.cluster, TKE_KEYS.endpoint, TKE_KEYS.nodePool('worker-pool')],
}

const iaasRegion = 'us-east-1'

/** AWS IaaS: a dynamic VPC in one zone, bastion, one control plane node behind the load balancer, one worker. */
export const awsIaasDriverCase: DriverCase = {
  cloud: 'aws',
  async work({ fake }, uid, name, ledger) {
    const spec = iaasSpec({
      name,
      region: iaasRegion,
      pools: [
        { name: 'cp', size: 1, controlPlane: true, azs: ['us-east-1a'] },
        { name: 'workers', size: 1, azs: ['us-east-1a'] },
      ],
    })
    return iaasWork({ clusterUid: uid, clusterName: name, credentials: awsCredentials(fake), spec, ledger })
  },
  owned: clusterResources,
  counts: {
    'ec2.vpc': 1,
    'ec2.internet-gateway': 1,
    'ec2.subnet': 2,
    'ec2.route-table': 2,
    'ec2.address': 1,
    'ec2.nat-gateway': 1,
    'ec2.security-group': 3,
    // Bastion, control plane node, worker.
    'ec2.instance': 3,
    'elb.load-balancer': 1,
    'elb.target-group': 1,
  },
  throttle: (rate) => [{ cloud: 'aws', action: '*', errorCode: 'RequestLimitExceeded', errorRate: rate }],
  refusal: {
    // The first instance of the cluster is the bastion.
    fault: { cloud: 'aws', action: 'RunInstances', errorCode: 'InstanceLimitExceeded' },
    step: /^Creating bastion host: /,
    refusedType: 'ec2.instance',
  },
  mainKeys(work) {
    const [cp, workers] = (work.spec as ReturnType<typeof iaasSpec>).machinepoolconfig
    return [
      IAAS_KEYS.vpc,
      IAAS_KEYS.securityGroup('controlplane'),
      IAAS_KEYS.bastion,
      IAAS_KEYS.instance(cp!, 0),
      IAAS_KEYS.targetGroup,
      IAAS_KEYS.loadBalancer,
      IAAS_KEYS.instance(workers!, 0),
    ]
  },
}

const eksRegion = 'us-west-2'

/** EKS: a dynamic VPC over two zones, the cluster, one node group of one node. */
export const eksDriverCase: DriverCase = {
  cloud: 'eks',
  async work({ fake }, uid, name, ledger) {
    const spec = eksSpec({
      region: eksRegion,
      pools: [{ name: 'workers', size: 1, azs: ['us-west-2a', 'us-west-2b'] }],
    })
    return eksWork({ clusterUid: uid, clusterName: name, credentials: awsCredentials(fake), spec, ledger })
  },
  owned: clusterResources,
  counts: {
    'ec2.vpc': 1,
    'ec2.internet-gateway': 1,
    'ec2.subnet': 4,
    'ec2.route-table': 3,
    'ec2.address': 2,
    'ec2.nat-gateway': 2,
    // The console's group, and the one EKS makes for the cluster.
    'ec2.security-group': 2,
    'eks.cluster': 1,
    'eks.nodegroup': 1,
    'ec2.instance': 1,
  },
  throttle: (rate) => [{ cloud: 'aws', action: '*', errorCode: 'RequestLimitExceeded', errorRate: rate }],
  refusal: {
    fault: { cloud: 'aws', action: 'CreateCluster', errorCode: 'ResourceLimitExceededException' },
    step: /^Creating EKS cluster: /,
    refusedType: 'eks.cluster',
  },
  mainKeys: () => [
    EKS_KEYS.vpc,
    EKS_KEYS.natGateway('us-west-2a'),
    EKS_KEYS.securityGroup,
    EKS_KEYS.cluster,
    EKS_KEYS.nodegroup('workers'),
  ],
}

export const DRIVER_CASES: DriverCase[] = [tkeDriverCase, awsIaasDriverCase, eksDriverCase]
