import { randomInt } from 'node:crypto'
import type { ResourceRecord } from '../../core/types.ts'
import { type AwsCall, duration, newId, putResource, updateResource } from '../call.ts'
import { hostAddress, parseCidr } from './cidr.ts'

export const INSTANCE = 'ec2.instance'

/** What one launch asks for; RunInstances and EKS managed nodegroups both launch through here. */
export interface LaunchSpec {
  subnet: ResourceRecord
  count: number
  imageId: string
  instanceType: string
  tags: Record<string, string>
  securityGroupIds: string[]
  keyName?: string
  spot?: boolean
  clientToken?: string
  publicIp?: boolean
  userData?: string
  iamInstanceProfile?: string
  /** Fault action whose stuck switch keeps these instances pending. */
  stuckAction: string
  /** Duration key of pending → running. */
  startKey?: string
}

/** Create `count` instances in one reservation, addresses taken from the subnet, pending → running. */
export function launchInstances(call: AwsCall, spec: LaunchSpec): ResourceRecord[] {
  const { subnet } = spec
  const cidr = parseCidr(subnet.attrs.cidrBlock as string)
  let host = (subnet.attrs.nextHost as number | undefined) ?? 0
  const reservationId = newId('r')
  const stuck = call.ctx.faults.isStuck('aws', spec.stuckAction)
  const created: ResourceRecord[] = []
  for (let i = 0; i < spec.count; i++) {
    const r = putResource(call, {
      type: INSTANCE,
      id: newId('i'),
      name: spec.tags.Name,
      state: 'pending',
      parentId: subnet.id,
      tags: { ...spec.tags },
      attrs: {
        imageId: spec.imageId,
        instanceType: spec.instanceType,
        subnetId: subnet.id,
        vpcId: subnet.attrs.vpcId,
        availabilityZone: subnet.attrs.availabilityZone,
        privateIp: cidr ? hostAddress(cidr, host++) : undefined,
        publicIp: spec.publicIp ? `54.${randomInt(80, 240)}.${randomInt(0, 256)}.${randomInt(1, 255)}` : undefined,
        keyName: spec.keyName,
        securityGroupIds: spec.securityGroupIds,
        clientToken: spec.clientToken,
        reservationId,
        launchIndex: i,
        spot: spec.spot === true,
        spotRequestId: spec.spot ? newId('sir', 8) : undefined,
        userData: spec.userData,
        iamInstanceProfile: spec.iamInstanceProfile,
      },
    })
    const afterMs = stuck ? Number.POSITIVE_INFINITY : duration(call, spec.startKey ?? 'ec2.instance.start')
    created.push(call.ctx.store.transition(r, 'pending', [{ afterMs, next: 'running' }]))
  }
  updateResource(call, subnet, { attrs: { ...subnet.attrs, nextHost: host } })
  return created
}

/** shutting-down → terminated → gone (terminated instances stay visible for a while, as in AWS). */
export function terminateInstance(
  call: AwsCall,
  r: ResourceRecord,
  reason = 'User initiated',
  stateReason = {
    Code: 'Client.UserInitiatedShutdown',
    Message: 'Client.UserInitiatedShutdown: User initiated shutdown',
  },
): ResourceRecord {
  if (r.state === 'terminated' || r.state === 'shutting-down') return r
  const stuck = call.ctx.faults.isStuck('aws', 'TerminateInstances')
  const updated = updateResource(call, r, {
    attrs: { ...r.attrs, stateTransitionReason: `${reason} (${new Date().toISOString()})`, stateReason },
  })
  return call.ctx.store.transition(updated, 'shutting-down', [
    { afterMs: stuck ? Number.POSITIVE_INFINITY : duration(call, 'ec2.instance.terminate'), next: 'terminated' },
    { afterMs: duration(call, 'ec2.instance.terminated-visible'), next: null },
  ])
}
