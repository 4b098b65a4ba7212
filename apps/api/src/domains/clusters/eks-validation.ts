import { checkEksInventory, type EksClusterCreate, eksClusterCreateSchema, isNonPublicRange } from '@console/contracts'
import type { AwsCredentials } from '@console/providers'
import type { RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import {
  arr,
  type ClusterKind,
  type ClusterValidationResult,
  cloudProblem,
  dotted,
  obj,
  type Problems,
  str,
  validateClusterBody,
} from './cluster-validation.ts'

/** Amazon EKS clusters (cloud type `eks`) on AWS accounts, from EKS profiles. */
export const eksClusterKind: ClusterKind<EksClusterCreate, AwsCredentials> = {
  cloudType: 'eks',
  path: 'eks',
  label: 'EKS',
  accountCloudType: 'aws',
  accountNoun: 'an AWS',
  profileNoun: 'an EKS',
  schema: eksClusterCreateSchema,
  checkPlacement: ({ deps, credentials, body, problems }) => checkPlacement(deps, credentials, body, problems),
}

/** Every problem of an EKS create body at once (see validateClusterBody). */
export function validateEksCluster(
  deps: Deps,
  ctx: RequestContext,
  input: unknown,
): Promise<ClusterValidationResult<EksClusterCreate>> {
  return validateClusterBody(deps, ctx, eksClusterKind, input)
}

/**
 * The placement against the account's AWS inventory in the chosen region (the contract's
 * checkEksInventory: VPC, key pair, zones, static subnets in the VPC and in their zone, instance type
 * offered in every zone of its pool), plus warnings the cloud would not refuse.
 */
async function checkPlacement(
  deps: Deps,
  credentials: AwsCredentials,
  body: Record<string, unknown>,
  { errors, warnings }: Problems,
) {
  const aws = deps.providers.aws
  const spec = obj(body.spec)
  const cloudConfig = obj(spec.cloudConfig)
  const region = str(cloudConfig.region)
  if (!region) return
  try {
    const regions = await aws.listRegions(credentials)
    if (!regions.some((r) => r.name === region)) {
      errors.push({ path: 'spec.cloudConfig.region', message: `Region ${region} is not available to this account` })
      return
    }
  } catch (error) {
    errors.push({ path: 'spec.cloudAccountUid', message: cloudProblem('the regions', error) })
    return
  }
  const settle = <T>(what: string, path: string, run: () => Promise<T>) =>
    run().catch((error) => {
      errors.push({ path, message: cloudProblem(what, error) })
      return undefined
    })
  const staticVpc = str(cloudConfig.vpcId)
  const [zones, vpcs, keyPairs, instanceTypes] = await Promise.all([
    settle('the Availability Zones', 'spec.cloudConfig.region', () => aws.listZones(credentials, region)),
    staticVpc ? settle('the VPCs', 'spec.cloudConfig.vpcId', () => aws.listVpcs(credentials, region)) : undefined,
    str(cloudConfig.sshKeyName)
      ? settle('the key pairs', 'spec.cloudConfig.sshKeyName', () => aws.listKeyPairs(credentials, region))
      : undefined,
    settle('the instance types', 'spec.machinepoolconfig', () => aws.listInstanceTypes(credentials, { region })),
  ])
  const inventory = {
    region,
    zones: zones?.map((z) => z.name),
    vpcs,
    keyPairs: keyPairs?.map((k) => k.name),
    instanceTypes,
  }
  for (const problem of checkEksInventory(body, inventory))
    errors.push({ path: dotted(problem.path), message: problem.message })

  const access = obj(cloudConfig.endpointAccess)
  const publicCidrs = arr(access.publicCIDRs).filter((c): c is string => typeof c === 'string')
  if (access.public === false && publicCidrs.length > 0) {
    warnings.push({
      path: 'spec.cloudConfig.endpointAccess.publicCIDRs',
      message: 'Public Access CIDRs are ignored without public endpoint access',
    })
  }
  publicCidrs.forEach((cidr, i) => {
    if (isNonPublicRange(cidr))
      warnings.push({
        path: `spec.cloudConfig.endpointAccess.publicCIDRs.${i}`,
        message: `${cidr} is a private range: the public endpoint only sees public source addresses`,
      })
  })
  // Seed 004: nodes belong in private subnets, reaching out through NAT.
  const vpc = staticVpc ? vpcs?.find((v) => v.vpcId === staticVpc) : undefined
  arr(spec.machinepoolconfig).forEach((entry, i) => {
    arr(obj(obj(entry).cloudConfig).subnets).forEach((choice, j) => {
      const subnet = vpc?.subnets.find((s) => s.subnetId === obj(choice).id)
      if (subnet && !subnet.isPrivate)
        warnings.push({
          path: `spec.machinepoolconfig.${i}.cloudConfig.subnets.${j}.id`,
          message: `Subnet ${subnet.subnetId} gives instances public IP addresses: nodes are usually placed in private subnets`,
        })
    })
  })
}
