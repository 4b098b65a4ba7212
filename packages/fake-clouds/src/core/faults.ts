import { currentRequestScope, sleep } from './request-context.ts'
import type { CloudName, FaultSpec, Faults } from './types.ts'

/** How long a 'Timeout' fault holds a request: longer than the SDKs' and the console's patience (30 s). */
export const TIMEOUT_HOLD_MS = 35_000

const CLOUDS: readonly CloudName[] = ['tencent', 'aws', 'vsphere']

/**
 * Checks an admin-supplied fault and returns it normalised, or throws a TypeError naming the bad field.
 * `action: '*'` matches every action of that cloud.
 */
export function parseFaultSpec(input: unknown): FaultSpec {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new TypeError('fault must be a JSON object')
  const o = input as Record<string, unknown>
  if (typeof o.cloud !== 'string' || !CLOUDS.includes(o.cloud as CloudName)) {
    throw new TypeError(`cloud must be one of ${CLOUDS.join(', ')}`)
  }
  if (typeof o.action !== 'string' || o.action.length === 0) throw new TypeError('action must be a non-empty string')
  const spec: FaultSpec = { cloud: o.cloud as CloudName, action: o.action }
  if (o.errorRate !== undefined) {
    if (typeof o.errorRate !== 'number' || !(o.errorRate >= 0 && o.errorRate <= 1)) {
      throw new TypeError('errorRate must be a number between 0 and 1')
    }
    spec.errorRate = o.errorRate
  }
  if (o.errorCode !== undefined) {
    if (typeof o.errorCode !== 'string' || o.errorCode.length === 0) throw new TypeError('errorCode must be a string')
    spec.errorCode = o.errorCode
  }
  if (o.latencyMs !== undefined) {
    if (typeof o.latencyMs !== 'number' || !Number.isFinite(o.latencyMs) || o.latencyMs < 0) {
      throw new TypeError('latencyMs must be a number >= 0')
    }
    spec.latencyMs = o.latencyMs
  }
  if (o.stuck !== undefined) {
    if (typeof o.stuck !== 'boolean') throw new TypeError('stuck must be a boolean')
    spec.stuck = o.stuck
  }
  if (spec.errorRate !== undefined && spec.errorCode === undefined) {
    throw new TypeError('errorRate needs an errorCode')
  }
  if (spec.errorCode === undefined && spec.latencyMs === undefined && !spec.stuck) {
    throw new TypeError('a fault needs at least one of errorCode, latencyMs, stuck')
  }
  return spec
}

/**
 * Creates the fault registry. Several faults may be active, also for the same action:
 * latencies add up, the first error that strikes wins. An errorCode without errorRate always strikes.
 * `random` is injectable for tests.
 */
export function createFaults(random: () => number = Math.random): Faults {
  let faults: FaultSpec[] = []
  const applies = (f: FaultSpec, cloud: CloudName, action: string) =>
    f.cloud === cloud && (f.action === action || f.action === '*')

  return {
    add(spec) {
      faults.push({ ...spec })
    },
    clear() {
      faults = []
    },
    list() {
      return faults.map((f) => ({ ...f }))
    },
    async intercept(cloud, action) {
      const scope = currentRequestScope()
      if (scope) {
        scope.cloud = cloud
        scope.action = action
      }
      const active = faults.filter((f) => applies(f, cloud, action))
      const latency = active.reduce((sum, f) => sum + (f.latencyMs ?? 0), 0)
      if (latency > 0) await sleep(latency, scope?.signal)
      for (const f of active) {
        if (f.errorCode === undefined) continue
        if (random() < (f.errorRate ?? 1)) {
          // A timeout never answers in time: hold the request until the client gives up.
          if (f.errorCode === 'Timeout') await sleep(TIMEOUT_HOLD_MS, scope?.signal)
          return { errorCode: f.errorCode }
        }
      }
      return undefined
    },
    isStuck(cloud, action) {
      return faults.some((f) => f.stuck === true && applies(f, cloud, action))
    },
  }
}
