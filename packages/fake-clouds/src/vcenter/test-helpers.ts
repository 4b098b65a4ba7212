import { type FakeClouds, startFakeClouds } from '../index.ts'

/** A reply as tests look at it: status, parsed JSON body (undefined when empty). */
export interface Reply {
  status: number
  body: any
}

/** A running fake plus a tiny vCenter REST caller, for the tests of this folder. */
export interface VcenterHarness {
  fake: FakeClouds
  endpoint: string
  admin: { username: string; password: string }
  readOnly: { username: string; password: string }
  /** POST /api/session with basic auth; returns the reply (session id in body on success). */
  login(user?: { username: string; password: string }): Promise<Reply>
  /** Calls the API with a session id (defaults to an admin session made on first use). */
  call(method: string, path: string, body?: unknown, sessionId?: string): Promise<Reply>
  /** Polls until `check` returns a value other than undefined (real time, bounded). */
  until<T>(check: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>
}

export function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text()
  return { status: res.status, body: text.length > 0 ? JSON.parse(text) : undefined }
}

/** Starts the fake clouds with a high time-scale so clones take ~100 ms. */
export async function startVcenterHarness(timeScale = 1000): Promise<VcenterHarness> {
  const fake = await startFakeClouds({ port: 0, timeScale })
  const endpoint = fake.endpoints.vsphere.endpoint
  const users = fake.accounts.filter((a) => a.cloud === 'vsphere')
  const adminAccount = users.find((u) => u.note.startsWith('full'))!
  const readOnlyAccount = users.find((u) => u.note.startsWith('read-only'))!
  const admin = { username: adminAccount.id, password: adminAccount.secret }
  const readOnly = { username: readOnlyAccount.id, password: readOnlyAccount.secret }
  let adminSession: string | undefined

  const login = async (user = admin) =>
    reply(
      await fetch(`${endpoint}/api/session`, {
        method: 'POST',
        headers: { authorization: basic(user.username, user.password) },
      }),
    )

  const harness: VcenterHarness = {
    fake,
    endpoint,
    admin,
    readOnly,
    login,
    async call(method, path, body, sessionId) {
      if (sessionId === undefined) {
        adminSession ??= (await login()).body as string
        sessionId = adminSession
      }
      const headers: Record<string, string> = { 'vmware-api-session-id': sessionId }
      if (body !== undefined) headers['content-type'] = 'application/json'
      const res = await fetch(`${endpoint}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      return reply(res)
    },
    async until(check, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const value = await check()
        if (value !== undefined) return value
        if (Date.now() > deadline) throw new Error('condition not met in time')
        await new Promise((r) => setTimeout(r, 20))
      }
    },
  }
  return harness
}
