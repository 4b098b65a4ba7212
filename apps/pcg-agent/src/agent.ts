import { access, chmod, constants, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type GatewayPair, type GatewayTask, gatewayTaskSchema } from '@console/contracts'
import { ConsoleClient, ConsoleError } from './console-client.ts'
import { Logger } from './log.ts'
import type { AgentConfig } from './options.ts'
import { OutboundHttp, withoutCredentials } from './proxy.ts'
import { runTask, type TaskContext, TaskError } from './tasks.ts'

export const AGENT_VERSION = '0.1.0'

export interface AgentOptions extends AgentConfig {
  logger?: Logger
  agentVersion?: string
  /** Heartbeat period (default 10 s, decision 011). */
  heartbeatIntervalMs?: number
  /** Long-poll wait asked of the console (default 20 s). */
  pollWaitSeconds?: number
  /** Backoff after a failed call: starts at `initialMs`, doubles up to `maxMs` (default 1 s → 30 s). */
  backoff?: { initialMs: number; maxMs: number }
  /** vCenter waits (tests shorten them). */
  vcenterTimeouts?: TaskContext['timeouts']
}

export interface RunningAgent {
  gatewayUid: string
  /** Stops polling and heartbeats, aborts running tasks (their leases expire and the console re-queues them). */
  stop(): Promise<void>
}

interface StoredCredential {
  uid: string
  credential: string
  consoleEndpoint: string
}

export const CREDENTIAL_FILE = 'credential.json'

export async function readStoredCredential(stateDir: string): Promise<StoredCredential | undefined> {
  try {
    const stored = JSON.parse(await readFile(join(stateDir, CREDENTIAL_FILE), 'utf8')) as StoredCredential
    return typeof stored.uid === 'string' && typeof stored.credential === 'string' ? stored : undefined
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}

/**
 * Makes sure the credential can be kept before the single-use Pairing Code is spent: an agent that paired
 * and then could not write its credential would leave a gateway nobody can act for, and a used PIN.
 */
async function ensureWritableStateDir(stateDir: string): Promise<void> {
  try {
    await mkdir(stateDir, { recursive: true, mode: 0o700 })
    await access(stateDir, constants.W_OK)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message
    throw new Error(
      `State directory ${stateDir} cannot be written (${code}): the agent keeps its credential there. Pass --state-dir (or PCG_STATE_DIR) with a directory this user can write; the Pairing Code was not used.`,
    )
  }
}

async function storeCredential(stateDir: string, stored: StoredCredential): Promise<void> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 })
  const file = join(stateDir, CREDENTIAL_FILE)
  const tmp = `${file}.${process.pid}.tmp`
  await writeFile(tmp, JSON.stringify(stored), { mode: 0o600 })
  await chmod(tmp, 0o600)
  await rename(tmp, file)
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const t = setTimeout(done, ms)
    function done() {
      clearTimeout(t)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}

/**
 * The network settings the agent was started with, as the pairing request carries them (contracts
 * `gatewayPairSchema`): only those given, proxy URLs without their credentials.
 */
export function pairingSettings(
  config: AgentConfig,
): Omit<GatewayPair, 'pairingCode' | 'name' | 'ipAddress' | 'agentVersion'> {
  const settings = {
    sshPublicKey: config.sshPublicKey,
    podCidr: config.podCidr,
    serviceCidr: config.serviceCidr,
    httpProxy: config.proxy ? withoutCredentials(config.proxy.httpProxy) : undefined,
    httpsProxy: config.proxy ? withoutCredentials(config.proxy.httpsProxy) : undefined,
    noProxy: config.proxy?.noProxy,
  }
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined && v !== ''))
}

/**
 * Starts the agent: pairs with the console (once; the credential is kept in `stateDir`), then heartbeats and
 * long-polls for tasks until stop(). Resolves once paired; rejects when the console refuses the Pairing Code.
 */
