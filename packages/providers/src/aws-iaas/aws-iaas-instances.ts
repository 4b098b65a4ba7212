import {
  DescribeInstancesCommand,
  type Image,
  type Instance,
  RunInstancesCommand,
  type RunInstancesRequest,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2'
import type { AwsMachinePool } from '@console/contracts'
import { awsCode } from '../aws/aws-calls.ts'
import { ownedFilters, type Rows, tagList } from '../aws/network.ts'
import { capaImageNamePattern, capaImagesCommand, newestImagesFirst } from '../aws/node-images.ts'
import { inStep, recordFound, reportChange } from '../driver-steps.ts'
import { CloudError } from '../errors.ts'
import { RESOURCE_KEY_TAG } from '../ownership.ts'
import {
  type AwsIaasPass,
  CONTROL_PLANE_PROFILE,
  instanceTags,
  kubernetesVersion,
  NODE_PROFILE,
} from './aws-iaas-spec.ts'

/** States of an instance that is there (or on its way): not shutting down, not terminated. */
const LIVE = ['pending', 'running', 'stopping', 'stopped']

/** The cluster's instances that are not on their way out, by ledger key (from their key tag). */
export async function ownedInstances(pass: AwsIaasPass, states = LIVE): Promise<Map<string, Instance>> {
  const found = new Map<string, Instance>()
  let NextToken: string | undefined
  do {
    const res = await pass.calls.ec2(
      new DescribeInstancesCommand({
        Filters: [...ownedFilters(pass), { Name: 'instance-state-name', Values: states }],
        NextToken,
      }),
    )
    for (const instance of (res.Reservations ?? []).flatMap((r) => r.Instances ?? [])) {
      const key = instance.Tags?.find((t) => t.Key === RESOURCE_KEY_TAG)?.Value ?? `orphan/${instance.InstanceId}`
      found.set(key, instance)
    }
    NextToken = res.NextToken || undefined
  } while (NextToken)
  return found
}

/** One instance the cluster needs: where it goes and what it is. */
export interface InstanceSlot {
  key: string
  /** For messages: "control plane node 2", "bastion". */
  what: string
  role: 'control-plane' | 'node' | 'bastion'
  pool?: AwsMachinePool
  instanceType: string
  subnetId: string
  securityGroupIds: string[]
  /** GiB; the image's default when absent. */
  rootDeviceSize?: number
}

/** The pass's node image, looked up once when an instance is to be launched. */
export class ImageLookup {
  private image?: Promise<Image>
  constructor(private readonly pass: AwsIaasPass) {}

  get(): Promise<Image> {
    this.image ??= inStep('Looking up the node image', () => this.find())
    return this.image
  }

  /** The newest Cluster API Ubuntu image of the profile's Kubernetes version (any version without one). */
  private async find(): Promise<Image> {
    const version = kubernetesVersion(this.pass.work.spec)
    const pattern = capaImageNamePattern(version)
    const res = await this.pass.calls.ec2(capaImagesCommand(version))
    const newest = newestImagesFirst(res.Images)[0]
    if (!newest?.ImageId) {
      throw new CloudError({
        kind: 'InvalidRequest',
        cloud: 'aws',
        message: `No Cluster API node image (${pattern}) is published in ${this.pass.region}${version ? ` for Kubernetes ${version}` : ''}; choose another Kubernetes version in the cluster profile.`,
      })
    }
    return newest
  }
}

/**
 * An instance the ledger holds as created that the cluster's listing no longer shows: AWS terminated it
 * (a spot interruption, a failed host, someone in the console). Its row is marked deleted and a warning
 * says why, so the caller launches a replacement. One that is still there but lost its tags is not
 * replaced twice: the pass fails with the reason instead.
 */
async function forgetVanished(pass: AwsIaasPass, slot: InstanceSlot, instanceId: string): Promise<void> {
  let instance: Instance | undefined
  try {
    const res = await inStep(`Looking up ${slot.what}`, () =>
      pass.calls.ec2(new DescribeInstancesCommand({ InstanceIds: [instanceId] })),
    )
    instance = res.Reservations?.[0]?.Instances?.[0]
  } catch (err) {
    if (awsCode(err) !== 'InvalidInstanceID.NotFound') throw err
  }
  const state = instance?.State?.Name
  if (state && state !== 'shutting-down' && state !== 'terminated') {
    throw new CloudError({
      kind: 'InvalidRequest',
      cloud: 'aws',
      message: `${slot.what}: instance ${instanceId} is ${state} but no longer carries the cluster's tags; restore its tags or terminate it.`,
    })
  }
  const why = instance?.StateReason?.Message ?? instance?.StateTransitionReason ?? 'it is no longer listed'
  await pass.work.ledger.deleted(slot.key)
  await pass.work.report(
    'InstanceReplaced',
    `${capitalize(slot.what)}: instance ${instanceId} was terminated by AWS (${why}); launching a replacement`,
    'Warning',
  )
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** The RunInstances request of one slot. */
function runRequest(pass: AwsIaasPass, slot: InstanceSlot, image: Image, clientToken: string): RunInstancesRequest {
  const { spec } = pass.work
  const keyName = spec.cloudConfig.sshKeyName
  const cloud = slot.pool?.cloudConfig
  const tags = tagList(instanceTags(pass, slot.key, slot.role, slot.pool))
  const spot = cloud?.capacityType === 'spot'
  return {
    ImageId: image.ImageId,
    InstanceType: slot.instanceType as RunInstancesRequest['InstanceType'],
    MinCount: 1,
    MaxCount: 1,
    ClientToken: clientToken,
    SubnetId: slot.subnetId,
    SecurityGroupIds: slot.securityGroupIds,
    ...(keyName ? { KeyName: keyName } : {}),
    ...(slot.role === 'bastion'
      ? {}
      : { IamInstanceProfile: { Name: slot.role === 'control-plane' ? CONTROL_PLANE_PROFILE : NODE_PROFILE } }),
    ...(slot.rootDeviceSize
      ? {
          BlockDeviceMappings: [
            {
              DeviceName: image.RootDeviceName ?? '/dev/sda1',
              Ebs: { VolumeSize: slot.rootDeviceSize, VolumeType: 'gp3', DeleteOnTermination: true, Encrypted: true },
            },
          ],
        }
      : {}),
    ...(spot
      ? {
          InstanceMarketOptions: {
            MarketType: 'spot',
            SpotOptions: {
              SpotInstanceType: 'one-time',
              InstanceInterruptionBehavior: 'terminate',
              ...(cloud?.spotMarketOptions?.maxPrice ? { MaxPrice: cloud.spotMarketOptions.maxPrice } : {}),
            },
          },
        }
      : {}),
    MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
    TagSpecifications: [
      { ResourceType: 'instance', Tags: tags },
      { ResourceType: 'volume', Tags: tags },
    ],
  }
}

/**
 * Look-up-before-create of one instance: the instance carrying this cluster's owner tag and the slot's
 * key is adopted (a lost `created` write), otherwise launched with the ledger row's client token (a
 * retried RunInstances answers the same instance). Answers undefined while an On-Spot node waits for
 * the spot price to fall to its max bid (a warning says so).
 */
export async function ensureInstance(
  pass: AwsIaasPass,
  rows: Rows,
  owned: Map<string, Instance>,
  slot: InstanceSlot,
  image: ImageLookup,
): Promise<Instance | undefined> {
  const { ledger } = pass.work
  const entry = rows.get(slot.key)
  const init = { kind: 'ec2.instance', region: pass.region, name: slot.what, attrs: { role: slot.role } }
  const found = owned.get(slot.key)
  if (found?.InstanceId) {
    if (entry?.state !== 'created' || entry.cloudId !== found.InstanceId) {
      await recordFound(ledger, slot.key, init, found.InstanceId, entry)
      const row = await ledger.get(slot.key)
      if (row) rows.set(slot.key, row)
    }
    return found
  }
  if (entry?.state === 'created' && entry.cloudId) await forgetVanished(pass, slot, entry.cloudId)
  // A node of a pool that shrank and grew again, or whose instance vanished, is a new instance: `begin`
  // gives its row a new token (the old token would answer the old, terminated instance).
  const current = entry?.state === 'created' ? await ledger.get(slot.key) : entry
  const row = current && current.state !== 'deleted' ? current : await ledger.begin(slot.key, init)
  const step = `Creating ${slot.what}`
  let instance: Instance | undefined
  try {
    const request = runRequest(pass, slot, await image.get(), row.clientToken)
    await reportChange(pass, `launch/${slot.key}`, 'CreatingInstance', step)
    const res = await inStep(step, () => pass.calls.ec2(new RunInstancesCommand(request)))
    instance = res.Instances?.[0]
  } catch (err) {
    if (awsCode(err) !== 'SpotMaxPriceTooLow') throw err
    const cloud = slot.pool?.cloudConfig
    await reportChange(
      pass,
      `spot/${slot.pool?.poolConfig.name}`,
      'SpotPriceAboveBid',
      `Worker pool ${slot.pool?.poolConfig.name}: the spot price of ${cloud?.instanceType} is above the max bid of ${cloud?.spotMarketOptions?.maxPrice} USD/h; waiting for it to fall`,
      'Warning',
    )
    return undefined
  }
  if (!instance?.InstanceId) {
    throw new CloudError({
      kind: 'CloudInternal',
      cloud: 'aws',
      retryable: true,
      message: `${step}: AWS answered without an instance id.`,
    })
  }
  await ledger.created(slot.key, { cloudId: instance.InstanceId, attrs: { role: slot.role } })
  rows.set(slot.key, { ...row, cloudId: instance.InstanceId, state: 'created' })
  return instance
}

/**
 * Terminates the given instances of the cluster (ledger `deleting` first) and answers how many are not
 * yet terminated; ledger rows of instances AWS no longer lists are marked deleted once all are gone.
 */
export async function terminateInstances(
  pass: AwsIaasPass,
  which: (key: string) => boolean,
  what: string,
): Promise<number> {
  const { ledger } = pass.work
  const all = await inStep(`Deleting ${what}`, () =>
    ownedInstances(pass, ['pending', 'running', 'stopping', 'stopped', 'shutting-down']),
  )
  const instances = [...all.entries()].filter(([key]) => which(key))
  const toTerminate: string[] = []
  for (const [key, instance] of instances) {
    const id = instance.InstanceId ?? ''
    const entry = await ledger.get(key)
    if (entry?.state !== 'deleting') {
      await recordFound(ledger, key, { kind: 'ec2.instance', region: pass.region, name: key }, id, entry)
      await ledger.deleting(key)
    }
    if (instance.State?.Name !== 'shutting-down') toTerminate.push(id)
  }
  if (toTerminate.length > 0) {
    await reportChange(pass, `delete/${what}`, 'DeletingInstances', `Deleting ${what}: terminating ${instances.length}`)
    await inStep(`Deleting ${what}`, () => pass.calls.ec2(new TerminateInstancesCommand({ InstanceIds: toTerminate })))
  }
  if (instances.length > 0) return instances.length
  for (const row of await ledger.list()) {
    if (row.kind === 'ec2.instance' && row.state !== 'deleted' && which(row.key)) await ledger.deleted(row.key)
  }
  return 0
}
