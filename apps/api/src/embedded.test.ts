import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { loadConfig } from './config.ts'
import { startServer } from './server.ts'

const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

it('without DATABASE_URL the console starts on an embedded database, migrates it, prints a generated admin password and lets that admin log in', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'console-embedded-'))
  dirs.push(dataDir)
  const printed: string[] = []
  const server = await startServer(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
    print: (l) => printed.push(l),
  })
  try {
    const password = /Generated password[^:]*: (\S+)/.exec(printed.join('\n'))?.[1]
    expect(password).toBeTruthy()
    const login = await fetch(`${server.url}/v1/auth/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ emailId: 'admin@example.com', password }),
    })
    expect(login.status).toBe(200)
    const me = await fetch(`${server.url}/v1/users/me`, {
      headers: { authorization: ((await login.json()) as { Authorization: string }).Authorization },
    })
    expect(((await me.json()) as { spec: { roles: unknown } }).spec.roles).toEqual([{ role: 'Tenant Admin' }])
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200)
    const key = await stat(path.join(dataDir, 'secret.key'))
    expect(key.mode & 0o777).toBe(0o600)
    expect((await stat(path.join(dataDir, 'pglite'))).isDirectory()).toBe(true)
  } finally {
    await server.close()
  }
}, 90_000)
