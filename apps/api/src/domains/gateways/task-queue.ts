import { randomUUID } from 'node:crypto'
import type { GatewayTask, GatewayTaskEvent, GatewayTaskResult } from '@console/contracts'
import type { Prisma } from '@console/db'
import type { Deps } from '../../lib/deps.ts'
import { AppError } from '../../lib/errors.ts'
import { openSecret, sealSecret } from '../../lib/secret-box.ts'
import { appendClusterEvent } from '../clusters/event-log.ts'
import { appendGatewayEvent } from './events.ts'

type TaskRow = Prisma.GatewayTaskGetPayload<object>
/** A task as queued: its kind and payload (the id is given when it is queued). */
export type NewGatewayTask = {
  [K in GatewayTask['kind']]: Omit<Extract<GatewayTask, { kind: K }>, 'id'>
}[GatewayTask['kind']]

const MAX_WAIT_SECONDS = 25
/** How often a waiter looks at the database besides the in-process wake-ups (other API instances). */
const DB_POLL_MS = 250
const LEASE_BATCH = 10

/**
 * In-process wake-ups: a long poll waits on its gateway's key, runTask on its task's key. The database
 * poll covers the cases where the change happened in another process.
 */
class Notifier {
  private readonly waiters = new Map<string, Set<() => void>>()
  wait(key: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiters.get(key) ?? new Set()
      this.waiters.set(key, set)
      const done = () => {
        clearTimeout(timer)
        set.delete(done)
        if (set.size === 0 && this.waiters.get(key) === set) this.waiters.delete(key)
        resolve()
      }
      const timer = setTimeout(done, ms)
      set.add(done)
    })
  }
  notify(key: string) {
    for (const done of [...(this.waiters.get(key) ?? [])]) done()
  }
}
const notifier = new Notifier()
const gatewayKey = (gatewayId: string) => `gateway:${gatewayId}`
const taskKey = (taskId: string) => `task:${taskId}`

// ---- payload secrets --------------------------------------------------------------------

type WithVcenter = { vcenter: { password: string } }

/** The vCenter password inside a payload is sealed, bound to the task id, until the task is leased. */
function sealPayload(deps: Deps, taskId: string, payload: WithVcenter): WithVcenter {
  const password = sealSecret(deps.keys.encryption, payload.vcenter.password, `gateway-task:${taskId}`)
  return { ...payload, vcenter: { ...payload.vcenter, password } }
}

function openPayload(deps: Deps, taskId: string, payload: WithVcenter): WithVcenter {
  const password = openSecret(deps.keys.encryption, payload.vcenter.password, `gateway-task:${taskId}`)
  return { ...payload, vcenter: { ...payload.vcenter, password } }
}

// ---- the console's side -----------------------------------------------------------------

/** Queue a task for a gateway's agent (wakes its long poll). Answers the task id. */
export async function queueTask(
  deps: Deps,
  gatewayId: string,
  task: NewGatewayTask,
  options: { clusterId?: string } = {},
): Promise<string> {
  const id = randomUUID()
  await deps.prisma.gatewayTask.create({
    data: {
      id,
      gatewayId,
      clusterId: options.clusterId ?? null,
      kind: task.kind,
      payload: sealPayload(deps, id, task.payload) as unknown as Prisma.InputJsonValue,
    },
  })
  notifier.notify(gatewayKey(gatewayId))
  return id
}

export type TaskOutcome = { result: Record<string, unknown> } | { error: { code: string; message: string } }

/** The outcome of a finished task, or undefined while it is queued or leased. */
export async function taskOutcome(deps: Deps, taskId: string): Promise<TaskOutcome | undefined> {
  const row = await deps.prisma.gatewayTask.findUnique({ where: { id: taskId } })
  if (!row) throw new AppError('NotFound', `Gateway task ${taskId} not found`)
  if (row.state === 'done') return { result: (row.result ?? {}) as Record<string, unknown> }
  if (row.state === 'failed') return { error: row.error as { code: string; message: string } }
  return undefined
}

/**
 * Queue a task and wait for its agent's answer. When the agent does not answer in time the task is
 * withdrawn (if nobody took it yet) and the call fails with 504.
 */
export async function runTask(
  deps: Deps,
  gatewayId: string,
  task: NewGatewayTask,
  options: { timeoutMs?: number; clusterId?: string } = {},
): Promise<TaskOutcome> {
  const id = await queueTask(deps, gatewayId, task, { clusterId: options.clusterId })
  const deadline = Date.now() + (options.timeoutMs ?? deps.config.gateways.taskWaitSeconds * 1000)
  for (;;) {
    const outcome = await taskOutcome(deps, id)
    if (outcome) return outcome
    const left = deadline - Date.now()
    if (left <= 0) break
    await notifier.wait(taskKey(id), Math.min(left, DB_POLL_MS))
  }
  await deps.prisma.gatewayTask.updateMany({
    where: { id, state: { in: ['queued', 'leased'] } },
    data: { state: 'failed', error: { code: 'Timeout', message: 'The gateway did not answer in time' } },
  })
  throw new AppError(
    'GatewayTimeout',
    'The Private Cloud Gateway did not answer in time: check that its agent is running',
  )
}

