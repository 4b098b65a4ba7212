import { randomInt } from 'node:crypto'
import type { ResourceRecord } from '../core/types.ts'
import { parseCidr } from './cidr.ts'
import { type ActionHandler, duration, getResource, required, T, type TencentCall } from './context.ts'
import { TencentError } from './errors.ts'
import { findCluster } from './tke-clusters.ts'
import { lanIpIn } from './tke-instances.ts'

const CLUSTER_NOT_FOUND = 'ResourceNotFound'

function endpointId(clusterId: string, extranet: boolean): string {
  return `${clusterId}-${extranet ? 'extranet' : 'intranet'}`
}

function endpointOf(call: TencentCall, clusterId: string, extranet: boolean) {
  return getResource(call, T.endpoint, endpointId(clusterId, extranet))
}

/** An endpoint that is open or opening; one being deleted no longer counts. */
function liveEndpoint(call: TencentCall, clusterId: string, extranet: boolean): ResourceRecord | undefined {
  const endpoint = endpointOf(call, clusterId, extranet)
  return endpoint && endpoint.state !== 'Deleting' ? endpoint : undefined
}

/** The address an endpoint answers on once Created: a CLB's public IP, or an IP of the subnet. */
function endpointAddress(call: TencentCall, extranet: boolean, subnetId: string | undefined): string {
  if (extranet) return `43.${randomInt(128, 160)}.${randomInt(0, 256)}.${randomInt(1, 255)}`
  const subnet = subnetId ? getResource(call, T.subnet, subnetId) : undefined
  return lanIpIn((subnet?.attrs.cidr as string | undefined) ?? '10.0.0.0/24')
}

/** ModifyClusterEndpointSP's SecurityPolicies: single IPv4 addresses or CIDR blocks. */
function parseSecurityPolicies(value: unknown): string[] {
  if (!Array.isArray(value)) throw new TencentError('InvalidParameter.Param', 'SecurityPolicies must be an array.')
  return value.map((entry) => {
    const text = typeof entry === 'string' ? entry.trim() : ''
    if (!parseCidr(text.includes('/') ? text : `${text}/32`)) {
      throw new TencentError(
        'InvalidParameter.Param',
        `SecurityPolicies entry \`${String(entry)}\` is not an IP address or CIDR block.`,
      )
    }
    return text
  })
}

