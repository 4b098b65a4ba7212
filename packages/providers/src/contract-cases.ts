/**
 * Test support for the contract suite: one entry per adapter, saying how to build its credentials
 * from the fake clouds' seeded accounts and what the fake's fixture file says it must answer.
 * Expectations are derived from packages/fake-clouds/fixtures/*.yaml, never copied.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { FakeClouds } from '@console/fake-clouds'
import { parse } from 'yaml'
import type { CloudProvider, InventoryShapes } from './cloud-provider.ts'
import type { Providers } from './create-providers.ts'
import type { CloudZone } from './inventory.ts'

const FIXTURES = fileURLToPath(new URL('../../fake-clouds/fixtures/', import.meta.url))

export function readFixture(file: 'tencent.yaml' | 'aws.yaml'): any {
  return parse(readFileSync(`${FIXTURES}${file}`, 'utf8'))
}

/** Inventory reduced to what the fixture determines, in one form for every cloud. */
export interface NormalisedInventory {
  zones: string[]
  vpcs: Array<{ cidrBlock: string; subnets: Array<{ az: string; cidrBlock: string }> }>
  keyPairs: string[]
  instanceTypes: Array<{ type: string; cpu: number; memory: number; gpu: number }>
  prices: Record<string, number | null>
}

export interface SeededAccount {
  id: string
  secret: string
  note: string
}

export interface AdapterCase {
  cloud: 'tencent' | 'aws'
  provider(p: Providers): CloudProvider<any, InventoryShapes>
  credentials(account: SeededAccount): unknown
  /** The fixture's account id of an access key / SecretId (Tencent uin, AWS account id). */
  accountIdOf(keyId: string): string
  region: string
  instanceTypeQuery: { region: string; [k: string]: unknown }
  regions(): string[]
  expected(): NormalisedInventory
  normalise(inv: { zones: CloudZone[]; vpcs: any[]; keyPairs: any[]; instanceTypes: any[] }): NormalisedInventory
  /** Actions to aim faults at: the identity call of validation, and the zones read. */
  identityAction: string
  zonesAction: string
  throttleCode: string
  /** A server-side (5xx-class) failure code of the cloud. */
  serverErrorCode: string
  permanentCode: string
  /** Whether the fake serves the price source this adapter reads (see the report on fake-clouds). */
  pricesEmulated: boolean
}

const byCidr = (a: { cidrBlock: string }, b: { cidrBlock: string }) => a.cidrBlock.localeCompare(b.cidrBlock)
const byType = (a: { type: string }, b: { type: string }) => a.type.localeCompare(b.type)

const tencentFixture = readFixture('tencent.yaml')
const awsFixture = readFixture('aws.yaml')

const tencentRegion = tencentFixture.regions[0]
const tencentZone = tencentRegion.zones[0].zone as string

export const tencentCase: AdapterCase = {
  cloud: 'tencent',
  provider: (p) => p.tencent,
  credentials: (a) => ({ secretId: a.id, secretKey: a.secret }),
  accountIdOf: (id) => tencentFixture.accounts.find((a: any) => a.secretId === id).uin,
  region: tencentRegion.region,
  instanceTypeQuery: { region: tencentRegion.region, zone: tencentZone },
  regions: () => tencentFixture.regions.map((r: any) => r.region),
  expected() {
    const net = tencentFixture.defaultNetwork
    const types = tencentFixture.instanceTypes.filter((t: any) => !t.zoneIndexes || t.zoneIndexes.includes(0))
    return {
      zones: tencentRegion.zones.map((z: any) => z.zone),
      vpcs: [
        {
          cidrBlock: net.vpc.cidr,
          subnets: net.subnets
            .map((s: any) => ({ az: tencentRegion.zones[s.zoneIndex].zone, cidrBlock: s.cidr }))
            .sort(byCidr),
        },
      ],
      keyPairs: net.keyPairs.map((k: any) => k.name).sort(),
      instanceTypes: types.map((t: any) => ({ type: t.type, cpu: t.cpu, memory: t.memory, gpu: t.gpu })).sort(byType),
      prices: Object.fromEntries(types.map((t: any) => [t.type, t.price])),
    }
  },
  normalise: (inv) => ({
    zones: inv.zones.map((z) => z.name),
    vpcs: inv.vpcs.map((v) => ({
      cidrBlock: v.cidrBlock,
      subnets: v.subnets.map((s: any) => ({ az: s.az, cidrBlock: s.cidrBlock })).sort(byCidr),
    })),
    keyPairs: inv.keyPairs.map((k) => k.name).sort(),
    instanceTypes: inv.instanceTypes
      .map((t) => ({ type: t.type, cpu: t.cpu, memory: t.memory, gpu: t.gpu }))
      .sort(byType),
    prices: Object.fromEntries(inv.instanceTypes.map((t) => [t.type, t.price])),
  }),
  identityAction: 'GetCallerIdentity',
  zonesAction: 'DescribeZones',
  throttleCode: 'RequestLimitExceeded',
  serverErrorCode: 'InternalError',
  permanentCode: 'InvalidParameterValue',
  pricesEmulated: true,
}

