import { type AuditActionType, type AuditQuery, auditActionTypes } from '@console/contracts'

/** The filters as the page keeps them (in the URL): plain strings, '' = not filtered. */
export interface AuditFilters {
  actionType: string
  resourceKind: string
  userUid: string
  from: string
  to: string
}

export const auditFilterNames = ['actionType', 'resourceKind', 'userUid', 'from', 'to'] as const

export const actionLabels: Record<AuditActionType, string> = {
  create: 'Create',
  update: 'Update',
  delete: 'Delete',
  forceDelete: 'Force delete',
  revoke: 'Revoke',
  login: 'Login',
  loginFailed: 'Login failed',
  logout: 'Logout',
  validationFailed: 'Validation failed',
}

export const actionOptions = auditActionTypes.map((a) => ({ value: a, label: actionLabels[a] }))

function isActionType(value: string): value is AuditActionType {
  return (auditActionTypes as readonly string[]).includes(value)
}

/** A date input's `YYYY-MM-DD` as the start or the end of that day in the user's time zone. */
function dayBoundary(day: string, edge: 'start' | 'end'): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined
  const d = new Date(`${day}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}`)
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString()
}

/** The date range problem to show next to **To**, if any. */
export function dateRangeError(filters: Pick<AuditFilters, 'from' | 'to'>): string | undefined {
  if (filters.from && filters.to && filters.to < filters.from) return 'To must be on or after From'
  return undefined
}

/** Filters → the `GET /v1/audits` query (cursor and limit are added by the pager). */
export function toAuditQuery(filters: AuditFilters): Omit<AuditQuery, 'limit' | 'offset' | 'continue'> {
  const range = dateRangeError(filters)
    ? {}
    : { startTime: dayBoundary(filters.from, 'start'), endTime: dayBoundary(filters.to, 'end') }
  return {
    actionType: isActionType(filters.actionType) ? filters.actionType : undefined,
    resourceKind: filters.resourceKind.trim() || undefined,
    userUid: filters.userUid || undefined,
    ...range,
  }
}
