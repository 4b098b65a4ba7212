import type { CreateClusterEndpointRequest } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tke/v20180525/tke_models'
import { CloudError } from '../errors.ts'
import { inStep, isGoneError } from './tke-call.ts'
import { LEDGER_KEYS, recordFound, reportChange, type TkePass } from './tke-pass.ts'

/** One API server endpoint of a cluster: public (extranet, through a CLB) or private (a VPC subnet). */
interface EndpointKind {
  extranet: boolean
  key: string
  /** For messages: "endpoint" / "private endpoint". */
  label: string
}

const PUBLIC: EndpointKind = { extranet: true, key: LEDGER_KEYS.endpoint, label: 'endpoint' }
const PRIVATE: EndpointKind = { extranet: false, key: LEDGER_KEYS.privateEndpoint, label: 'private endpoint' }

/** The endpoints the spec asks for: always public (the contract requires it), private when endpointAccess.private. */
function wanted(pass: TkePass): EndpointKind[] {
  return pass.work.spec.cloudConfig.endpointAccess.private ? [PUBLIC, PRIVATE] : [PUBLIC]
}

/** TKE has no id for an endpoint; the ledger records it as `<clusterId>/extranet|intranet`. */
function endpointId(clusterId: string, kind: EndpointKind): string {
  return `${clusterId}/${kind.extranet ? 'extranet' : 'intranet'}`
}

async function endpointStatus(pass: TkePass, clusterId: string, kind: EndpointKind): Promise<string> {
  try {
    const res = await pass.calls.tke('DescribeClusterEndpointStatus', {
      ClusterId: clusterId,
      IsExtranet: kind.extranet,
    })
    const status = res.Status ?? 'NotFound'
    if (!['Created', 'Creating', 'Deleting', 'NotFound'].includes(status)) {
      throw new CloudError({
        kind: 'CloudInternal',
        cloud: 'tencent',
        retryable: false,
        action: 'DescribeClusterEndpointStatus',
        message: `the ${kind.label} is ${status}${res.ErrorMsg ? `: ${res.ErrorMsg}` : ''}.`,
      })
    }
    return status
  } catch (err) {
    if (isGoneError(err)) return 'NotFound'
    throw err
  }
}

/**
 * Opens the endpoints the spec asks for and answers true once every one is `Created`.
 * The public one gets the chosen security group; the private one a subnet of the first worker pool.
 */
export async function reconcileEndpoints(pass: TkePass, clusterId: string): Promise<boolean> {
  let ready = true
  for (const kind of wanted(pass)) {
    if (!(await ensureEndpoint(pass, clusterId, kind))) ready = false
  }
  return ready
}

async function ensureEndpoint(pass: TkePass, clusterId: string, kind: EndpointKind): Promise<boolean> {
  const { ledger, report, spec } = pass.work
  const access = spec.cloudConfig.endpointAccess
  const step = `Opening the ${kind.label}`
  const status = await inStep(step, () => endpointStatus(pass, clusterId, kind))
  const entry = await ledger.get(kind.key)
  const init = {
    kind: 'tke.endpoint',
    region: pass.region,
    name: `${pass.work.clusterName} ${kind.extranet ? 'public' : 'private'} endpoint`,
    attrs: kind.extranet
      ? { clusterId, securityGroup: access.securityGroup, publicCIDRs: access.publicCIDRs }
      : { clusterId, subnetId: privateSubnet(pass) },
  }
  if (status === 'NotFound') {
    if (!entry) await ledger.begin(kind.key, init)
    await report('CreatingEndpoint', `Creating ${kind.label}`)
    await inStep(step, async () => {
      try {
        await pass.calls.tke('CreateClusterEndpoint', endpointRequest(pass, clusterId, kind))
      } catch (err) {
        // ResourceInUse: a concurrent or retried create already opened it.
        if (!(err instanceof CloudError && err.cloudCode === 'ResourceInUse')) throw err
      }
    })
    await ledger.created(kind.key, { cloudId: endpointId(clusterId, kind), attrs: init.attrs })
    return false
  }
  await recordFound(ledger, kind.key, init, endpointId(clusterId, kind), entry)
  if (status === 'Created') return kind.extranet ? restrictPublicAccess(pass, clusterId) : true
  await reportChange(pass, kind.key, 'WaitingForEndpoint', `Waiting for ${kind.label} (state: ${status})`)
  return false
}

