import {
  DescribeAvailabilityZonesCommand,
  DescribeInstanceTypeOfferingsCommand,
  DescribeInstanceTypesCommand,
  DescribeKeyPairsCommand,
  DescribeRegionsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type InstanceTypeInfo,
  type Subnet,
  type Tag,
  type Vpc,
} from '@aws-sdk/client-ec2'
import { EKSClient } from '@aws-sdk/client-eks'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { type CallPolicy, runWithPolicy } from '../call-policy.ts'
import type { AwsCloudProvider, AwsCredentials, CloudIdentity } from '../cloud-provider.ts'
import { isCloudError } from '../errors.ts'
import type {
  AwsInstanceType,
  AwsInstanceTypeQuery,
  AwsKeyPair,
  AwsNodeImage,
  AwsSubnet,
  AwsVpc,
  CloudRegion,
  CloudZone,
} from '../inventory.ts'
import type { InventoryCache } from '../inventory-cache.ts'
import { toAwsCloudError } from './aws-errors.ts'
import { fetchOnDemandPrices } from './aws-pricing.ts'
import {
  type AwsEndpoint,
  type AwsKeys,
  AwsSession,
  clientConfig,
  describePrincipal,
  PARTITION_HOME_REGION,
} from './aws-session.ts'
import { probeAwsPermissions } from './aws-validation.ts'
import { capaImagesCommand, newestImagesFirst } from './node-images.ts'

export interface AwsProviderOptions {
  endpoint: AwsEndpoint
  policy: CallPolicy
  cache: InventoryCache
  /** The console's own identity for assuming roles; default the SDK's credential chain. */
  baseCredentials?: AwsKeys
}

type Config = ReturnType<typeof clientConfig>
interface Destroyable {
  destroy(): void
}

/** AWS (EC2, EKS, STS, Price List) through the AWS SDK v3. Serves the `aws` and `eks` cloud types. */
export class AwsProvider implements AwsCloudProvider {
  readonly cloudType = 'aws' as const
  private readonly session: AwsSession

  constructor(private readonly options: AwsProviderOptions) {
    this.session = new AwsSession({
      endpoint: options.endpoint,
      policy: options.policy,
      baseCredentials: options.baseCredentials,
    })
  }

  async validateCredentials(credentials: AwsCredentials): Promise<CloudIdentity> {
    const region = PARTITION_HOME_REGION[credentials.partition]
    const who = await this.send(credentials, region, 'sts', 'GetCallerIdentity', STSClient, (c, s) =>
      c.send(new GetCallerIdentityCommand({}), { abortSignal: s }),
    )
    await probeAwsPermissions({
      ec2: (action, run) => this.send(credentials, region, 'ec2', action, EC2Client, run),
      eks: (action, run) => this.send(credentials, region, 'eks', action, EKSClient, run),
    })
    return { accountId: who.Account ?? '', principal: who.Arn ?? '' }
  }

  listRegions(credentials: AwsCredentials): Promise<CloudRegion[]> {
    return this.cached(credentials, 'regions', null, async () => {
      const region = PARTITION_HOME_REGION[credentials.partition]
      const res = await this.ec2(credentials, region, 'DescribeRegions', (c, s) =>
        c.send(new DescribeRegionsCommand({}), { abortSignal: s }),
      )
      return (res.Regions ?? []).map((r) => ({ name: r.RegionName ?? '' })).sort((a, b) => a.name.localeCompare(b.name))
    })
  }

  listZones(credentials: AwsCredentials, region: string): Promise<CloudZone[]> {
    return this.cached(credentials, 'zones', { region }, async () => {
      const res = await this.ec2(credentials, region, 'DescribeAvailabilityZones', (c, s) =>
        c.send(new DescribeAvailabilityZonesCommand({}), { abortSignal: s }),
      )
      return (res.AvailabilityZones ?? [])
        .filter((z) => z.State === undefined || z.State === 'available')
        .map((z) => ({ name: z.ZoneName ?? '', zoneId: z.ZoneId }))
    })
  }

  listVpcs(credentials: AwsCredentials, region: string): Promise<AwsVpc[]> {
    return this.cached(credentials, 'vpcs', { region }, async () => {
      const vpcs: Vpc[] = await this.paginate((NextToken) =>
        this.ec2(credentials, region, 'DescribeVpcs', (c, s) =>
          c.send(new DescribeVpcsCommand({ NextToken, MaxResults: 1000 }), { abortSignal: s }),
        ).then((r) => ({ items: r.Vpcs ?? [], next: r.NextToken })),
      )
      const subnets: Subnet[] = await this.paginate((NextToken) =>
        this.ec2(credentials, region, 'DescribeSubnets', (c, s) =>
          c.send(new DescribeSubnetsCommand({ NextToken, MaxResults: 1000 }), { abortSignal: s }),
        ).then((r) => ({ items: r.Subnets ?? [], next: r.NextToken })),
      )
      return vpcs.map((v) => ({
        vpcId: v.VpcId ?? '',
        name: nameTag(v.Tags) ?? v.VpcId ?? '',
        cidrBlock: v.CidrBlock ?? '',
        isDefault: v.IsDefault ?? false,
        subnets: subnets.filter((s) => s.VpcId === v.VpcId).map(toSubnet),
      }))
    })
  }

  listKeyPairs(credentials: AwsCredentials, region: string): Promise<AwsKeyPair[]> {
    return this.cached(credentials, 'keypairs', { region }, async () => {
      const res = await this.ec2(credentials, region, 'DescribeKeyPairs', (c, s) =>
        c.send(new DescribeKeyPairsCommand({}), { abortSignal: s }),
      )
      return (res.KeyPairs ?? []).map((k) => ({
        id: k.KeyPairId ?? '',
        name: k.KeyName ?? '',
        fingerprint: k.KeyFingerprint ?? '',
      }))
    })
  }

