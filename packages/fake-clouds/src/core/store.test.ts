import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createClock } from './clock.ts'
import { createStore } from './store.ts'

describe('store', () => {
  let now = 1_000_000
  const clock = createClock(1)
  beforeEach(() => {
    now = 1_000_000
    clock.setFactor(1)
  })
  afterEach(() => vi.restoreAllMocks())
  const key = { cloud: 'tencent' as const, account: '100', region: 'ap-guangzhou', type: 'tke.cluster', id: 'cls-1' }

  it('applies chained transitions lazily on read, scaled by the clock', () => {
    const store = createStore(clock, () => now)
    clock.setFactor(10)
    const r = store.put({ ...key, name: 'a', state: 'new', tags: { team: 'x' }, attrs: {} })
    store.transition(r, 'Creating', [
      { afterMs: 60_000, next: 'Running' },
      { afterMs: 1_000, next: 'Idle' },
    ])
    expect(store.get(key)?.state).toBe('Creating')
    now += 5_999
    expect(store.get(key)?.state).toBe('Creating')
    now += 1
    expect(store.get(key)?.state).toBe('Running')
    now += 100
    expect(store.get(key)?.state).toBe('Idle')
    expect(store.get(key)?.pending).toBeUndefined()
    expect(store.get(key)?.tags).toEqual({ team: 'x' })
  })

  it('removes a resource whose step is next: null and never fires an Infinity step', () => {
    const store = createStore(clock, () => now)
    const r = store.put({ ...key, state: 'Running', tags: {}, attrs: {} })
    store.transition(r, 'Deleting', [{ afterMs: 1_000, next: null }])
    const other = store.put({ ...key, id: 'cls-2', state: 'Running', tags: {}, attrs: {} })
    store.transition(other, 'Deleting', [{ afterMs: Number.POSITIVE_INFINITY, next: null }])
    now += 1_000
    expect(store.get(key)).toBeUndefined()
    expect(store.list({ cloud: 'tencent' }).map((x) => [x.id, x.state])).toEqual([['cls-2', 'Deleting']])
  })

  it('rescales transitions under way when the factor changes', () => {
    const store = createStore(clock, () => now)
    const r = store.put({ ...key, state: 'x', tags: {}, attrs: {} })
    store.transition(r, 'Creating', [{ afterMs: 100_000, next: 'Running' }])
    now += 50_000
    clock.setFactor(50) // 50 s left become 1 s
    now += 999
    expect(store.get(key)?.state).toBe('Creating')
    now += 1
    expect(store.get(key)?.state).toBe('Running')
  })

  it('filters lists, marks seeded puts, keeps createdAt on replace and reports changes', () => {
    const store = createStore(clock, () => now)
    const events: string[] = []
    store.onChange = (e) => events.push(`${e.kind}:${e.resource.id}:${e.resource.state}`)
    store.seedWith(() => store.put({ ...key, type: 'vpc.vpc', id: 'vpc-1', state: 'Available', tags: {}, attrs: {} }))
    const created = store.put({ ...key, state: 'Running', tags: {}, attrs: {}, parentId: 'vpc-1' })
    now += 10
    const replaced = store.put({ ...created, state: 'Updating' })
    expect(replaced.createdAt).toBe(created.createdAt)
    expect(store.list({ type: 'vpc.vpc' })[0]?.seeded).toBe(true)
    expect(store.get(key)?.seeded).toBeUndefined()
    expect(store.list({ parentId: 'vpc-1' }).map((x) => x.id)).toEqual(['cls-1'])
    expect(store.list({ region: 'ap-shanghai' })).toEqual([])
    expect(store.remove(key)).toBe(true)
    expect(store.remove(key)).toBe(false)
    expect(events).toEqual(['put:vpc-1:Available', 'put:cls-1:Running', 'put:cls-1:Updating', 'remove:cls-1:Updating'])
    store.clear()
    expect(store.size()).toBe(0)
  })
})
