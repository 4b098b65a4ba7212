import type { CloudContext, FakeRequest, FakeResponse } from '../core/types.ts'
import type { Caller } from './session.ts'

/** What a handler gets: the request, its path parameters, its parsed JSON body and the authenticated caller. */
export interface RouteInput {
  ctx: CloudContext
  req: FakeRequest
  params: Record<string, string>
  body: unknown
  caller: Caller
}

export interface Route {
  method: string
  /** Path pattern; `{name}` captures one segment. */
  path: string
  /** Required `action` query value, when the operation is selected by it. */
  action?: string
  /** The operation name used for faults (FaultSpec.action) and the request log. */
  op: string
  /** Needs the Admin role. */
  write?: boolean
  handle(input: RouteInput): FakeResponse | Promise<FakeResponse>
}

export function json(status: number, body: unknown): FakeResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
}

export const ok = (body: unknown) => json(200, body)
export const noContent = (): FakeResponse => ({ status: 204 })
