import type { ResourceRecord } from '../../core/types.ts'
import { type AwsCall, getResource, listResources, seededId } from '../call.ts'
import { imageId } from '../ec2/images.ts'
import { INSTANCE, launchInstances, terminateInstance } from '../ec2/launch.ts'

/** The EC2 instances a managed nodegroup's Auto Scaling group keeps running, oldest first. */
export function nodegroupInstances(call: AwsCall, ng: ResourceRecord): ResourceRecord[] {
  return listResources(call, INSTANCE)
    .filter(
      (i) =>
        i.tags['eks:cluster-name'] === ng.parentId &&
        i.tags['eks:nodegroup-name'] === ng.name &&
        i.state !== 'shutting-down' &&
        i.state !== 'terminated',
    )
    .sort((a, b) => a.createdAt - b.createdAt)
}

/**
 * Bring the nodegroup's instances to `desired`, as its Auto Scaling group would: new ones spread
 * over the nodegroup's subnets and tagged the way EKS tags them, surplus ones terminated newest first.
 */
export function scaleNodegroupInstances(call: AwsCall, ng: ResourceRecord, desired: number, startKey: string): void {
  const current = nodegroupInstances(call, ng)
  if (current.length > desired) {
    for (const r of current.slice(desired).reverse()) terminateInstance(call, r, 'Scaled in by the nodegroup')
    return
  }
  const subnets = (ng.attrs.subnets as string[])
    .map((id) => getResource(call, 'ec2.subnet', id))
    .filter((s): s is ResourceRecord => s !== undefined)
  const cluster = getResource(call, 'eks.cluster', ng.parentId ?? '')
  const clusterSg = cluster?.attrs.clusterSecurityGroupId as string | undefined
  const instanceTypes = ng.attrs.instanceTypes as string[]
  // The EKS-optimized image of the nodegroup's version when the catalog has one.
  const version = String(ng.attrs.version)
  const image = call.fixture.images.find((img) => img.name.includes('eks-node') && img.name.includes(`-${version}-`))
  const ami = image ? imageId(call.region, image.name) : seededId('ami', call.region, 'eks-node', version)
  for (let i = current.length; i < desired && subnets.length > 0; i++) {
    launchInstances(call, {
      subnet: subnets[i % subnets.length]!,
      count: 1,
      imageId: ami,
      instanceType: instanceTypes[0] ?? 't3.medium',
      tags: {
        Name: `${ng.parentId}-${ng.name}-Node`,
        'eks:cluster-name': ng.parentId ?? '',
        'eks:nodegroup-name': ng.name ?? '',
        [`kubernetes.io/cluster/${ng.parentId}`]: 'owned',
        'aws:autoscaling:groupName': ng.attrs.asgName as string,
      },
      securityGroupIds: clusterSg ? [clusterSg] : [],
      keyName: (ng.attrs.remoteAccess as { ec2SshKey?: string } | undefined)?.ec2SshKey,
      spot: ng.attrs.capacityType === 'SPOT',
      stuckAction: 'CreateNodegroup',
      startKey,
    })
  }
}
