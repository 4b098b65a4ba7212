import { type AuditEvent, type AuditQuery, auditListSchema, type List } from '@console/contracts'
import type { ApiClient } from '../../../api/client.ts'

export function listAudits(
  client: ApiClient,
  query: Omit<AuditQuery, 'limit' | 'offset' | 'continue'>,
  options: { cursor?: string; signal?: AbortSignal } = {},
): Promise<List<AuditEvent>> {
  return client.request('GET', '/v1/audits', auditListSchema, {
    query: { ...query, limit: 50, continue: options.cursor },
    signal: options.signal,
  })
}
