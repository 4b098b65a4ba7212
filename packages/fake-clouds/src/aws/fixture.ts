import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

/** One seeded IAM identity. */
export interface AwsAccountFixture {
  /** 12-digit account id. */
  id: string
  userName: string
  accessKeyId: string
  secretAccessKey: string
  note: string
  /** This identity is the console's own base credentials for assuming customers' roles (STS). */
  consoleIdentity?: boolean
  /** IAM actions ("ec2:RunInstances", or "ec2:*" for a whole service) this identity may not call. */
  deny: string[]
  /** IAM roles of this account that others may assume through STS AssumeRole. */
  roles: AwsRoleFixture[]
}

/** One IAM role: who may assume it (its trust policy, reduced) and what its sessions may not do. */
export interface AwsRoleFixture {
  /** arn:aws:iam::<this account>:role/<name> */
  arn: string
  /** The sts:ExternalId condition of the trust policy; undefined: no condition. */
  externalId?: string
  /** Principals allowed to assume it: 12-digit account ids (any identity of that account), access key ids or user ARNs. */
  trusts: string[]
  /** IAM actions the role's sessions may not call. */
  deny: string[]
  /** The role's maximum session duration in seconds (AWS default 3600). */
  maxSessionDuration: number
}

export interface AwsInstanceTypeFixture {
  vcpus: number
  memoryMiB: number
  gpus?: number
  gpuName?: string
  onDemandPrice: number
  /** Spot price (USD/hour) per AZ; AZs not listed: onDemandPrice × region priceFactor × spotPriceFactor. */
  spotPrice?: Record<string, number>
  /** AZ names offering the type, or 'all'. */
  zones: string[] | 'all'
}

export interface AwsImageFixture {
  name: string
  owner: string
  ownerAlias?: string
  description?: string
  created: string
}

/** The parsed fixtures/aws.yaml (see that file for the meaning of every knob). */
export interface AwsFixture {
  accounts: AwsAccountFixture[]
  regions: Record<string, { zones: string[]; priceFactor: number }>
  defaultVpc: { cidr: string; lbDiscoveryTaggedZones: number }
  keyPairs: Array<{ name: string; regions: string[] | 'all' }>
  instanceTypes: Record<string, AwsInstanceTypeFixture>
  images: AwsImageFixture[]
  strictImages: boolean
  spotPriceFactor: number
  /** Price List API knobs (GetProducts): surcharges of the non-Linux, non-shared products. */
  priceList: { windowsPerVcpuHour: number; dedicatedFactor: number; publicationDate: string }
  quotas: Record<string, number>
  eks: { versions: string[]; defaultVersion: string }
  durations: Record<string, number>
}

/** Defaults for every duration key the module uses, in simulated ms. */
export const DEFAULT_DURATIONS: Record<string, number> = {
  'ec2.instance.start': 30_000,
  'ec2.instance.terminate': 20_000,
  'ec2.instance.terminated-visible': 3_600_000,
  'ec2.natgateway.create': 60_000,
  'ec2.natgateway.delete': 30_000,
  'ec2.natgateway.deleted-visible': 3_600_000,
  'eks.cluster.create': 600_000,
  'eks.cluster.delete': 300_000,
  'eks.cluster.update': 300_000,
  'eks.nodegroup.create': 180_000,
  'eks.nodegroup.delete': 120_000,
  'eks.nodegroup.update': 60_000,
  'elb.loadbalancer.create': 90_000,
}

export const DEFAULT_QUOTAS: Record<string, number> = {
  vpcsPerRegion: 5,
  elasticIpsPerRegion: 5,
  internetGatewaysPerRegion: 5,
  natGatewaysPerAz: 5,
  securityGroupsPerVpc: 500,
  onDemandVcpusPerRegion: 64,
  loadBalancersPerRegion: 50,
  targetGroupsPerRegion: 100,
  eksClustersPerRegion: 10,
  nodegroupsPerCluster: 30,
}

export const AWS_FIXTURE_PATH = fileURLToPath(new URL('../../fixtures/aws.yaml', import.meta.url))

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Normalise what the core hands to seed(): the parsed aws.yaml, a whole fixture object with an
 * `aws` key, or nothing (then fixtures/aws.yaml is read).
 */
export function toAwsFixture(raw: unknown): AwsFixture {
  let doc: unknown = raw
  if (isRecord(doc) && isRecord(doc.aws)) doc = doc.aws
  if (!isRecord(doc) || !Array.isArray(doc.accounts)) doc = parse(readFileSync(AWS_FIXTURE_PATH, 'utf8'))
  const d = doc as Partial<AwsFixture>
  const accounts = (d.accounts ?? []).map((a) => {
    if (!/^\d{12}$/.test(String(a.id))) throw new Error(`aws fixture: account id ${String(a.id)} is not 12 digits`)
    const id = String(a.id)
    const roles = (a.roles ?? []).map((r: Partial<AwsRoleFixture>) => {
      if (!r.arn?.startsWith(`arn:aws:iam::${id}:role/`)) {
        throw new Error(`aws fixture: role ${String(r.arn)} is not a role of account ${id}`)
      }
      return {
        arn: r.arn,
        externalId: r.externalId,
        trusts: (r.trusts ?? []).map(String),
        deny: r.deny ?? [],
        maxSessionDuration: r.maxSessionDuration ?? 3600,
      }
    })
    return { ...a, id, deny: a.deny ?? [], roles }
  })
  return {
    accounts,
    regions: d.regions ?? {},
    defaultVpc: { cidr: '172.31.0.0/16', lbDiscoveryTaggedZones: 2, ...d.defaultVpc },
    keyPairs: d.keyPairs ?? [],
    instanceTypes: d.instanceTypes ?? {},
    images: d.images ?? [],
    strictImages: d.strictImages === true,
    spotPriceFactor: d.spotPriceFactor ?? 0.35,
    priceList: {
      windowsPerVcpuHour: 0.046,
      dedicatedFactor: 1.1,
      publicationDate: '2025-01-01T00:00:00Z',
      ...d.priceList,
    },
    quotas: { ...DEFAULT_QUOTAS, ...d.quotas },
    eks: { versions: ['1.31'], defaultVersion: '1.31', ...d.eks },
    durations: { ...DEFAULT_DURATIONS, ...d.durations },
  }
}

export function loadAwsFixture(path = AWS_FIXTURE_PATH): AwsFixture {
  return toAwsFixture(parse(readFileSync(path, 'utf8')))
}

/** Whether an instance type is offered in an AZ. */
export function isOffered(type: AwsInstanceTypeFixture, zone: string): boolean {
  return type.zones === 'all' || type.zones.includes(zone)
}

/** The on-demand Linux price of a type in a region (USD/hour, 4 decimals as AWS quotes them), or undefined. */
export function onDemandPriceIn(fixture: AwsFixture, region: string, type: string): number | undefined {
  const t = fixture.instanceTypes[type]
  if (!t) return undefined
  const factor = fixture.regions[region]?.priceFactor ?? 1
  return Math.round(t.onDemandPrice * factor * 10_000) / 10_000
}

/** The current Linux spot price of a type in an AZ: the fixture's per-AZ price, else the spotPriceFactor share of on-demand. */
export function spotPriceIn(fixture: AwsFixture, region: string, zone: string, type: string): number | undefined {
  const t = fixture.instanceTypes[type]
  if (!t || !isOffered(t, zone)) return undefined
  const listed = t.spotPrice?.[zone]
  if (listed !== undefined) return listed
  return Math.round((onDemandPriceIn(fixture, region, type) ?? 0) * fixture.spotPriceFactor * 10_000) / 10_000
}