export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const log = options.logger ?? new Logger()
  const version = options.agentVersion ?? AGENT_VERSION
  const backoff = options.backoff ?? { initialMs: 1000, maxMs: 30_000 }
  const http = new OutboundHttp(options.proxy)
  const consoleClient = new ConsoleClient(options.consoleEndpoint, http.fetch())
  const stopping = new AbortController()
  log.secret(options.pairingCode)

  let stored = await readStoredCredential(options.stateDir)
  if (stored && stored.consoleEndpoint !== options.consoleEndpoint) {
    log.warn('stored credential belongs to another console; pairing again', { stored: stored.consoleEndpoint })
    stored = undefined
  }
  if (stored) {
    log.secret(stored.credential)
    log.info('using the stored credential', { gatewayUid: stored.uid })
  } else {
    if (!options.pairingCode) {
      await http.close()
      throw new Error('Pairing Code is required: this agent has not paired with the console yet')
    }
    try {
      await ensureWritableStateDir(options.stateDir)
    } catch (err) {
      await http.close()
      throw err
    }
    let delay = backoff.initialMs
    for (;;) {
      try {
        log.info('pairing with the console', { console: options.consoleEndpoint, name: options.name })
        const paired = await consoleClient.pair({
          pairingCode: options.pairingCode,
          name: options.name,
          ipAddress: options.ipAddress,
          agentVersion: version,
          ...pairingSettings(options),
        })
        log.secret(paired.credential)
        stored = { uid: paired.uid, credential: paired.credential, consoleEndpoint: options.consoleEndpoint }
        await storeCredential(options.stateDir, stored)
        log.info('paired', { gatewayUid: paired.uid })
        break
      } catch (err) {
        if (err instanceof ConsoleError && !err.retryable) {
          await http.close()
          throw new Error(
            err.status === 401
              ? 'The console refused the Pairing Code (wrong, expired or already used). Ensure that the Tenant Portal console endpoint does not have a trailing slash and the Pairing Code is typed correctly; get a new one from the Add New Private Cloud Gateway dialog.'
              : `Pairing failed: ${err.message}`,
          )
        }
        log.warn('pairing failed; retrying', { error: (err as Error).message, retryInMs: delay })
        await sleep(delay, stopping.signal)
        delay = Math.min(delay * 2, backoff.maxMs)
      }
    }
  }
  consoleClient.credential = stored.credential
  const gatewayUid = stored.uid

  // ---- heartbeats ----
  const heartbeat = async () => {
    try {
      await consoleClient.heartbeat({ ipAddress: options.ipAddress, agentVersion: version }, stopping.signal)
      log.debug('heartbeat sent')
    } catch (err) {
      if (!stopping.signal.aborted) log.warn('heartbeat failed', { error: (err as Error).message })
    }
  }
  void heartbeat()
  const heartbeatTimer = setInterval(heartbeat, options.heartbeatIntervalMs ?? 10_000)

  // ---- tasks ----
  const running = new Map<string, Promise<void>>()

  const postResult = async (taskId: string, body: Parameters<ConsoleClient['result']>[1]) => {
    let delay = backoff.initialMs
    for (let attempt = 1; !stopping.signal.aborted; attempt++) {
      try {
        await consoleClient.result(taskId, body, stopping.signal)
        return
      } catch (err) {
        const retry = err instanceof ConsoleError && err.retryable && attempt < 8
        log.warn('posting the task result failed', { taskId, error: (err as Error).message, retry })
        if (!retry) return
        await sleep(delay, stopping.signal)
        delay = Math.min(delay * 2, backoff.maxMs)
      }
    }
  }

  const execute = async (task: GatewayTask) => {
    log.secret(task.payload.vcenter.password)
    log.info('task started', { taskId: task.id, kind: task.kind })
    const ctx: TaskContext = {
      signal: stopping.signal,
      nodeTemplate: options.nodeTemplate,
      timeouts: options.vcenterTimeouts,
      vcenterFetch: (insecure) => http.fetch({ insecure }),
      event: async (message, severity = 'Normal') => {
        log.info('task event', { taskId: task.id, message })
        await consoleClient
          .event(task.id, { message, severity }, stopping.signal)
          .catch((err: Error) => log.warn('posting a task event failed', { taskId: task.id, error: err.message }))
      },
    }
    try {
      const result = await runTask(task, ctx)
      if (stopping.signal.aborted) return
      log.info('task done', { taskId: task.id, kind: task.kind })
      await postResult(task.id, { result })
    } catch (err) {
      if (stopping.signal.aborted) return
      const e = err instanceof TaskError ? err : new TaskError('AgentError', String((err as Error)?.message ?? err))
      log.warn('task failed', { taskId: task.id, kind: task.kind, code: e.code, error: e.message })
      await postResult(task.id, { error: { code: e.code, message: log.redact(e.message).slice(0, 2000) } })
    }
  }

  const dispatch = (raw: unknown) => {
    const parsed = gatewayTaskSchema.safeParse(raw)
    const id = (raw as { id?: unknown })?.id
    if (!parsed.success) {
      const kind = (raw as { kind?: unknown })?.kind
      log.warn('task not understood', { taskId: id, kind })
      if (typeof id === 'string') {
        void postResult(id, {
          error: { code: 'UnsupportedTask', message: `This agent (${version}) cannot run task kind ${String(kind)}` },
        })
      }
      return
    }
    const task = parsed.data
    if (running.has(task.id)) return // a lease renewed while it still runs here
    const run = execute(task).finally(() => running.delete(task.id))
    running.set(task.id, run)
  }

  const loop = (async () => {
    let delay = backoff.initialMs
    while (!stopping.signal.aborted) {
      try {
        const items = await consoleClient.poll(options.pollWaitSeconds ?? 20, stopping.signal)
        delay = backoff.initialMs
        for (const item of items) dispatch(item)
      } catch (err) {
        if (stopping.signal.aborted) break
        log.warn('polling for tasks failed; backing off', { error: (err as Error).message, retryInMs: delay })
        await sleep(delay, stopping.signal)
        delay = Math.min(delay * 2, backoff.maxMs)
      }
    }
  })()

  log.info('agent running', { gatewayUid, ipAddress: options.ipAddress, version })
  let stopped: Promise<void> | undefined
  return {
    gatewayUid,
    stop() {
      stopped ??= (async () => {
        log.info('agent stopping')
        stopping.abort()
        clearInterval(heartbeatTimer)
        await loop
        await Promise.allSettled(running.values())
        await http.close()
        log.info('agent stopped')
      })()
      return stopped
    },
  }
}
