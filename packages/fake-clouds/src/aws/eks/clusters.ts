import { createHash, randomBytes } from 'node:crypto'
import type { ResourceRecord } from '../../core/types.ts'
import {
  type AwsCall,
  AwsError,
  duration,
  getResource,
  listResources,
  newId,
  putResource,
  quota,
  updateResource,
} from '../call.ts'

export const CLUSTER = 'eks.cluster'
export const NODEGROUP = 'eks.nodegroup'

/** EKS's JSON errors carry the names of what was not found. */
export function clusterNotFound(name: string): AwsError {
  return new AwsError('ResourceNotFoundException', `No cluster found for name: ${name}.`, 404, { clusterName: name })
}

export function requireCluster(call: AwsCall, name: string): ResourceRecord {
  const r = getResource(call, CLUSTER, name)
  if (!r) throw clusterNotFound(name)
  return r
}

export function invalidParameter(message: string, fields: Record<string, string> = {}): AwsError {
  return new AwsError('InvalidParameterException', message, 400, fields)
}

/** Seconds since the epoch, as REST-JSON timestamps are sent. */
export function epochSeconds(ms: number): number {
  return Math.round(ms) / 1000
}

export function clusterView(r: ResourceRecord): Record<string, unknown> {
  const a = r.attrs
  const active = r.state === 'ACTIVE' || r.state === 'UPDATING'
  return {
    name: r.id,
    arn: a.arn,
    createdAt: epochSeconds(r.createdAt),
    version: a.version,
    endpoint: active ? a.endpoint : undefined,
    roleArn: a.roleArn,
    resourcesVpcConfig: a.resourcesVpcConfig,
    kubernetesNetworkConfig: { serviceIpv4Cidr: '10.100.0.0/16', ipFamily: 'ipv4' },
    logging: a.logging ?? {
      clusterLogging: [{ types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'], enabled: false }],
    },
    identity: active
      ? { oidc: { issuer: `https://oidc.eks.${r.region}.amazonaws.com/id/${a.oidcId as string}` } }
      : undefined,
    status: r.state,
    certificateAuthority: active ? { data: a.caData } : {},
    clientRequestToken: a.clientRequestToken,
    platformVersion: 'eks.1',
    tags: r.tags,
    health: { issues: [] },
    accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP', bootstrapClusterCreatorAdminPermissions: true },
  }
}

interface CreateClusterBody {
  name?: string
  version?: string
  roleArn?: string
  resourcesVpcConfig?: {
    subnetIds?: string[]
    securityGroupIds?: string[]
    endpointPublicAccess?: boolean
    endpointPrivateAccess?: boolean
    publicAccessCidrs?: string[]
  }
  logging?: unknown
  clientRequestToken?: string
  tags?: Record<string, string>
}

export function createCluster(call: AwsCall, body: CreateClusterBody): object {
  const name = body.name ?? ''
  if (!/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/.test(name)) {
    throw invalidParameter(
      `The cluster name '${name}' is invalid: use up to 100 letters, digits, hyphens and underscores, starting with a letter or digit.`,
    )
  }
  const existing = getResource(call, CLUSTER, name)
  if (existing) {
    if (body.clientRequestToken && existing.attrs.clientRequestToken === body.clientRequestToken) {
      return { cluster: clusterView(existing) }
    }
    throw new AwsError('ResourceInUseException', `Cluster already exists with name: ${name}`, 409, {
      clusterName: name,
    })
  }
  if (!body.roleArn || !/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(body.roleArn)) {
    throw invalidParameter(`roleArn '${body.roleArn ?? ''}' is not a valid IAM role ARN.`, { clusterName: name })
  }
  const version = body.version ?? call.fixture.eks.defaultVersion
  if (!call.fixture.eks.versions.includes(version)) {
    throw invalidParameter(`unsupported Kubernetes version ${version}`, { clusterName: name })
  }
  const vpcConfig = body.resourcesVpcConfig ?? {}
  const subnets = (vpcConfig.subnetIds ?? []).map((id) => {
    const s = getResource(call, 'ec2.subnet', id)
    if (!s) {
      throw invalidParameter(
        `The subnet ID '${id}' does not exist (Service: AmazonEC2; Status Code: 400; Error Code: InvalidSubnetID.NotFound)`,
        { clusterName: name },
      )
    }
    return s
  })
  if (new Set(subnets.map((s) => s.attrs.availabilityZone)).size < 2) {
    throw invalidParameter('Subnets specified must be in at least two different AZs', { clusterName: name })
  }
  const vpcIds = new Set(subnets.map((s) => s.attrs.vpcId as string))
  if (vpcIds.size > 1) throw invalidParameter('Subnets must all belong to the same VPC', { clusterName: name })
  const vpcId = [...vpcIds][0]!
  for (const id of vpcConfig.securityGroupIds ?? []) {
    if (!getResource(call, 'ec2.security-group', id)) {
      throw invalidParameter(`The security group '${id}' does not exist`, { clusterName: name })
    }
  }
  if (listResources(call, CLUSTER).length >= quota(call, 'eksClustersPerRegion')) {
    throw new AwsError('ResourceLimitExceededException', 'Cluster limit exceeded for account.', 400, {
      clusterName: name,
    })
  }
  const digest = createHash('sha256')
    .update(`${call.account.id}/${call.region}/${name}/${Date.now()}`)
    .digest('hex')
    .toUpperCase()
  // EKS creates the cluster security group itself; it goes away with the cluster.
  const clusterSg = putResource(call, {
    type: 'ec2.security-group',
    id: newId('sg'),
    name: `eks-cluster-sg-${name}-${digest.slice(0, 10).toLowerCase()}`,
    state: 'available',
    parentId: vpcId,
    tags: { [`kubernetes.io/cluster/${name}`]: 'owned', 'aws:eks:cluster-name': name },
    attrs: {
      vpcId,
      description:
        'EKS created security group applied to ENI that is attached to EKS Control Plane master nodes, as well as any managed workloads.',
      ingress: [],
      egress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      eksCluster: name,
    },
  })
  const r = putResource(call, {
    type: CLUSTER,
    id: name,
    name,
    state: 'CREATING',
    tags: body.tags ?? {},
    attrs: {
      arn: `arn:aws:eks:${call.region}:${call.account.id}:cluster/${name}`,
      version,
      roleArn: body.roleArn,
      endpoint: `https://${digest.slice(0, 32)}.gr7.${call.region}.eks.amazonaws.com`,
      oidcId: digest.slice(32, 64),
      caData: Buffer.from(
        `-----BEGIN CERTIFICATE-----\n${randomBytes(48).toString('base64')}\n-----END CERTIFICATE-----\n`,
      ).toString('base64'),
      clientRequestToken: body.clientRequestToken,
      logging: body.logging,
      clusterSecurityGroupId: clusterSg.id,
      resourcesVpcConfig: {
        subnetIds: subnets.map((s) => s.id),
        securityGroupIds: vpcConfig.securityGroupIds ?? [],
        clusterSecurityGroupId: clusterSg.id,
        vpcId,
        endpointPublicAccess: vpcConfig.endpointPublicAccess ?? true,
        endpointPrivateAccess: vpcConfig.endpointPrivateAccess ?? false,
        publicAccessCidrs: vpcConfig.publicAccessCidrs ?? ['0.0.0.0/0'],
      },
    },
  })
  const started = call.ctx.store.transition(r, 'CREATING', [
    {
      afterMs: call.ctx.faults.isStuck('aws', 'CreateCluster')
        ? Number.POSITIVE_INFINITY
        : duration(call, 'eks.cluster.create'),
      next: 'ACTIVE',
    },
  ])
  return { cluster: clusterView({ ...started, state: 'CREATING' }) }
}

export function describeCluster(call: AwsCall, name: string): object {
  return { cluster: clusterView(requireCluster(call, name)) }
}

export function listClusters(call: AwsCall, query: URLSearchParams): object {
  const names = listResources(call, CLUSTER)
    .map((r) => r.id)
    .sort()
  return paginate(names, query, 'clusters')
}

/** EKS list pagination: maxResults (1..100) and an opaque nextToken. */
export function paginate(items: string[], query: URLSearchParams, key: string): object {
  const max = Number(query.get('maxResults') ?? 100)
  if (!Number.isInteger(max) || max < 1 || max > 100) throw invalidParameter('maxResults must be between 1 and 100')
  const start = query.get('nextToken') ? Number(Buffer.from(query.get('nextToken')!, 'base64url').toString()) : 0
  const page = items.slice(start, start + max)
  const next = start + max < items.length ? Buffer.from(String(start + max)).toString('base64url') : undefined
  return { [key]: page, nextToken: next }
}

export function deleteCluster(call: AwsCall, name: string): object {
  const r = requireCluster(call, name)
  if (listResources(call, NODEGROUP, name).length > 0) {
    throw new AwsError('ResourceInUseException', 'Cluster has nodegroups attached', 409, { clusterName: name })
  }
  if (r.state === 'DELETING') return { cluster: clusterView(r) }
  if (r.state === 'CREATING' || r.state === 'UPDATING') {
    throw new AwsError(
      'ResourceInUseException',
      `Cannot delete because cluster ${name} currently has an update in progress`,
      409,
      { clusterName: name },
    )
  }
  const afterMs = call.ctx.faults.isStuck('aws', 'DeleteCluster')
    ? Number.POSITIVE_INFINITY
    : duration(call, 'eks.cluster.delete')
  const deleting = call.ctx.store.transition(r, 'DELETING', [{ afterMs, next: null }])
  const sg = getResource(call, 'ec2.security-group', r.attrs.clusterSecurityGroupId as string)
  if (sg) call.ctx.store.transition(sg, sg.state, [{ afterMs, next: null }])
  return { cluster: clusterView({ ...deleting, state: 'DELETING' }) }
}

export function clusterByArn(call: AwsCall, arn: string): ResourceRecord | undefined {
  return listResources(call, CLUSTER).find((c) => c.attrs.arn === arn)
}

export function setTags(call: AwsCall, r: ResourceRecord, tags: Record<string, string>): void {
  updateResource(call, r, { tags })
}
