import type { FakeRequest, FakeResponse } from '../../core/types.ts'
import { type AwsCall, AwsError, isAllowed, principalArn, updateResource } from '../call.ts'
import { describeUpdate, updateClusterConfig } from './cluster-updates.ts'
import { clusterByArn, createCluster, deleteCluster, describeCluster, listClusters } from './clusters.ts'
import {
  createNodegroup,
  deleteNodegroup,
  describeNodegroup,
  listNodegroups,
  nodegroupByArn,
  updateNodegroupConfig,
} from './nodegroups.ts'

/** A matched EKS route: the operation name (for faults and IAM) and how to run it. */
export interface EksRoute {
  operation: string
  run: (call: AwsCall) => object
}

const ROUTES: Array<{
  method: string
  pattern: RegExp
  operation: string
  run: (call: AwsCall, p: string[], req: FakeRequest) => object
}> = [
  { method: 'POST', pattern: /^\/clusters$/, operation: 'CreateCluster', run: (c, _p, r) => createCluster(c, json(r)) },
  { method: 'GET', pattern: /^\/clusters$/, operation: 'ListClusters', run: (c, _p, r) => listClusters(c, r.query) },
  {
    method: 'GET',
    pattern: /^\/clusters\/([^/]+)$/,
    operation: 'DescribeCluster',
    run: (c, p) => describeCluster(c, p[0]!),
  },
  {
    method: 'DELETE',
    pattern: /^\/clusters\/([^/]+)$/,
    operation: 'DeleteCluster',
    run: (c, p) => deleteCluster(c, p[0]!),
  },
  {
    method: 'POST',
    pattern: /^\/clusters\/([^/]+)\/update-config$/,
    operation: 'UpdateClusterConfig',
    run: (c, p, r) => updateClusterConfig(c, p[0]!, json(r)),
  },
  {
    method: 'POST',
    pattern: /^\/clusters\/([^/]+)\/node-groups$/,
    operation: 'CreateNodegroup',
    run: (c, p, r) => createNodegroup(c, p[0]!, json(r)),
  },
  {
    method: 'GET',
    pattern: /^\/clusters\/([^/]+)\/node-groups$/,
    operation: 'ListNodegroups',
    run: (c, p, r) => listNodegroups(c, p[0]!, r.query),
  },
  {
    method: 'GET',
    pattern: /^\/clusters\/([^/]+)\/node-groups\/([^/]+)$/,
    operation: 'DescribeNodegroup',
    run: (c, p) => describeNodegroup(c, p[0]!, p[1]!),
  },
  {
    method: 'DELETE',
    pattern: /^\/clusters\/([^/]+)\/node-groups\/([^/]+)$/,
    operation: 'DeleteNodegroup',
    run: (c, p) => deleteNodegroup(c, p[0]!, p[1]!),
  },
  {
    method: 'POST',
    pattern: /^\/clusters\/([^/]+)\/node-groups\/([^/]+)\/update-config$/,
    operation: 'UpdateNodegroupConfig',
    run: (c, p, r) => updateNodegroupConfig(c, p[0]!, p[1]!, json(r)),
  },
  {
    method: 'GET',
    pattern: /^\/clusters\/([^/]+)\/updates\/([^/]+)$/,
    operation: 'DescribeUpdate',
    run: (c, p, r) => describeUpdate(c, p[0]!, p[1]!, r.query),
  },
  {
    method: 'POST',
    pattern: /^\/tags\/([^/]+)$/,
    operation: 'TagResource',
    run: (c, p, r) => tagResource(c, p[0]!, json(r)),
  },
  {
    method: 'GET',
    pattern: /^\/tags\/([^/]+)$/,
    operation: 'ListTagsForResource',
    run: (c, p) => ({ tags: taggable(c, p[0]!).tags }),
  },
  {
    method: 'DELETE',
    pattern: /^\/tags\/([^/]+)$/,
    operation: 'UntagResource',
    run: (c, p, r) => untagResource(c, p[0]!, r.query.getAll('tagKeys')),
  },
]

function json<T>(req: FakeRequest): T {
  if (req.body.length === 0) return {} as T
  try {
    return JSON.parse(req.body.toString('utf8')) as T
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON', 400)
  }
}

function taggable(call: AwsCall, arn: string) {
  if (!/^arn:aws[\w-]*:eks:/.test(arn))
    throw new AwsError('BadRequestException', `${arn} is not a valid resource ARN`, 400)
  const r = clusterByArn(call, arn) ?? nodegroupByArn(call, arn)
  if (!r) throw new AwsError('NotFoundException', `Resource ${arn} was not found`, 404)
  return r
}

function tagResource(call: AwsCall, arn: string, body: { tags?: Record<string, string> }): object {
  const r = taggable(call, arn)
  const tags = { ...r.tags, ...(body.tags ?? {}) }
  if (Object.keys(tags).length > 50)
    throw new AwsError('BadRequestException', 'Too many tags: at most 50 per resource', 400)
  updateResource(call, r, { tags })
  return {}
}

function untagResource(call: AwsCall, arn: string, keys: string[]): object {
  const r = taggable(call, arn)
  const tags = { ...r.tags }
  for (const k of keys) delete tags[k]
  updateResource(call, r, { tags })
  return {}
}

/** Find the operation for a request, before authorization (faults are keyed by operation name). */
export function matchEksRoute(req: FakeRequest): EksRoute | undefined {
  for (const route of ROUTES) {
    if (route.method !== req.method) continue
    const m = route.pattern.exec(req.path)
    if (!m) continue
    const params = m.slice(1).map((s) => decodeURIComponent(s))
    return { operation: route.operation, run: (call) => route.run(call, params, req) }
  }
  return undefined
}

export function handleEks(call: AwsCall, route: EksRoute): FakeResponse {
  const iamAction = `eks:${route.operation}`
  if (!isAllowed(call.account, iamAction)) {
    throw new AwsError(
      'AccessDeniedException',
      `User: ${principalArn(call)} is not authorized to perform: ${iamAction} on resource: arn:aws:eks:${call.region}:${call.account.id}:cluster/* because no identity-based policy allows the ${iamAction} action`,
      403,
    )
  }
  const result = route.run(call)
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': call.requestId },
    body: JSON.stringify(result),
  }
}

/** REST-JSON errors: the code in x-amzn-ErrorType, the message (and named fields) in the body. */
export function eksError(err: AwsError, requestId: string): FakeResponse {
  return {
    status: err.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': err.code,
      'x-amzn-requestid': requestId,
    },
    body: JSON.stringify({ message: err.message, ...err.fields }),
  }
}
