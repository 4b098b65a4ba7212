import {
  type AwsClusterCreate,
  awsClusterCreateSchema,
  checkAwsInventory,
  checkAwsLoadBalancerTags,
} from '@console/contracts'
import type { AwsCredentials } from '@console/providers'
import type { Deps } from '../../lib/deps.ts'
import { loadAwsInventory, warnPublicNodeSubnets } from './aws-inventory.ts'
import { type ClusterKind, dotted, type Problems } from './cluster-validation.ts'

/** AWS IaaS clusters (cloud type `aws`: EC2 control plane and workers) on AWS accounts, from AWS profiles. */
export const awsClusterKind: ClusterKind<AwsClusterCreate, AwsCredentials> = {
  cloudType: 'aws',
  path: 'aws',
  label: 'AWS',
  accountCloudType: 'aws',
  accountNoun: 'an AWS',
  profileNoun: 'an AWS',
  schema: awsClusterCreateSchema,
  checkPlacement,
}

/**
 * The placement against the account's AWS inventory in the chosen region (the contract's
 * checkAwsInventory: VPC, key pair, zones, static subnets in the VPC and in their zone, instance type
 * offered in every zone of its pool), plus warnings the cloud would not refuse: static subnets without
 * the load balancer discovery tags (seed 004) and public subnets chosen for nodes.
 */
async function checkPlacement({
  deps,
  credentials,
  body,
  problems: { errors, warnings },
}: {
  deps: Deps
  credentials: AwsCredentials
  body: Record<string, unknown>
  problems: Problems
}) {
  const loaded = await loadAwsInventory(deps, credentials, body, errors)
  if (!loaded) return
  for (const problem of checkAwsInventory(body, loaded.inventory))
    errors.push({ path: dotted(problem.path), message: problem.message })
  warnPublicNodeSubnets(body, loaded.vpc, warnings)
  for (const problem of checkAwsLoadBalancerTags(body, loaded.inventory))
    warnings.push({ path: dotted(problem.path), message: problem.message })
}
