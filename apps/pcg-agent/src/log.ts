/** One log line: JSON with time, level and message; secrets registered with the logger never appear in it. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogSink = (line: string) => void

export class Logger {
  private readonly secrets = new Set<string>()

  constructor(
    private readonly sink: LogSink = (line) => process.stdout.write(`${line}\n`),
    private readonly minLevel: LogLevel = 'info',
  ) {}

  /** Registers a value (credential, PIN, vCenter password) that must never be written. */
  secret(value: string | undefined): void {
    if (value && value.length >= 3) this.secrets.add(value)
  }

  debug(message: string, fields?: Record<string, unknown>) {
    this.write('debug', message, fields)
  }
  info(message: string, fields?: Record<string, unknown>) {
    this.write('info', message, fields)
  }
  warn(message: string, fields?: Record<string, unknown>) {
    this.write('warn', message, fields)
  }
  error(message: string, fields?: Record<string, unknown>) {
    this.write('error', message, fields)
  }

  /** Masks every registered secret in a text. */
  redact(text: string): string {
    let out = text
    for (const s of this.secrets) out = out.split(s).join('***')
    return out
  }

  private write(level: LogLevel, message: string, fields: Record<string, unknown> = {}) {
    const order: LogLevel[] = ['debug', 'info', 'warn', 'error']
    if (order.indexOf(level) < order.indexOf(this.minLevel)) return
    const line = JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields })
    this.sink(this.redact(line))
  }
}
