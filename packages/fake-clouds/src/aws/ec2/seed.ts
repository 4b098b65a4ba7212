import { type AwsCall, putResource, seededId } from '../call.ts'
import { intToIp, parseCidr } from './cidr.ts'
import { putKeyPair } from './key-pairs.ts'
import { createSubnetRecord, createVpcRecords } from './vpcs.ts'

const ELB_ROLE = 'kubernetes.io/role/elb'
const INTERNAL_ELB_ROLE = 'kubernetes.io/role/internal-elb'
const CAPA_ROLE = 'sigs.k8s.io/cluster-api-provider-aws/role'

/**
 * Seed one account+region: the default VPC (with its internet gateway, main route table and
 * default security group), a public and a private /20 per AZ, and the fixture's key pairs.
 * Ids are derived from account+region so they are the same after every reset.
 */
export function seedEc2Region(call: AwsCall): void {
  const { fixture, account, region } = call
  const zones = fixture.regions[region]?.zones ?? []
  const vpcCidr = parseCidr(fixture.defaultVpc.cidr)
  if (!vpcCidr) throw new Error(`aws fixture: defaultVpc.cidr ${fixture.defaultVpc.cidr} is not a CIDR`)
  const vpcId = seededId('vpc', account.id, region)
  createVpcRecords(call, {
    id: vpcId,
    cidr: fixture.defaultVpc.cidr,
    isDefault: true,
    tags: { Name: 'default' },
    seeded: true,
    ids: { rtb: seededId('rtb', account.id, region), sg: seededId('sg', account.id, region) },
  })
  putResource(call, {
    type: 'ec2.internet-gateway',
    id: seededId('igw', account.id, region),
    state: 'available',
    tags: { Name: 'default' },
    attrs: { vpcId },
    seeded: true,
  })
  zones.forEach((zone, i) => {
    const tagged = i < fixture.defaultVpc.lbDiscoveryTaggedZones
    const publicCidr = `${intToIp(vpcCidr.base + i * 2 * 4096)}/20`
    const privateCidr = `${intToIp(vpcCidr.base + (i * 2 + 1) * 4096)}/20`
    createSubnetRecord(call, {
      id: seededId('subnet', account.id, region, zone, 'public'),
      vpcId,
      cidr: publicCidr,
      zone,
      defaultForAz: true,
      mapPublicIp: true,
      seeded: true,
      tags: { Name: `default-public-${zone}`, ...(tagged ? { [ELB_ROLE]: '1', [CAPA_ROLE]: 'public' } : {}) },
    })
    createSubnetRecord(call, {
      id: seededId('subnet', account.id, region, zone, 'private'),
      vpcId,
      cidr: privateCidr,
      zone,
      seeded: true,
      tags: {
        Name: `default-private-${zone}`,
        ...(tagged ? { [INTERNAL_ELB_ROLE]: '1', [CAPA_ROLE]: 'private' } : {}),
      },
    })
  })
  for (const kp of fixture.keyPairs) {
    if (kp.regions === 'all' || kp.regions.includes(region)) {
      putKeyPair(call, {
        id: seededId('key', account.id, region, kp.name),
        name: kp.name,
        material: `${account.id}/${kp.name}`,
        tags: {},
        seeded: true,
      })
    }
  }
}