/**
 * Limits the public endpoint to the Public Access CIDRs: TKE keeps them as the endpoint's ACL
 * (DescribeClusterEndpoints `ClusterExternalACL`, set with ModifyClusterEndpointSP), not in
 * CreateClusterEndpoint. Sets them when they differ, so a pass after a crash repeats nothing.
 * A Tencent endpoint that does not offer these actions (the fake clouds) gets a Warning event: the
 * cluster is then reachable from every address its security group allows.
 */
export async function restrictPublicAccess(pass: TkePass, clusterId: string): Promise<boolean> {
  const wanted = [...new Set(pass.work.spec.cloudConfig.endpointAccess.publicCIDRs)].sort()
  const step = 'Restricting the endpoint to the Public Access CIDRs'
  try {
    await inStep(step, async () => {
      const current = await pass.calls.tke('DescribeClusterEndpoints', { ClusterId: clusterId })
      const acl = [...new Set(current.ClusterExternalACL ?? [])].sort()
      if (acl.join(',') === wanted.join(',')) return
      await reportChange(pass, 'public-cidrs', 'RestrictingEndpoint', `${step}: ${wanted.join(', ')}`)
      await pass.calls.tke('ModifyClusterEndpointSP', { ClusterId: clusterId, SecurityPolicies: wanted })
    })
  } catch (err) {
    if (!(err instanceof CloudError && err.cloudCode === 'InvalidAction')) throw err
    await reportChange(
      pass,
      'public-cidrs',
      'PublicCidrsNotApplied',
      `Public Access CIDRs not applied: this Tencent Cloud endpoint does not offer ${err.action ?? 'the endpoint ACL actions'}`,
      'Warning',
    )
  }
  return true
}

function endpointRequest(pass: TkePass, clusterId: string, kind: EndpointKind): CreateClusterEndpointRequest {
  if (!kind.extranet) return { ClusterId: clusterId, IsExtranet: false, SubnetId: privateSubnet(pass) }
  return {
    ClusterId: clusterId,
    IsExtranet: true,
    SecurityGroup: pass.work.spec.cloudConfig.endpointAccess.securityGroup,
  }
}

/** The private endpoint's subnet: the first AZ's subnet of the first worker pool (all are in the cluster's VPC). */
function privateSubnet(pass: TkePass): string {
  const pool = pass.work.spec.machinepoolconfig[0]
  const az = pool?.cloudConfig.azs[0]
  return (az && pool?.cloudConfig.subnetIds[az]) || ''
}

/** Closes every endpoint of the cluster; answers true once TKE reports none. */
export async function deleteEndpoints(pass: TkePass, clusterId: string): Promise<boolean> {
  const { ledger, report } = pass.work
  let gone = true
  for (const kind of [PUBLIC, PRIVATE]) {
    const step = `Deleting ${kind.label}`
    const status = await inStep(step, () => endpointStatus(pass, clusterId, kind))
    const entry = await ledger.get(kind.key)
    if (status === 'NotFound') {
      if (entry && entry.state !== 'deleted') await ledger.deleted(kind.key)
      continue
    }
    gone = false
    if (entry?.state !== 'deleting') {
      const init = { kind: 'tke.endpoint', region: pass.region, attrs: { clusterId } }
      await recordFound(ledger, kind.key, init, endpointId(clusterId, kind), entry)
      await ledger.deleting(kind.key)
    }
    if (status === 'Deleting') continue
    await report('DeletingEndpoint', `Deleting ${kind.label}`)
    await inStep(step, async () => {
      try {
        await pass.calls.tke('DeleteClusterEndpoint', { ClusterId: clusterId, IsExtranet: kind.extranet })
      } catch (err) {
        if (!isGoneError(err)) throw err
      }
    })
  }
  return gone
}
