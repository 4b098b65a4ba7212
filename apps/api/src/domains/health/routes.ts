import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Deps } from '../../lib/deps.ts'

const status = z.object({ status: z.string() })

/** Liveness (the process answers) and readiness (the database answers and we are not shutting down). */
export const healthRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/healthz', { config: { public: true }, schema: { hide: true, response: { 200: status } } }, async () => ({
    status: 'ok',
  }))
  app.get(
    '/readyz',
    { config: { public: true }, schema: { hide: true, response: { 200: status, 503: status } } },
    async (_request, reply) => {
      if (deps.state.shuttingDown) return reply.status(503).send({ status: 'shutting down' })
      try {
        await deps.prisma.$queryRaw`SELECT 1`
        return { status: 'ready' }
      } catch {
        return reply.status(503).send({ status: 'database unavailable' })
      }
    },
  )
}
