import type { ClusterEvent } from '@console/contracts'
import { describe, expect, it } from 'vitest'
import { mergeEvents } from './use-cluster-events.ts'

const event = (uid: string, seq: string): ClusterEvent => ({
  metadata: { uid, creationTimestamp: '2026-01-01T00:00:00.000Z' },
  reason: 'Task',
  message: uid,
  severity: 'Normal',
  source: { component: 'engine' },
  seq,
})

describe('mergeEvents', () => {
  it('appends live events once each, ordered by their sequence (numerically, not as text)', () => {
    const known = [event('a', '9'), event('b', '10')]
    const merged = mergeEvents(known, [event('c', '11'), event('b', '10'), event('d', '100')])
    expect(merged.map((e) => e.metadata.uid)).toEqual(['a', 'b', 'c', 'd'])
  })
})
