import {
  apiKeyCreateBodySchema,
  apiKeyCreatedSchema,
  apiKeyListSchema,
  listQuerySchema,
  uidParamsSchema,
} from '@console/contracts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Deps } from '../../lib/deps.ts'
import { createApiKey, listApiKeys, revokeApiKey } from './service.ts'

const tags = ['apiKeys']

export const apiKeyRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/apiKeys',
    {
      schema: {
        tags,
        summary: 'API keys: your own, or every key for a Tenant Admin',
        querystring: listQuerySchema,
        response: { 200: apiKeyListSchema },
      },
    },
    async (request) => listApiKeys(deps, request.ctx, request.query),
  )
  app.post(
    '/v1/apiKeys',
    {
      schema: {
        tags,
        summary: 'Create an API key for yourself; the answer is the only time the key is shown',
        body: apiKeyCreateBodySchema,
        response: { 201: apiKeyCreatedSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createApiKey(deps, request.ctx, request.body)),
  )
  app.delete(
    '/v1/apiKeys/:uid',
    {
      schema: {
        tags,
        summary: 'Revoke an API key: it stops working at once',
        params: uidParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeApiKey(deps, request.ctx, request.params.uid)
      return reply.status(204).send(null)
    },
  )
}
