import {
  createdSchema,
  listQuerySchema,
  projectBodySchema,
  projectListSchema,
  projectSchema,
  uidParamsSchema,
} from '@console/contracts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Deps } from '../../lib/deps.ts'
import { createProject, deleteProject, getProject, listProjects, updateProject } from './service.ts'

const tags = ['projects']

export const projectRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/projects',
    {
      schema: {
        tags,
        summary: 'Projects visible to the caller',
        querystring: listQuerySchema,
        response: { 200: projectListSchema },
      },
    },
    async (request) => listProjects(deps, request.ctx, request.query),
  )
  app.post(
    '/v1/projects',
    {
      config: { permission: 'projects.manage' },
      schema: { tags, summary: 'Create a project', body: projectBodySchema, response: { 201: createdSchema } },
    },
    async (request, reply) => reply.status(201).send(await createProject(deps, request.ctx, request.body)),
  )
  app.get(
    '/v1/projects/:uid',
    { schema: { tags, params: uidParamsSchema, response: { 200: projectSchema } } },
    async (request) => getProject(deps, request.ctx, request.params.uid),
  )
  app.put(
    '/v1/projects/:uid',
    {
      config: { permission: 'projects.manage' },
      schema: { tags, params: uidParamsSchema, body: projectBodySchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await updateProject(deps, request.ctx, request.params.uid, request.body)
      return reply.status(204).send(null)
    },
  )
  app.delete(
    '/v1/projects/:uid',
    {
      config: { permission: 'projects.manage' },
      schema: { tags, params: uidParamsSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await deleteProject(deps, request.ctx, request.params.uid)
      return reply.status(204).send(null)
    },
  )
}
