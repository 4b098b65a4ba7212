import { loadConfig } from './config.ts'
import { startServer } from './server.ts'

const server = await startServer(loadConfig()).catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})

// Graceful shutdown: stop accepting, finish in-flight requests, close the database, exit.
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    server
      .close()
      .then(() => process.exit(0))
      .catch(() => process.exit(1))
  })
}
