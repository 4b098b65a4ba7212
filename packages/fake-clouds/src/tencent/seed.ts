import type { CloudContext } from '../core/types.ts'
import { stableId, T } from './context.ts'
import type { TencentFixture } from './fixture.ts'

/**
 * Seeds the fixture's default network into every account and region: a default VPC,
 * subnets in several zones, security groups, a NAT gateway, the main route table and key pairs.
 * Ids are derived from account+region+name so they are the same after every reset.
 */
export function seedTencent(ctx: CloudContext, fixture: TencentFixture): void {
  const net = fixture.defaultNetwork
  for (const account of fixture.accounts) {
    for (const region of fixture.regions) {
      const base = { cloud: 'tencent' as const, account: account.uin, region: region.region, tags: {} }
      const sid = (prefix: string, name: string) => stableId(prefix, account.uin, region.region, name)

      const vpcId = sid('vpc', net.vpc.name)
      ctx.store.put({
        ...base,
        type: T.vpc,
        id: vpcId,
        name: net.vpc.name,
        state: 'Available',
        attrs: { cidr: net.vpc.cidr, isDefault: true },
      })

      const natId = sid('nat', net.natGateway.name)
      const routeTableId = sid('rtb', net.routeTable.name)
      const subnetIds: string[] = []
      for (const subnet of net.subnets) {
        const zone = region.zones[subnet.zoneIndex]
        if (!zone) continue
        const subnetId = sid('subnet', subnet.name)
        subnetIds.push(subnetId)
        ctx.store.put({
          ...base,
          type: T.subnet,
          id: subnetId,
          name: subnet.name,
          state: 'Available',
          parentId: vpcId,
          attrs: { cidr: subnet.cidr, zone: zone.zone, routeTableId, isDefault: subnetIds.length === 1 },
        })
      }

      for (const group of net.securityGroups) {
        ctx.store.put({
          ...base,
          type: T.securityGroup,
          id: sid('sg', group.name),
          name: group.name,
          state: 'Available',
          attrs: { description: group.description, ingress: group.ingress, egress: group.egress },
        })
      }

      const firstZone = region.zones[0]?.zone ?? ''
      ctx.store.put({
        ...base,
        type: T.natGateway,
        id: natId,
        name: net.natGateway.name,
        state: 'AVAILABLE',
        parentId: vpcId,
        attrs: {
          zone: firstZone,
          bandwidthOut: net.natGateway.bandwidthOut,
          maxConcurrentConnection: net.natGateway.maxConcurrentConnection,
          publicIp: publicIpFor(natId),
          eipId: sid('eip', net.natGateway.name),
        },
      })

      ctx.store.put({
        ...base,
        type: T.routeTable,
        id: routeTableId,
        name: net.routeTable.name,
        state: 'Available',
        parentId: vpcId,
        attrs: {
          main: true,
          subnetIds,
          routes: [
            { destination: net.vpc.cidr, gatewayType: 'LOCAL', gatewayId: 'Local' },
            { destination: '0.0.0.0/0', gatewayType: 'NAT', gatewayId: natId },
          ],
        },
      })

      for (const key of net.keyPairs) {
        ctx.store.put({
          ...base,
          type: T.keyPair,
          id: sid('skey', key.name),
          name: key.name,
          state: 'Available',
          attrs: { publicKey: key.publicKey },
        })
      }
    }
  }
}

/** A documentation-range address (RFC 5737) derived from the id. */
function publicIpFor(id: string): string {
  const n = [...id].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) % 250, 7)
  return `203.0.113.${n + 1}`
}
