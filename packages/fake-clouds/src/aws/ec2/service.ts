import type { FakeResponse } from '../../core/types.ts'
import { type AwsCall, AwsError, isAllowed, principalArn } from '../call.ts'
import { escapeXml, operationShapes, readQueryInput, writeXmlMembers } from '../query-codec.ts'
import {
  describeAvailabilityZones,
  describeInstanceTypeOfferings,
  describeInstanceTypes,
  describeRegions,
} from './catalog.ts'
import * as gw from './gateways.ts'
import { describeImages } from './images.ts'
import { describeInstances, runInstances, terminateInstances } from './instances.ts'
import { createKeyPair, deleteKeyPair, describeKeyPairs, importKeyPair } from './key-pairs.ts'
import * as rt from './route-tables.ts'
import * as sg from './security-groups.ts'
import { describeSpotPriceHistory } from './spot-prices.ts'
import { createTags, deleteTags, describeTags } from './tags.ts'
import * as net from './vpcs.ts'

export const EC2_VERSION = '2016-11-15'
const XMLNS = `http://ec2.amazonaws.com/doc/${EC2_VERSION}/`

// Each handler takes the SDK's typed input for its action; the codec builds it from the form body.
type Handler = (call: AwsCall, input: any) => object

/** The emulated EC2 actions. */
export const EC2_HANDLERS: Record<string, Handler> = {
  DescribeRegions: describeRegions,
  DescribeAvailabilityZones: describeAvailabilityZones,
  DescribeInstanceTypes: describeInstanceTypes,
  DescribeInstanceTypeOfferings: describeInstanceTypeOfferings,
  DescribeImages: describeImages,
  DescribeKeyPairs: describeKeyPairs,
  CreateKeyPair: createKeyPair,
  ImportKeyPair: importKeyPair,
  DeleteKeyPair: deleteKeyPair,
  DescribeVpcs: net.describeVpcs,
  CreateVpc: net.createVpc,
  DeleteVpc: net.deleteVpc,
  ModifyVpcAttribute: net.modifyVpcAttribute,
  DescribeVpcAttribute: net.describeVpcAttribute,
  ModifySubnetAttribute: net.modifySubnetAttribute,
  DescribeSubnets: net.describeSubnets,
  CreateSubnet: net.createSubnet,
  DeleteSubnet: net.deleteSubnet,
  DescribeInternetGateways: gw.describeInternetGateways,
  CreateInternetGateway: gw.createInternetGateway,
  AttachInternetGateway: gw.attachInternetGateway,
  DetachInternetGateway: gw.detachInternetGateway,
  DeleteInternetGateway: gw.deleteInternetGateway,
  DescribeAddresses: gw.describeAddresses,
  AllocateAddress: gw.allocateAddress,
  ReleaseAddress: gw.releaseAddress,
  DescribeNatGateways: gw.describeNatGateways,
  CreateNatGateway: gw.createNatGateway,
  DeleteNatGateway: gw.deleteNatGateway,
  DescribeRouteTables: rt.describeRouteTables,
  CreateRouteTable: rt.createRouteTable,
  CreateRoute: rt.createRoute,
  AssociateRouteTable: rt.associateRouteTable,
  DisassociateRouteTable: rt.disassociateRouteTable,
  DeleteRouteTable: rt.deleteRouteTable,
  DescribeSecurityGroups: sg.describeSecurityGroups,
  CreateSecurityGroup: sg.createSecurityGroup,
  AuthorizeSecurityGroupIngress: sg.authorizeSecurityGroupIngress,
  RevokeSecurityGroupIngress: sg.revokeSecurityGroupIngress,
  DeleteSecurityGroup: sg.deleteSecurityGroup,
  RunInstances: runInstances,
  DescribeInstances: describeInstances,
  TerminateInstances: terminateInstances,
  DescribeSpotPriceHistory: describeSpotPriceHistory,
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeTags: describeTags,
}

/** EC2's error document; the SDK reads Errors.Error.Code as the exception name. */
export function ec2Error(err: AwsError, requestId: string): FakeResponse {
  return {
    status: err.status,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
  }
}

/** Which action a form body asks for (before authorization, for fault injection). */
export function ec2Action(params: URLSearchParams): string {
  return params.get('Action') ?? ''
}

/**
 * Run one EC2 call: permission check (also for DryRun, which is how consoles probe permissions),
 * then the handler, then the XML reply `<{Action}Response xmlns=…><requestId/>…`.
 */
// The EC2 client takes ~1.5 s to load; load its schemas on the first EC2 call, not at server start.
let ec2Sdk: Promise<Record<string, unknown>> | undefined
function loadEc2Schemas(): Promise<Record<string, unknown>> {
  ec2Sdk ??= import('@aws-sdk/client-ec2') as Promise<Record<string, unknown>>
  return ec2Sdk
}

export async function handleEc2(call: AwsCall, params: URLSearchParams): Promise<FakeResponse> {
  const action = ec2Action(params)
  const handler = EC2_HANDLERS[action]
  const schema = (await loadEc2Schemas())[`${action}$`]
  if (!handler || !schema) {
    throw new AwsError('InvalidAction', `The action ${action || '(none)'} is not valid for this web service.`)
  }
  if (params.get('Version') !== EC2_VERSION) {
    throw new AwsError('InvalidParameterValue', `Invalid API version: ${params.get('Version')}`)
  }
  if (!isAllowed(call.account, `ec2:${action}`)) {
    throw new AwsError(
      'UnauthorizedOperation',
      `You are not authorized to perform this operation. User: ${principalArn(call)} is not authorized to perform: ec2:${action} on resource: arn:aws:ec2:${call.region}:${call.account.id}:* because no identity-based policy allows the ec2:${action} action`,
      403,
    )
  }
  if (params.get('DryRun') === 'true') {
    throw new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412)
  }
  const { input, output } = operationShapes(schema)
  const result = handler(call, readQueryInput(input, params, 'ec2'))
  const members = writeXmlMembers(output, result, 'ec2')
  return {
    status: 200,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${XMLNS}"><requestId>${call.requestId}</requestId>${members}</${action}Response>`,
  }
}
