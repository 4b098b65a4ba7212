import { describe, expect, it } from 'vitest'
import { dateRangeError, toAuditQuery } from './audit-filters.ts'

const none = { actionType: '', resourceKind: '', userUid: '', from: '', to: '' }

describe('toAuditQuery', () => {
  it('sends only the filters that are set, with whole local days as the time range', () => {
    const q = toAuditQuery({
      ...none,
      actionType: 'delete',
      resourceKind: ' project ',
      from: '2026-11-01',
      to: '2026-11-02',
    })
    expect(q.actionType).toBe('delete')
    expect(q.resourceKind).toBe('project')
    expect(q.userUid).toBeUndefined()
    expect(new Date(q.startTime!).getTime()).toBe(new Date('2026-11-01T00:00:00').getTime())
    expect(new Date(q.endTime!).getTime()).toBe(new Date('2026-11-02T23:59:59.999').getTime())
  })

  it('ignores an unknown action and a reversed range, which the page reports instead', () => {
    const filters = { ...none, actionType: 'explode', from: '2026-11-05', to: '2026-11-01' }
    expect(toAuditQuery(filters)).toEqual({ actionType: undefined, resourceKind: undefined, userUid: undefined })
    expect(dateRangeError(filters)).toBe('To must be on or after From')
  })
})
