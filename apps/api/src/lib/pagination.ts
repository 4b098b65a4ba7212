import type { ListMeta, ListQuery } from '@console/contracts'
import { AppError } from './errors.ts'

/** Offset paging with Palette's opaque `continue` token (a continue token wins over `offset`). */
export function pageWindow(query: ListQuery): { skip: number; take: number } {
  let skip = query.offset
  if (query.continue) {
    const offset = Number(Buffer.from(query.continue, 'base64url').toString('utf8').replace(/^o:/, ''))
    if (!Number.isInteger(offset) || offset < 0) {
      throw new AppError('ValidationError', 'Invalid continue token', [{ path: 'continue', message: 'Invalid token' }])
    }
    skip = offset
  }
  return { skip, take: query.limit }
}

export function listMeta(window: { skip: number; take: number }, returned: number, total: number): ListMeta {
  const next = window.skip + returned
  return {
    count: total,
    limit: window.take,
    offset: window.skip,
    continue: next < total ? Buffer.from(`o:${next}`).toString('base64url') : undefined,
  }
}
