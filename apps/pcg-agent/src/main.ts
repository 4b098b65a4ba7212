import { readStoredCredential, startAgent } from './agent.ts'
import { Logger } from './log.ts'
import { localAddress } from './network.ts'
import { checkOptions, DEFAULT_STATE_DIR, OPTION_SOURCES, readRawOptions } from './options.ts'

/**
 * `pcg-agent --name pcg-lab --console-endpoint https://console.example.com --pairing-code 4F7K2Q [...]`
 * Every option also reads from an environment variable (see OPTION_SOURCES). Bad input → exit code 2.
 */
const argv = process.argv.slice(2)
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(
    `Usage: pcg-agent [options]\n${OPTION_SOURCES.map((s) => `  ${s.flag.padEnd(20)} ${s.env.padEnd(22)} ${s.label}`).join('\n')}\n`,
  )
  process.exit(0)
}

const { options: raw, errors: parseErrors } = readRawOptions(argv, process.env)
const address = localAddress(raw.ipAddress)
const stored = await readStoredCredential(raw.stateDir ?? DEFAULT_STATE_DIR).catch(() => undefined)
const checked = checkOptions(raw, { ...address, paired: stored !== undefined })
const errors = [...parseErrors, ...(checked.ok ? [] : checked.errors)]
if (errors.length > 0 || !checked.ok) {
  process.stderr.write(`pcg-agent cannot start:\n${errors.map((e) => `  - ${e}`).join('\n')}\n`)
  process.exit(2)
}

const logger = new Logger()
try {
  const agent = await startAgent({ ...checked.config, logger })
  const stop = () => {
    agent.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
} catch (err) {
  logger.error('pcg-agent stopped', { error: (err as Error).message })
  process.exit(1)
}
