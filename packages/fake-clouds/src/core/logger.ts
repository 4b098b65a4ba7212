import type { Logger } from './types.ts'

/** A Logger that drops everything (the default in tests). */
export const silentLogger: Logger = { info() {}, warn() {} }

/**
 * A Logger printing one line per message: `time level msg key=value …`.
 * Callers pass only non-secret data; the request log never includes headers or bodies.
 */
export function createConsoleLogger(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const line = (level: string, msg: string, data?: Record<string, unknown>) => {
    const fields = data
      ? Object.entries(data)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
          .join(' ')
      : ''
    write(`${new Date().toISOString()} ${level} ${msg}${fields ? ` ${fields}` : ''}`)
  }
  return {
    info: (msg, data) => line('info', msg, data),
    warn: (msg, data) => line('warn', msg, data),
  }
}
