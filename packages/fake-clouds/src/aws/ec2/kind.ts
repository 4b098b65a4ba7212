import type { Filter } from '@aws-sdk/client-ec2'
import type { ResourceRecord } from '../../core/types.ts'
import { type AwsCall, AwsError, getResource, listResources } from '../call.ts'
import { type FilterFields, matchesFilters } from './filters.ts'

/** How one EC2 resource type is stored, looked up, filtered and rendered. */
export interface Ec2Kind<V> {
  /** Store type, e.g. 'ec2.vpc'. */
  type: string
  /** Id prefix, e.g. 'vpc'. */
  prefix: string
  /** DescribeTags' resource-type value. */
  tagResourceType: string
  /** Whether the id is the lookup key (key pairs are also found by name). */
  notFound: (id: string) => AwsError
  view: (call: AwsCall, r: ResourceRecord) => V
  fields: (call: AwsCall, r: ResourceRecord) => FilterFields
  /** Records not to show (e.g. instances' gone state); defaults to all. */
  visible?: (r: ResourceRecord) => boolean
}

/** The record, or the kind's not-found error. */
export function requireResource<V>(call: AwsCall, kind: Ec2Kind<V>, id: string | undefined): ResourceRecord {
  const r = id ? getResource(call, kind.type, id) : undefined
  if (!r || (kind.visible && !kind.visible(r))) throw kind.notFound(id ?? '')
  return r
}

/** The generic Describe*: explicit ids must all exist, then filters narrow the set. */
export function describeKind<V>(
  call: AwsCall,
  kind: Ec2Kind<V>,
  ids: string[] | undefined,
  filters: Filter[] | undefined,
): V[] {
  let records: ResourceRecord[]
  if (ids && ids.length > 0) {
    records = ids.map((id) => requireResource(call, kind, id))
  } else {
    records = listResources(call, kind.type).filter((r) => !kind.visible || kind.visible(r))
  }
  records.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
  return records.filter((r) => matchesFilters(kind.fields(call, r), r.tags, filters)).map((r) => kind.view(call, r))
}

export function notFound(code: string, message: string): (id: string) => AwsError {
  return (id) => new AwsError(code, message.replace('{id}', id))
}

/**
 * EC2 pagination: with MaxResults (5..1000) a page and an opaque NextToken; without it, everything.
 * The token encodes the offset, so a page boundary shifts if resources come and go meanwhile (as in AWS).
 */
export function paginateEc2<T>(
  items: T[],
  input: { MaxResults?: number; NextToken?: string },
): { page: T[]; NextToken?: string } {
  const start = input.NextToken ? Number.parseInt(Buffer.from(input.NextToken, 'base64url').toString('utf8'), 10) : 0
  if (!Number.isInteger(start) || start < 0) throw new AwsError('InvalidNextToken', 'The token is invalid.')
  if (input.MaxResults === undefined) return { page: items.slice(start) }
  if (input.MaxResults < 5 || input.MaxResults > 1000) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value ( ${input.MaxResults} ) for parameter maxResults is invalid. Parameter must be between 5 and 1000.`,
    )
  }
  const end = start + input.MaxResults
  return {
    page: items.slice(start, end),
    NextToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined,
  }
}
