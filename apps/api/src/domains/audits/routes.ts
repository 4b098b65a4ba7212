import { auditListSchema, auditQuerySchema } from '@console/contracts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Deps } from '../../lib/deps.ts'
import { listAudits } from './service.ts'

export const auditRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/audits',
    {
      config: { permission: 'audits.read' },
      schema: {
        tags: ['audits'],
        summary: 'Who did what and when, newest first',
        querystring: auditQuerySchema,
        response: { 200: auditListSchema },
      },
    },
    async (request) => listAudits(deps, request.ctx, request.query),
  )
}
