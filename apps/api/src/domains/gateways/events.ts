import type { GatewayState } from '@console/contracts'
import type { Prisma, PrismaClient } from '@console/db'

type Db = PrismaClient | Prisma.TransactionClient

export interface NewGatewayEvent {
  reason: string
  message: string
  severity?: 'Normal' | 'Warning' | 'Error'
  /** The gateway's state after this event, when the event changed it. */
  state?: GatewayState
}

/** Append one event to a gateway's timeline (inside the caller's transaction when given one). */
export async function appendGatewayEvent(db: Db, gatewayId: string, event: NewGatewayEvent): Promise<void> {
  await db.gatewayEvent.create({
    data: {
      gatewayId,
      reason: event.reason,
      message: event.message,
      severity: event.severity ?? 'Normal',
      state: event.state ?? null,
    },
  })
}
