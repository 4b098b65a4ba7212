import type { ResourceRecord } from '../core/types.ts'
import { duration, getResource, isoSeconds, newId, T, type TencentCall } from './context.ts'
import { TencentError } from './errors.ts'

/** What a new CVM instance of a cluster needs to know. */
export interface InstanceSpec {
  clusterId: string
  nodePoolId?: string
  autoscalingGroupId?: string
  role: 'WORKER' | 'MASTER_ETCD'
  instanceType: string
  chargeType: string
  subnetIds: string[]
  keyIds: string[]
  securityGroupIds: string[]
  tags: Record<string, string>
  namePrefix: string
  /** SystemDisk of the launch configuration (RunInstancesPara / LaunchConfigurePara). */
  systemDisk: SystemDisk
  count: number
  /** Simulated ms until the instance is running (Infinity: it never gets there). */
  readyAfterMs: number
}

/** A CVM system disk: type and size in GB. */
export interface SystemDisk {
  type: string
  size: number
}

const DISK_TYPES = ['LOCAL_BASIC', 'LOCAL_SSD', 'CLOUD_BASIC', 'CLOUD_SSD', 'CLOUD_PREMIUM', 'CLOUD_BSSD', 'CLOUD_HSSD']

/**
 * Reads a launch configuration's `SystemDisk`. CVM's defaults apply to what is left out
 * (CLOUD_PREMIUM, 50 GB); a cloud system disk is 20 to 2048 GB.
 */
export function parseSystemDisk(value: unknown): SystemDisk {
  if (value === undefined || value === null) return { type: 'CLOUD_PREMIUM', size: 50 }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TencentError('InvalidParameter.Param', 'SystemDisk must be an object.')
  }
  const disk = value as { DiskType?: unknown; DiskSize?: unknown }
  const type = disk.DiskType ?? 'CLOUD_PREMIUM'
  if (typeof type !== 'string' || !DISK_TYPES.includes(type)) {
    throw new TencentError('InvalidParameter.Param', `SystemDisk.DiskType \`${String(type)}\` is not supported.`)
  }
  const size = disk.DiskSize ?? 50
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 20 || size > 2048) {
    throw new TencentError(
      'InvalidParameter.Param',
      `SystemDisk.DiskSize \`${String(size)}\` is invalid: a system disk is 20 to 2048 GB.`,
    )
  }
  return { type, size }
}

/** Checks an instance type against the fixture, with the error Tencent gives for an unknown one. */
export function assertInstanceType(call: TencentCall, type: unknown): string {
  if (typeof type !== 'string' || !call.fixture.instanceTypes.some((t) => t.type === type)) {
    throw new TencentError('InvalidParameter.Param', `InstanceType \`${String(type)}\` is not sold in ${call.region}.`)
  }
  return type
}

/** Subnets must exist in the account, region and (when given) VPC. */
export function assertSubnets(call: TencentCall, ids: unknown, vpcId?: string): ResourceRecord[] {
  if (!Array.isArray(ids) || ids.length === 0) {
    throw new TencentError('InvalidParameter.Param', 'At least one SubnetId is required.')
  }
  return ids.map((id) => {
    const subnet = typeof id === 'string' ? getResource(call, T.subnet, id) : undefined
    if (!subnet || (vpcId && subnet.parentId !== vpcId)) {
      throw new TencentError('InvalidParameter.Param', `Subnet \`${String(id)}\` does not exist in VPC \`${vpcId}\`.`)
    }
    return subnet
  })
}

/** Creates `count` instances spread over the subnets, `initializing` until ready. */
export function createInstances(call: TencentCall, spec: InstanceSpec): ResourceRecord[] {
  const created: ResourceRecord[] = []
  for (let i = 0; i < spec.count; i++) {
    const subnetId = spec.subnetIds[i % spec.subnetIds.length]!
    const subnet = getResource(call, T.subnet, subnetId)
    const id = newId('ins')
    const record = call.ctx.store.put({
      cloud: 'tencent',
      account: call.account.uin,
      region: call.region,
      type: T.instance,
      id,
      name: `${spec.namePrefix}-${id.slice(4)}`,
      state: 'initializing',
      tags: spec.tags,
      parentId: spec.clusterId,
      attrs: {
        clusterId: spec.clusterId,
        nodePoolId: spec.nodePoolId ?? '',
        autoscalingGroupId: spec.autoscalingGroupId ?? '',
        role: spec.role,
        instanceType: spec.instanceType,
        chargeType: spec.chargeType,
        subnetId,
        zone: subnet?.attrs.zone ?? '',
        lanIp: lanIpIn((subnet?.attrs.cidr as string | undefined) ?? '10.0.0.0/24'),
        keyIds: spec.keyIds,
        securityGroupIds: spec.securityGroupIds,
        systemDiskType: spec.systemDisk.type,
        systemDiskSize: spec.systemDisk.size,
      },
    })
    created.push(call.ctx.store.transition(record, 'initializing', [{ afterMs: spec.readyAfterMs, next: 'running' }]))
  }
  return created
}

/**
 * Takes instances out of a cluster: `terminate` destroys them (terminating → gone),
 * `retain` leaves the CVMs running outside any cluster (they then show up as leftovers).
 */
export function removeInstances(
  call: TencentCall,
  instances: ResourceRecord[],
  mode: 'terminate' | 'retain',
  stuck: boolean,
) {
  for (const instance of instances) {
    if (mode === 'retain') {
      // The CVM keeps running (or keeps booting) outside any cluster.
      call.ctx.store.put({
        ...instance,
        parentId: undefined,
        attrs: { ...instance.attrs, clusterId: '', nodePoolId: '', autoscalingGroupId: '', role: '' },
      })
    } else if (instance.state !== 'terminating') {
      const afterMs = stuck ? Number.POSITIVE_INFINITY : duration(call, 'tke.instance.delete')
      call.ctx.store.transition(instance, 'terminating', [{ afterMs, next: null }])
    }
  }
}

/** tke Instance, as DescribeClusterInstances answers it. */
export function renderInstance(r: ResourceRecord) {
  return {
    InstanceId: r.id,
    InstanceRole: r.attrs.role,
    FailedReason: '',
    InstanceState: r.state,
    DrainStatus: '',
    InstanceAdvancedSettings: {
      DesiredPodNumber: 0,
      GPUArgs: {},
      PreStartUserScript: '',
      Taints: [],
      MountTarget: '',
      DockerGraphPath: '/var/lib/docker',
      UserScript: '',
      Unschedulable: 0,
      Labels: [],
      DataDisks: [],
    },
    CreatedTime: isoSeconds(r.createdAt),
    LanIP: r.attrs.lanIp,
    NodePoolId: r.attrs.nodePoolId,
    AutoscalingGroupId: r.attrs.autoscalingGroupId,
  }
}

/** An address inside the subnet, past the few Tencent reserves. */
export function lanIpIn(cidr: string): string {
  const [base = '10.0.0.0', bitsText = '24'] = cidr.split('/')
  const size = 2 ** (32 - Number(bitsText))
  const start = base.split('.').reduce((n, octet) => n * 256 + Number(octet), 0)
  const offset = 10 + Math.floor(Math.random() * Math.max(1, size - 20))
  const n = start + offset
  return [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.')
}
