import type { ClusterCloudType } from '@console/contracts'
import type { FastifyBaseLogger } from 'fastify'
import { VsphereClusterDriver } from '../domains/vsphere/cluster-driver.ts'
import type { Deps } from '../lib/deps.ts'
import { accountCredentialsLookup } from './account-credentials.ts'
import { type ClusterEngine, startClusterEngine } from './engine.ts'
import type { CredentialsLookup, DriverLookup } from './reconcile-pass.ts'

/**
 * Starts the engine of a process from its Deps: the drivers come from the providers (one per cloud
 * type, `providers.clusterDriver`) and, for vSphere, the gateway driver; the credentials from the cloud-accounts service. Tests may pass
 * their own driver lookup (a scripted cloud).
 */
export async function startEngineForDeps(
  deps: Deps,
  options: {
    workers: boolean
    log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>
    drivers?: DriverLookup
    credentials?: CredentialsLookup
    random?: () => number
  },
): Promise<ClusterEngine> {
  // vSphere clusters are provisioned through the console's gateway task queue, not a cloud SDK (decision 012).
  const vsphere = new VsphereClusterDriver(deps)
  const drivers: DriverLookup = (cloudType) =>
    cloudType === 'vsphere' ? vsphere : deps.providers.clusterDriver(cloudType as ClusterCloudType)
  const engine = await startClusterEngine({
    databaseUrl: deps.databaseUrl,
    prisma: deps.prisma,
    config: deps.config.engine,
    drivers: options.drivers ?? drivers,
    credentials: options.credentials ?? accountCredentialsLookup(deps),
    workers: options.workers,
    log: options.log,
    random: options.random,
  })
  deps.engine = engine
  return engine
}
