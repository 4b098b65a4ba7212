import { DescribeImagesCommand, type Image } from '@aws-sdk/client-ec2'
import { CAPA_IMAGE_OWNER } from '../aws-iaas/aws-iaas-spec.ts'

/**
 * The name pattern of the Cluster API provider for AWS's public Ubuntu 22.04 node images of a Kubernetes
 * version (a profile's k8s tag, `1.30` or `1.30.4`); any version when there is none. Images are named
 * `capa-ami-ubuntu-22.04-v<major.minor.patch>-<build>`, so a patch version ends at the dash and a minor
 * version at the dot (`v1.29.1-*` must not match `v1.29.10-…`).
 */
export function capaImageNamePattern(kubernetesVersion: string | undefined): string {
  if (!kubernetesVersion) return 'capa-ami-ubuntu-22.04-v*'
  const end = /^\d+\.\d+\.\d+$/.test(kubernetesVersion) ? '-' : '.'
  return `capa-ami-ubuntu-22.04-v${kubernetesVersion}${end}*`
}

/**
 * The DescribeImages call that finds the node images an AWS IaaS cluster of this Kubernetes version
 * boots from: CAPA's own account's available images whose name fits the pattern. One place, so the
 * validation that checks a region has one and the driver that launches from it ask the same question.
 */
export function capaImagesCommand(kubernetesVersion: string | undefined): DescribeImagesCommand {
  return new DescribeImagesCommand({
    Owners: [CAPA_IMAGE_OWNER],
    Filters: [
      { Name: 'name', Values: [capaImageNamePattern(kubernetesVersion)] },
      { Name: 'state', Values: ['available'] },
    ],
  })
}

/** The images newest first (by CreationDate): the first is the one a cluster boots from. */
export function newestImagesFirst(images: Image[] | undefined): Image[] {
  return [...(images ?? [])].sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''))
}
