import type { ClusterEvent, ClusterState } from '@console/contracts'
import type { Prisma, PrismaClient } from '@console/db'

type Db = PrismaClient | Prisma.TransactionClient

export type EventSeverity = 'Normal' | 'Warning' | 'Error'

export interface NewClusterEvent {
  reason: string
  message: string
  severity?: EventSeverity
  /** Who speaks: the API (`api`), the engine (`engine`) or the cloud driver (`<cloudType>`). */
  component: string
  /** The cluster's state after this event, when the event changed it. */
  state?: ClusterState
}

type EventRow = Prisma.ClusterEventGetPayload<object>

export function toClusterEvent(row: EventRow): ClusterEvent {
  return {
    metadata: { uid: row.id, creationTimestamp: row.createdAt.toISOString() },
    reason: row.reason,
    message: row.message,
    severity: row.severity as ClusterEvent['severity'],
    source: { component: row.component },
    seq: row.seq.toString(),
    state: (row.state ?? undefined) as ClusterState | undefined,
  }
}

/** Append one event to a cluster's timeline (inside the caller's transaction when given one). */
export async function appendClusterEvent(db: Db, clusterId: string, event: NewClusterEvent): Promise<void> {
  await db.clusterEvent.create({
    data: {
      clusterId,
      reason: event.reason,
      message: event.message,
      severity: event.severity ?? 'Normal',
      component: event.component,
      state: event.state ?? null,
    },
  })
}

/**
 * Append a progress report unless it exactly repeats the cluster's previous event (a driver polling
 * "2/3 instances running" every few seconds writes it once). Answers whether it was written.
 */
export async function appendUnlessRepeat(db: Db, clusterId: string, event: NewClusterEvent): Promise<boolean> {
  const last = await db.clusterEvent.findFirst({
    where: { clusterId },
    orderBy: { seq: 'desc' },
    select: { reason: true, message: true, severity: true },
  })
  if (
    last &&
    last.reason === event.reason &&
    last.message === event.message &&
    last.severity === (event.severity ?? 'Normal')
  )
    return false
  await appendClusterEvent(db, clusterId, event)
  return true
}

/** Events of a cluster after `afterSeq` (exclusive), oldest first. */
export async function listClusterEventsAfter(
  db: Db,
  clusterId: string,
  afterSeq: bigint,
  limit = 500,
): Promise<EventRow[]> {
  return db.clusterEvent.findMany({
    where: { clusterId, seq: { gt: afterSeq } },
    orderBy: { seq: 'asc' },
    take: limit,
  })
}
