import type { DescribeImagesRequest, DescribeImagesResult, Image } from '@aws-sdk/client-ec2'
import { type AwsCall, AwsError, seededId } from '../call.ts'
import type { AwsImageFixture } from '../fixture.ts'
import { matchesFilters } from './filters.ts'

/** An image's id in a region: stable, and different per region as in AWS. */
export function imageId(region: string, name: string): string {
  return seededId('ami', region, name)
}

function view(call: AwsCall, img: AwsImageFixture): Image {
  return {
    ImageId: imageId(call.region, img.name),
    Name: img.name,
    Description: img.description,
    OwnerId: img.owner,
    ImageOwnerAlias: img.ownerAlias,
    State: 'available',
    Public: true,
    Architecture: 'x86_64',
    ImageType: 'machine',
    CreationDate: img.created,
    RootDeviceName: '/dev/sda1',
    RootDeviceType: 'ebs',
    VirtualizationType: 'hvm',
    Hypervisor: 'xen',
    EnaSupport: true,
    PlatformDetails: 'Linux/UNIX',
    BlockDeviceMappings: [
      { DeviceName: '/dev/sda1', Ebs: { VolumeSize: 8, VolumeType: 'gp3', DeleteOnTermination: true } },
    ],
  }
}

/** Images from the fixture's catalog (the same in every region, with per-region ids). */
export function describeImages(call: AwsCall, input: DescribeImagesRequest): DescribeImagesResult {
  const all = call.fixture.images
  for (const id of input.ImageIds ?? []) {
    if (!all.some((img) => imageId(call.region, img.name) === id)) {
      throw new AwsError('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`)
    }
  }
  const owners = input.Owners ?? []
  const images = all.filter((img) => {
    const id = imageId(call.region, img.name)
    if (input.ImageIds?.length && !input.ImageIds.includes(id)) return false
    if (owners.length && !owners.some((o) => o === img.owner || o === img.ownerAlias)) return false
    return matchesFilters(
      {
        name: [img.name],
        'image-id': [id],
        'owner-id': [img.owner],
        'owner-alias': [img.ownerAlias],
        architecture: ['x86_64'],
        state: ['available'],
        'is-public': [true],
        'root-device-type': ['ebs'],
        'virtualization-type': ['hvm'],
      },
      {},
      input.Filters,
    )
  })
  return { Images: images.map((img) => view(call, img)) }
}

/** Whether RunInstances may use this image id (any well-formed id unless the fixture is strict). */
export function isKnownImage(call: AwsCall, id: string): boolean {
  return !call.fixture.strictImages || call.fixture.images.some((img) => imageId(call.region, img.name) === id)
}
