import type {
  CreateTagsRequest,
  DeleteTagsRequest,
  DescribeTagsRequest,
  DescribeTagsResult,
  ResourceType,
  TagDescription,
} from '@aws-sdk/client-ec2'
import { type AwsCall, AwsError, listResources, updateResource } from '../call.ts'
import { matchesFilters } from './filters.ts'
import { addressKind, internetGatewayKind, natGatewayKind } from './gateways.ts'
import { instanceKind } from './instances.ts'
import { keyPairKind } from './key-pairs.ts'
import type { Ec2Kind } from './kind.ts'
import { routeTableKind } from './route-tables.ts'
import { securityGroupKind } from './security-groups.ts'
import { subnetKind, vpcKind } from './vpcs.ts'

/** Every taggable EC2 kind, found by id prefix. */
export const TAGGABLE_KINDS: Ec2Kind<unknown>[] = [
  vpcKind,
  subnetKind,
  internetGatewayKind,
  addressKind,
  natGatewayKind,
  routeTableKind,
  securityGroupKind,
  instanceKind,
  keyPairKind,
]

function kindOf(id: string): Ec2Kind<unknown> {
  const prefix = id.slice(0, id.lastIndexOf('-'))
  const kind = TAGGABLE_KINDS.find((k) => k.prefix === prefix)
  if (!kind) throw new AwsError('InvalidID', `The ID '${id}' is not valid`)
  return kind
}

function requireTaggable(call: AwsCall, id: string) {
  const kind = kindOf(id)
  const r = listResources(call, kind.type).find((x) => x.id === id)
  if (!r) throw kind.notFound(id)
  return r
}

export function createTags(call: AwsCall, input: CreateTagsRequest): Record<string, never> {
  const records = (input.Resources ?? []).map((id) => requireTaggable(call, id))
  for (const r of records) {
    const tags = { ...r.tags }
    for (const t of input.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? ''
    if (Object.keys(tags).length > 50)
      throw new AwsError('TagLimitExceeded', `The maximum number of Tags for a resource has been reached.`)
    updateResource(call, r, { tags, name: tags.Name ?? r.name })
  }
  return {}
}

export function deleteTags(call: AwsCall, input: DeleteTagsRequest): Record<string, never> {
  const records = (input.Resources ?? []).map((id) => requireTaggable(call, id))
  for (const r of records) {
    const tags = { ...r.tags }
    for (const t of input.Tags ?? []) {
      // A tag given with a value is deleted only when the value matches, as in AWS.
      if (t.Key !== undefined && (t.Value === undefined || tags[t.Key] === t.Value)) delete tags[t.Key]
    }
    updateResource(call, r, { tags })
  }
  return {}
}

export function describeTags(call: AwsCall, input: DescribeTagsRequest): DescribeTagsResult {
  const out: TagDescription[] = []
  for (const kind of TAGGABLE_KINDS) {
    for (const r of listResources(call, kind.type)) {
      if (kind.visible && !kind.visible(r)) continue
      for (const [key, value] of Object.entries(r.tags)) {
        const fields = { 'resource-id': [r.id], 'resource-type': [kind.tagResourceType], key: [key], value: [value] }
        if (matchesFilters(fields, {}, input.Filters)) {
          out.push({ ResourceId: r.id, ResourceType: kind.tagResourceType as ResourceType, Key: key, Value: value })
        }
      }
    }
  }
  return { Tags: out }
}
