import {
  type AwsClusterCreate,
  awsClusterCreateSchema,
  checkAwsInventory,
  checkAwsLoadBalancerTags,
} from '@console/contracts'
import { type AwsCredentials, kubernetesVersion } from '@console/providers'
import type { Deps } from '../../lib/deps.ts'
import { loadAwsInventory, warnPublicNodeSubnets } from './aws-inventory.ts'
import {
  type ClusterKind,
  cloudProblem,
  dotted,
  type EffectiveLayer,
  type Problem,
  type Problems,
} from './cluster-validation.ts'

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
 * the load balancer discovery tags (seed 004) and public subnets chosen for nodes. Also that the region
 * publishes a Cluster API node image of the profile's Kubernetes version, which the driver boots every
 * node from.
 */
async function checkPlacement({
  deps,
  credentials,
  body,
  layers,
  problems: { errors, warnings },
}: {
  deps: Deps
  credentials: AwsCredentials
  body: Record<string, unknown>
  layers: EffectiveLayer[]
  problems: Problems
}) {
  const loaded = await loadAwsInventory(deps, credentials, body, errors)
  if (!loaded) return
  await checkNodeImage(deps, credentials, loaded.inventory.region, layers, errors)
  for (const problem of checkAwsInventory(body, loaded.inventory))
    errors.push({ path: dotted(problem.path), message: problem.message })
  warnPublicNodeSubnets(body, loaded.vpc, warnings)
  for (const problem of checkAwsLoadBalancerTags(body, loaded.inventory))
    warnings.push({ path: dotted(problem.path), message: problem.message })
}

/**
 * The driver boots every node from the newest Cluster API node image of the profile's Kubernetes version
 * in the region (the k8s layer's tag, read as the driver reads it) and the create ends in Error without
 * one: say so up front, on the profile (its version is what has to change). The answer is cached with the
 * rest of the inventory, so repeated validates do not ask AWS each time. A profile without a Kubernetes
 * version, or one refused already, is left to the profile's own checks.
 */
async function checkNodeImage(
  deps: Deps,
  credentials: AwsCredentials,
  region: string,
  layers: EffectiveLayer[],
  errors: Problem[],
) {
  const version = kubernetesVersion({
    profiles: [{ uid: '', packValues: layers.map((l) => ({ name: l.name, tag: l.tag, values: l.values })) }],
  })
  const path = 'spec.profiles.0.uid'
  // A profile refused already (another cloud's, a draft, …) is to be replaced, not its version.
  if (!version || errors.some((e) => e.path === path)) return
  try {
    const images = await deps.providers.aws.listNodeImages(credentials, region, version)
    if (images.length === 0)
      errors.push({
        path,
        message: `No Cluster API node image for Kubernetes ${version} is published in ${region}; choose a profile with another Kubernetes version`,
      })
  } catch (error) {
    errors.push({ path, message: cloudProblem(`the node images of Kubernetes ${version}`, error) })
  }
}