/** A stand-in for the cluster CA, PEM-shaped so kubeconfig builders accept it. */
function certificateAuthority(clusterId: string): string {
  const body = Buffer.from(`fake-clouds CA for ${clusterId}`).toString('base64')
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`
}

/** TKE 2018-05-25 API server endpoints (intranet through a subnet, extranet through a CLB). */
export const endpointActions: Record<string, ActionHandler> = {
  CreateClusterEndpoint(call) {
    const cluster = findCluster(call, required(call.params, 'ClusterId'), CLUSTER_NOT_FOUND)
    const extranet = call.params.IsExtranet === true
    if (cluster.state !== 'Running') {
      throw new TencentError(
        'InternalError.ClusterState',
        `Cluster \`${cluster.id}\` is ${cluster.state}, not Running.`,
      )
    }
    if (endpointOf(call, cluster.id, extranet)) {
      throw new TencentError(
        'ResourceInUse',
        `The ${extranet ? 'extranet' : 'intranet'} endpoint of \`${cluster.id}\` already exists.`,
      )
    }
    const subnetId = call.params.SubnetId as string | undefined
    if (!extranet) {
      const subnet = subnetId ? getResource(call, T.subnet, subnetId) : undefined
      if (!subnet || subnet.parentId !== cluster.attrs.vpcId) {
        throw new TencentError(
          'InvalidParameter.Param',
          `SubnetId \`${String(subnetId)}\` is invalid for cluster \`${cluster.id}\`.`,
        )
      }
    }
    const securityGroup = call.params.SecurityGroup as string | undefined
    if (securityGroup && !getResource(call, T.securityGroup, securityGroup)) {
      throw new TencentError('InvalidParameter', 'SecurityGroup is invalid')
    }
    const record = call.ctx.store.put({
      cloud: 'tencent',
      account: call.account.uin,
      region: call.region,
      type: T.endpoint,
      id: endpointId(cluster.id, extranet),
      name: `${cluster.name} ${extranet ? 'extranet' : 'intranet'} endpoint`,
      state: 'Creating',
      tags: {},
      parentId: cluster.id,
      attrs: {
        extranet,
        subnetId: subnetId ?? '',
        securityGroup: securityGroup ?? '',
        domain: call.params.Domain ?? '',
        address: endpointAddress(call, extranet, subnetId),
        // The public endpoint's access policy: empty until ModifyClusterEndpointSP sets it, so
        // only the security group limits who reaches the API server.
        ...(extranet ? { securityPolicies: [] } : {}),
      },
    })
    call.ctx.store.transition(record, 'Creating', [{ afterMs: duration(call, 'tke.endpoint.create'), next: 'Created' }])
    return {}
  },

  /** Created, Creating, Deleting, or NotFound when the endpoint was never opened. */
  DescribeClusterEndpointStatus(call) {
    const cluster = findCluster(call, required(call.params, 'ClusterId'), CLUSTER_NOT_FOUND)
    const endpoint = endpointOf(call, cluster.id, call.params.IsExtranet === true)
    return { Status: endpoint?.state ?? 'NotFound', ErrorMsg: '' }
  },

  /**
   * The cluster's API server addresses and the public endpoint's access policy. An endpoint that
   * is not open (or still opening) answers empty strings, as TKE does.
   */
  DescribeClusterEndpoints(call) {
    const cluster = findCluster(call, required(call.params, 'ClusterId'), CLUSTER_NOT_FOUND)
    const external = liveEndpoint(call, cluster.id, true)
    const intranet = liveEndpoint(call, cluster.id, false)
    const isOpen = (e: ResourceRecord | undefined) => e?.state === 'Created'
    const domain = (e: ResourceRecord | undefined) =>
      isOpen(e) ? (e!.attrs.domain as string) || `${cluster.id}.ccs.tencent-cloud.com` : ''
    return {
      CertificationAuthority: certificateAuthority(cluster.id),
      ClusterExternalEndpoint: isOpen(external) ? external!.attrs.address : '',
      ClusterIntranetEndpoint: isOpen(intranet) ? intranet!.attrs.address : '',
      ClusterDomain: `${cluster.id}.ccs.tencent-cloud.com`,
      ClusterExternalACL: (external?.attrs.securityPolicies as string[] | undefined) ?? [],
      ClusterExternalDomain: domain(external),
      ClusterIntranetDomain: domain(intranet),
      SecurityGroup: external?.attrs.securityGroup ?? '',
      ClusterIntranetSubnetId: intranet?.attrs.subnetId ?? '',
      IntranetSecurityGroup: intranet?.attrs.securityGroup ?? '',
    }
  },

  /**
   * Replaces the public endpoint's access policy (SecurityPolicies) and, when given, its
   * security group. Only the extranet endpoint has one, so a cluster without it is refused.
   */
  ModifyClusterEndpointSP(call) {
    const cluster = findCluster(call, required(call.params, 'ClusterId'), CLUSTER_NOT_FOUND)
    const endpoint = liveEndpoint(call, cluster.id, true)
    if (!endpoint) {
      throw new TencentError('ResourceNotFound', `Cluster \`${cluster.id}\` has no extranet endpoint.`)
    }
    const attrs = { ...endpoint.attrs }
    if (call.params.SecurityPolicies !== undefined) {
      attrs.securityPolicies = parseSecurityPolicies(call.params.SecurityPolicies)
    }
    const securityGroup = call.params.SecurityGroup as string | undefined
    if (securityGroup !== undefined && securityGroup !== '') {
      if (!getResource(call, T.securityGroup, securityGroup)) {
        throw new TencentError('InvalidParameter', 'SecurityGroup is invalid')
      }
      attrs.securityGroup = securityGroup
    }
    call.ctx.store.put({ ...endpoint, attrs })
    return {}
  },

  DeleteClusterEndpoint(call) {
    const cluster = findCluster(call, required(call.params, 'ClusterId'), CLUSTER_NOT_FOUND)
    const extranet = call.params.IsExtranet === true
    const endpoint = endpointOf(call, cluster.id, extranet)
    if (!endpoint) {
      throw new TencentError(
        'ResourceNotFound',
        `Cluster \`${cluster.id}\` has no ${extranet ? 'extranet' : 'intranet'} endpoint.`,
      )
    }
    if (endpoint.state !== 'Deleting') {
      call.ctx.store.transition(endpoint, 'Deleting', [{ afterMs: duration(call, 'tke.endpoint.delete'), next: null }])
    }
    return {}
  },
}
