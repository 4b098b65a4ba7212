import type { ScalableClock } from './clock.ts'
import type { CloudName, ResourceFilter, ResourceRecord, Store } from './types.ts'

type ResourceKey = { cloud: CloudName; account: string; region: string; type: string; id: string }
type Step = { afterMs: number; next: string | null }

/** The in-memory Store plus what only the core needs (seeding flag). */
export interface MemoryStore extends Store {
  /** Runs `fn` with every put() marking its resource as `seeded` (fixture loading). */
  seedWith(fn: () => void): void
  /** Number of live resources (due transitions applied). */
  size(): number
}

function keyOf(k: ResourceKey): string {
  return [k.cloud, k.account, k.region, k.type, k.id].join('\u0000')
}

/**
 * Creates the store every module keeps its state in. Transitions are lazy: nothing runs
 * in the background, every read applies the steps that are due, so a paused process or a
 * changed time-scale never leaves timers behind.
 */
export function createStore(clock: ScalableClock, now: () => number = Date.now): MemoryStore {
  const records = new Map<string, ResourceRecord>()
  let seeding = false

  const store: MemoryStore = {
    put(resource) {
      const key = keyOf(resource)
      const existing = records.get(key)
      const record: ResourceRecord = {
        ...resource,
        tags: { ...(resource.tags ?? {}) },
        createdAt: resource.createdAt ?? existing?.createdAt ?? now(),
      }
      if (seeding) record.seeded = true
      records.set(key, record)
      store.onChange?.({ kind: 'put', resource: record })
      return { ...record }
    },
    get(key) {
      const record = settle(keyOf(key))
      return record ? { ...record } : undefined
    },
    list(filter: ResourceFilter) {
      const out: ResourceRecord[] = []
      for (const key of [...records.keys()]) {
        const record = settle(key)
        if (record && matches(record, filter)) out.push({ ...record })
      }
      return out
    },
    remove(key) {
      const k = keyOf(key)
      const record = records.get(k)
      if (!record) return false
      records.delete(k)
      store.onChange?.({ kind: 'remove', resource: record })
      return true
    },
    transition(resource, state, steps) {
      const key = keyOf(resource)
      const base = records.get(key) ?? { ...resource }
      const [first, ...rest] = steps
      const record: ResourceRecord = { ...base, ...resource, state, createdAt: base.createdAt ?? now() }
      delete record.pending
      if (first) {
        record.pending = { at: now() + clock.scaled(first.afterMs), next: first.next }
        // biome-ignore lint/suspicious/noThenProperty: `then` is the field name types.ts defines for chained steps
        if (rest.length > 0) record.pending.then = rest.map((s) => ({ ...s }))
      }
      records.set(key, record)
      if (base.state !== state) store.onChange?.({ kind: 'state', resource: record })
      // A zero-length first step is due at once.
      const settled = settle(key)
      return settled ? { ...settled } : { ...record }
    },
    clear() {
      records.clear()
    },
    seedWith(fn) {
      seeding = true
      try {
        fn()
      } finally {
        seeding = false
      }
    },
    size() {
      return store.list({}).length
    },
  }

  /** Applies every due step of one record; returns it, or undefined once it is gone. */
  function settle(key: string): ResourceRecord | undefined {
    const record = records.get(key)
    if (!record) return undefined
    const t = now()
    while (record.pending && record.pending.at <= t) {
      const { at, next, then } = record.pending
      if (next === null) {
        records.delete(key)
        store.onChange?.({ kind: 'remove', resource: record })
        return undefined
      }
      record.state = next
      const [following, ...rest] = then ?? []
      if (following) {
        // Chain from the moment the previous step fired, not from the read, so timings stay exact.
        record.pending = { at: at + clock.scaled(following.afterMs), next: following.next }
        // biome-ignore lint/suspicious/noThenProperty: `then` is the field name types.ts defines for chained steps
        if (rest.length > 0) record.pending.then = rest
      } else {
        delete record.pending
      }
      store.onChange?.({ kind: 'state', resource: record })
    }
    return record
  }

  // A new time-scale also applies to transitions already under way: the real time left shrinks or grows.
  clock.onFactorChange((oldFactor, newFactor) => {
    const t = now()
    for (const key of [...records.keys()]) {
      const record = settle(key)
      if (!record?.pending || !Number.isFinite(record.pending.at)) continue
      record.pending.at = t + ((record.pending.at - t) * oldFactor) / newFactor
    }
  })

  return store
}

function matches(record: ResourceRecord, filter: ResourceFilter): boolean {
  return (
    (filter.cloud === undefined || record.cloud === filter.cloud) &&
    (filter.account === undefined || record.account === filter.account) &&
    (filter.region === undefined || record.region === filter.region) &&
    (filter.type === undefined || record.type === filter.type) &&
    (filter.parentId === undefined || record.parentId === filter.parentId)
  )
}

export type { Step as TransitionStep }
