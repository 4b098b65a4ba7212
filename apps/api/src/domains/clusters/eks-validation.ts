import { checkEksInventory, type EksClusterCreate, eksClusterCreateSchema, isNonPublicRange } from '@console/contracts'
import type { AwsCredentials } from '@console/providers'
import type { RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { loadAwsInventory, warnPublicNodeSubnets } from './aws-inventory.ts'
import {
  arr,
  type ClusterKind,
  type ClusterValidationResult,
  dotted,
  obj,
  type Problems,
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
  const loaded = await loadAwsInventory(deps, credentials, body, errors)
  if (!loaded) return
  for (const problem of checkEksInventory(body, loaded.inventory))
    errors.push({ path: dotted(problem.path), message: problem.message })

  const access = obj(obj(obj(body.spec).cloudConfig).endpointAccess)
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
  warnPublicNodeSubnets(body, loaded.vpc, warnings)
}
