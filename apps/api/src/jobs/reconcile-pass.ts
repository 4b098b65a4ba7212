import type { ClusterCondition, ClusterState } from '@console/contracts'
import type { Prisma, PrismaClient } from '@console/db'
import { CloudError, type ClusterDriver, type ClusterWork, type ReconcileResult } from '@console/providers'
import type { EngineConfig } from '../config.ts'
import { appendClusterEvent, appendUnlessRepeat, type NewClusterEvent } from '../domains/clusters/event-log.ts'
import { AppError } from '../lib/errors.ts'
import { fullJitterDelay } from './backoff.ts'
import type { PassTrace } from './pass-trace.ts'
import { createResourceLedger } from './resource-ledger.ts'

/** The cluster row fields a pass works with. */
export interface PassCluster {
  id: string
  tenantId: string
  projectId: string | null
  createdBy: string | null
  name: string
  state: string
  cloudType: string
  /** Null only after the account was deleted, which the API refuses while the cluster is live. */
  cloudAccountId: string | null
  spec: unknown
  labels: unknown
  conditions: unknown
}

/** Finds the driver of a cloud type (`deps.providers.clusterDriver`); the engine never branches on cloud type. */
export type DriverLookup = (cloudType: string) => ClusterDriver
/** Decrypts the credentials of the cluster's cloud account (the cloud-accounts service). */
export type CredentialsLookup = (cluster: PassCluster) => Promise<unknown>

export interface PassDeps {
  prisma: PrismaClient
  config: EngineConfig
  drivers: DriverLookup
  credentials: CredentialsLookup
  /** True once this worker must stop writing (it is being stopped as if it crashed). */
  isAbandoned: () => boolean
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void }
  random?: () => number
  /** Times the pass step by step when the engine is observed (ClusterEngine.observe). */
  trace?: PassTrace
}

/** What the engine does after a pass: nothing more, or another pass later (durably scheduled). */
export type PassOutcome = { next: 'none' } | { next: 'later'; delayMs: number; attempt: number }

/** Thrown by the guard: this pass must stop without writing (force deleted, or the worker is stopping). */
export class PassAbandoned extends Error {
  constructor(why: string) {
    super(why)
    this.name = 'PassAbandoned'
  }
}

const WORKING_STATES = new Set(['Pending', 'Provisioning', 'Deleting'])
const ENGINE = 'engine'

/** Transient: worth another pass with backoff (the cloud may answer a moment later). */
function isTransient(error: unknown): boolean {
  if (error instanceof CloudError) return error.retryable || error.kind === 'Timeout' || error.kind === 'Unreachable'
  // The console's own refusals (the cloud account is gone, its secret does not decrypt) are permanent;
  // anything else (the database blinked) is worth another pass.
  return !(error instanceof PassAbandoned) && !(error instanceof AppError)
}

/** A message that already names its step ("Creating TKE cluster: …", as drivers' steps say). */
const STEP_PREFIX = /^[A-Z][^:\n]{0,80}: /

function describe(error: unknown): { reason: string; why: string } {
  if (error instanceof CloudError) return { reason: error.cloudCode ?? error.kind, why: error.message }
  if (error instanceof Error && 'code' in error && typeof error.code === 'string')
    return { reason: error.code, why: error.message }
  return { reason: 'InternalError', why: error instanceof Error ? error.message : String(error) }
}

function withCondition(current: unknown, condition: Omit<ClusterCondition, 'lastTransitionTime'>) {
  const list = Array.isArray(current) ? (current as ClusterCondition[]) : []
  const next: ClusterCondition = { ...condition, lastTransitionTime: new Date().toISOString() }
  return [...list.filter((c) => c.type !== condition.type), next] as unknown as Prisma.InputJsonValue
}

/**
 * Moves the cluster from one state to another only if it is still in `from` (compare-and-set), with the
 * event that carries the new state, in one transaction. Answers false when someone else moved it first.
 */
export async function transitionCluster(
  prisma: PrismaClient,
  clusterId: string,
  from: ClusterState | ClusterState[],
  to: ClusterState,
  event: Omit<NewClusterEvent, 'state'>,
  data: Prisma.ClusterUpdateManyMutationInput = {},
): Promise<boolean> {
  const states = Array.isArray(from) ? from : [from]
  return prisma.$transaction(async (tx) => {
    const updated = await tx.cluster.updateMany({
      where: { id: clusterId, state: { in: states } },
      data: { ...data, state: to },
    })
    if (updated.count === 0) return false
    await appendClusterEvent(tx, clusterId, { ...event, state: to })
    return true
  })
}

/**
 * One reconcile pass of one cluster: loads it, lets its cloud's driver make progress
 * (`reconcileCreate` while Pending/Provisioning, `reconcileDelete` while Deleting) and records the
 * outcome durably. Safe to run again at any point: drivers are idempotent, transitions are
 * compare-and-set, and a force-deleted cluster makes every later write of the pass throw PassAbandoned.
 */