const awsRegion = 'us-east-1'
const awsZones: string[] = awsFixture.regions[awsRegion].zones

/** The fixture's default-VPC layout: public 172.31.<32·i>.0/20 and private 172.31.<32·i+16>.0/20 per AZ. */
function awsSubnets() {
  return awsZones
    .flatMap((az, i) => [
      { az, cidrBlock: `172.31.${32 * i}.0/20` },
      { az, cidrBlock: `172.31.${32 * i + 16}.0/20` },
    ])
    .sort(byCidr)
}

/** The AZs of `region` that offer a fixture instance type. */
export function awsZonesOffering(type: any, region: string): string[] {
  const zones: string[] = awsFixture.regions[region].zones
  return type.zones === 'all' ? zones : zones.filter((z) => type.zones.includes(z))
}

export const awsCase: AdapterCase = {
  cloud: 'aws',
  provider: (p) => p.aws,
  credentials: (a) => ({ credentialType: 'secret', accessKey: a.id, secretKey: a.secret, partition: 'aws' }),
  accountIdOf: (id) => awsFixture.accounts.find((a: any) => a.accessKeyId === id).id,
  region: awsRegion,
  instanceTypeQuery: { region: awsRegion },
  regions: () => Object.keys(awsFixture.regions),
  expected() {
    const types = Object.entries<any>(awsFixture.instanceTypes).filter(
      ([, t]) => awsZonesOffering(t, awsRegion).length > 0,
    )
    const factor = awsFixture.regions[awsRegion].priceFactor
    return {
      zones: awsZones,
      vpcs: [{ cidrBlock: awsFixture.defaultVpc.cidr, subnets: awsSubnets() }],
      keyPairs: awsFixture.keyPairs
        .filter((k: any) => k.regions === 'all' || k.regions.includes(awsRegion))
        .map((k: any) => k.name)
        .sort(),
      instanceTypes: types
        .map(([type, t]) => ({ type, cpu: t.vcpus, memory: t.memoryMiB / 1024, gpu: t.gpus ?? 0 }))
        .sort(byType),
      prices: Object.fromEntries(types.map(([type, t]) => [type, Math.round(t.onDemandPrice * factor * 1e4) / 1e4])),
    }
  },
  normalise: (inv) => ({
    zones: inv.zones.map((z) => z.name),
    vpcs: inv.vpcs.map((v) => ({
      cidrBlock: v.cidrBlock,
      subnets: v.subnets.map((s: any) => ({ az: s.az, cidrBlock: s.cidrBlock })).sort(byCidr),
    })),
    keyPairs: inv.keyPairs.map((k) => k.name).sort(),
    instanceTypes: inv.instanceTypes
      .map((t) => ({ type: t.type, cpu: t.cpu, memory: t.memory, gpu: t.gpu }))
      .sort(byType),
    prices: Object.fromEntries(inv.instanceTypes.map((t) => [t.type, t.price])),
  }),
  identityAction: 'GetCallerIdentity',
  zonesAction: 'DescribeAvailabilityZones',
  throttleCode: 'RequestLimitExceeded',
  serverErrorCode: 'InternalError',
  permanentCode: 'InvalidParameterValue',
  pricesEmulated: true,
}

export const ADAPTER_CASES: AdapterCase[] = [tencentCase, awsCase]

export { awsFixture, tencentFixture }

/** The seeded accounts of one cloud: the one with every permission, and the one the note says lacks some. */
export function seededAccounts(fake: FakeClouds, cloud: 'tencent' | 'aws') {
  const accounts = fake.accounts.filter((a) => a.cloud === cloud)
  const full = accounts.find((a) => /full permissions/i.test(a.note))
  const restricted = accounts.find((a) => /lacks/i.test(a.note))
  if (!full || !restricted) throw new Error(`fake ${cloud} has no full and restricted account`)
  return {
    full: { id: full.id, secret: full.secret, note: full.note },
    restricted: { id: restricted.id, secret: restricted.secret, note: restricted.note },
    /** Permissions the note names, e.g. "lacks ec2:RunInstances and eks:CreateCluster". */
    missing: restricted.note.match(/[a-z0-9-]+:[A-Za-z0-9]+/g) ?? [],
  }
}
