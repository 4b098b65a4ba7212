import type { Ec2Inventory } from '@console/contracts'
import type { AwsCredentials, AwsVpc } from '@console/providers'
import type { Deps } from '../../lib/deps.ts'
import { arr, cloudProblem, obj, type Problem, str } from './cluster-validation.ts'

/** The account's AWS inventory in the body's region, as the EC2 rules read it, and the chosen static VPC. */
export interface AwsPlacementInventory {
  inventory: Ec2Inventory
  /** The static placement's VPC when the body names one the region holds. */
  vpc?: AwsVpc
}

/**
 * Reads what the AWS clusters (EKS and IaaS) are checked against, through the providers: the region
 * (answered as an error on `spec.cloudConfig.region` when the account cannot use it), its zones, the
 * VPCs (only with Static Placement), the key pairs (only when one is named) and the instance types
 * with the zones offering them. A list that could not be read is left undefined (not checked) and its
 * failure is an error at the field it serves. Undefined when there is no region to read.
 */
export async function loadAwsInventory(
  deps: Deps,
  credentials: AwsCredentials,
  body: Record<string, unknown>,
  errors: Problem[],
): Promise<AwsPlacementInventory | undefined> {
  const aws = deps.providers.aws
  const cloudConfig = obj(obj(body.spec).cloudConfig)
  const region = str(cloudConfig.region)
  if (!region) return undefined
  try {
    const regions = await aws.listRegions(credentials)
    if (!regions.some((r) => r.name === region)) {
      errors.push({ path: 'spec.cloudConfig.region', message: `Region ${region} is not available to this account` })
      return undefined
    }
  } catch (error) {
    errors.push({ path: 'spec.cloudAccountUid', message: cloudProblem('the regions', error) })
    return undefined
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
  return {
    inventory: {
      region,
      zones: zones?.map((z) => z.name),
      vpcs,
      keyPairs: keyPairs?.map((k) => k.name),
      instanceTypes,
    },
    vpc: staticVpc ? vpcs?.find((v) => v.vpcId === staticVpc) : undefined,
  }
}

/** Seed 004: nodes belong in private subnets, reaching out through NAT; a chosen public subnet warns. */
export function warnPublicNodeSubnets(body: Record<string, unknown>, vpc: AwsVpc | undefined, warnings: Problem[]) {
  if (!vpc) return
  arr(obj(body.spec).machinepoolconfig).forEach((entry, i) => {
    arr(obj(obj(entry).cloudConfig).subnets).forEach((choice, j) => {
      const subnet = vpc.subnets.find((s) => s.subnetId === obj(choice).id)
      if (subnet && !subnet.isPrivate)
        warnings.push({
          path: `spec.machinepoolconfig.${i}.cloudConfig.subnets.${j}.id`,
          message: `Subnet ${subnet.subnetId} gives instances public IP addresses: nodes are usually placed in private subnets`,
        })
    })
  })
}
