import { type CallPolicy, runWithPolicy } from '../call-policy.ts'
import type { CloudIdentity, TencentCloudProvider, TencentCredentials } from '../cloud-provider.ts'
import type { CloudError } from '../errors.ts'
import type {
  CloudRegion,
  CloudZone,
  TencentInstanceType,
  TencentInstanceTypeQuery,
  TencentKeyPair,
  TencentSecurityGroup,
  TencentSubnet,
  TencentVpc,
} from '../inventory.ts'
import type { InventoryCache } from '../inventory-cache.ts'
import {
  type ActionOf,
  createTencentClient,
  invokeTencent,
  type RequestOf,
  type ResponseOf,
  type TencentClients,
  type TencentEndpoint,
  type TencentProduct,
  tencentHost,
} from './tencent-client.ts'
import { toTencentCloudError } from './tencent-errors.ts'
import { validateTencentCredentials } from './tencent-validation.ts'

export interface TencentProviderOptions {
  endpoint: TencentEndpoint
  policy: CallPolicy
  cache: InventoryCache
  /** Region used for validation probes (CAM permissions are global; the probes need one). Default ap-guangzhou. */
  validationRegion?: string
}

/** Calls one Tencent action with timeout, retries and error mapping. */
export type TencentCaller = <P extends TencentProduct, A extends ActionOf<TencentClients[P]>>(
  credentials: TencentCredentials,
  product: P,
  region: string,
  action: A,
  request: RequestOf<TencentClients[P], A>,
) => Promise<ResponseOf<TencentClients[P], A>>

/** The VPC API pages with string Offset/Limit and answers at most 100 items a page. */
const VPC_PAGE = 100

/** Tencent Cloud (TKE, VPC, CVM) through tencentcloud-sdk-nodejs. */
export class TencentProvider implements TencentCloudProvider {
  readonly cloudType = 'tencent' as const
  private readonly validationRegion: string

  constructor(private readonly options: TencentProviderOptions) {
    this.validationRegion = options.validationRegion ?? 'ap-guangzhou'
  }

  validateCredentials(credentials: TencentCredentials): Promise<CloudIdentity> {
    return validateTencentCredentials(this.call, credentials, this.validationRegion)
  }

  listRegions(credentials: TencentCredentials): Promise<CloudRegion[]> {
    return this.cached(credentials, 'regions', null, async () => {
      const res = await this.call(credentials, 'cvm', this.validationRegion, 'DescribeRegions', null)
      return (res.RegionSet ?? [])
        .filter((r) => r.RegionState === undefined || r.RegionState === 'AVAILABLE')
        .map((r) => ({ name: r.Region ?? '', displayName: r.RegionName ?? r.Region ?? '' }))
    })
  }

  listZones(credentials: TencentCredentials, region: string): Promise<CloudZone[]> {
    return this.cached(credentials, 'zones', { region }, async () => {
      const res = await this.call(credentials, 'cvm', region, 'DescribeZones', null)
      return (res.ZoneSet ?? [])
        .filter((z) => z.ZoneState === undefined || z.ZoneState === 'AVAILABLE')
        .map((z) => ({ name: z.Zone ?? '', zoneId: z.ZoneId, displayName: z.ZoneName }))
    })
  }

  listVpcs(credentials: TencentCredentials, region: string): Promise<TencentVpc[]> {
    return this.cached(credentials, 'vpcs', { region }, async () => {
      const vpcs = await this.pageVpcApi((Offset, Limit) =>
        this.call(credentials, 'vpc', region, 'DescribeVpcs', { Offset, Limit }).then((r) => ({
          items: r.VpcSet ?? [],
          total: r.TotalCount ?? 0,
        })),
      )
      const subnets = await this.pageVpcApi((Offset, Limit) =>
        this.call(credentials, 'vpc', region, 'DescribeSubnets', { Offset, Limit }).then((r) => ({
          items: r.SubnetSet ?? [],
          total: r.TotalCount ?? 0,
        })),
      )
      const byVpc = new Map<string, TencentSubnet[]>()
      for (const s of subnets) {
        const list = byVpc.get(s.VpcId ?? '') ?? []
        list.push({
          subnetId: s.SubnetId ?? '',
          name: s.SubnetName ?? '',
          az: s.Zone ?? '',
          cidrBlock: s.CidrBlock ?? '',
        })
        byVpc.set(s.VpcId ?? '', list)
      }
      return vpcs.map((v) => ({
        vpcId: v.VpcId ?? '',
        name: v.VpcName ?? '',
        cidrBlock: v.CidrBlock ?? '',
        subnets: byVpc.get(v.VpcId ?? '') ?? [],
      }))
    })
  }

