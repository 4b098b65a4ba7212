import type {
  AssociateRouteTableRequest,
  AssociateRouteTableResult,
  CreateRouteRequest,
  CreateRouteResult,
  CreateRouteTableRequest,
  CreateRouteTableResult,
  DeleteRouteTableRequest,
  DescribeRouteTablesRequest,
  DescribeRouteTablesResult,
  DisassociateRouteTableRequest,
  RouteTable,
} from '@aws-sdk/client-ec2'
import type { ResourceRecord } from '../../core/types.ts'
import {
  type AwsCall,
  AwsError,
  getResource,
  listResources,
  newId,
  putResource,
  removeResource,
  tagsToList,
  updateResource,
} from '../call.ts'
import { parseCidr } from './cidr.ts'
import { internetGatewayKind, natGatewayKind } from './gateways.ts'
import { describeKind, type Ec2Kind, notFound, paginateEc2, requireResource } from './kind.ts'
import { tagsFor } from './tag-spec.ts'
import { subnetKind, vpcKind } from './vpcs.ts'

interface StoredRoute {
  dest: string
  gatewayId?: string
  natGatewayId?: string
}
interface StoredAssociation {
  id: string
  subnetId?: string
  main: boolean
}

function routesOf(r: ResourceRecord): StoredRoute[] {
  return r.attrs.routes as StoredRoute[]
}
function associationsOf(r: ResourceRecord): StoredAssociation[] {
  return r.attrs.associations as StoredAssociation[]
}

/** A route whose target is gone is a blackhole, as in AWS. */
function routeState(call: AwsCall, route: StoredRoute): 'active' | 'blackhole' {
  if (route.gatewayId && route.gatewayId !== 'local' && !getResource(call, internetGatewayKind.type, route.gatewayId)) {
    return 'blackhole'
  }
  if (route.natGatewayId) {
    const nat = getResource(call, natGatewayKind.type, route.natGatewayId)
    if (!nat || nat.state === 'deleted' || nat.state === 'deleting') return 'blackhole'
  }
  return 'active'
}

export const routeTableKind: Ec2Kind<RouteTable> = {
  type: 'ec2.route-table',
  prefix: 'rtb',
  tagResourceType: 'route-table',
  notFound: notFound('InvalidRouteTableID.NotFound', "The routeTable ID '{id}' does not exist"),
  view: (call, r) => ({
    RouteTableId: r.id,
    VpcId: r.attrs.vpcId as string,
    OwnerId: call.account.id,
    Routes: routesOf(r).map((route) => ({
      DestinationCidrBlock: route.dest,
      GatewayId: route.gatewayId,
      NatGatewayId: route.natGatewayId,
      State: routeState(call, route),
      Origin: route.gatewayId === 'local' ? 'CreateRouteTable' : 'CreateRoute',
    })),
    Associations: associationsOf(r).map((a) => ({
      RouteTableAssociationId: a.id,
      RouteTableId: r.id,
      SubnetId: a.subnetId,
      Main: a.main,
      AssociationState: { State: 'associated' },
    })),
    PropagatingVgws: [],
    Tags: tagsToList(r.tags),
  }),
  fields: (_call, r) => ({
    'route-table-id': [r.id],
    'vpc-id': [r.attrs.vpcId as string],
    'association.main': [associationsOf(r).some((a) => a.main)],
    'association.subnet-id': associationsOf(r).map((a) => a.subnetId),
    'association.route-table-association-id': associationsOf(r).map((a) => a.id),
    'route.destination-cidr-block': routesOf(r).map((x) => x.dest),
    'route.gateway-id': routesOf(r).map((x) => x.gatewayId),
    'route.nat-gateway-id': routesOf(r).map((x) => x.natGatewayId),
    'owner-id': [r.account],
  }),
}

export function describeRouteTables(call: AwsCall, input: DescribeRouteTablesRequest): DescribeRouteTablesResult {
  const { page, NextToken } = paginateEc2(describeKind(call, routeTableKind, input.RouteTableIds, input.Filters), input)
  return { RouteTables: page, NextToken }
}

