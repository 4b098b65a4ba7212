import {
  type ActionHandler,
  applyFilters,
  type Filter,
  listResources,
  page,
  spaceSeconds,
  T,
  tagsToList,
} from './context.ts'
import { TencentError } from './errors.ts'
import type { InstanceTypeFixture } from './fixture.ts'

const CHARGE_TYPES = ['POSTPAID_BY_HOUR', 'SPOTPAID'] as const

/** CVM 2017-03-12: regions, zones, key pairs and instance types with prices. */
export const cvmActions: Record<string, ActionHandler> = {
  DescribeRegions(call) {
    return {
      TotalCount: call.fixture.regions.length,
      RegionSet: call.fixture.regions.map((r) => ({ Region: r.region, RegionName: r.name, RegionState: 'AVAILABLE' })),
    }
  },

  DescribeZones(call) {
    const zones = call.fixture.regions.find((r) => r.region === call.region)?.zones ?? []
    return {
      TotalCount: zones.length,
      ZoneSet: zones.map((z) => ({ Zone: z.zone, ZoneName: z.name, ZoneId: z.zoneId, ZoneState: 'AVAILABLE' })),
    }
  },

  DescribeKeyPairs(call) {
    let found = listResources(call, T.keyPair)
    const ids = call.params.KeyIds
    if (Array.isArray(ids)) {
      for (const id of ids) {
        if (!found.some((k) => k.id === id)) {
          throw new TencentError('InvalidKeyPair.NotFound', `The key pair \`${String(id)}\` does not exist.`)
        }
      }
      found = found.filter((k) => ids.includes(k.id))
    }
    const filtered = applyFilters(found, call.params.Filters, {
      'key-id': (r) => r.id,
      'key-name': (r) => r.name,
      'project-id': () => '0',
    })
    const instances = listResources(call, T.instance)
    return {
      TotalCount: filtered.length,
      KeyPairSet: page(filtered, call.params.Offset, call.params.Limit).map((r) => ({
        KeyId: r.id,
        KeyName: r.name,
        ProjectId: 0,
        Description: '',
        PublicKey: r.attrs.publicKey,
        AssociatedInstanceIds: instances
          .filter((i) => (i.attrs.keyIds as string[] | undefined)?.includes(r.id))
          .map((i) => i.id),
        CreatedTime: `${spaceSeconds(r.createdAt).replace(' ', 'T')}Z`,
        Tags: tagsToList(r.tags),
      })),
    }
  },

  /**
   * Every instance type sold in the region's zones, once per charge type. Spot entries carry
   * the on-demand price in UnitPrice and the spot price in UnitPriceDiscount, as Tencent does.
   */
  DescribeZoneInstanceConfigInfos(call) {
    const region = call.fixture.regions.find((r) => r.region === call.region)
    const filters = (call.params.Filters ?? []) as Filter[]
    const accepted = new Set(['zone', 'instance-family', 'instance-type', 'instance-charge-type', 'sort-keys'])
    for (const f of filters) {
      if (!accepted.has(f.Name)) {
        throw new TencentError('InvalidFilter', `The filter \`${f.Name}\` is not supported.`)
      }
    }
    const wants = (name: string, value: string) => {
      const f = filters.find((x) => x.Name === name)
      return !f || f.Values.map(String).includes(value)
    }
    const items: Array<Record<string, unknown>> = []
    for (const [zoneIndex, zone] of (region?.zones ?? []).entries()) {
      for (const type of call.fixture.instanceTypes) {
        if (type.zoneIndexes && !type.zoneIndexes.includes(zoneIndex)) continue
        for (const chargeType of CHARGE_TYPES) {
          if (!wants('zone', zone.zone) || !wants('instance-family', type.family)) continue
          if (!wants('instance-type', type.type) || !wants('instance-charge-type', chargeType)) continue
          items.push(renderType(zone.zone, type, chargeType))
        }
      }
    }
    return { InstanceTypeQuotaSet: items }
  },
}

function renderType(zone: string, t: InstanceTypeFixture, chargeType: (typeof CHARGE_TYPES)[number]) {
  const spot = chargeType === 'SPOTPAID'
  const actual = spot ? t.spotPrice : t.price
  return {
    Zone: zone,
    InstanceType: t.type,
    InstanceChargeType: chargeType,
    NetworkCard: 0,
    Externals: {},
    Cpu: t.cpu,
    Memory: t.memory,
    InstanceFamily: t.family,
    TypeName: t.typeName,
    LocalDiskTypeList: [],
    Status: 'SELL',
    StatusCategory: 'EnoughStock',
    Price: {
      UnitPrice: t.price,
      ChargeUnit: 'HOUR',
      UnitPriceDiscount: actual,
      Discount: Math.round((actual / t.price) * 1000) / 10,
    },
    SoldOutReason: '',
    InstanceBandwidth: t.cpu >= 8 ? 3 : 1.5,
    InstancePps: t.cpu >= 8 ? 80 : 30,
    StorageBlockAmount: 0,
    CpuType: t.family.startsWith('SA') ? 'AMD EPYC Rome(2.6GHz/3.3GHz)' : 'Intel Xeon Cascade Lake 8255C(2.5 GHz)',
    Gpu: t.gpu,
    GpuCount: t.gpu,
    Fpga: 0,
    Remark: '',
    Frequency: '2.5/3.1GHz',
  }
}