  listKeyPairs(credentials: TencentCredentials, region: string): Promise<TencentKeyPair[]> {
    return this.cached(credentials, 'keypairs', { region }, async () => {
      const out: TencentKeyPair[] = []
      for (let offset = 0; ; ) {
        const res = await this.call(credentials, 'cvm', region, 'DescribeKeyPairs', { Offset: offset, Limit: 100 })
        const page = res.KeyPairSet ?? []
        for (const k of page) out.push({ id: k.KeyId ?? '', name: k.KeyName ?? '', publickey: k.PublicKey ?? '' })
        offset += page.length
        if (page.length === 0 || offset >= (res.TotalCount ?? 0)) return out
      }
    })
  }

  listInstanceTypes(credentials: TencentCredentials, query: TencentInstanceTypeQuery): Promise<TencentInstanceType[]> {
    const { region, zone } = query
    const all = this.cached(credentials, 'instancetypes', { region, zone }, async () => {
      const res = await this.call(credentials, 'cvm', region, 'DescribeZoneInstanceConfigInfos', {
        Filters: [
          { Name: 'zone', Values: [zone] },
          { Name: 'instance-charge-type', Values: ['POSTPAID_BY_HOUR', 'SPOTPAID'] },
        ],
      })
      const byType = new Map<string, TencentInstanceType>()
      for (const item of res.InstanceTypeQuotaSet ?? []) {
        if (item.Status !== undefined && item.Status !== 'SELL') continue
        const type = item.InstanceType ?? ''
        const entry = byType.get(type) ?? {
          type,
          family: item.InstanceFamily ?? '',
          category: item.TypeName ?? '',
          cpu: item.Cpu ?? 0,
          memory: item.Memory ?? 0,
          gpu: item.GpuCount ?? item.Gpu ?? 0,
          zone: item.Zone ?? zone,
          price: null,
          spotPrice: null,
          currency: 'CNY' as const,
        }
        // UnitPriceDiscount is what this account pays (after its discount; for spot entries, the spot
        // price); UnitPrice is the list price, used when no discounted price is given.
        const paid = item.Price?.UnitPriceDiscount ?? item.Price?.UnitPrice ?? null
        if (item.InstanceChargeType === 'SPOTPAID') entry.spotPrice = paid
        else if (item.InstanceChargeType === 'POSTPAID_BY_HOUR') entry.price = paid
        byType.set(type, entry)
      }
      return [...byType.values()].sort((a, b) => a.cpu - b.cpu || a.memory - b.memory || a.type.localeCompare(b.type))
    })
    return all.then((types) =>
      types.filter(
        (t) => t.cpu >= (query.cpuGtEq ?? 0) && t.memory >= (query.memoryGtEq ?? 0) && t.gpu >= (query.gpuGtEq ?? 0),
      ),
    )
  }

  listSecurityGroups(credentials: TencentCredentials, region: string): Promise<TencentSecurityGroup[]> {
    return this.cached(credentials, 'securitygroups', { region }, async () => {
      const groups = await this.pageVpcApi((Offset, Limit) =>
        this.call(credentials, 'vpc', region, 'DescribeSecurityGroups', { Offset, Limit }).then((r) => ({
          items: r.SecurityGroupSet ?? [],
          total: r.TotalCount ?? 0,
        })),
      )
      return groups.map((g) => ({
        id: g.SecurityGroupId ?? '',
        name: g.SecurityGroupName ?? '',
        description: g.SecurityGroupDesc ?? '',
        isDefault: g.IsDefault ?? false,
      }))
    })
  }

  /** One action through the call policy; an arrow so validation can borrow it. */
  private readonly call: TencentCaller = (credentials, product, region, action, request) => {
    const { endpoint, policy } = this.options
    const client = createTencentClient(product, credentials, region, endpoint, policy.timeoutMs)
    const site = {
      product,
      action,
      host: tencentHost(endpoint, product),
      secretId: credentials.secretId,
      timeoutMs: policy.timeoutMs,
    }
    return runWithPolicy(
      policy,
      (attempt) => invokeTencent(client, action, request, attempt.signal),
      (err, attempt): CloudError => toTencentCloudError(err, site, attempt.timedOut()),
    )
  }

  private cached<T>(credentials: TencentCredentials, call: string, args: unknown, load: () => Promise<T>): Promise<T> {
    return this.options.cache.getOrLoad(credentials, `tencent:${call}`, args, load)
  }

  private async pageVpcApi<T>(fetchPage: (offset: string, limit: string) => Promise<{ items: T[]; total: number }>) {
    const out: T[] = []
    for (;;) {
      const { items, total } = await fetchPage(String(out.length), String(VPC_PAGE))
      out.push(...items)
      if (items.length === 0 || out.length >= total) return out
    }
  }
}
