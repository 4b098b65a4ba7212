import { getAccountCredentials } from '../domains/cloud-accounts/service.ts'
import type { RequestContext } from '../lib/context.ts'
import type { Deps } from '../lib/deps.ts'
import { AppError } from '../lib/errors.ts'
import type { CredentialsLookup, PassCluster } from './reconcile-pass.ts'

/**
 * The engine acts for the cluster's tenant, in the cluster's project: the account is looked up with
 * the same visibility rules as a request in that scope (project accounts and tenant-wide ones).
 */
function engineContext(cluster: PassCluster): RequestContext {
  return {
    actor: {
      type: 'user',
      userId: cluster.createdBy ?? '00000000-0000-0000-0000-000000000000',
      tenantId: cluster.tenantId,
      email: 'engine@console.local',
      name: 'Provisioning engine',
      bindings: [{ role: 'Tenant Admin', projectId: null }],
    },
    projectUid: cluster.projectId ?? undefined,
    permissions: new Set(),
    requestId: `engine-${cluster.id}`,
  }
}

/** Decrypts the credentials of the cluster's cloud account through the cloud-accounts service. */
export function accountCredentialsLookup(deps: Deps): CredentialsLookup {
  return async (cluster) => {
    if (!cluster.cloudAccountId)
      throw new AppError('NotFound', `The cloud account of cluster ${cluster.name} was deleted`)
    return (await getAccountCredentials(deps, engineContext(cluster), cluster.cloudAccountId)).credentials
  }
}
