import {
  createdSchema,
  listQuerySchema,
  uidParamsSchema,
  userCreateBodySchema,
  userListSchema,
  userSchema,
  userUpdateBodySchema,
} from '@console/contracts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Deps } from '../../lib/deps.ts'
import { createUser, deleteUser, getUser, listUsers, updateUser } from './service.ts'

const tags = ['users']
const config = { permission: 'users.manage' as const }

export const userRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/users',
    { config, schema: { tags, querystring: listQuerySchema, response: { 200: userListSchema } } },
    async (request) => listUsers(deps, request.ctx, request.query),
  )
  app.post(
    '/v1/users',
    { config, schema: { tags, body: userCreateBodySchema, response: { 201: createdSchema } } },
    async (request, reply) => reply.status(201).send(await createUser(deps, request.ctx, request.body)),
  )
  app.get(
    '/v1/users/:uid',
    { config, schema: { tags, params: uidParamsSchema, response: { 200: userSchema } } },
    async (request) => getUser(deps, request.ctx, request.params.uid),
  )
  app.put(
    '/v1/users/:uid',
    { config, schema: { tags, params: uidParamsSchema, body: userUpdateBodySchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await updateUser(deps, request.ctx, request.params.uid, request.body)
      return reply.status(204).send(null)
    },
  )
  app.delete(
    '/v1/users/:uid',
    { config, schema: { tags, params: uidParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteUser(deps, request.ctx, request.params.uid)
      return reply.status(204).send(null)
    },
  )
}