export function createRouteTable(call: AwsCall, input: CreateRouteTableRequest): CreateRouteTableResult {
  const vpc = requireResource(call, vpcKind, input.VpcId)
  if (input.ClientToken) {
    const same = listResources(call, routeTableKind.type, vpc.id).find((t) => t.attrs.clientToken === input.ClientToken)
    if (same) return { RouteTable: routeTableKind.view(call, same), ClientToken: input.ClientToken }
  }
  const tags = tagsFor(input.TagSpecifications, 'route-table')
  const r = putResource(call, {
    type: routeTableKind.type,
    id: newId('rtb'),
    name: tags.Name,
    state: 'available',
    parentId: vpc.id,
    tags,
    attrs: {
      vpcId: vpc.id,
      main: false,
      routes: [{ dest: vpc.attrs.cidrBlock as string, gatewayId: 'local' }],
      associations: [],
      clientToken: input.ClientToken,
    },
  })
  return { RouteTable: routeTableKind.view(call, r), ClientToken: input.ClientToken }
}

export function createRoute(call: AwsCall, input: CreateRouteRequest): CreateRouteResult {
  const table = requireResource(call, routeTableKind, input.RouteTableId)
  if (!input.DestinationCidrBlock || !parseCidr(input.DestinationCidrBlock)) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${input.DestinationCidrBlock}) for parameter destinationCidrBlock is invalid.`,
    )
  }
  const route: StoredRoute = { dest: input.DestinationCidrBlock }
  if (input.GatewayId) {
    const igw = requireResource(call, internetGatewayKind, input.GatewayId)
    if (igw.attrs.vpcId !== table.attrs.vpcId) {
      throw new AwsError(
        'InvalidParameterValue',
        `route table ${table.id} and network gateway ${igw.id} belong to different networks`,
      )
    }
    route.gatewayId = igw.id
  } else if (input.NatGatewayId) {
    route.natGatewayId = requireResource(call, natGatewayKind, input.NatGatewayId).id
  } else {
    throw new AwsError('InvalidParameterCombination', 'No route target specified: give GatewayId or NatGatewayId.')
  }
  if (routesOf(table).some((x) => x.dest === route.dest)) {
    throw new AwsError('RouteAlreadyExists', `The route identified by ${route.dest} already exists.`)
  }
  updateResource(call, table, { attrs: { ...table.attrs, routes: [...routesOf(table), route] } })
  return { Return: true }
}

export function associateRouteTable(call: AwsCall, input: AssociateRouteTableRequest): AssociateRouteTableResult {
  const table = requireResource(call, routeTableKind, input.RouteTableId)
  const subnet = requireResource(call, subnetKind, input.SubnetId)
  if (subnet.attrs.vpcId !== table.attrs.vpcId) {
    throw new AwsError(
      'InvalidParameterValue',
      `Route table ${table.id} and subnet ${subnet.id} belong to different networks`,
    )
  }
  for (const other of listResources(call, routeTableKind.type, table.attrs.vpcId as string)) {
    const hit = associationsOf(other).find((a) => a.subnetId === subnet.id)
    if (hit)
      throw new AwsError(
        'Resource.AlreadyAssociated',
        `the specified association for route table ${other.id} conflicts with an existing association`,
      )
  }
  const association = { id: newId('rtbassoc'), subnetId: subnet.id, main: false }
  updateResource(call, table, { attrs: { ...table.attrs, associations: [...associationsOf(table), association] } })
  return { AssociationId: association.id, AssociationState: { State: 'associated' } }
}

export function disassociateRouteTable(call: AwsCall, input: DisassociateRouteTableRequest): Record<string, never> {
  const table = listResources(call, routeTableKind.type).find((t) =>
    associationsOf(t).some((a) => a.id === input.AssociationId),
  )
  if (!table) {
    throw new AwsError('InvalidAssociationID.NotFound', `The association ID '${input.AssociationId}' does not exist`)
  }
  updateResource(call, table, {
    attrs: { ...table.attrs, associations: associationsOf(table).filter((a) => a.id !== input.AssociationId) },
  })
  return {}
}

export function deleteRouteTable(call: AwsCall, input: DeleteRouteTableRequest): Record<string, never> {
  const table = requireResource(call, routeTableKind, input.RouteTableId)
  if (table.attrs.main === true || associationsOf(table).length > 0) {
    throw new AwsError('DependencyViolation', `The routeTable '${table.id}' has dependencies and cannot be deleted.`)
  }
  removeResource(call, table)
  return {}
}
