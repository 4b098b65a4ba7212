import type { AwsCredentials } from '../cloud-provider.ts'
import type { ClusterWork } from '../cluster-driver.ts'
import type { EksCalls } from './eks-call.ts'
import type { EksProfileSettings, EksSpec } from './eks-spec.ts'

/** Everything one reconcile pass of an EKS cluster works with. */
export interface EksPass {
  work: ClusterWork<AwsCredentials, EksSpec>
  calls: EksCalls
  region: string
  /** The EKS cluster's name (the console cluster's name). */
  name: string
  settings: EksProfileSettings
  /** See ReportingPass in driver-steps.ts. */
  lastReported: Map<string, string>
}

/** Ledger keys of the EKS driver (also carried by each EC2 resource as its `console-resource-key` tag). */
export const LEDGER_KEYS = {
  vpc: 'vpc',
  internetGateway: 'igw',
  publicSubnet: (az: string) => `subnet/public/${az}`,
  privateSubnet: (az: string) => `subnet/private/${az}`,
  publicRouteTable: 'rtb/public',
  privateRouteTable: (az: string) => `rtb/private/${az}`,
  address: (az: string) => `eip/${az}`,
  natGateway: (az: string) => `nat/${az}`,
  securityGroup: 'sg',
  cluster: 'cluster',
  nodegroup: (name: string) => `nodegroup/${name}`,
} as const