export async function runReconcilePass(
  deps: PassDeps,
  job: { clusterUid: string; attempt: number },
): Promise<PassOutcome> {
  const { prisma, config, trace } = deps
  const cluster = await prisma.cluster.findUnique({
    where: { id: job.clusterUid },
    select: {
      id: true,
      tenantId: true,
      projectId: true,
      createdBy: true,
      name: true,
      state: true,
      cloudType: true,
      cloudAccountId: true,
      spec: true,
      labels: true,
      conditions: true,
    },
  })
  if (!cluster || !WORKING_STATES.has(cluster.state) || deps.isAbandoned()) return { next: 'none' }
  if (trace) {
    trace.cloudType = cluster.cloudType
    trace.state = cluster.state
  }

  const guard = async () => {
    if (deps.isAbandoned()) throw new PassAbandoned('the worker is stopping')
    const now = await prisma.cluster.findUnique({ where: { id: cluster.id }, select: { state: true } })
    if (!now || now.state === 'Deleted') throw new PassAbandoned('the cluster was deleted')
  }
  const deleting = cluster.state === 'Deleting'
  let lastStep: string | undefined
  try {
    if (cluster.state === 'Pending') {
      await guard()
      await transitionCluster(prisma, cluster.id, 'Pending', 'Provisioning', {
        reason: 'ProvisioningStarted',
        message: `Provisioning cluster ${cluster.name}`,
        component: ENGINE,
      })
    }
    const driver = deps.drivers(cluster.cloudType)
    const work: ClusterWork<unknown, unknown> = {
      clusterUid: cluster.id,
      clusterName: cluster.name,
      credentials: await deps.credentials(cluster),
      spec: cluster.spec,
      labels: (cluster.labels ?? {}) as Record<string, string>,
      ledger: createResourceLedger({ prisma, clusterId: cluster.id, cloud: cluster.cloudType, guard }),
      async report(reason, message, severity = 'Normal') {
        lastStep = reason
        trace?.step(reason)
        await guard()
        await appendUnlessRepeat(prisma, cluster.id, { reason, message, severity, component: cluster.cloudType })
      },
    }
    const result: ReconcileResult = deleting ? await driver.reconcileDelete(work) : await driver.reconcileCreate(work)
    if (result.status === 'waiting') {
      if (trace) trace.result = 'waiting'
      return { next: 'later', delayMs: Math.max(0, result.retryAfterMs) / config.timeScale, attempt: 0 }
    }
    trace?.step('record')
    await guard()
    if (deleting) {
      await transitionCluster(
        prisma,
        cluster.id,
        'Deleting',
        'Deleted',
        {
          reason: 'Deleted',
          message: `Cluster ${cluster.name} deleted: every cloud resource is gone`,
          component: ENGINE,
        },
        { deletedAt: new Date() },
      )
    } else {
      await transitionCluster(
        prisma,
        cluster.id,
        ['Pending', 'Provisioning'],
        'Running',
        { reason: 'Provisioned', message: `Cluster ${cluster.name} is running`, component: ENGINE },
        {
          conditions: withCondition(cluster.conditions, {
            type: 'Provisioned',
            status: 'True',
            reason: 'Provisioned',
            message: 'Every cloud resource is ready',
          }),
        },
      )
    }
    if (trace) trace.result = 'done'
    return { next: 'none' }
  } catch (error) {
    trace?.step('record')
    if (error instanceof PassAbandoned) {
      if (trace) trace.result = 'abandoned'
      return { next: 'none' }
    }
    const { reason, why } = describe(error)
    const step =
      lastStep ?? (error instanceof CloudError ? error.action : undefined) ?? (deleting ? 'Delete' : 'Provision')
    const message = STEP_PREFIX.test(why) ? why : `${step}: ${why}`
    if (!(error instanceof CloudError)) deps.log.error({ err: error, clusterUid: cluster.id }, 'reconcile pass failed')
    try {
      if (isTransient(error) && job.attempt < config.maxRetries) {
        const attempt = job.attempt + 1
        const delayMs =
          fullJitterDelay({ attempt, baseMs: config.retryBaseMs, maxMs: config.retryMaxMs, random: deps.random }) /
          config.timeScale
        await guard()
        await appendClusterEvent(prisma, cluster.id, {
          reason: 'Retrying',
          message: `${message} (attempt ${attempt} of ${config.maxRetries}, next try in ${Math.ceil(delayMs / 1000)} s)`,
          severity: 'Warning',
          component: ENGINE,
        })
        if (trace) trace.result = 'retry'
        return { next: 'later', delayMs, attempt }
      }
      if (trace) trace.result = 'failed'
      await guard()
      if (deleting) {
        // A deletion never gives up by itself: the cluster stays Deleting (so Force Delete becomes
        // available after the grace period) and says why; the engine keeps trying at the slowest pace.
        await prisma.cluster.updateMany({
          where: { id: cluster.id, state: 'Deleting' },
          data: {
            conditions: withCondition(cluster.conditions, { type: 'Deleted', status: 'False', reason, message }),
          },
        })
        await appendUnlessRepeat(prisma, cluster.id, { reason, message, severity: 'Error', component: ENGINE })
        return { next: 'later', delayMs: config.retryMaxMs / config.timeScale, attempt: job.attempt }
      }
      await transitionCluster(
        prisma,
        cluster.id,
        ['Pending', 'Provisioning'],
        'Error',
        { reason, message, severity: 'Error', component: ENGINE },
        { conditions: withCondition(cluster.conditions, { type: 'Provisioned', status: 'False', reason, message }) },
      )
      return { next: 'none' }
    } catch (inner) {
      if (inner instanceof PassAbandoned) {
        if (trace) trace.result = 'abandoned'
        return { next: 'none' }
      }
      throw inner
    }
  }
}