  listInstanceTypes(credentials: AwsCredentials, query: AwsInstanceTypeQuery): Promise<AwsInstanceType[]> {
    const { region } = query
    return this.cached(credentials, 'instancetypes', { region }, async () => {
      const [types, offerings, prices] = await Promise.all([
        this.paginate<InstanceTypeInfo>((NextToken) =>
          this.ec2(credentials, region, 'DescribeInstanceTypes', (c, s) =>
            c.send(new DescribeInstanceTypesCommand({ NextToken, MaxResults: 100 }), { abortSignal: s }),
          ).then((r) => ({ items: r.InstanceTypes ?? [], next: r.NextToken })),
        ),
        this.paginate((NextToken) =>
          this.ec2(credentials, region, 'DescribeInstanceTypeOfferings', (c, s) =>
            c.send(
              new DescribeInstanceTypeOfferingsCommand({
                LocationType: 'availability-zone',
                NextToken,
                MaxResults: 1000,
              }),
              { abortSignal: s },
            ),
          ).then((r) => ({ items: r.InstanceTypeOfferings ?? [], next: r.NextToken })),
        ),
        this.prices(credentials, region),
      ])
      const zonesOf = new Map<string, string[]>()
      for (const o of offerings) {
        const list = zonesOf.get(o.InstanceType ?? '') ?? []
        if (o.Location) list.push(o.Location)
        zonesOf.set(o.InstanceType ?? '', list)
      }
      return types
        .map((t) => {
          const type = t.InstanceType ?? ''
          return {
            type,
            cpu: t.VCpuInfo?.DefaultVCpus ?? 0,
            memory: (t.MemoryInfo?.SizeInMiB ?? 0) / 1024,
            gpu: (t.GpuInfo?.Gpus ?? []).reduce((n, g) => n + (g.Count ?? 0), 0),
            price: prices.get(type) ?? null,
            currency: 'USD' as const,
            availabilityZones: (zonesOf.get(type) ?? []).sort(),
          }
        })
        .sort((a, b) => a.type.localeCompare(b.type))
    })
  }

  listNodeImages(credentials: AwsCredentials, region: string, kubernetesVersion: string): Promise<AwsNodeImage[]> {
    return this.cached(credentials, 'nodeimages', { region, kubernetesVersion }, async () => {
      const res = await this.ec2(credentials, region, 'DescribeImages', (c, s) =>
        c.send(capaImagesCommand(kubernetesVersion), { abortSignal: s }),
      )
      return newestImagesFirst(res.Images).map((i) => ({
        imageId: i.ImageId ?? '',
        name: i.Name ?? '',
        created: i.CreationDate ?? '',
      }))
    })
  }

  /**
   * Prices come from the Price List API, which the console's documented IAM policy does not grant
   * (pricing:GetProducts): when it is refused or unavailable the types are still listed, without prices.
   */
  private async prices(credentials: AwsCredentials, region: string): Promise<Map<string, number>> {
    try {
      return await fetchOnDemandPrices({
        endpoint: this.options.endpoint,
        policy: this.options.policy,
        keys: await this.session.keysFor(credentials),
        partition: credentials.partition,
        region,
        principal: describePrincipal(credentials),
      })
    } catch (err) {
      if (isCloudError(err) && err.action === 'GetProducts') return new Map()
      throw err
    }
  }

  private ec2<T>(
    credentials: AwsCredentials,
    region: string,
    action: string,
    run: (client: EC2Client, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    return this.send(credentials, region, 'ec2', action, EC2Client, run)
  }

  /** One SDK call through the call policy, on a client signed with the account's (possibly assumed) keys. */
  private async send<C extends Destroyable, T>(
    credentials: AwsCredentials,
    region: string,
    service: string,
    action: string,
    Client: new (config: Config) => C,
    run: (client: C, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const { endpoint, policy } = this.options
    const keys = await this.session.keysFor(credentials)
    const client = new Client(clientConfig(endpoint, region, keys))
    const site = { service, action, region, principal: describePrincipal(credentials), timeoutMs: policy.timeoutMs }
    try {
      return await runWithPolicy(
        policy,
        (attempt) => run(client, attempt.signal),
        (err, attempt) => toAwsCloudError(err, site, attempt.timedOut()),
      )
    } finally {
      client.destroy()
    }
  }

  private cached<T>(credentials: AwsCredentials, call: string, args: unknown, load: () => Promise<T>): Promise<T> {
    return this.options.cache.getOrLoad(credentials, `aws:${call}`, args, load)
  }

  private async paginate<T>(fetchPage: (token: string | undefined) => Promise<{ items: T[]; next?: string }>) {
    const out: T[] = []
    let token: string | undefined
    do {
      const page = await fetchPage(token)
      out.push(...page.items)
      token = page.next
    } while (token)
    return out
  }
}

function nameTag(tags: Tag[] | undefined): string | undefined {
  return tags?.find((t) => t.Key === 'Name')?.Value
}

function toSubnet(s: Subnet): AwsSubnet {
  const tags: Record<string, string> = {}
  for (const t of s.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? ''
  return {
    subnetId: s.SubnetId ?? '',
    name: tags.Name ?? s.SubnetId ?? '',
    az: s.AvailabilityZone ?? '',
    cidrBlock: s.CidrBlock ?? '',
    isPrivate: s.MapPublicIpOnLaunch !== true,
    tags,
  }
}
