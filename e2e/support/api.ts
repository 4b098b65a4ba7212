import type { APIResponse, Page } from '@playwright/test'
import { expect } from './fixtures.ts'

/** A suffix that makes names unique per run (a retry on the same database must not collide). */
export const unique = () => Date.now().toString(36)

/** The CSRF token the web client sends with a cookie session. */
export async function csrfOf(page: Page): Promise<string> {
  return (await page.context().cookies()).find((c) => c.name === 'csrf_token')?.value ?? ''
}

/** A call the way the web client makes it from the logged-in page: session cookie, CSRF header, project scope. */
export async function call(
  page: Page,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  projectUid?: string,
  data?: unknown,
): Promise<APIResponse> {
  const headers: Record<string, string> = { 'X-CSRF-Token': await csrfOf(page) }
  if (projectUid) headers.ProjectUid = projectUid
  return page.request.fetch(path, { method, headers, data })
}

/** As {@link call}, for a call that must succeed: its JSON answer. */
export async function api(page: Page, method: 'GET' | 'POST', path: string, projectUid?: string, data?: unknown) {
  const answer = await call(page, method, path, projectUid, data)
  expect(answer.ok(), `${method} ${path}: ${answer.status()} ${await answer.text()}`).toBe(true)
  return answer.json()
}

/** A cluster profile as GET /v1/clusterprofiles lists it (the fields the tests read). */
export interface ProfileItem {
  metadata: { uid: string; name: string }
  spec: {
    version: string
    published: boolean
    template: { type: string; packs: { name: string; tag: string; values?: string }[] }
  }
}
