import type { AwsCalls } from '../aws/aws-calls.ts'
import { NETWORK_KEYS } from '../aws/network.ts'
import type { AwsCredentials } from '../cloud-provider.ts'
import type { ClusterWork } from '../cluster-driver.ts'
import type { EksProfileSettings, EksSpec } from './eks-spec.ts'

/** Everything one reconcile pass of an EKS cluster works with. */
export interface EksPass {
  work: ClusterWork<AwsCredentials, EksSpec>
  calls: AwsCalls
  region: string
  /** The EKS cluster's name (the console cluster's name). */
  name: string
  settings: EksProfileSettings
  /** See ReportingPass in driver-steps.ts. */
  lastReported: Map<string, string>
}

/** Ledger keys of the EKS driver (also carried by each EC2 resource as its `console-resource-key` tag). */
export const LEDGER_KEYS = {
  ...NETWORK_KEYS,
  securityGroup: 'sg',
  cluster: 'cluster',
  nodegroup: (name: string) => `nodegroup/${name}`,
} as const
