import type { DescribeImagesRequest, DescribeImagesResult, Image } from '@aws-sdk/client-ec2'
import type { Store } from '../../core/types.ts'
import { type AwsCall, AwsError, seededId } from '../call.ts'
import type { AwsFixture, AwsImageFixture } from '../fixture.ts'
import { matchesFilters } from './filters.ts'

/** An image's id in a region: stable, and different per region as in AWS. */
export function imageId(region: string, name: string): string {
  return seededId('ami', region, name)
}

/**
 * Images their owner deregistered in a region (POST /_admin/aws/image-deregistrations), per running fake
 * (keyed by its store, so parallel fakes in one process never share them), as `<region> <name>`.
 * Dropped on seed (start and POST /_admin/reset), like every other state of the fake.
 */
const deregistered = new WeakMap<Store, Set<string>>()

/** Forget every deregistration (on seed). */
export function clearDeregistrations(store: Store): void {
  deregistered.delete(store)
}

/**
 * The owner deregisters a fixture image in one region (as image publishers such as the Cluster API
 * provider for AWS withdraw releases region by region): DescribeImages there no longer lists it and
 * RunInstances refuses its id; other regions keep it.
 */
export function deregisterImage(store: Store, region: string, name: string): void {
  let set = deregistered.get(store)
  if (!set) {
    set = new Set()
    deregistered.set(store, set)
  }
  set.add(`${region} ${name}`)
}

/** The fixture's images still registered in the call's region. */
function imagesIn(call: AwsCall): AwsFixture['images'] {
  const gone = deregistered.get(call.ctx.store)
  return gone ? call.fixture.images.filter((img) => !gone.has(`${call.region} ${img.name}`)) : call.fixture.images
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

/** Images from the fixture's catalog (the same in every region, with per-region ids), less those deregistered there. */
export function describeImages(call: AwsCall, input: DescribeImagesRequest): DescribeImagesResult {
  const all = imagesIn(call)
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

/**
 * Whether RunInstances may use this image id: any well-formed id unless the fixture is strict, but never
 * the id of an image deregistered in the region.
 */
export function isKnownImage(call: AwsCall, id: string): boolean {
  const registered = imagesIn(call)
  if (registered.length < call.fixture.images.length) {
    const withdrawn = call.fixture.images.filter((img) => !registered.includes(img))
    if (withdrawn.some((img) => imageId(call.region, img.name) === id)) return false
  }
  return !call.fixture.strictImages || registered.some((img) => imageId(call.region, img.name) === id)
}
