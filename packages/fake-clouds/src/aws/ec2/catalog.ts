import type {
  DescribeAvailabilityZonesRequest,
  DescribeAvailabilityZonesResult,
  DescribeInstanceTypeOfferingsRequest,
  DescribeInstanceTypeOfferingsResult,
  DescribeInstanceTypesRequest,
  DescribeInstanceTypesResult,
  DescribeRegionsRequest,
  DescribeRegionsResult,
  InstanceTypeInfo,
} from '@aws-sdk/client-ec2'
import { type AwsCall, AwsError } from '../call.ts'
import { type AwsInstanceTypeFixture, isOffered } from '../fixture.ts'
import { matchesFilters } from './filters.ts'
import { zoneId } from './vpcs.ts'

export function describeRegions(call: AwsCall, input: DescribeRegionsRequest): DescribeRegionsResult {
  const names = Object.keys(call.fixture.regions)
  for (const n of input.RegionNames ?? []) {
    if (!names.includes(n)) throw new AwsError('InvalidParameterValue', `Invalid region name: ${n}`)
  }
  const chosen = input.RegionNames?.length ? input.RegionNames : names
  return {
    Regions: chosen
      .filter((name) =>
        matchesFilters(
          { 'region-name': [name], endpoint: [`ec2.${name}.amazonaws.com`], 'opt-in-status': ['opt-in-not-required'] },
          {},
          input.Filters,
        ),
      )
      .map((name) => ({ RegionName: name, Endpoint: `ec2.${name}.amazonaws.com`, OptInStatus: 'opt-in-not-required' })),
  }
}

export function describeAvailabilityZones(
  call: AwsCall,
  input: DescribeAvailabilityZonesRequest,
): DescribeAvailabilityZonesResult {
  const zones = call.fixture.regions[call.region]?.zones ?? []
  for (const z of input.ZoneNames ?? []) {
    if (!zones.includes(z)) throw new AwsError('InvalidParameterValue', `The zone '${z}' does not exist.`)
  }
  const chosen = zones.filter(
    (z) =>
      (!input.ZoneNames?.length || input.ZoneNames.includes(z)) &&
      (!input.ZoneIds?.length || input.ZoneIds.includes(zoneId(call.region, z))),
  )
  return {
    AvailabilityZones: chosen
      .filter((z) =>
        matchesFilters(
          {
            'zone-name': [z],
            'zone-id': [zoneId(call.region, z)],
            state: ['available'],
            'region-name': [call.region],
            'zone-type': ['availability-zone'],
            'opt-in-status': ['opt-in-not-required'],
            'group-name': [call.region],
          },
          {},
          input.Filters,
        ),
      )
      .map((z) => ({
        ZoneName: z,
        ZoneId: zoneId(call.region, z),
        State: 'available',
        RegionName: call.region,
        ZoneType: 'availability-zone',
        OptInStatus: 'opt-in-not-required',
        GroupName: call.region,
        NetworkBorderGroup: call.region,
        Messages: [],
      })),
  }
}

function offeredInRegion(call: AwsCall, t: AwsInstanceTypeFixture): boolean {
  return (call.fixture.regions[call.region]?.zones ?? []).some((z) => isOffered(t, z))
}

function typeInfo(name: string, t: AwsInstanceTypeFixture): InstanceTypeInfo {
  return {
    InstanceType: name as InstanceTypeInfo['InstanceType'],
    CurrentGeneration: true,
    FreeTierEligible: false,
    SupportedUsageClasses: ['on-demand', 'spot'],
    SupportedRootDeviceTypes: ['ebs'],
    SupportedVirtualizationTypes: ['hvm'],
    BareMetal: false,
    Hypervisor: 'nitro',
    ProcessorInfo: { SupportedArchitectures: ['x86_64'], SustainedClockSpeedInGhz: 3.1 },
    VCpuInfo: {
      DefaultVCpus: t.vcpus,
      DefaultCores: Math.max(1, t.vcpus / 2),
      DefaultThreadsPerCore: t.vcpus > 1 ? 2 : 1,
    },
    MemoryInfo: { SizeInMiB: t.memoryMiB },
    InstanceStorageSupported: false,
    EbsInfo: { EbsOptimizedSupport: 'default', EncryptionSupport: 'supported', NvmeSupport: 'required' },
    NetworkInfo: { NetworkPerformance: 'Up to 10 Gigabit', MaximumNetworkInterfaces: 3, Ipv4AddressesPerInterface: 10 },
    GpuInfo: t.gpus
      ? {
          Gpus: [{ Name: t.gpuName ?? 'GPU', Manufacturer: 'NVIDIA', Count: t.gpus, MemoryInfo: { SizeInMiB: 16384 } }],
          TotalGpuMemoryInMiB: 16384 * t.gpus,
        }
      : undefined,
    PlacementGroupInfo: { SupportedStrategies: ['cluster', 'partition', 'spread'] },
    HibernationSupported: false,
    BurstablePerformanceSupported: name.startsWith('t'),
    DedicatedHostsSupported: true,
    AutoRecoverySupported: true,
  }
}

export function describeInstanceTypes(call: AwsCall, input: DescribeInstanceTypesRequest): DescribeInstanceTypesResult {
  const all = call.fixture.instanceTypes
  const unknown = (input.InstanceTypes ?? []).filter((n) => !all[n] || !offeredInRegion(call, all[n]))
  if (unknown.length > 0) {
    throw new AwsError(
      'InvalidInstanceType',
      `The following supplied instance types do not exist: [${unknown.join(', ')}]`,
    )
  }
  const names = input.InstanceTypes?.length
    ? input.InstanceTypes
    : Object.keys(all).filter((n) => offeredInRegion(call, all[n]!))
  return {
    InstanceTypes: names
      .filter((n) => {
        const t = all[n]!
        return matchesFilters(
          {
            'instance-type': [n],
            'vcpu-info.default-vcpus': [t.vcpus],
            'memory-info.size-in-mib': [t.memoryMiB],
            'current-generation': [true],
            'processor-info.supported-architecture': ['x86_64'],
            'supported-usage-class': ['on-demand', 'spot'],
            'gpu-info.gpus.count': [t.gpus],
          },
          {},
          input.Filters,
        )
      })
      .map((n) => typeInfo(n, all[n]!)),
  }
}

export function describeInstanceTypeOfferings(
  call: AwsCall,
  input: DescribeInstanceTypeOfferingsRequest,
): DescribeInstanceTypeOfferingsResult {
  const locationType = input.LocationType ?? 'region'
  const zones = call.fixture.regions[call.region]?.zones ?? []
  const offerings: NonNullable<DescribeInstanceTypeOfferingsResult['InstanceTypeOfferings']> = []
  for (const [name, t] of Object.entries(call.fixture.instanceTypes)) {
    const locations =
      locationType === 'region'
        ? offeredInRegion(call, t)
          ? [call.region]
          : []
        : zones
            .filter((z) => isOffered(t, z))
            .map((z) => (locationType === 'availability-zone-id' ? zoneId(call.region, z) : z))
    for (const location of locations) {
      if (matchesFilters({ 'instance-type': [name], location: [location] }, {}, input.Filters)) {
        offerings.push({
          InstanceType: name as InstanceTypeInfo['InstanceType'],
          LocationType: locationType,
          Location: location,
        })
      }
    }
  }
  return { InstanceTypeOfferings: offerings }
}
