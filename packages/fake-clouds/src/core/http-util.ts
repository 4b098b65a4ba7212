import type { FakeResponse } from './types.ts'

/** A JSON reply with the right content type. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  }
}

/** Parses a JSON request body; undefined for an empty body; throws SyntaxError when malformed. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined
  return JSON.parse(body.toString('utf8'))
}
