import type { ResourceRecord } from '../core/types.ts'
import {
  type ActionHandler,
  applyFilters,
  getResource,
  listResources,
  page,
  required,
  spaceSeconds,
  T,
  type TencentCall,
  tagsToList,
} from './context.ts'
import { TencentError } from './errors.ts'
import type { SecurityGroupRuleFixture } from './fixture.ts'

/** VPC 2017-03-12: the network pieces a TKE cluster needs (read-only, seeded from the fixture). */
export const vpcActions: Record<string, ActionHandler> = {
  DescribeVpcs(call) {
    const found = byIds(call, T.vpc, call.params.VpcIds)
    const filtered = applyFilters(found, call.params.Filters, {
      'vpc-id': (r) => r.id,
      'vpc-name': (r) => r.name,
      'is-default': (r) => String(r.attrs.isDefault === true),
      'cidr-block': (r) => r.attrs.cidr as string,
    })
    return {
      TotalCount: filtered.length,
      VpcSet: page(filtered, call.params.Offset, call.params.Limit).map((r) => ({
        VpcName: r.name,
        VpcId: r.id,
        CidrBlock: r.attrs.cidr,
        IsDefault: r.attrs.isDefault === true,
        EnableMulticast: false,
        CreatedTime: spaceSeconds(r.createdAt),
        DnsServerSet: ['183.60.83.19', '183.60.82.98'],
        DomainName: '',
        DhcpOptionsId: '',
        EnableDhcp: true,
        Ipv6CidrBlock: '',
        TagSet: tagsToList(r.tags),
        AssistantCidrSet: [],
      })),
    }
  },

  DescribeSubnets(call) {
    const found = byIds(call, T.subnet, call.params.SubnetIds)
    const filtered = applyFilters(found, call.params.Filters, {
      'subnet-id': (r) => r.id,
      'subnet-name': (r) => r.name,
      'vpc-id': (r) => r.parentId,
      zone: (r) => r.attrs.zone as string,
      'cidr-block': (r) => r.attrs.cidr as string,
      'is-default': (r) => String(r.attrs.isDefault === true),
    })
    return {
      TotalCount: filtered.length,
      SubnetSet: page(filtered, call.params.Offset, call.params.Limit).map((r) => {
        const total = addressCount(r.attrs.cidr as string)
        const used = listResources(call, T.instance).filter((i) => i.attrs.subnetId === r.id).length
        return {
          VpcId: r.parentId,
          SubnetId: r.id,
          SubnetName: r.name,
          CidrBlock: r.attrs.cidr,
          IsDefault: r.attrs.isDefault === true,
          EnableBroadcast: false,
          Zone: r.attrs.zone,
          RouteTableId: r.attrs.routeTableId,
          CreatedTime: spaceSeconds(r.createdAt),
          AvailableIpAddressCount: total - used,
          TotalIpAddressCount: total,
          Ipv6CidrBlock: '',
          NetworkAclId: '',
          IsRemoteVpcSnat: false,
          TagSet: tagsToList(r.tags),
          CdcId: '',
          IsCdcSubnet: 0,
        }
      }),
    }
  },

  DescribeSecurityGroups(call) {
    const found = byIds(call, T.securityGroup, call.params.SecurityGroupIds)
    const filtered = applyFilters(found, call.params.Filters, {
      'security-group-id': (r) => r.id,
      'security-group-name': (r) => r.name,
      'project-id': () => '0',
    })
    return {
      TotalCount: filtered.length,
      SecurityGroupSet: page(filtered, call.params.Offset, call.params.Limit).map((r) => ({
        SecurityGroupId: r.id,
        SecurityGroupName: r.name,
        SecurityGroupDesc: r.attrs.description,
        ProjectId: '0',
        IsDefault: r.name === 'default',
        CreatedTime: spaceSeconds(r.createdAt),
        UpdateTime: spaceSeconds(r.createdAt),
        TagSet: tagsToList(r.tags),
      })),
    }
  },

  /** Not in the console's list, but the only way to see that a group opens 443. */
  DescribeSecurityGroupPolicies(call) {
    const id = required<string>(call.params, 'SecurityGroupId')
    const sg = getResource(call, T.securityGroup, id)
    if (!sg) throw notFound(id)
    const render = (rules: SecurityGroupRuleFixture[]) =>
      rules.map((rule, index) => ({
        PolicyIndex: index,
        Protocol: rule.protocol,
        Port: rule.port,
        CidrBlock: rule.cidr ?? '',
        Ipv6CidrBlock: rule.ipv6Cidr ?? '',
        SecurityGroupId: '',
        Action: rule.action,
        PolicyDescription: rule.description ?? '',
        ModifyTime: spaceSeconds(sg.createdAt),
      }))
    return {
      SecurityGroupPolicySet: {
        Version: '1',
        Ingress: render(sg.attrs.ingress as SecurityGroupRuleFixture[]),
        Egress: render(sg.attrs.egress as SecurityGroupRuleFixture[]),
      },
    }
  },

  DescribeNatGateways(call) {
    const found = byIds(call, T.natGateway, call.params.NatGatewayIds)
    const filtered = applyFilters(found, call.params.Filters, {
      'nat-gateway-id': (r) => r.id,
      'nat-gateway-name': (r) => r.name,
      'vpc-id': (r) => r.parentId,
    })
    return {
      TotalCount: filtered.length,
      NatGatewaySet: page(filtered, call.params.Offset, call.params.Limit).map((r) => ({
        NatGatewayId: r.id,
        NatGatewayName: r.name,
        CreatedTime: spaceSeconds(r.createdAt),
        State: r.state,
        NetworkState: 'AVAILABLE',
        InternetMaxBandwidthOut: r.attrs.bandwidthOut,
        MaxConcurrentConnection: r.attrs.maxConcurrentConnection,
        PublicIpAddressSet: [
          { AddressId: r.attrs.eipId, PublicIpAddress: r.attrs.publicIp, IsBlocked: false, BlockType: '' },
        ],
        DestinationIpPortTranslationNatRuleSet: [],
        SourceIpTranslationNatRuleSet: [],
        VpcId: r.parentId,
        Zone: r.attrs.zone,
        DirectConnectGatewayIds: [],
        SubnetId: '',
        TagSet: tagsToList(r.tags),
        SecurityGroupSet: [],
        IsExclusive: false,
        RestrictState: 'NORMAL',
        NatProductVersion: 1,
      })),
    }
  },

  DescribeRouteTables(call) {
    const found = byIds(call, T.routeTable, call.params.RouteTableIds)
    const filtered = applyFilters(found, call.params.Filters, {
      'route-table-id': (r) => r.id,
      'route-table-name': (r) => r.name,
      'vpc-id': (r) => r.parentId,
      'association.main': (r) => String(r.attrs.main === true),
    })
    return {
      TotalCount: filtered.length,
      RouteTableSet: page(filtered, call.params.Offset, call.params.Limit).map((r) => {
        const routes = r.attrs.routes as Array<{ destination: string; gatewayType: string; gatewayId: string }>
        return {
          VpcId: r.parentId,
          RouteTableId: r.id,
          RouteTableName: r.name,
          AssociationSet: (r.attrs.subnetIds as string[]).map((SubnetId) => ({ SubnetId, RouteTableId: r.id })),
          RouteSet: routes.map((route, index) => ({
            DestinationCidrBlock: route.destination,
            GatewayType: route.gatewayType,
            GatewayId: route.gatewayId,
            RouteId: index + 1,
            RouteDescription: '',
            Enabled: true,
            RouteType: route.gatewayType === 'LOCAL' ? 'NETD' : 'USER',
            RouteTableId: r.id,
            DestinationIpv6CidrBlock: '',
            RouteItemId: `rti-${r.id.slice(4)}${index}`,
            CreatedTime: spaceSeconds(r.createdAt),
          })),
          Main: r.attrs.main === true,
          CreatedTime: spaceSeconds(r.createdAt),
          TagSet: tagsToList(r.tags),
          LocalCidrForCcn: [],
        }
      }),
    }
  },
}

const ID_PATTERN = /^[a-z]+-[a-z0-9]{8}$/

/** All resources of a type, or exactly the requested ids (each must exist). */
function byIds(call: TencentCall, type: string, ids: unknown): ResourceRecord[] {
  if (ids === undefined || ids === null) return listResources(call, type)
  if (!Array.isArray(ids)) throw new TencentError('InvalidParameter', 'Ids must be an array of strings.')
  return ids.map((id) => {
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
      throw new TencentError('InvalidParameterValue.Malformed', `The id \`${String(id)}\` is malformed.`)
    }
    const r = getResource(call, type, id)
    if (!r) throw notFound(id)
    return r
  })
}

function notFound(id: string): TencentError {
  return new TencentError('ResourceNotFound', `The specified resource \`${id}\` is not found.`)
}

/** Usable addresses of a subnet: Tencent reserves the network, gateway, two more and broadcast. */
function addressCount(cidr: string): number {
  const bits = Number(cidr.split('/')[1] ?? 32)
  return Math.max(0, 2 ** (32 - bits) - 5)
}