// ---- the agent's side -------------------------------------------------------------------

/**
 * Hand out this gateway's queued tasks (and those whose lease expired: their agent died mid-task),
 * leasing them. `FOR UPDATE SKIP LOCKED`: two polls of one gateway never receive the same task.
 */
async function leaseTasks(deps: Deps, gatewayId: string): Promise<TaskRow[]> {
  const leaseSeconds = deps.config.gateways.taskLeaseSeconds
  return deps.prisma.$queryRaw<TaskRow[]>`
    UPDATE "GatewayTask" SET "state" = 'leased', "leaseUntil" = now() + make_interval(secs => ${leaseSeconds}),
      "attempts" = "attempts" + 1, "updatedAt" = now()
    WHERE "id" IN (
      SELECT "id" FROM "GatewayTask"
      WHERE "gatewayId" = ${gatewayId}::uuid
        AND ("state" = 'queued' OR ("state" = 'leased' AND "leaseUntil" < now()))
      ORDER BY "createdAt" LIMIT ${LEASE_BATCH}
      FOR UPDATE SKIP LOCKED)
    RETURNING "id", "kind", "payload", "createdAt"`
}

/** GET /v1/overlords/agent/tasks: leased tasks with their secrets opened, as soon as there are any. */
export async function pollTasks(deps: Deps, gatewayId: string, waitSeconds: number): Promise<{ items: GatewayTask[] }> {
  const deadline = Date.now() + Math.min(Math.max(waitSeconds, 0), MAX_WAIT_SECONDS) * 1000
  for (;;) {
    const rows = await leaseTasks(deps, gatewayId)
    if (rows.length > 0) {
      rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      const items = rows.map(
        (row) =>
          ({
            id: row.id,
            kind: row.kind,
            payload: openPayload(deps, row.id, row.payload as WithVcenter),
          }) as GatewayTask,
      )
      return { items }
    }
    const left = deadline - Date.now()
    if (left <= 0 || deps.state.shuttingDown) return { items: [] }
    await notifier.wait(gatewayKey(gatewayId), Math.min(left, 1000))
  }
}

/** A task of this gateway, or 404: a credential never acts on another gateway's work. */
async function ownTask(deps: Deps, gatewayId: string, taskId: string): Promise<TaskRow> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(taskId)
  const row = isUuid ? await deps.prisma.gatewayTask.findFirst({ where: { id: taskId, gatewayId } }) : null
  if (!row) throw new AppError('NotFound', `Task ${taskId} not found`)
  return row
}

/** POST /v1/overlords/agent/tasks/{id}/events: progress shown on the cluster's or the gateway's timeline. */
export async function recordTaskEvent(
  deps: Deps,
  gatewayId: string,
  taskId: string,
  event: GatewayTaskEvent,
): Promise<void> {
  const task = await ownTask(deps, gatewayId, taskId)
  if (task.clusterId) {
    await appendClusterEvent(deps.prisma, task.clusterId, {
      reason: task.kind,
      message: event.message,
      severity: event.severity,
      component: 'vsphere',
    })
  } else {
    await appendGatewayEvent(deps.prisma, gatewayId, {
      reason: task.kind,
      message: event.message,
      severity: event.severity,
    })
  }
}

/** Called with every finished task (the gateway's own provisioning reacts to its vms.ensure). */
export type TaskFinishedHook = (deps: Deps, task: TaskRow, outcome: TaskOutcome) => Promise<void>

/**
 * POST /v1/overlords/agent/tasks/{id}/result. Idempotent: a result for a task that already finished (a
 * lease that expired and was answered twice, or a task withdrawn after a timeout) changes nothing.
 */
export async function recordTaskResult(
  deps: Deps,
  gatewayId: string,
  taskId: string,
  body: GatewayTaskResult,
  onFinished: TaskFinishedHook,
): Promise<void> {
  const task = await ownTask(deps, gatewayId, taskId)
  const outcome: TaskOutcome = 'result' in body ? { result: body.result } : { error: body.error }
  const finished = await deps.prisma.gatewayTask.updateManyAndReturn({
    where: { id: task.id, state: { in: ['queued', 'leased'] } },
    data:
      'result' in outcome
        ? { state: 'done', result: outcome.result as Prisma.InputJsonValue, leaseUntil: null }
        : { state: 'failed', error: outcome.error, leaseUntil: null },
  })
  const row = finished[0]
  if (!row) return
  notifier.notify(taskKey(task.id))
  await onFinished(deps, row, outcome)
}
