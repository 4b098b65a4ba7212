import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PIN, startTestConsole, type TestConsole } from './test-console.ts'

const appDir = fileURLToPath(new URL('..', import.meta.url))

function run(args: string[], env: Record<string, string> = {}, program = ['--import', 'tsx', 'src/main.ts']) {
  const child = spawn(process.execPath, [...program, ...args], {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? '', ...env },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => {
    stdout += d
  })
  child.stderr.on('data', (d) => {
    stderr += d
  })
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, exit, out: () => stdout, err: () => stderr }
}

describe('pcg-agent as a program', () => {
  let console_: TestConsole
  let stateDir: string
  beforeAll(async () => {
    console_ = await startTestConsole()
    stateDir = await mkdtemp(join(tmpdir(), 'pcg-agent-cli-'))
  })
  afterAll(async () => {
    await console_.close()
    await rm(stateDir, { recursive: true, force: true })
  })

  it('refuses bad input with exit code 2 and the reason on stderr', async () => {
    const p = run(['--name', 'pcg-lab', '--pairing-code', PIN, '--state-dir', stateDir], {
      PCG_CONSOLE_ENDPOINT: 'https://console.example.com/',
      HTTP_PROXY: 'http://proxy:3128',
    })
    expect(await p.exit).toBe(2)
    expect(p.err()).toContain(
      'Console endpoint https://console.example.com/ ends with a slash. Ensure that the Tenant Portal console endpoint does not have a trailing slash.',
    )
    expect(p.err()).toContain('Proxy settings are incomplete (missing HTTPS PROXY and NO Proxy).')
    expect(p.out()).toBe('')
  })

  it("hands `docker run <image> --flags` (the dialog's command) to the agent: the image has an ENTRYPOINT and no CMD", async () => {
    const dockerfile = await readFile(join(appDir, 'Dockerfile'), 'utf8')
    expect(dockerfile).not.toMatch(/^CMD /m) // arguments after the image replace CMD; they extend ENTRYPOINT
    const entrypoint = JSON.parse(/^ENTRYPOINT (.+)$/m.exec(dockerfile)?.[1] ?? '[]') as string[]
    expect(entrypoint[0]).toBe('node')
    expect(/^WORKDIR (.+)$/gm.exec(dockerfile.split('USER node')[1] ?? '')?.[1]).toBe('/app/apps/pcg-agent')
    const p = run(
      ['--console-endpoint', 'https://console.example.com/', '--pairing-code', PIN, '--name', 'pcg-lab'],
      { PCG_STATE_DIR: stateDir },
      entrypoint.slice(1),
    )
    expect(await p.exit).toBe(2)
    expect(p.err()).toContain('Console endpoint https://console.example.com/ ends with a slash.')
  })

  it('pairs, runs and stops on SIGTERM with exit code 0, never logging the PIN or credential', async () => {
    const p = run(
      ['--name=pcg-cli', `--console-endpoint=${console_.url}`, '--state-dir', stateDir, '--ip-address', '192.0.2.77'],
      { PCG_PAIRING_CODE: PIN },
    )
    await console_.waitFor(() => console_.heartbeats.length > 0, 20_000)
    expect(console_.pairs).toEqual([expect.objectContaining({ name: 'pcg-cli', ipAddress: '192.0.2.77' })])
    p.child.kill('SIGTERM')
    expect(await p.exit).toBe(0)
    expect(p.out()).toContain('"msg":"agent stopped"')
    expect(p.out()).not.toContain(PIN)
    expect(p.out()).not.toContain('c2VjcmV0')
  })
})
