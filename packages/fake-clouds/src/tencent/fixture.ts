/**
 * The shape of fixtures/tencent.yaml, and a parser that fails loudly on a broken fixture
 * (a typo there should stop the fake at start, not surface as odd replies later).
 */

export interface TencentAccountFixture {
  /** Root account uin; the store's account key for everything this account owns. */
  uin: string
  appId: number
  secretId: string
  secretKey: string
  note: string
  /** CAM actions this identity may not call, e.g. 'tke:CreateCluster' or 'tke:*'. */
  deny: string[]
}

export interface ZoneFixture {
  zone: string
  name: string
  zoneId: string
}

export interface RegionFixture {
  region: string
  name: string
  zones: ZoneFixture[]
}

export interface InstanceTypeFixture {
  type: string
  family: string
  typeName: string
  cpu: number
  memory: number
  gpu: number
  /** On-demand (POSTPAID_BY_HOUR) price per hour. */
  price: number
  /** Spot (SPOTPAID) price per hour. */
  spotPrice: number
  /** Zones (by index into the region's zones) where the type is sold; default all. */
  zoneIndexes?: number[]
}

export interface SecurityGroupRuleFixture {
  protocol: string
  port: string
  cidr?: string
  ipv6Cidr?: string
  action: 'ACCEPT' | 'DROP'
  description?: string
}

/** Seeded in every account and region. */
export interface DefaultNetworkFixture {
  vpc: { name: string; cidr: string }
  subnets: Array<{ name: string; cidr: string; zoneIndex: number }>
  securityGroups: Array<{
    name: string
    description: string
    ingress: SecurityGroupRuleFixture[]
    egress: SecurityGroupRuleFixture[]
  }>
  natGateway: { name: string; bandwidthOut: number; maxConcurrentConnection: number }
  routeTable: { name: string }
  keyPairs: Array<{ name: string; publicKey: string }>
}

export interface TencentFixture {
  quotas: { maxClustersPerRegion: number; maxNodePoolsPerCluster: number }
  accounts: TencentAccountFixture[]
  regions: RegionFixture[]
  instanceTypes: InstanceTypeFixture[]
  defaultNetwork: DefaultNetworkFixture
}

/** Checks the parsed YAML; undefined (no tencent.yaml) gives an empty cloud with no accounts. */
export function parseTencentFixture(doc: unknown): TencentFixture {
  if (doc === undefined || doc === null) {
    return {
      quotas: { maxClustersPerRegion: 20, maxNodePoolsPerCluster: 20 },
      accounts: [],
      regions: [],
      instanceTypes: [],
      defaultNetwork: {
        vpc: { name: 'Default-VPC', cidr: '172.16.0.0/16' },
        subnets: [],
        securityGroups: [],
        natGateway: { name: 'nat', bandwidthOut: 100, maxConcurrentConnection: 1000000 },
        routeTable: { name: 'default' },
        keyPairs: [],
      },
    }
  }
  const o = obj(doc, 'tencent.yaml')
  const quotas = obj(o.quotas ?? {}, 'quotas')
  return {
    quotas: {
      maxClustersPerRegion: num(quotas.maxClustersPerRegion ?? 20, 'quotas.maxClustersPerRegion'),
      maxNodePoolsPerCluster: num(quotas.maxNodePoolsPerCluster ?? 20, 'quotas.maxNodePoolsPerCluster'),
    },
    accounts: arr(o.accounts, 'accounts').map((a, i) => {
      const x = obj(a, `accounts[${i}]`)
      return {
        uin: String(x.uin ?? fail(`accounts[${i}].uin is required`)),
        appId: num(x.appId, `accounts[${i}].appId`),
        secretId: str(x.secretId, `accounts[${i}].secretId`),
        secretKey: str(x.secretKey, `accounts[${i}].secretKey`),
        note: str(x.note ?? 'full permissions', `accounts[${i}].note`),
        deny: arr(x.deny ?? [], `accounts[${i}].deny`).map((d, j) => str(d, `accounts[${i}].deny[${j}]`)),
      }
    }),
    regions: arr(o.regions, 'regions').map((r, i) => {
      const x = obj(r, `regions[${i}]`)
      return {
        region: str(x.region, `regions[${i}].region`),
        name: str(x.name, `regions[${i}].name`),
        zones: arr(x.zones, `regions[${i}].zones`).map((z, j) => {
          const y = obj(z, `regions[${i}].zones[${j}]`)
          return {
            zone: str(y.zone, `regions[${i}].zones[${j}].zone`),
            name: str(y.name, `regions[${i}].zones[${j}].name`),
            zoneId: String(y.zoneId ?? fail(`regions[${i}].zones[${j}].zoneId is required`)),
          }
        }),
      }
    }),
    instanceTypes: arr(o.instanceTypes, 'instanceTypes').map((t, i) => {
      const x = obj(t, `instanceTypes[${i}]`)
      const at = (k: string) => `instanceTypes[${i}].${k}`
      return {
        type: str(x.type, at('type')),
        family: str(x.family, at('family')),
        typeName: str(x.typeName, at('typeName')),
        cpu: num(x.cpu, at('cpu')),
        memory: num(x.memory, at('memory')),
        gpu: num(x.gpu ?? 0, at('gpu')),
        price: num(x.price, at('price')),
        spotPrice: num(x.spotPrice, at('spotPrice')),
        zoneIndexes:
          x.zoneIndexes === undefined
            ? undefined
            : arr(x.zoneIndexes, at('zoneIndexes')).map((n) => num(n, at('zoneIndexes'))),
      }
    }),
    defaultNetwork: obj(o.defaultNetwork, 'defaultNetwork') as unknown as DefaultNetworkFixture,
  }
}

function fail(message: string): never {
  throw new Error(`fixtures/tencent.yaml: ${message}`)
}
function obj(v: unknown, path: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) fail(`${path} must be a map`)
  return v as Record<string, unknown>
}
function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(`${path} must be a list`)
  return v as unknown[]
}
function str(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.length === 0) fail(`${path} must be a non-empty string`)
  return v as string
}
function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${path} must be a number`)
  return v as number
}
